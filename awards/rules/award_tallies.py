"""The award tally (``AwardTally``) as it should be: award records in force counted afresh, and where the stored
tally differs from that count. Read only: ``awards.services.award_tallies`` writes what these count.

A tally row's key is (unit, year, award, subject, gender, position): a person's record counts under the person's
unit, gender and position (folded, so that "CHỦ TỊCH" and "Chủ tịch" are one row); a collective's under the
collective, with a blank gender and position. Households are not tallied (the page counts them directly).
"""

import unicodedata
from collections import Counter

from django.db.models import Count, F
from django.db.models.functions import Coalesce

from units.models import Unit

from awards.models import AwardRecord, AwardTally

PERSON, COLLECTIVE = AwardTally.Subject.PERSON, AwardTally.Subject.COLLECTIVE
# Units counted or compared at a time by a full rebuild or check: each batch is two grouped queries.
UNITS_PER_BATCH = 2000


def folded(text: str) -> str:
    """``text`` for a comparison that ignores case and Unicode form, for Vietnamese as for any script."""
    return unicodedata.normalize("NFC", text).casefold()


def fresh_counts(unit_ids=None, years=None) -> Counter:
    """The records in force of the people of ``unit_ids`` and of those units as collectives, in ``years``, counted
    by tally key (None: every unit, every year). Two grouped queries."""
    records = AwardRecord.objects.filter(revoked_on__isnull=True).order_by()
    if years is not None:
        records = records.filter(year__in=sorted(years))
    people, collectives = records.filter(person__isnull=False), records.filter(collective__isnull=False)
    if unit_ids is not None:
        people = people.filter(person__unit__in=sorted(unit_ids))
        collectives = collectives.filter(collective__in=sorted(unit_ids))
    counts = Counter()
    for unit, year, award, gender, position, n in (
            people.values_list("person__unit", "year", "award", "person__gender", "person__position")
            .annotate(n=Count("pk"))):
        counts[(unit, year, award, PERSON, gender, folded(position))] += n
    for unit, year, award, n in collectives.values_list("collective", "year", "award").annotate(n=Count("pk")):
        counts[(unit, year, award, COLLECTIVE, "", "")] += n
    return counts


def stored_counts(unit_ids=None, years=None) -> dict:
    """The tally's rows of ``unit_ids`` in ``years`` (None: all), by key."""
    rows = AwardTally.objects.order_by()
    if unit_ids is not None:
        rows = rows.filter(unit__in=sorted(unit_ids))
    if years is not None:
        rows = rows.filter(year__in=sorted(years))
    return {(unit, year, award, subject, gender, position): n for unit, year, award, subject, gender, position, n
            in rows.values_list("unit", "year", "award", "subject", "gender", "position", "n")}


def unit_batches(size=UNITS_PER_BATCH):
    """Every unit's id, ``size`` at a time, in id order."""
    ids = list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def differences(unit_ids) -> list[tuple]:
    """Where the tally of ``unit_ids`` differs from a fresh count: (key, stored, counted), in key order."""
    stored, counted = stored_counts(unit_ids), fresh_counts(unit_ids)
    return [(key, stored.get(key, 0), counted.get(key, 0)) for key in sorted(set(stored) | set(counted))
            if stored.get(key, 0) != counted.get(key, 0)]


def all_differences():
    """Every difference between the tally and a fresh count, unit batch by unit batch."""
    for batch in unit_batches():
        yield from differences(batch)


def slices_of(records) -> set[tuple[int, int]]:
    """The (unit, year) slices the records of the queryset ``records`` count in (households have none)."""
    return {(unit, year) for unit, year in
            records.order_by().annotate(tally_unit=Coalesce(F("person__unit"), F("collective")))
            .filter(tally_unit__isnull=False).values_list("tally_unit", "year").distinct()}
