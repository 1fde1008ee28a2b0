"""Many lines at once: every rule of one line (duplicates, exclusions, verdicts), a batch's queries, all or none."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from units.models import Unit

from awards.models import AwardRecord, DisciplinePeriod, Initiative, TaskRating
from awards.rules import eligibility
from awards.services import nominations

from tests.awards.nominee_files import award, many_people
from tests.conftest import make_person, make_unit

pytestmark = pytest.mark.django_db


def lines_of(people, code="LDTT"):
    title = award(code)
    return [{"person": p, "award": title} for p in people]


def test_adding_sixty_lines_runs_the_queries_of_adding_six(cast, tree, annual_list):
    people = many_people(tree.ha_hoa, 66)
    for p in people:
        p.unit = tree.ha_hoa  # as the import hands them over: with their units read

    def queries(batch):
        lines = lines_of(batch)
        with CaptureQueriesContext(connection) as captured:
            assert nominations.add_lines(annual_list, actor=cast.alice, lines=lines) == len(batch)
        return len(captured)

    assert queries(people[:6]) == queries(people[6:])
    assert annual_list.lines.count() == 66


def test_every_refused_line_is_named_and_none_is_kept(cast, tree, annual_list):
    an = make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    nga = make_person("Trần Thị Nga", tree.nha_trang, gender="female")
    version = annual_list.version
    lines = [
        {"person": an, "award": award("LDTT")},
        {"person": nga, "award": award("LDTT")},  # another province
        {"collective": tree.ha_hoa, "award": award("LDTT")},  # a title for individuals
        {"person": an, "award": award("LDTT"), "summary": "lần hai"},  # the first line again
        {"household": "Hộ ông Ba", "award": award("GD_VH")},
    ]
    with pytest.raises(nominations.LinesRefused) as refused:
        nominations.add_lines(annual_list, actor=cast.alice, lines=lines)
    named = {index: " ".join(error.messages) for index, error in refused.value.refusals}
    assert sorted(named) == [1, 2, 3]
    assert named[1] == "Trần Thị Nga không thuộc Xã Hạ Hòa."
    assert named[2] == "Lao động tiên tiến không dành cho tập thể."
    assert named[3].startswith("Nguyễn Văn An đã được Xã Hạ Hòa đề nghị Lao động tiên tiến năm 2026")
    annual_list.refresh_from_db()
    assert not annual_list.lines.exists() and annual_list.version == version


def test_verdicts_judged_together_are_those_judged_one_by_one(tree):
    an, binh, chi = (make_person(name, tree.ha_hoa) for name in ("Nguyễn Văn An", "Lê Văn Bình", "Đỗ Thị Chi"))
    for year in (2024, 2025, 2026):
        TaskRating.objects.create(person=an, year=year, rating="excellent")
        AwardRecord.objects.create(person=an, award=award("CSTDCS"), year=year, decision_number=f"{year}/QĐ",
                                   decision_date=datetime.date(year, 12, 30), issuing_body="UBND xã Hạ Hòa")
    TaskRating.objects.create(person=binh, year=2026, rating="good")
    DisciplinePeriod.objects.create(person=binh, form="reprimand", start=datetime.date(2026, 3, 1))
    initiative = Initiative.objects.create(title="Số hóa hồ sơ", year=2026, scope="province",
                                           recognising_body="UBND tỉnh Phú Thọ")
    initiative.authors.add(an, chi)
    judge = eligibility.Judge([an, binh, chi])
    for person in (an, binh, chi):
        for code in ("LDTT", "CSTDCS", "CSTD_BT"):
            together = judge.check(person, award(code), 2026).as_dict()
            assert together == eligibility.check(person, award(code), 2026).as_dict(), (person, code)


def test_a_line_the_exclusion_table_forbids_is_refused_naming_the_other_units_line(cast, tree, annual_list,
                                                                                  province_clerk):
    an = make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")
    binh = make_person("Lê Văn Bình", tree.van_phong)
    province = nominations.create_list(actor=province_clerk, unit=tree.phu_tho, year=2026,
                                       title="Tỉnh đề nghị năm 2026")
    nominations.add_line(province, actor=province_clerk, person=an, award=award("BK_TTG"))
    with pytest.raises(nominations.LinesRefused) as refused:
        nominations.add_lines(annual_list, actor=cast.alice, lines=lines_of([binh, an], "BK_TINH"))
    [(index, error)] = refused.value.refusals
    assert index == 1 and error.messages[0].startswith(
        "Nguyễn Văn An đã được Tỉnh Phú Thọ đề nghị Bằng khen của Thủ tướng Chính phủ khi tổng kết năm 2026 "
        "(danh sách “Tỉnh đề nghị năm 2026”); không đề nghị đồng thời Bằng khen của Chủ tịch UBND tỉnh. Một thành tích")
    assert not annual_list.lines.exists()


@pytest.mark.parametrize("batch", [1, 500])
def test_two_lines_of_one_file_for_forms_kept_apart_refuse_the_second(cast, tree, annual_list, monkeypatch, batch):
    monkeypatch.setattr(nominations, "BATCH", batch)  # in one batch, or the first already written
    an = make_person("Nguyễn Văn An", tree.van_phong)
    lines = lines_of([an], "LDTT") + lines_of(many_people(tree.ha_hoa, 2), "LDTT") + lines_of([an], "CSTT")
    with pytest.raises(nominations.LinesRefused) as refused:
        nominations.add_lines(annual_list, actor=cast.alice, lines=lines)
    [(index, error)] = refused.value.refusals
    assert index == 3 and error.messages[0].startswith(
        "Nguyễn Văn An đã được Xã Hạ Hòa đề nghị Lao động tiên tiến cho thành tích năm 2026 "
        "(danh sách “Tổng kết năm 2026”); không đề nghị đồng thời Chiến sĩ tiên tiến.")
    assert not annual_list.lines.exists()


def test_collectives_are_judged_and_a_form_without_a_standard_is_not(cast, tree, annual_list):
    an = make_person("Nguyễn Văn An", tree.van_phong)
    TaskRating.objects.create(collective=tree.van_phong, year=2026, rating="good")
    nominations.add_lines(annual_list, actor=cast.alice, lines=[
        {"collective": tree.van_phong, "award": award("TTLDTT")},
        {"collective": tree.ha_hoa, "award": award("BK_BO")},
        {"person": an, "award": award("BK_BO")},
        {"household": "Hộ ông Ba", "award": award("GD_VH")},
    ])
    team, commune, person, household = annual_list.lines.order_by("pk")
    assert team.eligibility == eligibility.check(tree.van_phong, award("TTLDTT"), 2026).as_dict()
    assert team.eligible is not None and team.eligibility["subject_kind"] == "collective"
    assert (commune.eligible, commune.eligibility["standard"], commune.eligibility["subject"]) == (
        None, None, "Xã Hạ Hòa")
    assert (person.eligible, person.eligibility["standard"]) == (None, None)
    assert (household.eligible, household.eligibility) == (None, {})


def test_sixty_collectives_and_people_cost_the_queries_of_six(cast, tree, annual_list):
    schools = [make_unit(f"Trường Mầm non số {i}", Unit.Kind.SCHOOL, tree.ha_hoa) for i in range(33)]
    people = many_people(tree.ha_hoa, 33)
    for p in people:
        p.unit = tree.ha_hoa
    for i, school in enumerate(schools):
        make_person(f"Giáo viên {i}", school)

    def queries(units, persons):
        lines = [{"collective": u, "award": award("TTLDTT")} for u in units] + lines_of(persons)
        with CaptureQueriesContext(connection) as captured:
            nominations.add_lines(annual_list, actor=cast.alice, lines=lines)
        return len(captured)

    assert queries(schools[:3], people[:3]) == queries(schools[3:], people[3:])
    assert annual_list.lines.filter(eligible__isnull=False).count() == 66


def test_each_batch_locks_its_people_and_collectives_in_one_query_each_in_id_order(cast, tree, annual_list,
                                                                                   monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes no row locks")
    monkeypatch.setattr(nominations, "BATCH", 3)
    people = many_people(tree.ha_hoa, 4)
    for p in people:
        p.unit = tree.ha_hoa
    lines = lines_of(reversed(people)) + [{"collective": tree.van_phong, "award": award("TTLDTT")}]
    with CaptureQueriesContext(connection) as captured:
        nominations.add_lines(annual_list, actor=cast.alice, lines=lines)
    locks = [q["sql"] for q in captured if "FOR UPDATE" in q["sql"] and "awards_nominationlist" not in q["sql"]]
    assert [("units_person" in sql, "units_unit" in sql) for sql in locks] == [
        (True, False), (True, False), (False, True)]  # batch one: three people; batch two: one, and the office
    assert all(sql.endswith("ORDER BY 1 ASC FOR UPDATE") for sql in locks)  # by id, the only column read
