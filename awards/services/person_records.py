"""Initiatives (sáng kiến) and discipline periods (kỷ luật) entered from the portal's pages.

One function per change, each in one transaction, each checking with the one scoping rule that the
actor enters records for the people concerned (a clerk or unit admin of their unit or above), and
each writing the admin's change log (awards.services.record_log). ``add_records`` takes many rows
of a unit's page at once: every row is checked first, and one bad row saves nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from units.models import Membership
from units.scoping import has_role

from awards.models import DisciplinePeriod, Initiative
from awards.services.record_log import ADDITION, DELETION, log_records

R = Membership.Role
RECORD_EDITORS = (R.CLERK, R.UNIT_ADMIN)
NOT_YOURS = "Bạn không có quyền nhập sáng kiến, kỷ luật của cá nhân này."


def can_enter_records(user, person) -> bool:
    return has_role(user, person.unit, RECORD_EDITORS)


def _require(actor, people):
    for person in people:
        if not can_enter_records(actor, person):
            raise PermissionDenied(NOT_YOURS)


def _initiative(*, authors, title, year, scope, recognising_body, decision_number="", decision_date=None):
    if not authors:
        raise ValidationError({"authors": "Chọn ít nhất một tác giả."})
    if year > datetime.date.today().year:
        raise ValidationError({"year": f"Năm công nhận {year} sau năm hiện tại."})
    if decision_date and decision_date.year < year:
        raise ValidationError({"decision_date": f"Ngày quyết định {decision_date:%d/%m/%Y} trước năm công nhận "
                                                f"{year}."})
    initiative = Initiative(title=title, year=year, scope=scope, recognising_body=recognising_body,
                            decision_number=decision_number, decision_date=decision_date)
    initiative.full_clean()
    return initiative


def _discipline(person, *, form, start, end=None, decision=""):
    period = DisciplinePeriod(person=person, form=form, start=start, end=end, decision=decision)
    period.full_clean(exclude=["person"])
    return period


@transaction.atomic
def add_initiative(*, actor, authors, **fields) -> Initiative:
    """Record an initiative recognised for ``authors`` (people the actor enters records for)."""
    authors = list(authors)
    _require(actor, authors)
    initiative = _initiative(authors=authors, **fields)
    initiative.save()
    initiative.authors.set(authors)
    log_records(actor, [initiative], ADDITION, f"Nhập sáng kiến cho {', '.join(a.full_name for a in authors)}")
    return initiative


@transaction.atomic
def remove_initiative(initiative, *, actor) -> None:
    """Delete an initiative entered by mistake; every author must be someone the actor enters records for."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    authors = list(locked.authors.select_related("unit"))
    _require(actor, authors)
    log_records(actor, [locked], DELETION, f"Xóa sáng kiến của {', '.join(a.full_name for a in authors)}")
    locked.delete()


@transaction.atomic
def add_discipline(person, *, actor, form, start, end=None, decision="") -> DisciplinePeriod:
    """Record a disciplinary measure of ``person`` in force from ``start`` (to ``end``, when known)."""
    _require(actor, [person])
    period = _discipline(person, form=form, start=start, end=end, decision=decision)
    period.save()
    log_records(actor, [period], ADDITION, f"Nhập kỷ luật của {person.full_name}")
    return period


@transaction.atomic
def remove_discipline(period, *, actor) -> None:
    """Delete a discipline period entered by mistake."""
    locked = DisciplinePeriod.objects.select_for_update().select_related("person__unit").get(pk=period.pk)
    _require(actor, [locked.person])
    log_records(actor, [locked], DELETION, f"Xóa kỷ luật của {locked.person.full_name}")
    locked.delete()


class RecordsRefused(ValidationError):
    """Rows of a unit's page that cannot be saved: ``rows`` are (kind, row number, ValidationError)."""

    def __init__(self, rows):
        super().__init__([message for _kind, _number, error in rows for message in error.messages])
        self.rows = rows


@dataclass
class RecordsAdded:
    initiatives: list = field(default_factory=list)
    discipline: list = field(default_factory=list)


INITIATIVE, DISCIPLINE = "initiative", "discipline"


@transaction.atomic
def add_records(*, actor, initiatives=(), discipline=()) -> RecordsAdded:
    """Many initiatives and discipline periods at once, all or none.

    ``initiatives``: add_initiative's keyword arguments; ``discipline``: add_discipline's, with the
    person under "person". Every row is checked before anything is written.
    """
    refused, checked_initiatives, checked_periods = [], [], []
    for number, spec in enumerate(initiatives, start=1):
        try:
            _require(actor, spec["authors"])
            checked_initiatives.append((_initiative(**spec), spec["authors"]))
        except (ValidationError, PermissionDenied) as error:
            refused.append((INITIATIVE, number, _as_validation(error)))
    for number, spec in enumerate(discipline, start=1):
        spec = dict(spec)
        person = spec.pop("person")
        try:
            _require(actor, [person])
            checked_periods.append(_discipline(person, **spec))
        except (ValidationError, PermissionDenied) as error:
            refused.append((DISCIPLINE, number, _as_validation(error)))
    if refused:
        raise RecordsRefused(refused)
    added = RecordsAdded()
    for initiative, authors in checked_initiatives:
        initiative.save()
        initiative.authors.set(authors)
        added.initiatives.append(initiative)
    added.discipline = DisciplinePeriod.objects.bulk_create(checked_periods)
    log_records(actor, added.initiatives, ADDITION, "Nhập sáng kiến trên trang nhập nhiều dòng")
    log_records(actor, added.discipline, ADDITION, "Nhập kỷ luật trên trang nhập nhiều dòng")
    return added


def _as_validation(error):
    return error if isinstance(error, ValidationError) else ValidationError(NOT_YOURS)
