"""Plans in the browser's terms: who sees, drafts, edits and issues; what the pages keep."""

import datetime
import hashlib
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from campaigns import revisions, services
from campaigns.models import Plan, PlanRevision

from tests.conftest import SEEDS, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(tree):
    return make_plan(tree.ha_hoa)


def url_for(name, plan):
    return {
        "plan_list": reverse("campaigns:plan_list"),
        "plan_create": reverse("campaigns:plan_create"),
        "plan_import": reverse("campaigns:plan_import"),
        "plan_detail": reverse("campaigns:plan_detail", args=[plan.pk]),
        "plan_edit": reverse("campaigns:plan_edit", args=[plan.pk]),
        "plan_issue": reverse("campaigns:plan_issue", args=[plan.pk]),
        "plan_revisions": reverse("campaigns:plan_revisions", args=[plan.pk]),
        "plan_pdf": reverse("campaigns:plan_pdf", args=[plan.pk]),
        "plan_docx": reverse("campaigns:plan_docx", args=[plan.pk]),
    }[name]


ACTORS = ["alice", "bob", "carol", "dave", "erin", "olga", "root"]
# A draft of Xã Hạ Hòa. alice drafts there, bob (the chair) issues; the province sees it but
# does not sign for the commune; olga, in Khánh Hòa, does not see it.
MATRIX = {
    #                 alice bob  carol dave erin olga root
    "plan_list":      (200, 200, 200, 200, 200, 200, 200),
    "plan_create":    (200, 200, 403, 200, 403, 200, 200),
    "plan_import":    (200, 200, 403, 200, 403, 200, 200),
    "plan_detail":    (200, 200, 200, 200, 200, 404, 200),
    "plan_edit":      (200, 200, 403, 403, 403, 404, 200),
    "plan_issue":     (403, 200, 403, 403, 403, 404, 200),
    "plan_revisions": (200, 200, 200, 200, 200, 404, 200),
    "plan_pdf":       (200, 200, 200, 200, 200, 404, 200),
    "plan_docx":      (200, 200, 200, 200, 200, 404, 200),
}


@pytest.mark.parametrize("page", MATRIX)
def test_anonymous_visitors_are_sent_to_login(client, draft, page):
    response = client.get(url_for(page, draft))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("actor", ACTORS)
def test_each_plan_page_answers_each_actor_as_the_matrix_says(login, cast, draft, page, actor):
    response = login(getattr(cast, actor)).get(url_for(page, draft))
    assert response.status_code == MATRIX[page][ACTORS.index(actor)]


def test_a_clerk_starts_a_draft_with_the_units_header(login, cast, tree):
    response = login(cast.alice).post(reverse("campaigns:plan_create"), {
        "issuing_unit": tree.ha_hoa.pk, "title": "Phát động thi đua chào mừng năm mới",
    })
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:plan_edit", args=[plan.pk])
    assert plan.status == "draft" and plan.number is None
    assert plan.issuer_name == "ỦY BAN NHÂN DÂN\nXÃ HẠ HÒA" and plan.place == "Hạ Hòa"
    assert plan.revisions.count() == 1


def edit_payload(plan, **overrides):
    """The edit form as the browser posts it: header fields and the four part formsets."""
    data = {
        "version": plan.version, "superior_body": "", "issuer_name": plan.issuer_name, "symbol": plan.symbol,
        "place": plan.place, "issue_year": plan.issue_year, "issue_month": plan.issue_month or "",
        "issue_day": "", "doc_type": plan.doc_type, "title": plan.title, "kind": plan.kind, "preamble": plan.preamble,
        "theme": "", "period_start": "", "period_end": "", "dossier_deadline": "",
        "dossier_place": plan.dossier_place,
        "closing": "", "recipients": plan.recipients, "sign_prefix": "", "sign_on_behalf": "",
        "signer_title": plan.signer_title, "signer_name": plan.signer_name,
    }
    for prefix, rows in [("references", list(plan.references.all())), ("sections", list(plan.sections.all())),
                         ("award_tiers", list(plan.award_tiers.all())), ("dossier_requirements", []),
                         ("milestones", [])]:
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-plan"] = plan.pk
            for field in ["position", "level", "number", "heading", "kind", "body", "award_name", "authority",
                          "quota", "quota_note", "doc_type", "doc_number", "issuer", "text"]:
                if hasattr(row, field):
                    data[f"{prefix}-{i}-{field}"] = getattr(row, field) if getattr(row, field) is not None else ""
            for field in ["for_collectives", "for_individuals"]:
                if getattr(row, field, False):
                    data[f"{prefix}-{i}-{field}"] = "on"
    data.update(overrides)
    return data


def test_a_clerk_edits_a_draft_adds_a_section_and_a_revision_is_kept(login, cast, draft):
    data = edit_payload(draft, period_start="2026-04-01", period_end="2026-09-30", **{
        "sections-TOTAL_FORMS": 3,
        "sections-2-position": 15, "sections-2-level": 1, "sections-2-number": "II.",
        "sections-2-heading": "NỘI DUNG THI ĐUA", "sections-2-kind": "content",
        "sections-2-body": "1. Thi đua hoàn thành **xuất sắc** nhiệm vụ.\n\n- Ý một;\n- Ý hai.",
    })
    response = login(cast.alice).post(reverse("campaigns:plan_edit", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.period_start == datetime.date(2026, 4, 1) and draft.version == 2
    assert [s.heading for s in draft.sections.all()] == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG THI ĐUA",
                                                         "HÌNH THỨC KHEN THƯỞNG"]
    assert [s.position for s in draft.sections.all()] == [10, 20, 30]
    assert PlanRevision.objects.filter(plan=draft).count() == 1


def test_an_edit_based_on_an_old_version_is_refused_whole(login, cast, draft):
    client = login(cast.alice)
    stale = edit_payload(draft, title="Tiêu đề của người thứ hai")
    assert client.post(reverse("campaigns:plan_edit", args=[draft.pk]),
                       edit_payload(draft, title="Tiêu đề của người thứ nhất")).status_code == 302
    response = client.post(reverse("campaigns:plan_edit", args=[draft.pk]), stale, follow=True)
    assert "vừa được người khác sửa" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề của người thứ nhất"


def test_a_bad_period_keeps_what_was_typed(login, cast, draft):
    response = login(cast.alice).post(reverse("campaigns:plan_edit", args=[draft.pk]),
                                      edit_payload(draft, title="Tiêu đề mới", period_start="2026-09-30",
                                                   period_end="2026-04-01"))
    html = response.content.decode()
    assert response.status_code == 200 and "Ngày kết thúc phải sau ngày bắt đầu" in html
    assert "Tiêu đề mới" in html
    draft.refresh_from_db()
    assert draft.title != "Tiêu đề mới"


def test_the_chair_issues_the_plan_and_its_pdf_is_frozen(login, cast, draft):
    client = login(cast.bob)
    page = client.get(reverse("campaigns:plan_issue", args=[draft.pk]))
    assert page.context["form"].initial["number"] == 1
    response = client.post(reverse("campaigns:plan_issue", args=[draft.pk]),
                           {"number": 7, "issue_date": "2026-03-05"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "issued" and draft.number_label == "Số: 07/KH-UBND"
    assert draft.place_and_date == "Hạ Hòa, ngày 05 tháng 3 năm 2026"
    pdf = client.get(reverse("campaigns:plan_pdf", args=[draft.pk]))
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == draft.issued_pdf_sha256
    # Locked: nobody edits an issued plan.
    assert client.get(reverse("campaigns:plan_edit", args=[draft.pk])).status_code == 403


def test_a_failure_after_the_pdf_was_frozen_leaves_no_file_and_the_plan_a_draft(cast, draft, settings, monkeypatch):
    def broken(plan, **kwargs):
        raise RuntimeError("revision store down")

    monkeypatch.setattr(revisions, "record_revision", broken)
    with pytest.raises(RuntimeError):
        services.issue_plan(draft, actor=cast.bob, number=7, issue_date=datetime.date(2026, 3, 5))
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.issued_pdf
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_number_already_used_that_year_is_refused(login, cast, tree, draft):
    make_plan(tree.ha_hoa, status="issued", number=7, issue_day=1)
    response = login(cast.bob).post(reverse("campaigns:plan_issue", args=[draft.pk]),
                                    {"number": 7, "issue_date": "2026-03-05"})
    assert response.status_code == 200 and "đã được dùng" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_next_free_number_is_suggested(login, cast, tree, draft):
    make_plan(tree.ha_hoa, status="issued", number=12, issue_day=1)
    page = login(cast.bob).get(reverse("campaigns:plan_issue", args=[draft.pk]))
    assert page.context["form"].initial["number"] == 13


def test_an_issued_plan_moves_on_through_its_life(login, cast, tree):
    plan = make_plan(tree.ha_hoa, status="issued", number=3, issue_day=2)
    client = login(cast.bob)
    for action, status in [("start", "in_progress"), ("close", "closed"), ("review", "reviewed")]:
        client.post(reverse("campaigns:plan_action", args=[plan.pk, action]))
        plan.refresh_from_db()
        assert plan.status == status


def test_a_clerk_cannot_close_a_plan(login, cast, tree):
    plan = make_plan(tree.ha_hoa, status="in_progress", number=3, issue_day=2)
    response = login(cast.alice).post(reverse("campaigns:plan_action", args=[plan.pk, "close"]))
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == "in_progress"


def test_revisions_show_what_changed(login, cast, draft):
    draft.dossier_place = "Văn phòng HĐND và UBND xã"
    draft.save()
    client = login(cast.alice)
    client.post(reverse("campaigns:plan_edit", args=[draft.pk]), edit_payload(draft, title="Trích yếu thứ nhất"))
    draft.refresh_from_db()
    client.post(reverse("campaigns:plan_edit", args=[draft.pk]), edit_payload(draft, title="Trích yếu thứ hai"))
    response = client.get(reverse("campaigns:plan_revisions", args=[draft.pk]))
    diff = response.context["diff"]
    assert ("-", "trích yếu: Trích yếu thứ nhất") in diff and ("+", "trích yếu: Trích yếu thứ hai") in diff
    assert response.context["newer"].content["dossier_place"] == "Văn phòng HĐND và UBND xã"


def test_the_province_plan_shows_which_communes_have_implemented_it(login, cast, tree):
    province_plan = make_plan(tree.phu_tho, status="issued", number=1, issue_day=2)
    make_plan(tree.ha_hoa, parent_plan=province_plan, title="Triển khai kế hoạch của tỉnh")
    client = login(cast.dave)
    assert "0/3 đơn vị đã triển khai, 0 đã gửi đề nghị." in client.get(
        reverse("campaigns:plan_detail", args=[province_plan.pk])).content.decode()
    html = client.get(reverse("awards:plan_progress", args=[province_plan.pk])).content.decode()
    assert "Xã Hạ Hòa</a> — đang dự thảo, chưa ban hành" in html and "Xã Hiền Lương — chưa có kế hoạch" in html


def test_plan_list_runs_a_fixed_number_of_queries(login, cast, tree, django_assert_num_queries):
    for i in range(30):
        make_plan(tree.ha_hoa if i % 2 else tree.hien_luong, title=f"Kế hoạch số {i}")
    client = login(cast.carol)
    # session, user, second step, memberships, predecessors, count, page, the menu badge's two counts
    with django_assert_num_queries(9):
        response = client.get(reverse("campaigns:plan_list"))
    assert response.context["page"].paginator.count == 30
    with django_assert_num_queries(9):
        client.get(reverse("campaigns:plan_list"), {"q": "ha hoa", "trang_thai": "draft"})


@pytest.mark.needs_shared
def test_a_clerk_imports_a_plan_file_and_sees_what_was_recognised(login, cast, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    seed = (SEEDS / "ke-hoach-huyen-ha-hoa-2022.txt").read_bytes()
    client = login(cast.alice)
    response = client.post(reverse("campaigns:plan_import"), {
        "issuing_unit": tree.ha_hoa.pk, "file": SimpleUploadedFile("ke-hoach.txt", seed, "text/plain"),
    })
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.status == "draft" and plan.source_file == "ke-hoach.txt"
    assert (plan.period_start, plan.period_end) == (datetime.date(2022, 4, 25), datetime.date(2022, 5, 30))
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Kết quả nhập từ tệp ke-hoach.txt" in html and "Thời gian thi đua" in html
    assert "Chưa nhận ra" in html


def test_a_file_that_is_not_a_plan_is_refused_with_a_message(login, cast, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login(cast.alice).post(reverse("campaigns:plan_import"), {
        "issuing_unit": tree.ha_hoa.pk, "file": SimpleUploadedFile("anh.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    })
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Plan.objects.exists()


def test_a_clerk_adds_a_reference_to_the_draft(login, cast, draft):
    data = edit_payload(draft, **{
        "references-TOTAL_FORMS": 1, "references-0-position": 1, "references-0-kind": "basis",
        "references-0-doc_type": "Luật", "references-0-doc_number": "06/2022/QH15",
        "references-0-doc_date": "2022-06-15", "references-0-issuer": "Quốc hội",
        "references-0-text": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    })
    assert login(cast.alice).post(reverse("campaigns:plan_edit", args=[draft.pk]), data).status_code == 302
    reference = draft.references.get()
    assert (reference.kind, reference.doc_number, reference.doc_date) == ("basis", "06/2022/QH15",
                                                                          datetime.date(2022, 6, 15))


def test_a_reference_links_to_an_issued_plan_the_clerk_can_read(login, cast, tree, draft):
    province_plan = make_plan(tree.phu_tho, status="issued", number=188, issue_day=31, issue_month=5)
    hidden = make_plan(tree.khanh_hoa, status="issued", number=9, issue_day=1)
    client = login(cast.alice)
    choices = client.get(reverse("campaigns:plan_edit", args=[draft.pk])).context["formsets"][0][1].empty_form
    offered = set(choices.fields["referenced_plan"].queryset)
    assert province_plan in offered and hidden not in offered and draft not in offered
    data = edit_payload(draft, **{
        "references-TOTAL_FORMS": 1, "references-0-position": 1, "references-0-kind": "implements",
        "references-0-doc_type": "Kế hoạch", "references-0-doc_number": "188/KH-UBND",
        "references-0-text": "Thực hiện Kế hoạch số 188/KH-UBND của UBND tỉnh",
        "references-0-referenced_plan": province_plan.pk,
    })
    assert client.post(reverse("campaigns:plan_edit", args=[draft.pk]), data).status_code == 302
    assert draft.references.get().referenced_plan == province_plan


# The kind of emulation ----------------------------------------------------------------------------

@pytest.mark.parametrize("title, kind", [
    ("Phát động phong trào thi đua yêu nước năm 2026", Plan.Kind.REGULAR),
    ("Phát động đợt thi đua cao điểm chào mừng Đại hội", Plan.Kind.THEMATIC),
    ("Kế hoạch của xã", Plan.Kind.THEMATIC),  # says nothing: its awards are not counted upwards by mistake
])
def test_a_new_draft_takes_the_kind_its_title_names_unless_the_clerk_chose(login, cast, tree, title, kind):
    client = login(cast.alice)
    client.post(reverse("campaigns:plan_create"), {"issuing_unit": tree.ha_hoa.pk, "title": title})
    client.post(reverse("campaigns:plan_create"), {"issuing_unit": tree.ha_hoa.pk, "title": title,
                                                   "kind": Plan.Kind.REGULAR})
    guessed, chosen = Plan.objects.order_by("pk")
    assert (guessed.kind, chosen.kind) == (kind, Plan.Kind.REGULAR)


def test_a_clerk_changes_the_kind_of_a_draft_and_the_revisions_show_it(login, cast, draft):
    assert draft.kind == Plan.Kind.THEMATIC
    client = login(cast.alice)
    response = client.post(reverse("campaigns:plan_edit", args=[draft.pk]), edit_payload(draft, kind="regular"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.kind == Plan.Kind.REGULAR
    revision = PlanRevision.objects.get(plan=draft)
    assert "loại phong trào thi đua: Thi đua thường xuyên (hằng năm)" in revisions.as_lines(revision.content)


@pytest.mark.parametrize("kind, says", [
    (Plan.Kind.REGULAR, "Thi đua thường xuyên (hằng năm) — khen thưởng theo kế hoạch này được tính"),
    (Plan.Kind.THEMATIC, "Thi đua theo chuyên đề, theo đợt — khen thưởng theo kế hoạch này không được tính"),
])
def test_the_plan_page_says_its_kind_and_whether_its_awards_count_upwards(login, cast, tree, kind, says):
    plan = make_plan(tree.ha_hoa, kind=kind)
    page = login(cast.alice).get(reverse("campaigns:plan_detail", args=[plan.pk]))
    assert says in " ".join(page.content.decode().split())


def test_an_implementing_plan_keeps_the_kind_of_the_plan_above(login, cast, tree):
    parent = make_plan(tree.phu_tho, status="issued", number=4, issue_day=5, kind=Plan.Kind.REGULAR)
    login(cast.alice).post(reverse("campaigns:plan_implement", args=[parent.pk]), {"unit": tree.ha_hoa.pk})
    assert Plan.objects.get(parent_plan=parent).kind == Plan.Kind.REGULAR


def test_only_a_superuser_corrects_the_kind_of_an_issued_plan_in_the_admin(login, cast, tree):
    plan = make_plan(tree.ha_hoa, status="issued", number=9, issue_day=3)
    url = reverse("admin:campaigns_plan_change", args=[plan.pk])
    assert login(cast.erin).get(url).status_code == 403
    response = login(cast.root).post(url, {"kind": Plan.Kind.REGULAR})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.kind == Plan.Kind.REGULAR and plan.status == "issued" and plan.number == 9


def test_existing_plans_take_the_kind_their_title_names(tree):
    migration = import_module("campaigns.migrations.0003_plan_kind")
    titles = {"Phát động phong trào thi đua yêu nước năm 2025": "regular",
              "Tổ chức phong trào **thi đua năm học 2025 - 2026**": "regular",
              "Phát động thi đua hằng năm": "regular",
              "Phát động đợt thi đua cao điểm năm 2025": "thematic",
              "Thực hiện phong trào thi đua “Kỷ niệm 80 năm Ngày Tổng tuyển cử”": "thematic"}
    plans = {title: make_plan(tree.ha_hoa, title=title) for title in titles}
    migration.guess_kind(apps, None)
    assert {title: Plan.objects.get(pk=plan.pk).kind for title, plan in plans.items()} == titles
