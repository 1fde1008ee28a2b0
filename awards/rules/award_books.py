"""Sổ vàng: a person's or a collective's awards across every year and every unit, read only.

A person's records follow the person, whichever unit they worked in when the award came (records
imported from the archive included), and each is told with the unit of the posting held on the
decision date. A collective's book holds its own records and those of the units it continues —
merged or renamed into it, however many links back — the rule the eligibility engine counts by
(awards.rules.subject_history.ACHIEVEMENT_SUCCESSIONS), each with the name the unit bore then.
"""

from dataclasses import dataclass, field

from units.models import Unit

from awards.models import AwardRecord
from awards.rules.subject_history import ACHIEVEMENT_SUCCESSIONS


@dataclass
class AwardBook:
    """The subject (a Person or a Unit), its records oldest first, and the units they were gathered from."""

    subject: object
    records: list
    units: list = field(default_factory=list)  # a person's units of posting, a collective's predecessors

    @property
    def is_person(self):
        return not isinstance(self.subject, Unit)

    @property
    def in_force(self):
        return [record for record in self.records if not record.revoked_on]


def _records():
    return AwardRecord.objects.select_related("award").order_by("year", "decision_date", "pk")


def person_award_book(person) -> AwardBook:
    """Every record of ``person``, each with ``unit_then`` (the unit of the posting on its decision date)."""
    postings = list(person.postings.select_related("unit").order_by("start_date", "pk"))
    records = list(_records().filter(person=person))
    for record in records:
        held = [p for p in postings if p.start_date <= record.decision_date
                and (p.end_date is None or p.end_date >= record.decision_date)]
        record.unit_then = held[-1].unit.name if held else ""
    units = list(dict.fromkeys(p.unit.name for p in postings)) or [person.unit.name]
    return AwardBook(person, records, units)


def collective_award_book(unit) -> AwardBook:
    """Every record of ``unit`` and of the units it continues, each with ``unit_then`` (the name it was given to)."""
    lineage = [pk for pk, _path in Unit.objects.predecessors_by_unit([unit.pk], ACHIEVEMENT_SUCCESSIONS)
               .get(unit.pk, []) if pk != unit.pk]
    records = list(_records().select_related("collective").filter(collective_id__in=[unit.pk, *lineage]))
    for record in records:
        record.unit_then = record.collective.name
    predecessors = list(Unit.objects.filter(pk__in=lineage).order_by("name").values_list("name", flat=True))
    return AwardBook(unit, records, predecessors)
