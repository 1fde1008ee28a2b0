"""Keeping the award tally (``AwardTally``) equal to the award records, in the transaction that changes them.

One way to write it: a slice of the tally — some units, some years — is counted afresh from ``AwardRecord`` and
replaces what the tally held for it (``recount_tallies``). No +1/−1 arithmetic: a recount is idempotent, and the
last one run on a slice, whoever runs it, leaves it exact. Two writers recounting the same unit take turns on the
unit's row lock, so the second counts after the first has committed.

Who recounts:
- every single-row write of a record (``save``, ``create``, ``delete``, a queryset's ``delete``) and of a person
  (``save``: a move to another unit, a new gender or position), whatever the caller — a service, the admin, an
  import, the demo — through the receivers below. The rows are written from three apps and ``units`` (the
  people) may not call into ``awards``; the receivers see every such write, so no write path can be forgotten.
- the bulk paths, which Django writes without signals, call ``recount_for_records`` themselves: issuing a decision,
  importing history, the demo and benchmark loaders. A ``QuerySet.update`` of a record's subject, year, award or
  ``revoked_on``, or of a person's unit, gender or position, must do the same.
- ``rebuild_tallies`` recounts everything, unit batch by unit batch (the ``rebuild_award_tallies`` command), and
  ``check_consistency`` compares the tally with a fresh count.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from units.models import Person, Unit

from awards.models import AwardRecord, AwardTally
from awards.rules.award_tallies import fresh_counts, slices_of, unit_batches

# The fields of a record and of a person that decide where a record is counted.
RECORD_FIELDS = frozenset({"person", "person_id", "collective", "collective_id", "year", "award", "award_id",
                           "revoked_on"})
PERSON_FIELDS = frozenset({"unit", "unit_id", "gender", "position"})


@transaction.atomic
def recount_tallies(*, unit_ids, years=None) -> int:
    """Make the tally of the units ``unit_ids`` in ``years`` (None: every year) equal a fresh count; returns the
    number of rows it now holds for them."""
    unit_ids = sorted(set(unit_ids) - {None})
    if not unit_ids or (years is not None and not years):
        return 0
    # The units' rows, locked in id order: a second recount of one of them waits for this one to commit, then
    # counts what it committed (PostgreSQL; SQLite lets one writer in at a time anyway). NO KEY: rows that only
    # point at a unit (a new person, a new record) are not held up.
    list(Unit.objects.select_for_update(no_key=True).filter(pk__in=unit_ids).order_by("pk").values_list("pk"))
    counts = fresh_counts(unit_ids, years)
    held = AwardTally.objects.filter(unit__in=unit_ids)
    if years is not None:
        held = held.filter(year__in=sorted(set(years)))
    held.delete()
    AwardTally.objects.bulk_create(
        [AwardTally(unit_id=unit, year=year, award_id=award, subject=subject, gender=gender, position=position, n=n)
         for (unit, year, award, subject, gender, position), n in sorted(counts.items()) if n],
        batch_size=1000)
    return len(counts)


def recount_slices(slices) -> None:
    """Recount the (unit, year) ``slices``: one recount for all of them (it may recount a few more)."""
    slices = {(unit, year) for unit, year in slices if unit is not None}
    if slices:
        recount_tallies(unit_ids={unit for unit, _year in slices}, years={year for _unit, year in slices})


def recount_for_records(records) -> None:
    """Recount where the records (AwardRecord objects, just written in bulk) count: their subjects' units in
    their years. One query for the people's units, one recount."""
    records = list(records)
    people = {record.person_id for record in records if record.person_id}
    units = dict(Person.objects.filter(pk__in=sorted(people)).values_list("pk", "unit_id")) if people else {}
    recount_slices({(units.get(record.person_id) if record.person_id else record.collective_id, record.year)
                    for record in records})


def rebuild_tallies(*, write=lambda line: None) -> int:
    """Recount the whole tally, a batch of units at a time (each batch its own transaction); returns its rows."""
    rows = 0
    for number, batch in enumerate(unit_batches(), start=1):
        rows += recount_tallies(unit_ids=batch)
        write(f"  lô {number}: {len(batch)} đơn vị, {rows} dòng")
    # Rows of no unit cannot exist (the key is a unit); nothing else to clear.
    return rows


def _touches(update_fields, fields) -> bool:
    return update_fields is None or bool(set(update_fields) & fields)


@receiver(pre_save, sender=AwardRecord, dispatch_uid="award_tallies_record_before")
def _record_before(sender, instance, update_fields=None, **kwargs):
    """Where the record counted before this save (nothing for a new one)."""
    instance._tally_before = set()
    if not instance._state.adding and instance.pk is not None and _touches(update_fields, RECORD_FIELDS):
        instance._tally_before = slices_of(AwardRecord.objects.filter(pk=instance.pk))


@receiver(post_save, sender=AwardRecord, dispatch_uid="award_tallies_record_saved")
def _record_saved(sender, instance, update_fields=None, **kwargs):
    if _touches(update_fields, RECORD_FIELDS):
        recount_slices(getattr(instance, "_tally_before", set()) |
                       slices_of(AwardRecord.objects.filter(pk=instance.pk)))


@receiver(post_delete, sender=AwardRecord, dispatch_uid="award_tallies_record_deleted")
def _record_deleted(sender, instance, **kwargs):
    recount_for_records([instance])


@receiver(pre_save, sender=Person, dispatch_uid="award_tallies_person_before")
def _person_before(sender, instance, update_fields=None, **kwargs):
    """The unit, gender and position the person's records counted under before this save."""
    instance._tally_before = None
    if not instance._state.adding and instance.pk is not None and _touches(update_fields, PERSON_FIELDS):
        instance._tally_before = (Person.objects.filter(pk=instance.pk)
                                  .values_list("unit_id", "gender", "position").first())


@receiver(post_save, sender=Person, dispatch_uid="award_tallies_person_saved")
def _person_saved(sender, instance, **kwargs):
    before = getattr(instance, "_tally_before", None)
    if before is None or before == (instance.unit_id, instance.gender, instance.position):
        return
    years = set(AwardRecord.objects.filter(person=instance).order_by().values_list("year", flat=True).distinct())
    if years:
        recount_tallies(unit_ids={before[0], instance.unit_id}, years=years)
