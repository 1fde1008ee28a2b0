"""A verdict that fails only because the year's rating is not entered yet says so, not a later year."""

import datetime

import pytest

from awards.models import AwardRecord, AwardType, DisciplinePeriod, TaskRating
from awards.rules.eligibility import check

pytestmark = pytest.mark.django_db


def award(code):
    return AwardType.objects.get(code=code)


def test_it_says_the_rating_of_the_year_is_not_entered_yet(an):
    verdict = check(an, award("LDTT"), 2026)
    assert not verdict.eligible
    assert verdict.rating_missing_year == 2026 and verdict.earliest_year is None
    assert verdict.as_dict()["rating_missing"] == "Chưa nhập xếp loại năm 2026"


def test_once_the_rating_is_entered_the_verdict_is_given(an):
    TaskRating.objects.create(person=an, year=2026, rating="good")
    verdict = check(an, award("LDTT"), 2026)
    assert verdict.eligible and verdict.rating_missing_year is None


def test_a_low_rating_that_is_entered_is_not_called_missing(an):
    TaskRating.objects.create(person=an, year=2026, rating="done")
    verdict = check(an, award("LDTT"), 2026)
    assert not verdict.eligible and verdict.rating_missing_year is None
    assert verdict.as_dict()["rating_missing"] == ""


def test_a_missing_rating_is_not_named_when_something_else_also_fails(an):
    DisciplinePeriod.objects.create(person=an, form="warning", start=datetime.date(2026, 3, 1))
    verdict = check(an, award("LDTT"), 2026)
    assert not verdict.eligible and verdict.rating_missing_year is None


def test_a_five_year_streak_waiting_only_for_this_year_names_this_year(an):
    for year in range(2022, 2026):
        TaskRating.objects.create(person=an, year=year, rating="good")
    AwardRecord.objects.create(person=an, award=award("BK_TINH"), year=2021, decision_number="12/QĐ-UBND",
                               decision_date=datetime.date(2022, 1, 5), issuing_body="UBND tỉnh Phú Thọ")
    for year in (2022, 2024, 2025):
        AwardRecord.objects.create(person=an, award=award("CSTDCS"), year=year, decision_number=f"{year}/QĐ",
                                   decision_date=datetime.date(year + 1, 1, 5), issuing_body="UBND xã Hạ Hòa")
    verdict = check(an, award("BK_TTG"), 2026)
    assert verdict.rating_missing_year == 2026


def test_the_list_page_shows_the_missing_rating(client, cast, annual_list, an, login):
    from awards.services.nominations import add_line

    annual_list.year = 2026
    annual_list.save(update_fields=["year"])
    add_line(annual_list, actor=cast.alice, person=an, award=award("LDTT"))
    login(cast.alice)
    page = client.get(f"/khen-thuong/de-nghi/{annual_list.pk}/")
    assert "Chưa nhập xếp loại năm 2026" in page.content.decode()


def test_a_collective_waiting_only_for_its_rating_is_told_so(tree):
    verdict = check(tree.van_phong, award("GIAY_KHEN"), 2026)
    assert verdict.rating_missing_year == 2026 and not verdict.eligible
