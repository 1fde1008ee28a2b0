"""The commonest certificates are judged from rows: Giấy khen and the province chairman's Bằng khen."""

import datetime

import pytest

from awards.models import AwardType, DisciplinePeriod, Initiative, Standard, TaskRating
from awards.rules.eligibility import check
from awards.services import nominations

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def award(code):
    return AwardType.objects.get(code=code)


def rate(subject, rating, *years):
    for year in years:
        key = "collective" if hasattr(subject, "kind") else "person"
        TaskRating.objects.create(**{key: subject}, year=year, rating=rating)


@pytest.mark.parametrize(("code", "subject"), [("GIAY_KHEN", "individual"), ("GIAY_KHEN", "collective"),
                                               ("BK_TINH", "individual"), ("BK_TINH", "collective")])
def test_the_standards_are_rows_marked_uncertain(code, subject):
    standard = Standard.objects.get(award__code=code, subject=subject)
    assert standard.certainty == "U" and standard.conditions.exists()
    assert standard.conditions.filter(certainty="U").exists()


def test_giay_khen_for_a_person_needs_two_years_done_well(an):
    rate(an, "good", 2026)
    verdict = check(an, award("GIAY_KHEN"), 2026)
    assert not verdict.eligible and verdict.earliest_year == 2027
    rate(an, "excellent", 2025)
    assert check(an, award("GIAY_KHEN"), 2026).eligible


def test_giay_khen_is_refused_to_a_person_under_discipline(an):
    rate(an, "good", 2025, 2026)
    DisciplinePeriod.objects.create(person=an, form="reprimand", start=datetime.date(2026, 5, 1))
    verdict = check(an, award("GIAY_KHEN"), 2026)
    assert not verdict.eligible
    assert [r.met for r in verdict.results if r.condition.operator == "no_discipline"] == [False]


def test_giay_khen_for_a_collective_needs_its_rating_and_no_warned_member(tree):
    rate(tree.van_phong, "good", 2026)
    assert check(tree.van_phong, award("GIAY_KHEN"), 2026).eligible
    member = make_person("Lê Văn Cường", tree.van_phong)
    member.postings.update(start_date=datetime.date(2020, 1, 1))
    DisciplinePeriod.objects.create(person=member, form="warning", start=datetime.date(2026, 2, 1))
    assert not check(tree.van_phong, award("GIAY_KHEN"), 2026).eligible


def test_bang_khen_tinh_for_a_person_needs_two_excellent_years_and_an_initiative(an):
    rate(an, "excellent", 2025, 2026)
    verdict = check(an, award("BK_TINH"), 2026)
    assert not verdict.eligible
    initiative = Initiative.objects.create(title="Số hóa hồ sơ một cửa", year=2025, scope="base",
                                           recognising_body="UBND xã Hạ Hòa")
    initiative.authors.add(an)
    assert check(an, award("BK_TINH"), 2026).eligible
    TaskRating.objects.filter(person=an, year=2025).update(rating="good")
    assert not check(an, award("BK_TINH"), 2026).eligible


def test_a_line_meeting_the_standard_needs_no_override(cast, annual_list, an):
    rate(an, "good", 2025, 2026)
    line = nominations.add_line(annual_list, actor=cast.alice, person=an, award=award("GIAY_KHEN"))
    assert line.eligible is True and not line.needs_override
    assert line.eligibility["standard"].startswith("Giấy khen của Chủ tịch UBND xã")


def test_a_line_not_meeting_it_is_judged_not_left_unjudged(cast, annual_list, an):
    rate(an, "done", 2025, 2026)
    line = nominations.add_line(annual_list, actor=cast.alice, person=an, award=award("GIAY_KHEN"))
    assert line.eligible is False and line.needs_override
