"""Nomination lists: who may make them, the duplicate guard, eligibility, deadlines and quotas."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from campaigns.models import AwardTier

from awards.models import Authority, AwardType, NominationLine, NominationList, RegulationVersion, TaskRating
from awards.services import nominations

from tests.awards.pdf_files import attach_missing
from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def binh(tree):
    return make_person("Trần Thị Bình", tree.ha_hoa, gender="female")


def ldtt():
    return AwardType.objects.get(code="LDTT")


def rate_good(*people, year=2026):
    for person in people:
        TaskRating.objects.create(person=person, year=year, rating=TaskRating.Rating.GOOD)


def new_list(actor, unit, plan, title="Đề nghị khen thưởng năm 2026"):
    return nominations.create_list(actor=actor, unit=unit, plan=plan, year=plan.issue_year if plan else 2026,
                                   title=title)


def quota_tier(plan, award, quota=1):
    return AwardTier.objects.create(plan=plan, award=award, award_name=award.name, quota=quota, position=30)


# Creation

def test_it_lets_a_commune_clerk_start_a_list_under_the_province_plan(cast, tree, plan):
    nomination_list = new_list(cast.alice, tree.ha_hoa, plan)
    assert nomination_list.status == NominationList.Status.DRAFT
    assert nomination_list.created_by == cast.alice and nomination_list.year == 2026
    assert list(NominationList.objects.visible_to(cast.alice)) == [nomination_list]
    assert not NominationList.objects.visible_to(cast.olga).exists()


def test_it_refuses_a_list_to_someone_who_is_not_a_clerk_of_the_unit(cast, tree, plan):
    for outsider in (cast.bob, cast.olga):
        with pytest.raises(PermissionDenied):
            new_list(outsider, tree.ha_hoa, plan)


def test_it_refuses_a_list_under_a_draft_plan(cast, tree):
    draft = make_plan(tree.phu_tho)
    with pytest.raises(ValidationError, match="đã ban hành"):
        new_list(cast.alice, tree.ha_hoa, draft)


def test_it_refuses_a_list_of_a_unit_outside_the_plan_issuer(cast, tree, plan):
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        new_list(cast.olga, tree.nha_trang, plan)


def test_it_starts_an_annual_review_list_without_a_plan(cast, tree):
    nomination_list = new_list(cast.alice, tree.ha_hoa, None)
    assert nomination_list.plan is None and nomination_list.year == 2026


# Lines, the duplicate guard, eligibility

def test_it_stores_the_eligibility_verdict_on_the_line(cast, tree, plan, an, binh):
    rate_good(an)
    nomination_list = new_list(cast.alice, tree.ha_hoa, plan)
    good = nominations.add_line(nomination_list, actor=cast.alice, person=an, award=ldtt(), summary="Tận tụy")
    unrated = nominations.add_line(nomination_list, actor=cast.alice, person=binh, award=ldtt())
    assert good.eligible is True and good.eligibility["eligible"] is True
    assert unrated.eligible is False and unrated.needs_override
    assert (good.plan, good.year) == (plan, 2026)


def test_it_stores_the_verdict_of_a_collective_with_what_its_members_hold(cast, tree, an):
    TaskRating.objects.create(collective=tree.van_phong, year=2026, rating=TaskRating.Rating.GOOD)
    nomination_list = new_list(cast.alice, tree.ha_hoa, None)
    line = nominations.add_line(nomination_list, actor=cast.alice, collective=tree.van_phong,
                                award=AwardType.objects.get(code="TTLDTT"))
    assert line.eligible is False and line.needs_override  # An is not yet Lao động tiên tiến
    assert line.eligibility["subject_kind"] == "collective"
    share = [c for c in line.eligibility["conditions"] if c["description"].startswith("Trên 50%")][0]
    assert (share["met"], share["detail"]) == (False, "0/1 thành viên đạt (0%); chưa đạt: Nguyễn Văn An")


def test_households_and_awards_without_a_standard_are_not_judged(cast, tree, an):
    nomination_list = new_list(cast.alice, tree.ha_hoa, None)
    unjudged = AwardType.objects.get(code="BK_BO")  # a form without a standard
    household = nominations.add_line(nomination_list, actor=cast.alice, household="Hộ ông Hà Văn Lâm", award=unjudged)
    person = nominations.add_line(nomination_list, actor=cast.alice, person=an, award=unjudged)
    assert (household.eligible, household.eligibility) == (None, {})
    assert person.eligible is None and not person.needs_override
    assert person.eligibility["standard"] is None


def test_it_refuses_a_person_of_another_unit(cast, tree, plan, hien_luong_clerk, an):
    nomination_list = new_list(hien_luong_clerk, tree.hien_luong, plan)
    with pytest.raises(ValidationError, match="không thuộc Xã Hiền Lương"):
        nominations.add_line(nomination_list, actor=hien_luong_clerk, person=an, award=ldtt())


def test_it_refuses_a_second_nomination_of_the_same_person_by_another_commune(cast, tree, plan, hien_luong_clerk, an):
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, plan), actor=cast.alice, person=an, award=ldtt())
    # An moves to Hiền Lương, which proposes him again under the same plan.
    an.unit = tree.hien_luong
    an.save()
    second = new_list(hien_luong_clerk, tree.hien_luong, plan)
    with pytest.raises(ValidationError, match="đã được Xã Hạ Hòa đề nghị Lao động tiên tiến trong kế hoạch này"):
        nominations.add_line(second, actor=hien_luong_clerk, person=an, award=ldtt())
    assert not second.lines.exists()


def test_it_refuses_a_second_annual_nomination_of_the_same_collective(cast, tree):
    team = AwardType.objects.get(code="TTLDTT")
    nominations.add_line(new_list(cast.alice, tree.ha_hoa, None), actor=cast.alice, collective=tree.van_phong,
                         award=team)
    with pytest.raises(ValidationError, match="Xã Hạ Hòa đề nghị Tập thể lao động tiên tiến năm 2026"):
        nominations.add_line(new_list(cast.alice, tree.ha_hoa, None, title="Lần hai"), actor=cast.alice,
                             collective=tree.van_phong, award=team)


def test_the_database_refuses_a_duplicate_that_slips_past_the_service(cast, tree, plan, an):
    first = nominations.add_line(new_list(cast.alice, tree.ha_hoa, plan), actor=cast.alice, person=an,
                                 award=ldtt())
    other = new_list(cast.alice, tree.ha_hoa, plan, title="Danh sách khác")
    with pytest.raises(IntegrityError), transaction.atomic():
        NominationLine.objects.create(nomination_list=other, plan=plan, year=2026, person=an, award=first.award)


def test_the_database_refuses_a_line_with_two_subjects(cast, tree, plan, an):
    nomination_list = new_list(cast.alice, tree.ha_hoa, plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        NominationLine.objects.create(nomination_list=nomination_list, plan=plan, year=2026, person=an,
                                      collective=tree.van_phong, award=ldtt())


# Override

def test_only_the_approver_of_the_unit_may_override_a_failed_check(cast, tree, plan, an):
    line = nominations.add_line(new_list(cast.alice, tree.ha_hoa, plan), actor=cast.alice, person=an, award=ldtt())
    for not_allowed in (cast.alice, cast.dave, cast.olga):
        with pytest.raises(PermissionDenied):
            nominations.override_eligibility(line, actor=not_allowed, reason="Có thành tích đột xuất")
    with pytest.raises(ValidationError, match="lý do"):
        nominations.override_eligibility(line, actor=cast.bob, reason="  ")
    line = nominations.override_eligibility(line, actor=cast.bob, reason="Có thành tích đột xuất")
    line.refresh_from_db()
    assert (line.override_reason, line.override_by, line.needs_override) == ("Có thành tích đột xuất", cast.bob, False)


def test_it_refuses_to_submit_a_failed_line_without_an_override(cast, tree, plan, an):
    nomination_list = new_list(cast.alice, tree.ha_hoa, plan)
    nominations.add_line(nomination_list, actor=cast.alice, person=an, award=ldtt())
    with pytest.raises(ValidationError, match="Nguyễn Văn An"):
        nominations.submit_list(nomination_list, actor=cast.alice)


# Submission, deadlines, quotas

def test_it_submits_a_list_before_the_deadline(cast, tree, plan, an):
    rate_good(an)
    nomination_list = new_list(cast.alice, tree.ha_hoa, plan)
    nominations.add_line(nomination_list, actor=cast.alice, person=an, award=ldtt())
    attach_missing(nomination_list, actor=cast.alice)
    submitted = nominations.submit_list(nomination_list, actor=cast.alice)
    assert submitted.status == NominationList.Status.SUBMITTED and submitted.submitted_by == cast.alice
    with pytest.raises(ValidationError, match="không thể sửa"):
        nominations.add_line(nomination_list, actor=cast.alice, collective=tree.van_phong,
                             award=AwardType.objects.get(code="TTLDTT"))


def test_it_refuses_to_submit_an_empty_list(cast, tree, plan):
    with pytest.raises(ValidationError, match="chưa có đề nghị"):
        nominations.submit_list(new_list(cast.alice, tree.ha_hoa, plan), actor=cast.alice)


def test_it_refuses_submission_after_the_deadline_and_allows_it_after_an_extension(cast, tree, plan, an):
    rate_good(an)
    nomination_list = new_list(cast.alice, tree.ha_hoa, plan)
    nominations.add_line(nomination_list, actor=cast.alice, person=an, award=ldtt())
    attach_missing(nomination_list, actor=cast.alice)
    plan.dossier_deadline = TODAY - datetime.timedelta(days=1)
    plan.save()
    with pytest.raises(ValidationError, match="Đã quá hạn nộp hồ sơ"):
        nominations.submit_list(nomination_list, actor=cast.alice)
    later = TODAY + datetime.timedelta(days=3)
    for not_allowed in (cast.alice, cast.bob, cast.carol):
        with pytest.raises(PermissionDenied):
            nominations.extend_deadline(plan, actor=not_allowed, unit=tree.ha_hoa, new_deadline=later, reason="Lũ")
    nominations.extend_deadline(plan, actor=cast.erin, unit=tree.ha_hoa, new_deadline=later, reason="Mưa lũ")
    assert nominations.effective_deadline(plan, tree.hien_luong) == plan.dossier_deadline
    assert nominations.submit_list(nomination_list, actor=cast.alice).status == NominationList.Status.SUBMITTED


def test_an_extension_to_all_units_applies_to_every_commune(cast, tree, plan):
    plan.dossier_deadline = TODAY - datetime.timedelta(days=1)
    plan.save()
    later = TODAY + datetime.timedelta(days=7)
    extension = nominations.extend_deadline(plan, actor=cast.dave, new_deadline=later, reason="Theo đề nghị")
    assert extension.unit is None and extension.granted_by == cast.dave
    assert nominations.effective_deadline(plan, tree.hien_luong) == later


def test_it_refuses_the_second_line_over_a_quota_of_one(cast, tree, plan, an, binh):
    rate_good(an, binh)
    quota_tier(plan, ldtt())
    first = new_list(cast.alice, tree.ha_hoa, plan)
    nominations.add_line(first, actor=cast.alice, person=an, award=ldtt())
    attach_missing(first, actor=cast.alice)
    nominations.submit_list(first, actor=cast.alice)
    second = new_list(cast.alice, tree.ha_hoa, plan, title="Bổ sung")
    nominations.add_line(second, actor=cast.alice, person=binh, award=ldtt())
    attach_missing(second, actor=cast.alice)
    with pytest.raises(ValidationError, match="Vượt số lượng tối đa.*cho phép 1.*đề nghị 2"):
        nominations.submit_list(second, actor=cast.bob)


def test_a_failure_halfway_leaves_the_list_as_it_was(cast, tree, plan, an, binh):
    rate_good(an, binh)
    quota_tier(plan, ldtt())
    nomination_list = new_list(cast.alice, tree.ha_hoa, plan)
    nominations.add_line(nomination_list, actor=cast.alice, person=an, award=ldtt())
    nominations.add_line(nomination_list, actor=cast.alice, person=binh, award=ldtt())
    attach_missing(nomination_list, actor=cast.alice)
    before = NominationList.objects.get(pk=nomination_list.pk)
    # The status is written before the quota is counted; the refusal must roll it back.
    with pytest.raises(ValidationError, match="Vượt số lượng tối đa"):
        nominations.submit_list(nomination_list, actor=cast.alice)
    after = NominationList.objects.get(pk=nomination_list.pk)
    assert (after.status, after.submitted_at, after.submitted_by, after.version) == (
        NominationList.Status.DRAFT, None, None, before.version)


@pytest.mark.django_db(transaction=True)
def test_two_clerks_submitting_at_once_cannot_both_pass_a_quota_of_one(cast, tree):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only exercised on PostgreSQL")
    # Our own award row: a transactional test must not lean on rows a data migration loaded.
    award = AwardType.objects.create(code="GK_XA_TEST", name="Giấy khen thử", group=AwardType.Group.CERTIFICATE,
                                     for_collectives=True)
    # And our own authority row: a submitted list is routed to whoever may grant its awards.
    regulation = RegulationVersion.objects.create(code="TEST", name="Quy định thử")
    Authority.objects.create(regulation=regulation, award=award, level="commune", office="Chủ tịch UBND xã")
    plan = make_plan(tree.phu_tho, status="issued")
    quota_tier(plan, award)
    lists = []
    for actor, collective in ((cast.alice, tree.van_phong), (cast.bob, tree.ha_hoa)):
        nomination_list = new_list(cast.alice, tree.ha_hoa, plan, title=f"Danh sách {collective.pk}")
        nominations.add_line(nomination_list, actor=cast.alice, collective=collective, award=award)
        lists.append((actor, nomination_list))
    start, outcomes = threading.Barrier(2), []

    def submit(actor, nomination_list):
        try:
            start.wait()
            nominations.submit_list(nomination_list, actor=actor)
            outcomes.append("submitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in lists]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "submitted"]
    assert NominationList.objects.filter(status=NominationList.Status.SUBMITTED).count() == 1
