"""Who may draft, send and take back a unit's yearly registration sheet, which recognised initiatives a row
may be linked to, and the roll-up of the units under a unit."""

from collections import Counter, defaultdict

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from units.models import Membership, Unit
from units.scoping import has_role, holds_role_at

from awards.models import Initiative, YearlyEntry, YearlySheet

DRAFTERS = (Membership.Role.CLERK, Membership.Role.APPROVER)
SENDERS = (Membership.Role.APPROVER,)
# The people of the level above who receive the sheet: they acknowledge it or return it.
RECEIVERS = (Membership.Role.CLERK, Membership.Role.REVIEWER, Membership.Role.APPROVER)

S = YearlySheet.Status


class Action:
    SEND = "send"
    WITHDRAW = "withdraw"  # rút lại: the sending unit's approver, until the level above has acknowledged it
    ACKNOWLEDGE = "acknowledge"  # tiếp nhận: the level above
    RETURN = "return"  # trả lại: the level above, with a reason


# (status, action) -> the status after it. Nothing else moves a sheet.
TRANSITIONS = {
    (S.DRAFT, Action.SEND): S.SENT,
    (S.SENT, Action.WITHDRAW): S.DRAFT,
    (S.SENT, Action.ACKNOWLEDGE): S.ACKNOWLEDGED,
    (S.SENT, Action.RETURN): S.DRAFT,
    (S.ACKNOWLEDGED, Action.RETURN): S.DRAFT,
}


def can_draft(user, unit, sheet=None) -> bool:
    return has_role(user, unit, DRAFTERS) and not (sheet and sheet.is_sent)


def can_send(user, unit, sheet=None) -> bool:
    return has_role(user, unit, SENDERS) and sheet is not None and not sheet.is_sent


def is_level_above(user, unit) -> bool:
    """Whether ``user`` receives for the unit directly above ``unit`` (or higher), not for ``unit`` itself."""
    return (unit.parent_id is not None and has_role(user, unit.parent, RECEIVERS)
            and not holds_role_at(user, unit, DRAFTERS))


def allowed_actions(user, sheet) -> set[str]:
    """The moves ``user`` may make on ``sheet`` now: the page shows these buttons, the services check them."""
    if sheet is None or sheet.pk is None:
        return set()
    unit = sheet.unit
    may = {
        Action.SEND: can_send(user, unit, sheet),
        # A sheet speaks for its unit: only the unit's own approver takes it back, not one above it.
        Action.WITHDRAW: holds_role_at(user, unit, SENDERS),
        Action.ACKNOWLEDGE: is_level_above(user, unit),
        Action.RETURN: is_level_above(user, unit),
    }
    return {action for (status, action), _next in TRANSITIONS.items() if status == sheet.status and may[action]}


def can_link(user, unit, sheet) -> bool:
    """The unit's clerk links a registered initiative to the recognised one, before and after sending."""
    return sheet is not None and has_role(user, unit, DRAFTERS)


def initiative_years(sheet) -> tuple[int, ...]:
    """The years of recognition a sheet's initiatives may carry: its year, and the next for a school year."""
    return (sheet.year, sheet.year + 1) if "-" in sheet.period else (sheet.year,)


def unit_initiatives(sheet):
    """The recognised initiatives of the sheet's year with an author in the sheet's unit (or below it)."""
    return (Initiative.objects.filter(year__in=initiative_years(sheet),
                                      authors__unit__in=Unit.objects.subtree_of(sheet.unit))
            .distinct().order_by("title", "pk"))


def initiatives_for(entry):
    """What ``entry`` may be linked to: the unit's initiatives of the year, the person's own for a person's row."""
    initiatives = unit_initiatives(entry.sheet)
    if entry.person_id:
        initiatives = initiatives.filter(authors=entry.person_id)
    return initiatives


def link_choices(entry):
    """What the row's form accepts: ``initiatives_for(entry)`` and the initiative it is linked to now."""
    return Initiative.objects.filter(Q(pk__in=initiatives_for(entry).values("pk")) | Q(pk=entry.initiative_id))


def initiative_choices(sheet, entries) -> dict[int, list[Initiative]]:
    """For each of ``entries`` (their initiative read) with a registered initiative, its choices
    (``initiatives_for``, and the one it is linked to), in two queries."""
    wanted = [entry for entry in entries if entry.initiative_title]
    if not wanted:
        return {}
    initiatives = list(unit_initiatives(sheet))
    authors = defaultdict(set)
    for initiative_id, person_id in Initiative.authors.through.objects.filter(
            initiative__in=[i.pk for i in initiatives]).values_list("initiative_id", "person_id"):
        authors[initiative_id].add(person_id)
    choices = {}
    for entry in wanted:
        offered = [i for i in initiatives if not entry.person_id or entry.person_id in authors[i.pk]]
        # A link made before the initiative's authors changed stays shown (and kept on saving) until unlinked.
        if entry.initiative_id and entry.initiative_id not in {i.pk for i in offered}:
            offered.insert(0, entry.initiative)
        choices[entry.pk] = offered
    return choices


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
    not_sent = units_qs.exclude(yearly_sheets__period=period,
                                yearly_sheets__status__in=[S.SENT, S.ACKNOWLEDGED]).count()
    return per_title, not_sent


def registered_initiatives(units, period):
    """The rows of ``units``' sheets of ``period`` that register an initiative, with what they are linked to."""
    return list(YearlyEntry.objects.filter(sheet__unit__in=units, sheet__period=period).exclude(initiative_title="")
                .select_related("sheet__unit", "person", "collective", "initiative")
                .order_by("sheet__unit__name", "sheet__unit_id", "pk"))


def sheet_history(sheet) -> list[LogEntry]:
    """The sheet's moves as the services logged them (sent, withdrawn, acknowledged, returned), oldest first."""
    if sheet is None:
        return []
    return list(LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(YearlySheet),
                                        object_id=str(sheet.pk)).select_related("user").order_by("action_time", "pk"))
