"""Who may draft and send a unit's yearly registration sheet, and the roll-up of the units under a unit."""

from collections import Counter

from django.db.models import Count

from units.models import Membership, Unit
from units.scoping import has_role

from awards.models import YearlyEntry, YearlySheet

DRAFTERS = (Membership.Role.CLERK, Membership.Role.APPROVER)
SENDERS = (Membership.Role.APPROVER,)


def can_draft(user, unit, sheet=None) -> bool:
    return has_role(user, unit, DRAFTERS) and not (sheet and sheet.is_sent)


def can_send(user, unit, sheet=None) -> bool:
    return has_role(user, unit, SENDERS) and sheet is not None and not sheet.is_sent


def member_units(unit):
    """The units in force directly under ``unit``, whose sheets it rolls up."""
    return Unit.objects.in_force().filter(parent=unit).order_by("name", "pk")


def roll_up(units, period):
    """For ``units`` (a list): {unit id: (sheet or None, Counter of title name)}, in two queries."""
    sheets = {s.unit_id: s for s in YearlySheet.objects.filter(unit__in=units, period=period)}
    counts = {unit.pk: Counter() for unit in units}
    rows = (YearlyEntry.objects.filter(sheet__unit__in=units, sheet__period=period)
            .values("sheet__unit_id", "title__name").annotate(n=Count("pk")))
    for row in rows:
        counts[row["sheet__unit_id"]][row["title__name"] or "Sáng kiến, hình thức khác"] += row["n"]
    return {unit.pk: (sheets.get(unit.pk), counts[unit.pk]) for unit in units}


def totals(units_qs, period):
    """Counts per title over the sheets of ``units_qs`` for ``period``, and how many units have not sent."""
    rows = (YearlyEntry.objects.filter(sheet__unit__in=units_qs, sheet__period=period)
            .values("title__name").annotate(n=Count("pk")).order_by("title__name"))
    per_title = [(row["title__name"] or "Sáng kiến, hình thức khác", row["n"]) for row in rows]
    not_sent = units_qs.exclude(yearly_sheets__period=period, yearly_sheets__status=YearlySheet.Status.SENT).count()
    return per_title, not_sent
