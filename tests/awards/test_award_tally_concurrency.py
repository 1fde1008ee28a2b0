"""Two awards written at once in one unit and year: the second recount waits for the first to commit, then counts
both (PostgreSQL: the unit's row lock; SQLite lets one writer in at a time anyway)."""

import datetime
import time

import pytest
from django.db import transaction

from awards.models import AwardRecord, AwardTally, AwardType
from awards.rules import award_tallies

from tests.awards import concurrency
from tests.conftest import make_person

pytestmark = pytest.mark.django_db(transaction=True)


def give(person, number):
    """A record written in a transaction that stays open a moment after its recount (as a slow service would)."""
    def call():
        with transaction.atomic():
            AwardRecord.objects.create(person=person, award=AwardType.objects.get(code="LDTT"), year=2025,
                                       decision_number=number, decision_date=datetime.date(2026, 1, 10),
                                       issuing_body="UBND xã Hạ Hòa")
            time.sleep(0.5)
        return number
    return call


def test_two_awards_written_at_once_in_one_unit_are_both_counted(tree, on_postgresql):
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    binh = make_person("Trần Văn Bình", tree.ha_hoa)
    outcomes = concurrency.race(give(an, "1/QĐ-UBND"), give(binh, "2/QĐ-UBND"))
    assert sorted(outcomes) == [("done", "1/QĐ-UBND"), ("done", "2/QĐ-UBND")]
    assert AwardTally.objects.get(unit=tree.ha_hoa, year=2025).n == 2
    assert list(award_tallies.all_differences()) == []
