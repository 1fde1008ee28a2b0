"""The statistics page reaches the award records from the units (an arm per kind of subject): the same rows as
the scoped queryset (``AwardRecord.objects.visible_to``) narrowed to the chosen subtrees, for every user and unit.

The world is that of tests/awards/test_statistics.py, and two households more:
  one proposed by Xã Hiền Lương (Phú Thọ) and decided by Phường Nha Trang (Khánh Hòa), after Phường Nha Trang
  was taken over by Xã Hạ Hòa (a transfer, for the sake of the case): Xã Hạ Hòa's figures reach Nha Trang's
  units, which dave (Phú Thọ) does not see. Dave sees the household through its proposer, and it lies under
  Xã Hạ Hòa through its decider: both limits are met, each by another of its two units, and it counts.
  one decided by Xã Hạ Hòa, with no proposal on the portal.
"""

import datetime

import pytest

from units.models import UnitSuccession

from awards.models import HOUSEHOLD_UNIT_PATHS, AwardRecord, Decision, household_q
from awards.rules import statistics

from tests.awards.test_statistics import build_world, household_granted, record

pytestmark = pytest.mark.django_db


def scoped_then_narrowed(scope):
    """The records as the page counted them before: the scoped queryset, then the chosen subtrees by path."""
    rows = (AwardRecord.objects.visible_to(scope.user).filter(revoked_on__isnull=True)
            .filter(year__gte=scope.year_from, year__lte=scope.year_to))
    if scope.unit is None:
        return rows
    return rows.filter(scope.under("person__unit__path", "collective__path")
                       | household_q(scope.under(*HOUSEHOLD_UNIT_PATHS)))


def decided_by(tree, cast, unit, household, year):
    decision = Decision.objects.create(issuing_unit=unit, place=unit.name, title="Khen thưởng hộ",
                                       authority=f"UBND {unit.name}", legal_bases="Căn cứ Luật.",
                                       recipients="Như Điều 3.", created_by=cast.alice)
    granted = record("BK_TINH", year, household=household)
    AwardRecord.objects.filter(pk=granted.pk).update(decision=decision)
    return granted


@pytest.fixture
def world(tree, cast):
    world = build_world(tree, cast)
    UnitSuccession.objects.create(predecessor=world.nha_trang, successor=world.ha_hoa, kind="transfer",
                                  effective_date=datetime.date(2025, 7, 1))
    crossing = household_granted(world, cast, world.hien_luong, 2025)
    Decision.objects.create(issuing_unit=world.nha_trang, place="Nha Trang", title="Khen thưởng hộ",
                            authority="UBND phường", legal_bases="Căn cứ Luật.", recipients="Như Điều 3.",
                            created_by=cast.alice)
    AwardRecord.objects.filter(pk=crossing.pk).update(decision=Decision.objects.latest("pk"))
    decided_by(world, cast, world.ha_hoa, "Hộ ông Trần Văn Tư", 2024)
    world.crossing = crossing
    return world


def test_the_records_are_those_the_scoped_queryset_narrowed_by_path_gives(world, cast):
    users = (cast.root, cast.dave, cast.olga, cast.alice)
    units = (None, world.phu_tho, world.ha_hoa_district, world.ha_hoa, world.vo_tranh, world.hien_luong,
             world.nha_trang)
    compared = 0
    for user in users:
        for unit in units:
            for years in ((2023, 2025), (2024, 2024), (2025, 2025)):
                scope = statistics.make_scope(user, unit, *years)
                expected = set(scoped_then_narrowed(scope).values_list("pk", flat=True))
                assert set(statistics.records(scope).values_list("pk", flat=True)) == expected, (user, unit, years)
                compared += bool(expected)
    assert compared > 20


def test_a_household_meeting_each_limit_through_another_unit_counts(world, cast):
    scope = statistics.make_scope(cast.dave, world.ha_hoa, 2025, 2025)
    assert world.crossing.pk in set(statistics.records(scope).values_list("pk", flat=True))
    # Nga's award lies under Xã Hạ Hòa now (through Phường Nha Trang) but outside what dave sees.
    assert as_dict_subject(scope) == {"Cá nhân": 2, "Tập thể": 1, "Hộ gia đình": 1}


def as_dict_subject(scope):
    return {row[0]: row[1] for row in statistics.awards_by_subject(scope).rows}


def test_the_unit_size_figure_counts_each_roll_in_the_scope(world, cast):
    """Hand count for Xã Hạ Hòa, 2023–2025, as dave: An's two and Bình's one (Xã Hạ Hòa, 2 people), Cường's two
    (Xã Vô Tranh, 1 person), the commune's own (2 people); the households have no roll."""
    table = statistics.awards_by_unit_size(statistics.make_scope(cast.dave, world.ha_hoa, 2023, 2025))
    assert {row[0]: row[1] for row in table.rows} == {"Dưới 10 người": 6, "Từ 10 đến 49 người": 0,
                                                      "Từ 50 đến 199 người": 0, "Từ 200 người trở lên": 0}
    national = statistics.awards_by_unit_size(statistics.make_scope(cast.root, None, 2023, 2025))
    assert {row[0]: row[1] for row in national.rows}["Từ 10 đến 49 người"] == 1  # Dung, of Xã Hiền Lương (11)
