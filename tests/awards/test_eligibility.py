"""The eligibility engine on hand-worked cases of the merit chains."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from awards.models import AwardRecord, AwardType, Condition, DisciplinePeriod, Initiative, Standard, TaskRating
from awards.rules.eligibility import History, check

from tests.conftest import make_person, make_unit

pytestmark = pytest.mark.django_db


def award(code):
    return AwardType.objects.get(code=code)


def give(person, code, *years, award_class="", body="UBND huyện Hạ Hòa"):
    for year in years:
        AwardRecord.objects.create(person=person, award=award(code), award_class=award_class, year=year,
                                   decision_number=f"{year}/{code}", decision_date=datetime.date(year + 1, 1, 10),
                                   issuing_body=body)


def rate(person, rating, *years):
    for year in years:
        TaskRating.objects.create(person=person, year=year, rating=rating)


def met(verdict):
    return {r.description: r.met for r in verdict.results}


def test_the_chains_are_rows_an_admin_can_change():
    codes = set(Standard.objects.values_list("award__code", flat=True))
    assert {"LDTT", "CSTDCS", "CSTD_BT", "CSTD_TQ", "BK_TTG", "HC_LAO_DONG"} <= codes
    assert Condition.objects.filter(standard__award__code="CSTD_BT", operator="consecutive", count=3).exists()


def test_lao_dong_tien_tien_needs_a_good_rating_and_no_discipline(an):
    rate(an, "good", 2025)
    assert check(an, award("LDTT"), 2025).eligible
    DisciplinePeriod.objects.create(person=an, form="reprimand", start=datetime.date(2025, 9, 1))
    verdict = check(an, award("LDTT"), 2025)
    assert not verdict.eligible and met(verdict)["Không bị kỷ luật trong năm xét"] is False


def test_chien_si_thi_dua_co_so_accepts_an_excellent_rating_or_an_initiative(an):
    give(an, "LDTT", 2025)
    rate(an, "good", 2025)
    verdict = check(an, award("CSTDCS"), 2025)
    assert not verdict.eligible
    assert met(verdict)["Đạt Lao động tiên tiến (Chiến sĩ tiên tiến) trong năm xét"]
    initiative = Initiative.objects.create(title="Phần mềm một cửa", year=2025, scope="base",
                                           recognising_body="UBND xã Hạ Hòa")
    initiative.authors.add(an)
    verdict = check(an, award("CSTDCS"), 2025)
    assert verdict.eligible
    used = [r for r in verdict.results if r.description == "Có sáng kiến được công nhận trong năm xét"][0].used
    assert used == [initiative]


def test_provincial_title_needs_three_consecutive_base_titles_and_says_when(an):
    give(an, "CSTDCS", 2023, 2024)
    initiative = Initiative.objects.create(title="Quy trình số hóa", year=2024, scope="province",
                                           recognising_body="UBND tỉnh Phú Thọ")
    initiative.authors.add(an)
    verdict = check(an, award("CSTD_BT"), 2024)
    result = [r for r in verdict.results if r.condition.operator == "consecutive"][0]
    assert not verdict.eligible and result.missing == [2022]
    assert [r.year for r in result.used] == [2024, 2023]
    # If they earn it again in 2025, 2023–2025 is a streak of three.
    assert verdict.earliest_year == 2025
    give(an, "CSTDCS", 2025)
    assert check(an, award("CSTD_BT"), 2025).eligible


def test_a_broken_streak_starts_over(an):
    give(an, "CSTDCS", 2021, 2022, 2024)
    assert check(an, award("CSTD_BT"), 2024).earliest_year == 2026


def test_a_district_title_still_counts_after_the_merger(an):
    give(an, "CSTDCS", 2022, 2023, body="UBND huyện Hạ Hòa")
    give(an, "CSTDCS", 2024, body="UBND xã Hạ Hòa")
    initiative = Initiative.objects.create(title="Sổ tay", year=2023, scope="province", recognising_body="UBND tỉnh")
    initiative.authors.add(an)
    assert check(an, award("CSTD_BT"), 2024).eligible


def test_campaign_and_revoked_awards_never_count(an):
    give(an, "CSTDCS", 2022, 2023, 2024)
    AwardRecord.objects.filter(person=an, year=2023).update(revoked_on=datetime.date(2025, 5, 1))
    verdict = check(an, award("CSTD_BT"), 2024)
    assert not verdict.eligible
    assert [r for r in verdict.results if r.condition.operator == "consecutive"][0].missing == [2023]
    cstdcs = award("CSTDCS")
    cstdcs.counts_toward_chains = False
    cstdcs.save()
    verdict = check(an, cstdcs and award("CSTD_BT"), 2024)
    assert [r for r in verdict.results if r.condition.operator == "consecutive"][0].used == []


def test_prime_ministers_certificate_through_the_merit_chain(an):
    give(an, "BK_TINH", 2020, body="UBND tỉnh Phú Thọ")
    rate(an, "good", 2021, 2022, 2023, 2024, 2025)
    give(an, "CSTDCS", 2021, 2023, 2025)
    assert check(an, award("BK_TTG"), 2025).eligible
    verdict = check(an, award("BK_TTG"), 2024)  # only four good years up to 2024, two CSTĐCS
    assert not verdict.eligible and verdict.earliest_year == 2025


def test_labour_order_third_class_needs_an_excellent_year(an):
    give(an, "BK_TTG", 2020, body="Thủ tướng Chính phủ")
    rate(an, "good", 2021, 2022, 2023, 2024, 2025)
    give(an, "CSTDCS", 2021, 2023, 2025)
    verdict = check(an, award("HC_LAO_DONG"), 2025, award_class="Ba")
    assert not verdict.eligible
    assert not met(verdict)["Ít nhất 1 năm hoàn thành xuất sắc nhiệm vụ trong 5 năm"]
    TaskRating.objects.filter(person=an, year=2024).update(rating="excellent")
    assert check(an, award("HC_LAO_DONG"), 2025, award_class="Ba").eligible


def test_an_award_without_a_standard_says_so(an):
    verdict = check(an, award("BK_BO"), 2025)
    assert verdict.standard is None and not verdict.eligible


def test_the_command_explains_the_verdict(an):
    give(an, "CSTDCS", 2023, 2024)
    out = StringIO()
    call_command("eligibility", cccd="025080001234", award="CSTD_BT", year=2024, stdout=out)
    text = out.getvalue()
    assert "CHƯA đủ điều kiện" in text and "✘ 3 năm liên tục đạt Chiến sĩ thi đua cơ sở đến năm xét" in text
    assert "thiếu năm: 2022" in text and "Năm sớm nhất có thể đủ điều kiện: 2025" in text


def test_the_command_answers_in_json(an):
    give(an, "LDTT", 2025)
    rate(an, "excellent", 2025)
    out = StringIO()
    call_command("eligibility", cccd="025080001234", award="cstdcs", year=2025, json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert data["eligible"] is True and data["award"] == "CSTDCS" and data["cccd"] == "025080001234"
    assert data["conditions"][0]["records"] == ["Lao động tiên tiến năm 2025 (2025/LDTT, UBND huyện Hạ Hòa)"]


def test_the_command_rejects_unknown_people_and_awards(an):
    with pytest.raises(CommandError, match="Không có cá nhân"):
        call_command("eligibility", cccd="099999999999", award="LDTT", year=2025, stdout=StringIO())
    with pytest.raises(CommandError, match="Không có mã"):
        call_command("eligibility", cccd="025080001234", award="XYZ", year=2025, stdout=StringIO())


# Collectives

@pytest.fixture
def school(tree):
    from units.models import Unit

    unit = make_unit("Trường Tiểu học Hạ Hòa", Unit.Kind.SCHOOL, tree.ha_hoa, code="TH-HH")
    for name in ("Nguyễn Thị Ánh", "Trần Văn Bảo", "Lê Thị Cúc"):
        give(make_person(name, unit, gender="female"), "LDTT", 2026, body="UBND xã Hạ Hòa")
    TaskRating.objects.create(collective=unit, year=2026, rating="good")
    return unit


def test_a_collectives_history_follows_renames_and_mergers_but_not_abolitions(tree):
    from units.models import Unit, UnitSuccession

    K = Unit.Kind
    oldest = make_unit("Xã Ấm Hạ", K.COMMUNE, tree.ha_hoa_district, valid_to=datetime.date(2019, 12, 31))
    renamed = make_unit("Xã Âm Hạ", K.COMMUNE, tree.ha_hoa_district, valid_to=datetime.date(2025, 6, 30))
    abolished = make_unit("Ban quản lý dự án huyện Hạ Hòa", K.ORGANISATION, tree.ha_hoa_district,
                          valid_to=datetime.date(2025, 6, 30))
    UnitSuccession.objects.create(predecessor=oldest, successor=renamed, kind="rename",
                                  effective_date=datetime.date(2020, 1, 1))
    UnitSuccession.objects.create(predecessor=renamed, successor=tree.ha_hoa, kind="merge",
                                  effective_date=datetime.date(2025, 7, 1))
    UnitSuccession.objects.create(predecessor=abolished, successor=tree.ha_hoa, kind="abolish",
                                  effective_date=datetime.date(2025, 7, 1))
    for unit, year in ((oldest, 2019), (renamed, 2023), (abolished, 2024)):
        AwardRecord.objects.create(collective=unit, award=award("TTLDXS"), year=year, decision_number=f"{year}/XS",
                                   decision_date=datetime.date(year + 1, 1, 5), issuing_body="UBND tỉnh Phú Thọ")
    history = History.of(tree.ha_hoa)
    assert set(history.unit_ids) == {tree.ha_hoa.pk, renamed.pk, oldest.pk}
    assert sorted(history.awards) == [2019, 2023]


def test_judging_a_collective_reads_the_same_number_of_queries_however_many_members(django_assert_num_queries,
                                                                                    tree, school):
    def judge():
        return check(school, award("TTLDTT"), 2026)

    # Standard and conditions, succession lineage, awards, ratings; member offices, members,
    # their awards, ratings and discipline.
    with django_assert_num_queries(11):
        assert judge().eligible
    for i in range(5):
        give(make_person(f"Giáo viên {i}", school), "LDTT", 2026, body="UBND xã Hạ Hòa")
    with django_assert_num_queries(11):
        assert judge().eligible


def test_the_command_judges_a_collective_by_its_unit_code(school):
    out = StringIO()
    call_command("eligibility", unit="TH-HH", award="TTLDTT", year=2026, stdout=out)
    text = out.getvalue()
    assert text.startswith("Trường Tiểu học Hạ Hòa — Tập thể lao động tiên tiến, năm 2026: ĐỦ điều kiện")
    assert "✔ Trên 50% thành viên" in text and "(quy định chưa chắc chắn, cần kiểm tra)" in text
    assert "      3/3 thành viên đạt (100%)" in text
    assert "      · Lê Thị Cúc: Lao động tiên tiến năm 2026 (2026/LDTT, UBND xã Hạ Hòa)" in text


def test_the_command_answers_for_a_collective_in_json(school):
    out = StringIO()
    call_command("eligibility", unit="TH-HH", award="TTLDXS", year=2026, json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert (data["unit"], data["unit_code"], data["subject_kind"], data["eligible"]) == (
        "Trường Tiểu học Hạ Hòa", "TH-HH", "collective", False)
    assert {c["description"][:20]: c["met"] for c in data["conditions"]}["Có thành viên đạt da"] is False


def test_the_command_picks_the_unit_in_force_in_the_year_and_refuses_unknown_codes(tree):
    TaskRating.objects.create(collective=tree.ha_hoa_district, year=2024, rating="excellent")
    out = StringIO()
    call_command("eligibility", unit="231", award="BK_TINH", year=2024, stdout=out)
    assert out.getvalue().startswith("Huyện Hạ Hoà — Bằng khen của Chủ tịch UBND tỉnh, năm 2024")
    with pytest.raises(CommandError, match="Không có đơn vị mã 231 còn hiệu lực trong năm 2026"):
        call_command("eligibility", unit="231", award="BK_TINH", year=2026, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("eligibility", award="BK_TINH", year=2026, stdout=StringIO())  # neither --cccd nor --unit
