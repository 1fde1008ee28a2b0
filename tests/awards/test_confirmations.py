"""Irreversible acts ask first: the GET of each act says what will happen, and only the POST does it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardRecord, AwardType, Decision, DocumentKind, NominationAttachment, TaskRating
from awards.services import attachments, decisions, dossiers, nominations

from tests.awards.decision_factories import draft as draft_decision
from tests.awards.dossier_factories import approve_all, make_list, people, refresh, submit
from tests.awards.pdf_files import attach_missing, pdf_upload, tiny_pdf

pytestmark = pytest.mark.django_db


def summary(response) -> dict:
    """The confirmation's rows as {label: [values]}."""
    return {row.label: list(row.values) for row in response.context["confirmation"].rows}


@pytest.fixture
def ready_list(cast, tree, plan, an):
    """Xã Hạ Hòa's list with An proposed for Lao động tiên tiến, every document attached: it can be sent."""
    TaskRating.objects.create(person=an, year=2026, rating=TaskRating.Rating.GOOD)
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                              title="Đề nghị khen thưởng năm 2026")
    nominations.add_line(nomination_list, actor=cast.alice, person=an, award=AwardType.objects.get(code="LDTT"))
    attach_missing(nomination_list, actor=cast.alice)
    return nomination_list


def test_sending_a_list_shows_its_lines_awards_and_destination_and_sends_nothing(login, cast, ready_list):
    url = reverse("awards:nomination_list_submit", args=[ready_list.pk])
    page = login(cast.alice).get(url)
    html = page.content.decode()
    rows = summary(page)
    assert page.status_code == 200 and "Xác nhận gửi danh sách" in html and "Quay lại danh sách" in html
    assert rows["Số đề nghị"] == ["1 đề nghị"]
    assert rows["Hình thức khen thưởng"] == ["Lao động tiên tiến: 1 cá nhân"]
    assert rows["Nơi nhận"] == ["1 đề nghị thuộc thẩm quyền của Xã Hạ Hòa, ở lại chờ quyết định"]
    assert f'action="{url}"' in html and 'method="post"' in html
    ready_list.refresh_from_db()
    assert ready_list.status == "draft" and not ready_list.dossiers.exists()


def test_the_list_is_sent_on_the_confirmations_post(login, cast, ready_list):
    response = login(cast.alice).post(reverse("awards:nomination_list_submit", args=[ready_list.pk]))
    ready_list.refresh_from_db()
    assert response.status_code == 302 and ready_list.status == "submitted"


def test_a_list_going_up_names_the_unit_it_goes_to(login, cast, tree, plan):
    [person] = people(tree.ha_hoa, ["Lê Văn Cường"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(person, "BK_TINH")])
    rows = summary(login(cast.alice).get(reverse("awards:nomination_list_submit", args=[nomination_list.pk])))
    assert rows["Nơi nhận"] == [f"1 đề nghị gửi {tree.phu_tho.name} (Bằng khen của Chủ tịch UBND tỉnh: 1 cá nhân)"]


def test_an_empty_list_is_not_offered_for_sending(login, cast, tree, plan):
    empty = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Trống")
    page = login(cast.alice).get(reverse("awards:nomination_list_submit", args=[empty.pk]))
    html = page.content.decode()
    assert "Danh sách chưa có đề nghị nào." in html and "Xác nhận gửi danh sách" not in html


def test_a_sent_list_or_a_reader_gets_back_to_the_list_instead(login, cast, ready_list):
    url = reverse("awards:nomination_list_submit", args=[ready_list.pk])
    assert login(cast.carol).get(url).status_code == 302  # the province reviewer reads, does not send
    assert login(cast.olga).get(url).status_code == 404


def test_deleting_a_document_names_the_file_and_deletes_only_on_post(login, cast, ready_list, an):
    line = ready_list.lines.get()
    report = attachments.attach(ready_list, actor=cast.alice, kind=DocumentKind.OTHER, line=line,
                                upload=pdf_upload("Giấy xác nhận — Nguyễn Văn An.pdf", tiny_pdf(pages=2)))
    url = reverse("awards:nomination_attachment_delete", args=[report.pk])
    client = login(cast.alice)
    page = client.get(url)
    rows = summary(page)
    assert rows["Tệp"][0].startswith("Giấy xác nhận — Nguyễn Văn An.pdf (PDF, 2 trang")
    assert rows["Của"] == ["Nguyễn Văn An"] and "Xác nhận xóa tài liệu" in page.content.decode()
    assert NominationAttachment.objects.filter(pk=report.pk).exists()
    client.post(url)
    assert not NominationAttachment.objects.filter(pk=report.pk).exists()


def settled(cast, tree, names):
    persons = people(tree.ha_hoa, names)
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(p, "BK_TINH") for p in persons]), cast.alice)
    dossiers.receive_dossier(packet, actor=cast.phuong)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    return refresh(packet)


@pytest.fixture
def decision(cast, tree, central, province_clerk):
    cast.phuong = province_clerk
    settled(cast, tree, ["Nguyễn Văn Số 1", "Nguyễn Văn Số 2"])
    return draft_decision(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho), number=125)


def test_issuing_a_decision_says_who_receives_what_and_the_papers_to_print(login, cast, decision):
    url = reverse("awards:decision_issue", args=[decision.pk])
    page = login(cast.dave).get(url)
    rows = summary(page)
    assert page.status_code == 200 and "Xác nhận ban hành quyết định" in page.content.decode()
    assert rows["Khen thưởng"] == ["02 cá nhân"]
    assert len(rows["Hình thức"]) == 1 and rows["Hình thức"][0].endswith(": 02 cá nhân")
    assert rows["Giấy khen, bằng khen sẽ in"][0].startswith("2 bản")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT and not AwardRecord.objects.exists()
    login(cast.dave).post(url)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED and AwardRecord.objects.count() == 2


def test_a_decision_missing_its_signer_is_not_offered_for_issue(login, cast, decision):
    Decision.objects.filter(pk=decision.pk).update(signer_name="")
    html = login(cast.dave).get(reverse("awards:decision_issue", args=[decision.pk])).content.decode()
    assert "Điền đủ trước khi ban hành: họ tên người ký." in html and "Xác nhận ban hành" not in html


def test_the_clerk_who_cannot_issue_is_sent_back_to_the_decision(login, cast, decision):
    response = login(cast.phuong).get(reverse("awards:decision_issue", args=[decision.pk]))
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()


def test_the_sending_page_runs_the_same_queries_however_many_lines(login, cast, tree, plan):
    client = login(cast.alice)
    counts = []
    for size in (2, 20):
        persons = people(tree.ha_hoa, [f"Nguyễn Văn Số {size}-{i}" for i in range(size)])
        nomination_list = make_list(tree.ha_hoa, cast.alice, [(p, "BK_TINH") for p in persons], title=f"{size}")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("awards:nomination_list_submit", args=[nomination_list.pk]))
        assert summary(page)["Số đề nghị"] == [f"{size} đề nghị"]
        counts.append(len(queries))
    assert counts[0] == counts[1]
