"""Nomination pages in the browser's terms: who sees and acts, what the pages say when refused."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import AwardTier

from awards.models import AwardType, NominationList, TaskRating
from awards.services import nominations

from tests.awards.pdf_files import attach_missing, pdf_upload
from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
ACTORS = ["alice", "bob", "carol", "dave", "olga", "root"]


@pytest.fixture
def binh(tree):
    return make_person("Trần Thị Bình", tree.ha_hoa, gender="female")


@pytest.fixture
def draft_list(cast, tree, plan):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                   title="Đề nghị khen thưởng năm 2026")


def ldtt():
    return AwardType.objects.get(code="LDTT")


def rate_good(*people):
    for person in people:
        TaskRating.objects.create(person=person, year=2026, rating=TaskRating.Rating.GOOD)


def detail_url(nomination_list):
    return reverse("awards:nomination_list_detail", args=[nomination_list.pk])


def submit_url(nomination_list):
    return reverse("awards:nomination_list_submit", args=[nomination_list.pk])


def override_url(line):
    return reverse("awards:nomination_line_override", args=[line.pk])


# The permission matrix

def test_anonymous_visitors_are_sent_to_login(client, draft_list, an, cast):
    line = nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    for method, url in [("get", reverse("awards:nomination_lists")), ("get", detail_url(draft_list)),
                        ("post", reverse("awards:nomination_lists")), ("post", detail_url(draft_list)),
                        ("post", submit_url(draft_list)), ("post", override_url(line))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


GET_MATRIX = {
    #                  alice bob  carol dave olga root
    "index":          (200, 200, 200, 200, 200, 200),
    "detail":         (200, 200, 200, 200, 404, 200),
}


@pytest.mark.parametrize("page", GET_MATRIX)
@pytest.mark.parametrize("actor", ACTORS)
def test_each_page_answers_each_actor_as_the_matrix_says(login, cast, draft_list, page, actor):
    url = reverse("awards:nomination_lists") if page == "index" else detail_url(draft_list)
    response = login(getattr(cast, actor)).get(url)
    assert response.status_code == GET_MATRIX[page][ACTORS.index(actor)]
    if response.status_code == 200 and page == "index":
        titles = [listing.title for listing in response.context["page"].object_list]
        assert titles == ([] if actor == "olga" else ["Đề nghị khen thưởng năm 2026"])


def test_the_outsider_gets_404_on_every_act_of_a_ha_hoa_list(login, cast, draft_list, an):
    line = nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    client = login(cast.olga)
    assert client.post(detail_url(draft_list), {"person": an.pk, "award": ldtt().pk}).status_code == 404
    assert client.post(submit_url(draft_list)).status_code == 404
    assert client.post(override_url(line), {"reason": "Đột xuất"}).status_code == 404


def test_the_acts_refuse_get_and_sending_asks_first(login, cast, draft_list, an):
    line = nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    client = login(cast.alice)
    assert client.get(override_url(line)).status_code == 405
    # GET on the send address is its confirmation page: nothing is sent.
    assert client.get(submit_url(draft_list)).status_code == 200
    draft_list.refresh_from_db()
    assert draft_list.status == "draft"


def test_a_reviewer_sees_a_list_but_every_act_is_forbidden(login, cast, tree, plan, draft_list, an):
    line = nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    client = login(cast.carol)
    page = client.get(detail_url(draft_list))
    html = page.content.decode()
    assert page.context["form"] is None and "Gửi danh sách đề nghị" not in html and "Xác nhận vẫn đề nghị" not in html
    assert client.post(reverse("awards:nomination_lists"), {"unit": tree.ha_hoa.pk, "plan": plan.pk,
                                                             "title": "Của tỉnh"}).status_code == 403
    assert client.post(detail_url(draft_list), {"household": "Hộ ông A", "award": ldtt().pk}).status_code == 403
    assert client.post(submit_url(draft_list)).status_code == 403
    assert client.post(override_url(line), {"reason": "Đột xuất"}).status_code == 403
    line.refresh_from_db()
    draft_list.refresh_from_db()
    assert draft_list.status == "draft" and draft_list.lines.count() == 1 and line.override_reason == ""


# The clerk's path: create, add, submit

def test_the_create_form_offers_only_the_clerks_units_and_open_plans(login, cast, tree, plan):
    make_plan(tree.phu_tho, title="Kế hoạch còn dự thảo")
    form = login(cast.alice).get(reverse("awards:nomination_lists") + f"?ke_hoach={plan.pk}").context["form"]
    assert list(form.fields["unit"].queryset) == [tree.ha_hoa]
    assert list(form.fields["plan"].queryset) == [plan]
    assert form.initial["plan"] == plan.pk


def test_a_clerk_creates_a_list_adds_a_line_and_submits_it(login, cast, tree, plan, an):
    rate_good(an)
    client = login(cast.alice)
    response = client.post(reverse("awards:nomination_lists"), {"unit": tree.ha_hoa.pk, "plan": plan.pk,
                                                                "title": "Đề nghị theo kế hoạch"})
    created = NominationList.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(created)
    assert (created.unit, created.plan, created.year, created.created_by) == (tree.ha_hoa, plan, 2026, cast.alice)
    response = client.post(detail_url(created), {"person": an.pk, "award": ldtt().pk, "summary": "Tận tụy"})
    assert response.status_code == 302
    line = created.lines.get()
    assert line.eligible is True
    page = client.get(detail_url(created)).content.decode()
    assert "Nguyễn Văn An" in page and "Đủ tiêu chuẩn" in page and "Tận tụy" in page
    refused = client.post(submit_url(created), follow=True).content.decode()
    assert "Còn thiếu: Tờ trình đề nghị khen thưởng (Mẫu số 01" in refused
    assert "Nguyễn Văn An — Báo cáo thành tích (Mẫu số 08" in refused  # a campaign report, on the campaign form
    for kind in ("to_trinh", "bien_ban"):
        client.post(reverse("awards:nomination_attachment_upload", args=[created.pk]),
                    {"kind": kind, "file": pdf_upload(f"{kind}.pdf")})
    client.post(reverse("awards:nomination_line_attachment_upload", args=[line.pk]),
                {"kind": "bao_cao", "file": pdf_upload("Báo cáo thành tích.pdf")})
    assert "Hồ sơ đã đủ các tài liệu bắt buộc" in client.get(detail_url(created)).content.decode()
    response = client.post(submit_url(created), follow=True)
    created.refresh_from_db()
    assert created.status == "submitted" and "Đã gửi danh sách đề nghị khen thưởng" in response.content.decode()
    # Submitted: nothing more may be added.
    assert response.context["form"] is None
    assert client.post(detail_url(created), {"household": "Hộ ông A", "award": ldtt().pk}).status_code == 403


def test_the_plan_list_page_shows_the_lines_and_the_plan_filter(login, cast, tree, plan, draft_list, an):
    nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    annual = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2025, title="Tổng kết năm 2025")
    client = login(cast.alice)
    page = client.get(reverse("awards:nomination_lists"))
    rows = {listing.title: listing.line_count for listing in page.context["page"].object_list}
    assert rows == {draft_list.title: 1, annual.title: 0}
    assert "Tổng kết năm 2025" in page.content.decode()
    filtered = client.get(reverse("awards:nomination_lists") + f"?ke_hoach={plan.pk}")
    assert [listing.pk for listing in filtered.context["page"].object_list] == [draft_list.pk]


def test_a_bad_create_keeps_what_was_typed_and_says_why_in_vietnamese(login, cast, tree, plan):
    response = login(cast.alice).post(reverse("awards:nomination_lists"), {
        "unit": tree.ha_hoa.pk, "plan": plan.pk, "year": 2025, "title": "Danh sách năm lệch",
    })
    html = response.content.decode()
    assert response.status_code == 200 and "Năm thành tích của danh sách theo kế hoạch là 2026" in html
    assert "Danh sách năm lệch" in html and not NominationList.objects.exists()
    response = login(cast.alice).post(reverse("awards:nomination_lists"), {"unit": tree.ha_hoa.pk,
                                                                            "title": "Không năm"})
    assert "Nhập năm thành tích" in response.content.decode()


def test_the_duplicate_message_appears_on_the_page_with_what_was_typed(login, cast, tree, plan, draft_list, an):
    nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    second = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Bổ sung")
    response = login(cast.alice).post(detail_url(second), {"person": an.pk, "award": ldtt().pk,
                                                           "summary": "Thành tích gõ dở"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn An đã được Xã Hạ Hòa đề nghị Lao động tiên tiến trong kế hoạch này" in html
    assert "Thành tích gõ dở" in html and response.context["form"]["person"].value() == str(an.pk)
    assert not second.lines.exists()


def test_the_line_form_offers_only_the_list_units_people_and_collectives(login, cast, tree, draft_list, an):
    make_person("Lê Văn Ngoài", tree.hien_luong)
    form = login(cast.alice).get(detail_url(draft_list)).context["form"]
    assert [p.full_name for p in form.fields["person"].queryset] == ["Nguyễn Văn An"]
    assert set(form.fields["collective"].queryset) == {tree.ha_hoa, tree.van_phong}


def test_two_subjects_at_once_are_refused_on_the_page(login, cast, tree, draft_list, an):
    response = login(cast.alice).post(detail_url(draft_list), {"person": an.pk, "household": "Hộ ông A",
                                                               "award": ldtt().pk})
    assert response.status_code == 200 and "Chọn đúng một đối tượng" in response.content.decode()


# Eligibility, override, refusals on submit

def test_the_verdict_shows_each_condition_and_the_records_used(login, cast, draft_list, an, binh):
    rate_good(an)
    nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    nominations.add_line(draft_list, actor=cast.alice, person=binh, award=ldtt())
    html = login(cast.carol).get(detail_url(draft_list)).content.decode()
    assert "Đủ tiêu chuẩn" in html and "Chưa đủ tiêu chuẩn" in html
    assert "Năm 2026: " in html  # the rating the met condition rested on
    assert "chưa đạt" in html and "Thiếu các năm: 2026" in html


def test_the_verdict_of_a_collective_shows_its_members_and_uncertain_rules(login, cast, tree, draft_list, an):
    TaskRating.objects.create(collective=tree.van_phong, year=2026, rating=TaskRating.Rating.GOOD)
    nominations.add_line(draft_list, actor=cast.alice, collective=tree.van_phong,
                         award=AwardType.objects.get(code="TTLDTT"))
    html = login(cast.carol).get(detail_url(draft_list)).content.decode()
    assert "Chưa đủ tiêu chuẩn" in html and "Năm 2026: Hoàn thành tốt nhiệm vụ" in html
    assert "0/1 thành viên đạt (0%); chưa đạt: Nguyễn Văn An" in html
    assert "quy định cần kiểm tra" in html  # the share of members is not confirmed in the law


def test_the_approver_overrides_a_failed_check_and_the_clerk_cannot(login, cast, draft_list, an):
    line = nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    alice_page = login(cast.alice).get(detail_url(draft_list)).content.decode()
    assert "Xác nhận vẫn đề nghị" not in alice_page
    assert login(cast.alice).post(override_url(line), {"reason": "Đột xuất"}).status_code == 403
    assert login(cast.dave).post(override_url(line), {"reason": "Đột xuất"}).status_code == 403
    client = login(cast.bob)
    assert "Xác nhận vẫn đề nghị" in client.get(detail_url(draft_list)).content.decode()
    empty = client.post(override_url(line), {"reason": "  "}, follow=True)
    assert "Ghi rõ lý do vẫn đề nghị" in empty.content.decode()
    response = client.post(override_url(line), {"reason": "Có thành tích đột xuất trong phòng chống lũ"},
                           follow=True)
    line.refresh_from_db()
    assert line.override_by == cast.bob and not line.needs_override
    assert "Có thành tích đột xuất trong phòng chống lũ" in response.content.decode()


def test_submitting_with_a_failed_check_not_overridden_is_refused_clearly(login, cast, draft_list, an):
    nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    response = login(cast.alice).post(submit_url(draft_list), follow=True)
    assert "chưa được lãnh đạo xác nhận lý do đề nghị: Nguyễn Văn An" in response.content.decode()
    draft_list.refresh_from_db()
    assert draft_list.status == "draft"


def test_the_quota_refusal_on_submit_is_shown_as_a_message(login, cast, tree, plan, draft_list, an, binh):
    rate_good(an, binh)
    AwardTier.objects.create(plan=plan, award=ldtt(), award_name="Lao động tiên tiến", quota=1, position=30)
    nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    nominations.add_line(draft_list, actor=cast.alice, person=binh, award=ldtt())
    attach_missing(draft_list, actor=cast.alice)
    page = login(cast.bob).get(detail_url(draft_list)).content.decode()
    assert "Lao động tiên tiến: tối đa 1" in page
    response = login(cast.bob).post(submit_url(draft_list), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "Vượt số lượng tối đa của “Lao động tiên tiến”" in html
    assert "cho phép 1, Xã Hạ Hòa đề nghị 2" in html
    draft_list.refresh_from_db()
    assert draft_list.status == "draft"


def test_a_late_submission_is_refused_and_the_extended_deadline_shown(login, cast, tree, plan, draft_list, an):
    rate_good(an)
    nominations.add_line(draft_list, actor=cast.alice, person=an, award=ldtt())
    plan.dossier_deadline = TODAY - datetime.timedelta(days=1)
    plan.save()
    client = login(cast.alice)
    response = client.post(submit_url(draft_list), follow=True)
    assert "Đã quá hạn nộp hồ sơ" in response.content.decode()
    later = TODAY + datetime.timedelta(days=3)
    nominations.extend_deadline(plan, actor=cast.erin, unit=tree.ha_hoa, new_deadline=later, reason="Mưa lũ")
    page = client.get(detail_url(draft_list))
    assert page.context["deadline"] == later and f"{later:%d/%m/%Y} (đã gia hạn" in page.content.decode()


# The plan page links here; the list page costs the same whatever the count

def test_the_plan_page_links_to_its_nomination_lists_once_issued(login, cast, tree, plan):
    url = reverse("awards:nomination_lists") + f"?ke_hoach={plan.pk}"
    assert url in login(cast.alice).get(reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()
    draft = make_plan(tree.phu_tho, title="Kế hoạch dự thảo")
    page = login(cast.erin).get(reverse("campaigns:plan_detail", args=[draft.pk])).content.decode()
    assert f"?ke_hoach={draft.pk}" not in page


def test_the_list_page_costs_a_fixed_number_of_queries(login, cast, tree, plan, an):
    client = login(cast.alice)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("awards:nomination_lists"))
        assert response.status_code == 200
        return len(response.context["page"].object_list), len(queries)

    nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Danh sách 0")
    one = count()
    for i in range(1, 30):
        created = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan if i % 2 else None,
                                          year=2026, title=f"Danh sách {i}")
        if i % 3 == 0:
            nominations.add_line(created, actor=cast.alice, household=f"Hộ ông {i}",
                                 award=AwardType.objects.filter(for_households=True).first())
    thirty = count()
    assert one[0] == 1 and thirty[0] == 30
    assert thirty[1] == one[1]


def test_a_long_list_is_shown_a_hundred_lines_a_page_in_a_fixed_number_of_queries(login, cast, tree, draft_list):
    from tests.awards.nominee_files import many_people

    client = login(cast.alice)
    url = reverse("awards:nomination_list_detail", args=[draft_list.pk])
    title = AwardType.objects.get(code="LDTT")

    def shown(page=1):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"trang": page})
        return len(response.context["lines"]), len(queries)

    people = many_people(tree.ha_hoa, 150)
    nominations.add_lines(draft_list, actor=cast.alice, lines=[{"person": p, "award": title} for p in people[:5]])
    few = shown()
    nominations.add_lines(draft_list, actor=cast.alice, lines=[{"person": p, "award": title} for p in people[5:]])
    assert shown() == (100, few[1]) and shown(2) == (50, few[1]) and few[0] == 5
    assert "Các đề nghị (150)" in client.get(url).content.decode()
