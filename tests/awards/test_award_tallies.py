"""The award tally the statistics page sums: every award figure read from it equals the figure counted from the
records as the page counted them before (the oracle below), and every way a record or a person is written leaves
the tally equal to the records counted afresh.

The world is that of tests/awards/test_statistics.py (with its merger of Xã Vô Tranh into Xã Hạ Hòa), and a
varied crowd more: people of every unit, of both genders, with positions typed in any case, five years of awards,
some revoked, a few collectives' and households' awards.
"""

import datetime
import io
import random
from collections import Counter
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from units import services as unit_services
from units.models import Person, UnitSuccession

from awards.models import AwardRecord, AwardTally, AwardType
from awards.rules import award_tallies, statistics
from awards.rules.consistency import all_findings
from awards.services import revocations
from awards.services.award_tallies import rebuild_tallies, recount_tallies
from awards.services.history_imports import import_history

from tests.awards.decision_factories import decide
from tests.awards.dossier_factories import make_list, people, submit
from tests.awards.test_history_import import award as award_row, workbook
from tests.awards.test_statistics import build_world, household_granted, record
from tests.awards.test_statistics_scope import scoped_then_narrowed
from tests.conftest import make_person

pytestmark = pytest.mark.django_db
D = datetime.date
POSITIONS = ["Chủ tịch UBND xã", "CHỦ TỊCH HỘI NÔNG DÂN", "chủ tịch công đoàn", "Chuyên viên", "chuyên viên chính",
             "Công nhân", "CÔNG NHÂN VẬN HÀNH", "Tổ trưởng công nhân", "Phó Trưởng phòng", "Kế toán", ""]


def assert_tally_true():
    assert list(award_tallies.all_differences()) == []


# --- The oracle: the award figures as the page counted them from the records ----------------------------------

def old_tables(scope) -> dict:
    rows = scoped_then_narrowed(scope).order_by()
    people_rows = rows.filter(person__isnull=False)
    years = dict(rows.values_list("year").annotate(n=Count("pk")))
    groups = dict(rows.values_list("award__group").annotate(n=Count("pk")))
    awards = [[row["award__name"], row["n"]] for row in rows.values("award__name").annotate(n=Count("pk"))
              .order_by("-n", "award__name")[:statistics.AWARDS_SHOWN]]
    subjects = rows.aggregate(n_person=Count("pk", filter=Q(person__isnull=False)),
                              n_collective=Count("pk", filter=Q(collective__isnull=False)),
                              n_household=Count("pk", filter=Q(person__isnull=True, collective__isnull=True)))
    words = statistics.role_words(scope.last_day)
    roles = Counter()
    for position, n in people_rows.values_list("person__position").annotate(n=Count("pk")):
        roles[statistics.role_group(position, words)] += n
    genders = dict(people_rows.values_list("person__gender").annotate(n=Count("pk")))
    sizes = Counter()
    for unit, n in (rows.exclude(person__isnull=True, collective__isnull=True)
                    .annotate(size_unit=Coalesce(F("person__unit"), F("collective"))).values_list("size_unit")
                    .annotate(n=Count("pk"))):
        sizes[statistics.size_band(Person.objects.filter(unit=unit).count())] += n
    repeated = people_rows.values("person").annotate(n=Count("pk")).filter(n__gte=2)
    repeats = [[row["person__full_name"], row["n"], row["person__unit__name"]] for row in
               repeated.values("person", "person__full_name", "person__unit__name", "n")
               .order_by("-n", "person__full_name", "person")[:statistics.REPEATS_SHOWN]]
    return {
        "khen-thuong-theo-nam": [[str(y), years.get(y, 0)] for y in range(scope.year_from, scope.year_to + 1)],
        "khen-thuong-theo-loai": [[label, groups[value]] for value, label in AwardType.Group.choices
                                  if groups.get(value)],
        "khen-thuong-theo-hinh-thuc": awards,
        "khen-thuong-theo-doi-tuong": [[label, subjects[f"n_{key}"]]
                                       for key, label in statistics.SUBJECT_KINDS.items()],
        "khen-thuong-lanh-dao": [[label, roles[key]] for key, label in statistics.ROLE_GROUPS.items()],
        "khen-thuong-theo-gioi": [[label, genders.get(value, 0)] for value, label in Person.Gender.choices],
        "khen-thuong-theo-quy-mo": [[label, sizes[label]] for _high, label in statistics.SIZE_BANDS],
        "nhan-nhieu-lan": (repeats, f"Tổng số: {repeated.count()} người."),
    }


def new_tables(scope) -> dict:
    found = {}
    for key in ("khen-thuong-theo-nam", "khen-thuong-theo-loai", "khen-thuong-theo-hinh-thuc",
                "khen-thuong-theo-doi-tuong", "khen-thuong-lanh-dao", "khen-thuong-theo-gioi",
                "khen-thuong-theo-quy-mo"):
        found[key] = statistics.TABLES[key](scope).rows
    repeats = statistics.repeat_recipients(scope)
    found["nhan-nhieu-lan"] = (repeats.rows, repeats.note)
    return found


@pytest.fixture
def crowd(tree, cast):
    """The hand-counted world and a seeded crowd: 60 people over five units, ~150 awards over 2021–2025."""
    world = build_world(tree, cast)
    rng = random.Random(2026)
    units = [world.ha_hoa, world.hien_luong, world.van_phong, world.vo_tranh, world.nha_trang, world.so_noi_vu]
    crowd = [make_person(f"Người {rng.choice('ABCDEG')} {i % 7}", rng.choice(units),
                         gender=rng.choice(["male", "female"]), position=rng.choice(POSITIONS)) for i in range(60)]
    codes = ["LDTT", "CSTDCS", "GIAY_KHEN", "BK_TINH"]
    for person in crowd:
        for year in range(2021, 2026):
            if rng.random() < 0.5:
                record(rng.choice(codes), year, person=person, revoked=rng.random() < 0.1)
    for unit in units:
        record(rng.choice(codes), rng.choice(range(2021, 2026)), collective=unit)
    household_granted(world, cast, world.hien_luong, 2024)
    household_granted(world, cast, world.vo_tranh, 2023)
    world.crowd = crowd
    return world


def test_every_award_figure_read_from_the_tally_equals_the_records_counted(crowd, cast):
    assert_tally_true()
    compared = 0
    for user in (cast.root, cast.dave, cast.olga, cast.alice, cast.erin):
        for unit in (None, crowd.phu_tho, crowd.ha_hoa_district, crowd.ha_hoa, crowd.vo_tranh, crowd.hien_luong,
                     crowd.nha_trang, crowd.van_phong):
            for years in ((2021, 2025), (2023, 2024), (2025, 2025)):
                scope = statistics.make_scope(user, unit, *years)
                expected = old_tables(scope)
                assert new_tables(scope) == expected, (user, unit, years)
                compared += any(n for _label, n in expected["khen-thuong-theo-nam"])
    assert compared > 40


def test_positions_typed_in_any_case_share_one_tally_row(crowd):
    keys = set(AwardTally.objects.filter(subject="person").values_list("position", flat=True))
    assert "chủ tịch hội nông dân" in keys and "CHỦ TỊCH HỘI NÔNG DÂN" not in keys
    assert keys <= {award_tallies.folded(position) for position in POSITIONS}


# --- Every write path leaves the tally equal to a fresh count ------------------------------------------------

def tally_of(unit, year=None):
    rows = AwardTally.objects.filter(unit=unit)
    return sum(rows.filter(year=year).values_list("n", flat=True) if year else rows.values_list("n", flat=True))


def test_a_decision_issued_counts_its_records_written_in_bulk(cast, tree, central):
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [local] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN"), (binh, "GIAY_KHEN")]), cast.alice)
    decision = decide(local, cast.bob)
    year = decision.records.first().year
    assert tally_of(tree.ha_hoa, year) == 2
    assert_tally_true()


def test_records_imported_from_the_template_are_counted(cast, tree):
    make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")
    make_person("Trần Thị Bình", tree.hien_luong, gender="female", cccd="025185004321")
    result = import_history(workbook([
        award_row("025080001234", "LDTT", 2023, "12/QĐ-UBND"),
        award_row("025185004321", "CSTDCS", 2024, "125/QĐ-UBND", decided="20/01/2025"),
        award_row(None, "TTLDTT", 2025, "7/QĐ-UBND", unit="08053", decided="10/12/2025", body="UBND tỉnh Phú Thọ"),
    ]), actor=cast.erin)
    assert not result.errors
    assert (tally_of(tree.van_phong, 2023), tally_of(tree.hien_luong, 2024), tally_of(tree.ha_hoa, 2025)) == (1, 1, 1)
    assert_tally_true()


def test_a_revoked_record_stops_counting(cast, tree):
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    granted = record("CSTDCS", 2024, person=an)
    record("LDTT", 2024, person=an)
    assert tally_of(tree.ha_hoa, 2024) == 2
    revocations.revoke_award(granted, actor=cast.bob, reason="Sai đối tượng.", on=D(2026, 5, 1))
    assert tally_of(tree.ha_hoa, 2024) == 1
    assert_tally_true()


def test_a_person_moved_to_another_unit_takes_their_awards_along(crowd, cast):
    person = crowd.crowd[0]
    person.refresh_from_db()
    held = AwardRecord.objects.filter(person=person, revoked_on__isnull=True).count()
    target = crowd.hien_luong if person.unit_id != crowd.hien_luong.pk else crowd.ha_hoa
    before = tally_of(target)
    unit_services.update_person(person, actor=cast.erin, full_name=person.full_name, gender=person.gender,
                                unit=target, position=person.position)
    assert tally_of(target) == before + held
    assert_tally_true()


def test_a_gender_or_position_corrected_is_counted_anew(crowd, cast):
    an = Person.objects.get(full_name="Nguyễn Văn An")
    unit_services.update_person(an, actor=cast.erin, full_name=an.full_name, gender="female", unit=an.unit,
                                position="Công nhân")
    assert ("female", "công nhân") in set(AwardTally.objects.filter(unit=an.unit, subject="person", year=2024)
                                          .values_list("gender", "position"))
    assert_tally_true()
    an.position = "PHÓ CHỦ TỊCH"  # as the admin saves it
    an.save()
    assert_tally_true()


def test_a_record_edited_or_deleted_one_by_one_or_in_a_queryset_is_recounted(crowd):
    one = AwardRecord.objects.filter(person__isnull=False, revoked_on__isnull=True).first()
    one.year, one.award = 2022, AwardType.objects.get(code="BK_TINH")
    one.save()
    assert_tally_true()
    one.person = crowd.crowd[5]
    one.save()
    assert_tally_true()
    AwardRecord.objects.filter(collective=crowd.ha_hoa).delete()
    AwardRecord.objects.filter(pk=AwardRecord.objects.filter(person__isnull=False).latest("pk").pk).delete()
    assert_tally_true()


def test_a_merger_moves_nothing_and_the_new_unit_counts_what_was_merged_into_it(crowd, cast):
    """Xã Hiền Lương merged into Xã Hạ Hòa: the tally stays as it was (it is per unit), and Xã Hạ Hòa's figures,
    reaching Hiền Lương through the succession, still equal the records counted."""
    rows = set(AwardTally.objects.values_list("unit", "year", "award", "subject", "gender", "position", "n"))
    UnitSuccession.objects.create(predecessor=crowd.hien_luong, successor=crowd.ha_hoa, kind="merge",
                                  effective_date=D(2025, 7, 1))
    assert set(AwardTally.objects.values_list("unit", "year", "award", "subject", "gender", "position", "n")) == rows
    scope = statistics.make_scope(cast.dave, crowd.ha_hoa, 2021, 2025)
    assert crowd.hien_luong.path in scope.paths
    assert new_tables(scope) == old_tables(scope)


# --- Rebuild, check, migration --------------------------------------------------------------------------------

def test_the_check_finds_a_drifted_tally_and_the_rebuild_mends_it(crowd):
    call_command("rebuild_award_tallies", "--check", stdout=io.StringIO())
    AwardTally.objects.filter(pk=AwardTally.objects.order_by("pk").first().pk).update(n=F("n") + 1)
    AwardTally.objects.filter(pk=AwardTally.objects.order_by("pk").last().pk).delete()
    with pytest.raises(CommandError, match="2 sai lệch"):
        call_command("rebuild_award_tallies", "--check", stdout=io.StringIO(), stderr=io.StringIO())
    assert len(tally_findings()) == 2
    out = io.StringIO()
    call_command("rebuild_award_tallies", stdout=out)
    assert "Đã đếm lại" in out.getvalue()
    call_command("rebuild_award_tallies", "--check", stdout=io.StringIO())
    assert tally_findings() == []


def tally_findings():
    """The consistency check's findings about the tally (the world's packets have no history: not ours here)."""
    return [finding for finding in all_findings() if finding.check == "số khen thưởng đã cộng"]


def test_the_migration_counts_the_records_already_there(crowd):
    expected = award_tallies.stored_counts()
    AwardTally.objects.all().delete()
    migration = import_module("awards.migrations.0043_award_tally")
    # What the migration uses of its schema editor (a real one refuses to open inside a test's transaction).
    migration.fill_tally(apps, SimpleNamespace(connection=connection, execute=connection.cursor().execute))
    assert award_tallies.stored_counts() == expected == dict(award_tallies.fresh_counts())


def test_a_recount_writes_only_the_slices_it_was_given(crowd):
    AwardTally.objects.all().delete()
    recount_tallies(unit_ids=[crowd.ha_hoa.pk, crowd.hien_luong.pk], years={2024})
    assert set(AwardTally.objects.values_list("unit", "year").distinct()) == {(crowd.ha_hoa.pk, 2024),
                                                                             (crowd.hien_luong.pk, 2024)}
    assert award_tallies.differences([crowd.ha_hoa.pk]) != []  # its other years are not counted yet
    rebuild_tallies()
    assert_tally_true()
