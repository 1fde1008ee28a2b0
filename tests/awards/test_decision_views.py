"""Decision pages against the permission matrix, acting through them, and their pinned query counts."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from awards.models import AwardRecord, AwardReviewFlag, AwardType, Decision
from awards.services import decisions, dossiers, revocations

from tests.awards.decision_factories import SIGNED_ON, decision_fields, draft
from tests.awards.dossier_factories import approve_all, make_list, people, refresh, submit

pytestmark = pytest.mark.django_db


def settle_lines(cast, tree, n, *, start=0):
    clerk = cast.alice
    persons = people(tree.ha_hoa, [f"Nguyễn Văn Số {start + i}" for i in range(n)])
    [packet] = submit(make_list(tree.ha_hoa, clerk, [(p, "BK_TINH") for p in persons]), clerk)
    dossiers.receive_dossier(packet, actor=cast.phuong)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    return refresh(packet)


@pytest.fixture
def world(cast, tree, central, province_clerk):
    cast.phuong = province_clerk
    cast.packet = settle_lines(cast, tree, 2)
    cast.decision = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho))
    return cast


def form_data(fields, lines):
    data = {key: ("" if value is None else value) for key, value in fields.items()}
    data["signed_on"] = fields["signed_on"].isoformat()
    data["lines"] = [line.pk for line in lines]
    return data


PAGES = ["decision_list", "decision_detail", "decision_pdf", "decision_docx", "review_flag_list"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["anonymous", "olga", "phuong", "dave"])
def test_the_pages_answer_the_permission_matrix(client, login, world, name, who):
    target = reverse(f"awards:{name}", args=[world.decision.pk]) if name.startswith("decision_") and \
        name != "decision_list" else reverse(f"awards:{name}")
    if who != "anonymous":
        login(getattr(world, who))
    response = client.get(target)
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif who == "olga" and name not in ("decision_list", "review_flag_list"):
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        if name == "decision_list":
            assert (world.decision.get_absolute_url() in response.content.decode()) == (who != "olga")


@pytest.mark.parametrize("who", ["anonymous", "olga", "phuong", "dave"])
def test_issuing_answers_the_permission_matrix(client, login, world, who):
    if who != "anonymous":
        login(getattr(world, who))
    response = client.post(reverse("awards:decision_issue", args=[world.decision.pk]))
    status = Decision.objects.get(pk=world.decision.pk).status
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif who == "olga":
        assert response.status_code == 404
    elif who == "phuong":
        assert response.status_code == 403
    else:
        assert response.status_code == 302
    assert (status == Decision.Status.ISSUED) == (who == "dave")
    assert AwardRecord.objects.exists() == (who == "dave")


@pytest.mark.parametrize("who", ["anonymous", "olga", "carol", "phuong"])
def test_the_create_page_answers_the_permission_matrix(client, login, world, tree, who):
    if who != "anonymous":
        login(getattr(world, who))
    response = client.get(reverse("awards:decision_create", args=[tree.phu_tho.pk]))
    expected = {"anonymous": 302, "olga": 404, "carol": 403, "phuong": 200}[who]
    assert response.status_code == expected


def test_the_approver_builds_previews_and_issues_a_decision_through_the_pages(client, login, world, tree):
    Decision.objects.all().delete()
    client = login(world.dave)
    page = client.get(reverse("awards:decision_create", args=[tree.phu_tho.pk]) + f"?ho_so={world.packet.pk}")
    html = page.content.decode()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ" in html and "Nguyễn Văn Số 0" in html
    lines = list(decisions.ready_lines(tree.phu_tho))
    data = form_data(decision_fields(tree.phu_tho, lines, number=125), [])
    data["select_all"] = "on"
    response = client.post(reverse("awards:decision_create", args=[tree.phu_tho.pk]), data)
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    assert decision.lines.count() == 2 and decision.number_text == "125/QĐ-UBND"
    preview = client.get(reverse("awards:decision_pdf", args=[decision.pk]))
    first_page = PdfReader(io.BytesIO(preview.content)).pages[0].extract_text()
    assert "DỰ THẢO" in first_page and "125/QĐ-UBND" not in first_page  # the number is printed once issued
    detail = client.get(decision.get_absolute_url()).content.decode()
    assert 'id="form-ban-hanh"' in detail
    client.post(reverse("awards:decision_issue", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED and decision.records.count() == 2
    frozen = client.get(reverse("awards:decision_pdf", args=[decision.pk]))
    assert b"".join(frozen.streaming_content) == decision.issued_pdf.open("rb").read()
    # A frozen file lost from storage (a restore without its files) is a 404, not a server error.
    decision.issued_pdf.storage.delete(decision.issued_pdf.name)
    assert client.get(reverse("awards:decision_pdf", args=[decision.pk])).status_code == 404
    word = client.get(reverse("awards:decision_docx", args=[decision.pk]))
    assert "Điều 1." in "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    dossier_page = client.get(world.packet.get_absolute_url()).content.decode()
    assert decision.get_absolute_url() in dossier_page and 'id="form-quyet-dinh"' not in dossier_page


def test_bad_input_keeps_what_was_typed(client, login, world, tree):
    client = login(world.phuong)
    lines = list(decisions.ready_lines(tree.phu_tho))
    data = form_data(decision_fields(tree.phu_tho, lines, title="Về việc tặng Bằng khen đợt một"), [])
    response = client.post(reverse("awards:decision_create", args=[tree.phu_tho.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chọn ít nhất một đề nghị chờ quyết định." in html and "Về việc tặng Bằng khen đợt một" in html


def test_the_decision_list_offers_drafting_where_the_one_rule_lets_the_user_act(client, login, world, tree):
    from awards.models import DossierLine

    make = f'href="{reverse("awards:decision_create", args=[tree.phu_tho.pk])}"'
    assert make in login(world.phuong).get(reverse("awards:decision_list")).content.decode()
    # A superuser acts everywhere; the page offers the units where lines wait for a decision, not all of them.
    html = login(world.root).get(reverse("awards:decision_list")).content.decode()
    ready = DossierLine.objects.filter(status=DossierLine.Status.READY)
    waiting = set(ready.values_list("deciding_unit_id", flat=True))
    assert make in html and html.count("Lập quyết định của") == len(waiting)
    assert reverse("awards:decision_create", args=[tree.ha_hoa.pk]) not in html or tree.ha_hoa.pk in waiting


def test_the_dossier_page_offers_the_decision_to_the_approver(client, login, world):
    html = login(world.dave).get(world.packet.get_absolute_url()).content.decode()
    assert reverse("awards:decision_create", args=[world.packet.receiver_id]) in html
    assert "Lập quyết định khen thưởng" in html and world.decision.get_absolute_url() in html


def test_the_decision_list_runs_a_fixed_number_of_queries(client, login, world, tree, django_assert_num_queries):
    client = login(world.dave)
    client.get(reverse("awards:decision_list"))
    with django_assert_num_queries(14):
        client.get(reverse("awards:decision_list"))
    for start in range(5):
        packet = settle_lines(world, tree, 2, start=10 * (start + 1))
        draft(tree.phu_tho, world.phuong, decisions.ready_lines(tree.phu_tho).filter(dossier=packet))
    with django_assert_num_queries(14):
        html = client.get(reverse("awards:decision_list")).content.decode()
    assert html.count("Dự thảo") >= 6


def test_the_create_page_runs_a_fixed_number_of_queries(client, login, world, tree, django_assert_num_queries):
    client = login(world.dave)
    target = reverse("awards:decision_create", args=[tree.phu_tho.pk])
    client.get(target)
    # One more than before: the other drafts that already hold some of the lines.
    with django_assert_num_queries(13):
        client.get(target)
    settle_lines(world, tree, 12, start=100)
    with django_assert_num_queries(13):
        html = client.get(target).content.decode()
    assert html.count('name="lines"') == 14


def test_a_new_draft_leaves_out_the_lines_another_draft_holds_and_says_where_they_are(client, login, world, tree):
    held = set(world.decision.lines.values_list("pk", flat=True))
    free = settle_lines(world, tree, 1, start=100)
    [free_line] = free.lines.all()
    response = login(world.dave).get(reverse("awards:decision_create", args=[tree.phu_tho.pk]))
    html = response.content.decode()
    assert response.context["chosen"] == {free_line.pk}
    assert "2 đề nghị dưới đây đã có trong dự thảo khác" in html
    assert html.count(f'href="{world.decision.get_absolute_url()}"') == 3  # the notice, then beside each line
    assert all(f'id="dong-{pk}"' in html for pk in held)  # still listed, to be taken on purpose
    # The draft's own page does not count its own lines as held elsewhere.
    html = login(world.phuong).get(reverse("awards:decision_edit", args=[world.decision.pk])).content.decode()
    assert "đã có trong dự thảo khác" not in html


# Revocation and flags through the pages

@pytest.fixture
def flagged(world, tree):
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    from awards.models import Initiative

    records = {year: AwardRecord.objects.create(person=an, award=AwardType.objects.get(code="CSTDCS"), year=year,
                                                decision_number=f"{year}/QĐ-UBND", decision_date=SIGNED_ON,
                                                issuing_body="UBND xã Hạ Hòa") for year in (2023, 2024, 2025)}
    Initiative.objects.create(title="Số hóa", year=2024, scope="province", recognising_body="UBND tỉnh Phú Thọ"
                              ).authors.add(an)
    AwardRecord.objects.create(person=an, award=AwardType.objects.get(code="CSTD_BT"), year=2025,
                               decision_number="9/QĐ-UBND", decision_date=SIGNED_ON, issuing_body="UBND tỉnh Phú Thọ")
    world.an, world.records = an, records
    return world


@pytest.mark.parametrize("who", ["anonymous", "olga", "alice", "bob"])
def test_revoking_answers_the_permission_matrix(client, login, flagged, who):
    record = flagged.records[2024]
    if who != "anonymous":
        login(getattr(flagged, who))
    response = client.post(reverse("awards:award_revoke", args=[record.pk]),
                           {"revoked_on": "2026-05-01", "reason": "Quyết định hủy bỏ số 3/QĐ-UBND."})
    expected = {"anonymous": 302, "olga": 404, "alice": 403, "bob": 302}[who]
    assert response.status_code == expected
    assert (AwardRecord.objects.get(pk=record.pk).revoked_on is not None) == (who == "bob")
    assert AwardReviewFlag.objects.exists() == (who == "bob")


def test_a_revocation_without_reason_keeps_the_date_typed(client, login, flagged):
    response = login(flagged.bob).post(reverse("awards:award_revoke", args=[flagged.records[2024].pk]),
                                       {"revoked_on": "2026-05-01", "reason": ""})
    assert response.status_code == 400 and 'value="2026-05-01"' in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_person_page_offers_revocation_only_to_whoever_may_revoke(client, login, flagged, who):
    html = login(getattr(flagged, who)).get(reverse("units:person_detail", args=[flagged.an.pk])).content.decode()
    # The commune's approver revokes the commune's awards; its clerk is not offered the link at all.
    assert (reverse("awards:award_revoke", args=[flagged.records[2024].pk]) in html) == (who == "bob")
    assert ("Hủy bỏ…" in html) == (who == "bob")


@pytest.mark.parametrize("who", ["alice", "bob", "dave"])
def test_a_province_award_is_revocable_only_by_the_province(client, login, world, flagged, who):
    record = flagged.records[2025]
    record.decision = world.decision  # decided by the province
    record.save(update_fields=["decision"])
    html = login(getattr(flagged, who)).get(reverse("units:person_detail", args=[flagged.an.pk])).content.decode()
    assert (reverse("awards:award_revoke", args=[record.pk]) in html) == (who == "dave")
    assert reverse("awards:award_revoke", args=[flagged.records[2024].pk]) in html if who == "bob" else True


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_flags_page_offers_the_review_form_only_to_whoever_may_resolve(client, login, flagged, who):
    revocations.revoke_award(flagged.records[2024], actor=flagged.bob, reason="Sai.", on=SIGNED_ON)
    flag = AwardReviewFlag.objects.get()
    html = login(getattr(flagged, who)).get(reverse("awards:review_flag_list")).content.decode()
    assert (reverse("awards:review_flag_resolve", args=[flag.pk]) in html) == (who == "bob")


@pytest.mark.parametrize("who", ["anonymous", "olga", "alice", "bob"])
def test_resolving_a_flag_answers_the_permission_matrix(client, login, flagged, who):
    revocations.revoke_award(flagged.records[2024], actor=flagged.bob, reason="Sai.", on=SIGNED_ON)
    flag = AwardReviewFlag.objects.get()
    if who != "anonymous":
        login(getattr(flagged, who))
    response = client.post(reverse("awards:review_flag_resolve", args=[flag.pk]), {"note": "Giữ nguyên."})
    expected = {"anonymous": 302, "olga": 404, "alice": 403, "bob": 302}[who]
    assert response.status_code == expected
    flag.refresh_from_db()
    assert (flag.resolved_at is not None) == (who == "bob")


def test_the_flags_page_runs_a_fixed_number_of_queries(client, login, flagged, tree, django_assert_num_queries):
    revocations.revoke_award(flagged.records[2024], actor=flagged.bob, reason="Sai.", on=SIGNED_ON)
    client = login(flagged.bob)
    client.get(reverse("awards:review_flag_list"))
    with django_assert_num_queries(8):
        client.get(reverse("awards:review_flag_list"))
    for i in range(8):
        [person] = people(tree.ha_hoa, [f"Trần Văn Thứ {i}"])
        earlier = AwardRecord.objects.create(person=person, award=AwardType.objects.get(code="CSTDCS"), year=2024,
                                             decision_number=f"{i}/A", decision_date=SIGNED_ON, issuing_body="X")
        later = AwardRecord.objects.create(person=person, award=AwardType.objects.get(code="CSTD_BT"), year=2025,
                                           decision_number=f"{i}/B", decision_date=SIGNED_ON, issuing_body="X")
        AwardReviewFlag.objects.create(record=later, cause=earlier, reason="Cần rà soát.")
    with django_assert_num_queries(8):
        html = client.get(reverse("awards:review_flag_list")).content.decode()
    assert html.count("Đã rà soát") == 9


@pytest.mark.parametrize("who", ["anonymous", "olga", "carol", "phuong"])
def test_the_edit_page_answers_the_permission_matrix(client, login, world, who):
    if who != "anonymous":
        login(getattr(world, who))
    response = client.get(reverse("awards:decision_edit", args=[world.decision.pk]))
    assert response.status_code == {"anonymous": 302, "olga": 404, "carol": 403, "phuong": 200}[who]


def test_editing_under_a_filter_keeps_the_drafts_own_lines(client, login, world, tree):
    other = settle_lines(world, tree, 1, start=50)
    own = list(world.decision.lines.all())
    client = login(world.phuong)
    target = reverse("awards:decision_edit", args=[world.decision.pk])
    html = client.get(target + f"?ho_so={other.pk}").content.decode()
    assert all(f'id="dong-{line.pk}"' in html for line in own)
    fields = {name: getattr(world.decision, name) for name in decisions.EDITABLE_FIELDS}
    data = form_data({**fields, "signer_name": "Nguyễn Thị Hoa"}, own + list(other.lines.all()))
    data["version"] = world.decision.version
    response = client.post(target + f"?ho_so={other.pk}", data)
    assert response.status_code == 302
    decision = Decision.objects.get(pk=world.decision.pk)
    assert decision.signer_name == "Nguyễn Thị Hoa" and decision.lines.count() == 3 and decision.version == 2
