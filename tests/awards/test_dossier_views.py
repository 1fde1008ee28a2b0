"""Dossier pages: every view against the permission matrix, the buttons the workflow allows, pinned query counts."""

import re

import pytest
from django.urls import reverse

from awards.models import Dossier, DossierEvent, DossierLine, Notification
from awards.rules.workflow import Action as A
from awards.services import dossiers

from tests.awards.dossier_factories import (
    R,
    approve_all,
    line_for,
    make_list,
    official,
    people,
    refresh,
    submit,
)
from tests.awards.pdf_files import pdf_upload

pytestmark = pytest.mark.django_db
S, L = Dossier.Status, DossierLine.Status


@pytest.fixture
def world(cast, central, province_clerk, submitted_dossier):
    cast.phuong, cast.dossier = province_clerk, submitted_dossier
    return cast


def url(name, obj):
    return reverse(f"awards:{name}", args=[obj.pk])


def received(world):
    dossiers.receive_dossier(world.dossier, actor=world.phuong)
    return refresh(world.dossier)


def reviewed(world):
    approve_all(received(world), world.carol)
    return refresh(world.dossier)


def returned(world):
    dossier = received(world)
    bk_ttg = line_for(dossier, "BK_TTG")
    return dossiers.return_dossier(dossier, actor=world.carol, verdicts={bk_ttg.pk: (A.RETURN, "Thiếu số liệu.")})


def closed(world):
    dossiers.forward_dossiers([reviewed(world)], actor=world.dave)
    return refresh(world.dossier)


# (name, setup, method, data, who may act): each view, the status it acts in, valid input, the actor.
VIEWS = [
    ("dossier_receive", lambda w: w.dossier, {"tiep-nhan-comment": "Đủ"}, "phuong"),
    ("dossier_refuse", lambda w: w.dossier, {"missing": "Thiếu biên bản."}, "phuong"),
    ("dossier_return", received, {"reason": "Bổ sung số liệu."}, "carol"),
    ("dossier_resubmit", returned, {}, "alice"),
    ("dossier_settle", None, {}, "dave"),
    ("dossier_forward", reviewed, {"dossiers": "self"}, "dave"),
]


def setup_for(world, name, setup):
    if name == "dossier_settle":
        dossier = received(world)
        dossiers.approve_dossier(dossier, actor=world.carol, verdicts={
            line_for(dossier, "BK_TINH").pk: (A.APPROVE, ""), line_for(dossier, "BK_TTG").pk: (A.REJECT, "Chưa đủ")})
        return refresh(dossier)
    return setup(world)


def post_data(world, name, dossier, data):
    if name == "dossier_forward":
        return {"dossiers": [dossier.pk], f"version-{dossier.pk}": dossier.version}
    return {**data, "version": dossier.version}


@pytest.mark.parametrize(("name", "setup", "data", "actor"), VIEWS, ids=[v[0] for v in VIEWS])
@pytest.mark.parametrize("who", ["anonymous", "olga", "bystander", "actor"])
def test_every_act_answers_the_permission_matrix(client, login, world, name, setup, data, actor, who):
    dossier = setup_for(world, name, setup)
    before = DossierEvent.objects.count()
    # A bystander sees the dossier but holds no role that may take this act on it.
    bystander = "erin" if actor == "alice" else "alice"
    if who != "anonymous":
        login(getattr(world, {"olga": "olga", "bystander": bystander, "actor": actor}[who]))
    response = client.post(url(name, dossier), post_data(world, name, dossier, data))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif who == "olga":
        assert response.status_code == 404
    elif who == "bystander":
        assert response.status_code == 403
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert DossierEvent.objects.count() > before
    if who != "actor":
        assert DossierEvent.objects.count() == before


@pytest.mark.parametrize("name", ["dossier_detail", "dossier_inbox", "dossier_list"])
@pytest.mark.parametrize("who", ["anonymous", "olga", "alice", "carol", "dave"])
def test_the_pages_answer_the_permission_matrix(client, login, world, name, who):
    target = url(name, world.dossier) if name == "dossier_detail" else reverse(f"awards:{name}")
    if who != "anonymous":
        login(getattr(world, who))
    response = client.get(target)
    if who == "anonymous":
        assert response.status_code == 302
    elif who == "olga" and name == "dossier_detail":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        # Nothing waits for these people yet (the province clerk must receive it first), but all but the
        # outsider see the dossier in the list.
        shown = {"dossier_detail": True, "dossier_inbox": False, "dossier_list": who != "olga"}[name]
        assert (f'href="{url("dossier_detail", world.dossier)}"' in response.content.decode()
                or name == "dossier_detail") == shown


def test_an_outsider_cannot_download_a_dossiers_document(client, login, world):
    bundle = dossiers.forward_dossiers([reviewed(world)], actor=world.dave, proposal=pdf_upload("To trinh.pdf"))
    document = bundle.attachments.get()
    assert login(world.olga).get(url("dossier_attachment_download", document)).status_code == 404
    response = login(world.carol).get(url("dossier_attachment_download", document))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


# The page shows exactly the buttons the workflow allows

BUTTONS = {"form-tiep-nhan": A.RECEIVE, "form-tu-choi": A.REFUSE, "form-tra-lai": A.RETURN,
           "form-tham-dinh": A.APPROVE, "form-gui-lai": A.RESUBMIT, "chuyen-len": A.FORWARD, "form-trinh": A.SETTLE,
           "form-quyet-dinh": A.DECIDE}


@pytest.mark.parametrize("state", ["submitted", "received", "returned", "reviewed", "closed"])
@pytest.mark.parametrize("who", ["alice", "bob", "phuong", "carol", "dave"])
def test_the_page_offers_exactly_the_allowed_actions(client, login, world, state, who):
    from awards.rules import workflow

    dossier = {"submitted": lambda w: w.dossier, "received": received, "returned": returned, "reviewed": reviewed,
               "closed": closed}[state](world)
    user = getattr(world, who)
    allowed = set(workflow.allowed_actions(dossier, user))
    html = login(user).get(url("dossier_detail", dossier)).content.decode()
    shown = {action for element, action in BUTTONS.items() if f'id="{element}"' in html}
    assert shown == allowed - {A.EDIT}
    assert ('action="/khen-thuong/ho-so/dong/' in html) == (A.EDIT in allowed)


# Acting through the pages

def test_a_reviewer_returns_a_line_with_its_reason_and_the_clerk_sees_it(client, login, world):
    dossier = received(world)
    bk_tinh, bk_ttg = line_for(dossier, "BK_TINH"), line_for(dossier, "BK_TTG")
    response = login(world.carol).post(url("dossier_review", dossier), {
        f"ket_qua_{bk_tinh.pk}": A.APPROVE, f"ket_qua_{bk_ttg.pk}": A.RETURN,
        f"ly_do_{bk_ttg.pk}": "Thiếu xác nhận sáng kiến.", "version": dossier.version})
    assert response.status_code == 302
    assert refresh(dossier).status == S.RETURNED
    html = login(world.alice).get(url("dossier_detail", dossier)).content.decode()
    assert "Lý do: Thiếu xác nhận sáng kiến." in html and 'id="form-gui-lai"' in html
    assert 'id="ly-do-tra-lai"' in html and "Trần Thị Bình: Thiếu xác nhận sáng kiến." in html


def test_sending_a_returned_dossier_again_asks_first_with_its_lines_and_receiver(client, login, world):
    dossier = returned(world)
    client = login(world.alice)
    page = client.get(url("dossier_resubmit", dossier))
    rows = {row.label: list(row.values) for row in page.context["confirmation"].rows}
    html = page.content.decode()
    assert rows["Nơi nhận"] == ["Tỉnh Phú Thọ"] and rows["Số đề nghị trong hồ sơ"] == ["2 đề nghị"]
    assert "Xác nhận gửi lại Tỉnh Phú Thọ" in html and 'name="gui-lai-comment"' in html
    assert refresh(dossier).status == S.RETURNED
    response = client.post(url("dossier_resubmit", dossier), {"version": refresh(dossier).version})
    assert response.status_code == 302 and refresh(dossier).status != S.RETURNED


def test_a_review_without_reasons_is_shown_again_with_everything_typed(client, login, world):
    dossier = received(world)
    bk_tinh, bk_ttg = line_for(dossier, "BK_TINH"), line_for(dossier, "BK_TTG")
    response = login(world.carol).post(url("dossier_review", dossier), {
        f"ket_qua_{bk_tinh.pk}": A.APPROVE, f"ket_qua_{bk_ttg.pk}": A.REJECT, f"ly_do_{bk_tinh.pk}": "Rất tốt",
        "comment": "Ý kiến chung giữ lại", "version": dossier.version})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ghi lý do để đơn vị gửi biết cần làm gì." in html
    assert "Ý kiến chung giữ lại" in html and "Rất tốt" in html
    assert re.search(rf'name="ket_qua_{bk_ttg.pk}" value="reject"[^>]*checked', html)
    assert refresh(dossier).status == S.RECEIVED


def test_an_empty_refusal_keeps_the_page_and_asks_for_the_missing_documents(client, login, world):
    response = login(world.phuong).post(url("dossier_refuse", world.dossier),
                                        {"missing": "  ", "version": world.dossier.version})
    assert response.status_code == 200 and "Trường này là bắt buộc" in response.content.decode()
    assert refresh(world.dossier).status == S.SUBMITTED


def test_two_people_on_one_page_the_second_is_told_who_acted_first(client, login, world):
    dossier = reviewed(world)
    dossiers.forward_dossiers([dossier], actor=world.dave)
    second = official("lanh-dao-2", dossier.receiver, R.APPROVER)
    response = login(second).post(url("dossier_settle", dossier), {"version": dossier.version}, follow=True)
    text = response.content.decode()
    assert "Hồ sơ vừa được Dave xử lý (chuyển lên cấp trên" in text and "trang đã tải lại trạng thái mới" in text
    assert refresh(dossier).status == S.CLOSED


def test_the_forward_page_bundles_the_reviewed_dossiers_of_two_communes(client, login, world, tree):
    clerk = official("hl-clerk", tree.hien_luong, R.CLERK)
    [chi] = people(tree.hien_luong, ["Lê Văn Chí"])
    [other] = submit(make_list(tree.hien_luong, clerk, [(chi, "BK_TTG")], title="Hiền Lương"), clerk)
    for dossier in (world.dossier, other):
        dossiers.receive_dossier(dossier, actor=world.phuong)
        approve_all(dossier, world.carol)
    client = login(world.dave)
    response = client.get(url("dossier_forward", world.dossier))
    page = response.content.decode()
    assert "Hiền Lương" in page and "Ban Thi đua - Khen thưởng Trung ương" in page
    # Before anything moves, the page says what goes up from each packet and what stays.
    rows = {row.label: list(row.values) for row in response.context["confirmation"].rows}
    assert rows["Nơi nhận"] == ["Ban Thi đua - Khen thưởng Trung ương"]
    assert rows[f"Hồ sơ số {world.dossier.pk} — Xã Hạ Hòa"] == [
        "1 đề nghị chuyển lên (Bằng khen của Thủ tướng Chính phủ: 1 cá nhân); 1 đề nghị ở lại chờ quyết định tại "
        "Tỉnh Phú Thọ"]
    assert rows[f"Hồ sơ số {other.pk} — Xã Hiền Lương"] == [
        "1 đề nghị chuyển lên (Bằng khen của Thủ tướng Chính phủ: 1 cá nhân)"]
    assert "Xác nhận chuyển lên Ban Thi đua - Khen thưởng Trung ương" in page
    response = client.post(url("dossier_forward", world.dossier), {
        "dossiers": [world.dossier.pk, other.pk], "proposal": pdf_upload("To trinh.pdf"),
        f"version-{world.dossier.pk}": refresh(world.dossier).version, f"version-{other.pk}": refresh(other).version})
    bundle = Dossier.objects.get(sender=tree.phu_tho)
    assert response.status_code == 302 and response["Location"] == url("dossier_detail", bundle)
    assert bundle.lines.count() == 2 and bundle.attachments.count() == 1


def test_the_sender_fixes_a_returned_line_and_adds_a_document_from_the_dossier_page(client, login, world):
    dossier = returned(world)
    line = line_for(dossier, "BK_TTG")
    client = login(world.alice)
    response = client.post(url("dossier_line_edit", line), {"summary": "Đã bổ sung số liệu.",
                                                           "version": dossier.version})
    assert response.status_code == 302 and line_for(dossier, "BK_TTG").nomination_line.summary == "Đã bổ sung số liệu."
    response = client.post(url("dossier_line_upload", line), {"kind": "khac", "file": pdf_upload("Bo sung.pdf"),
                                                             "version": refresh(dossier).version})
    assert response.status_code == 302
    assert line.nomination_line.attachments.filter(original_name="Bo sung.pdf").exists()
    # The page opens at the line's row, marked, with the message beside it.
    assert response["Location"] == url("dossier_detail", dossier) + f"?dong={line.pk}#dong-{line.pk}"
    row = re.search(rf'<tr id="dong-{line.pk}" class="row-just-changed">(.*?)</tr>',
                    client.get(response["Location"]).content.decode(), re.S).group(1)
    assert "Đã tải lên Tài liệu khác cho" in row
    # A line that was not returned takes no document.
    other = line_for(dossier, "BK_TINH")
    client.post(url("dossier_line_upload", other), {"kind": "khac", "file": pdf_upload("Khong.pdf")})
    assert not other.nomination_line.attachments.filter(original_name="Khong.pdf").exists()


def test_the_inbox_shows_what_waits_oldest_first_and_the_notifications(client, login, world,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.receive_dossier(world.dossier, actor=world.phuong)
    html = login(world.carol).get(reverse("awards:dossier_inbox")).content.decode()
    assert "Thẩm định" in html and "20 ngày làm việc" in html and "thời hạn cần kiểm tra" in html
    assert "Hồ sơ cần thẩm định" in html
    login(world.carol).post(reverse("awards:notifications_read"))
    assert not Notification.objects.filter(recipient=world.carol, read_at__isnull=True).exists()
    html = login(world.alice).get(reverse("awards:dossier_inbox")).content.decode()
    assert 'id="khong-co-viec"' in html and "Tỉnh Phú Thọ đã tiếp nhận" in html


def test_an_overdue_dossier_is_highlighted_in_the_inbox(client, login, world):
    import datetime

    from django.utils import timezone

    Dossier.objects.filter(pk=world.dossier.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=60))
    html = login(world.phuong).get(reverse("awards:dossier_inbox")).content.decode()
    assert 'class="table-danger"' in html and "Quá hạn" in html


def test_the_dossier_page_shows_the_route_and_where_each_line_is_now(client, login, world, central):
    dossier = closed(world)
    html = login(world.alice).get(url("dossier_detail", dossier)).content.decode()
    route = html[html.index('id="tuyen"'):html.index("</ol>", html.index('id="tuyen"'))]
    assert route.index("Xã Hạ Hòa") < route.index("Tỉnh Phú Thọ") < route.index("Ban Thi đua - Khen thưởng Trung ương")
    assert "Chủ tịch nước" not in route  # no line of this packet goes that far
    assert "Hiện ở Ban Thi đua - Khen thưởng Trung ương: chờ tiếp nhận" in html
    assert "Lần gửi thứ 1" in html and "Chuyển lên cấp trên" in html


# Query counts do not grow with the data

def add_lines(world, tree, n, start=0, code="BK_TINH"):
    entries = [(person, code) for person in people(tree.hien_luong, [f"Cán bộ Số {start + i}" for i in range(n)])]
    clerk = official(f"hl-clerk-{start}", tree.hien_luong, R.CLERK)
    [dossier] = submit(make_list(tree.hien_luong, clerk, entries, title=f"Danh sách {start}"), clerk)
    return dossier


def test_the_dossier_page_runs_a_fixed_number_of_queries(client, login, world, tree, django_assert_num_queries):
    small, big = add_lines(world, tree, 2), add_lines(world, tree, 12, start=100)
    client = login(world.phuong)
    client.get(url("dossier_detail", small))
    with django_assert_num_queries(15):
        client.get(url("dossier_detail", small))
    with django_assert_num_queries(15):
        client.get(url("dossier_detail", big))


@pytest.mark.parametrize("waiting", [1, 6])
def test_the_inbox_and_the_list_run_a_fixed_number_of_queries(client, login, world, tree, waiting,
                                                              django_assert_num_queries):
    for start in range(waiting - 1):
        add_lines(world, tree, 1, start=1000 + start)
    assert Dossier.objects.filter(status=S.SUBMITTED).count() == waiting
    client = login(world.phuong)
    with django_assert_num_queries(10):  # the working-day calendar is read once per inbox
        html = client.get(reverse("awards:dossier_inbox")).content.decode()
    assert html.count("Tiếp nhận hồ sơ") == waiting
    with django_assert_num_queries(9):
        html = client.get(reverse("awards:dossier_list")).content.decode()
    assert html.count('<tr>') == waiting + 1


def test_the_portal_writes_the_proposal_of_a_bundle_addressed_to_the_next_level(client, login, world):
    import io

    from pypdf import PdfReader

    bundle = dossiers.forward_dossiers([reviewed(world)], actor=world.dave)
    assert f'href="/khen-thuong/ho-so/{bundle.pk}/to-trinh.pdf"' in login(world.dave).get(
        url("dossier_detail", bundle)).content.decode()
    response = login(world.dave).get(url("dossier_proposal_pdf", bundle))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert "TỜ TRÌNH" in text and "Kính gửi: Ban Thi đua - Khen thưởng Trung ương" in text
    assert "Trần Thị Bình" in text and "Nguyễn Văn An" not in text  # only the forwarded line
    assert login(world.olga).get(url("dossier_proposal_pdf", bundle)).status_code == 404


def test_submitting_a_list_says_where_it_went_and_links_to_its_dossiers(client, login, cast, tree, central):
    from tests.awards.pdf_files import attach_missing

    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN"), (binh, "BK_TINH")])
    attach_missing(nomination_list, actor=cast.alice)
    client = login(cast.alice)
    response = client.post(reverse("awards:nomination_list_submit", args=[nomination_list.pk]), follow=True)
    text = response.content.decode()
    upward, local = Dossier.objects.filter(nomination_list=nomination_list).order_by("pk")
    assert f"hồ sơ số {upward.pk} gửi Tỉnh Phú Thọ; hồ sơ số {local.pk} chờ quyết định tại đơn vị" in text
    listing = client.get(reverse("awards:dossier_list") + f"?danh_sach={nomination_list.pk}").content.decode()
    assert listing.count("<tr>") == 3


@pytest.mark.parametrize("name", ["dossier_line_edit", "dossier_line_upload", "dossier_document_upload"])
@pytest.mark.parametrize("who", ["anonymous", "olga", "carol", "alice"])
def test_the_senders_fixes_answer_the_permission_matrix(client, login, world, name, who):
    dossier = returned(world)
    line = line_for(dossier, "BK_TTG")
    target = url(name, dossier if name == "dossier_document_upload" else line)
    data = {"summary": "Bổ sung", "kind": "khac" if name != "dossier_document_upload" else "bien_ban",
            "file": pdf_upload("Bo sung.pdf"), "version": dossier.version}
    if who != "anonymous":
        login(getattr(world, who))
    response = client.post(target, data)
    expected = {"anonymous": 302, "olga": 404, "carol": 403, "alice": 302}[who]
    assert response.status_code == expected
    changed = (line_for(dossier, "BK_TTG").nomination_line.summary == "Bổ sung"
               or world.dossier.nomination_list.attachments.filter(original_name="Bo sung.pdf").exists())
    assert changed == (who == "alice")


def test_the_forward_page_runs_a_fixed_number_of_queries(client, login, world, tree, django_assert_num_queries):
    dossier = reviewed(world)
    client = login(world.dave)
    # 11: besides the page itself, the second step's device, the consultation rules in force and the units
    # with a council in force (each read once per request).
    with django_assert_num_queries(13):
        client.get(url("dossier_forward", dossier))
    other = add_lines(world, tree, 3, start=500, code="BK_TTG")
    dossiers.receive_dossier(other, actor=world.phuong)
    approve_all(other, world.carol)
    with django_assert_num_queries(13):
        assert "Danh sách 500" in client.get(url("dossier_forward", dossier)).content.decode()
