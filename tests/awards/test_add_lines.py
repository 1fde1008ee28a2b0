"""Many lines at once: the rules of one line, the queries of a batch, all kept or none."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import eligibility, nominations
from awards.models import AwardRecord, DisciplinePeriod, Initiative, TaskRating
from tests.awards.nominee_files import award, many_people
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_list(cast, tree):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")


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
