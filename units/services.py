"""The only code that writes units, people and postings from the portal's pages.

Each function takes the acting user, checks the role it needs with the one scoping rule,
and does its work in one transaction.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from units.models import Membership, Person, Posting, Unit
from units.scoping import acts_somewhere, has_role, unit_scope_q
from units.text import fold, normalize_name

PEOPLE_EDITORS = (Membership.Role.CLERK, Membership.Role.UNIT_ADMIN)
UNIT_EDITORS = (Membership.Role.UNIT_ADMIN,)

# Kinds an admin may add below the administrative tree from the portal's pages.
ADDABLE_KINDS = (
    Unit.Kind.DEPARTMENT, Unit.Kind.OFFICE, Unit.Kind.VILLAGE, Unit.Kind.SCHOOL,
    Unit.Kind.HOSPITAL, Unit.Kind.ENTERPRISE, Unit.Kind.ORGANISATION,
)


def can_edit_people(user, unit) -> bool:
    return has_role(user, unit, PEOPLE_EDITORS)


def can_edit_people_somewhere(user) -> bool:
    return acts_somewhere(user, PEOPLE_EDITORS)


def units_for_people(user):
    """Units still acting where the user may register people (for the unit field of the form)."""
    return (
        Unit.objects.filter(unit_scope_q(user, "path", PEOPLE_EDITORS))
        .acting()
        .order_by("path")
    )


def can_add_units(user, unit) -> bool:
    return unit.is_in_force() and has_role(user, unit, UNIT_EDITORS)


@dataclass(frozen=True)
class PersonDuplicates:
    """People who may be the one about to be created, as far as the clerk may know them.

    Details (name, birth date, unit) only of people in the clerk's own scope; of anyone else, only
    that they exist: a CCCD typed in one province must not reveal who holds it in another.
    """

    same_cccd: Person | None
    same_name_and_birth: list[Person]
    cccd_elsewhere: bool = False
    similar_elsewhere: int = 0

    def __bool__(self):
        return (self.same_cccd is not None or bool(self.same_name_and_birth) or self.cccd_elsewhere
                or bool(self.similar_elsewhere))


# What the duplicate guard says of a CCCD held outside the clerk's scope: no name, birth date or unit.
CCCD_ELSEWHERE = ("Số CCCD này đã được đăng ký ở đơn vị khác. Liên hệ Quản trị đơn vị hoặc Sở Nội vụ "
                  "để được chuyển hồ sơ.")


def find_person_duplicates(*, viewer, full_name, date_of_birth, cccd, unit, exclude_pk=None) -> PersonDuplicates:
    """The person holding this CCCD, and people of the same name and birth date in the province.

    Searched across the whole database, not only what ``viewer`` may see: a person registered by a
    neighbouring commune, or in another province, is still the same person. But only people the
    viewer may see are returned; the others are reported as existing, nothing more.
    """
    people = Person.objects.select_related("unit").exclude(pk=exclude_pk)
    same_cccd = people.filter(cccd=cccd).first() if cccd else None
    similar = []
    if date_of_birth:
        candidates = people.filter(search_key=fold(full_name), date_of_birth=date_of_birth)
        province = unit.province()
        if province is not None:
            candidates = candidates.filter(unit__in=Unit.objects.subtree_of(province))
        else:
            candidates = candidates.filter(unit=unit)
        similar = [p for p in candidates[:10] if p != same_cccd]
    found = [p.pk for p in similar] + ([same_cccd.pk] if same_cccd is not None else [])
    visible = set(Person.objects.visible_to(viewer).filter(pk__in=found).values_list("pk", flat=True))
    cccd_elsewhere = same_cccd is not None and same_cccd.pk not in visible
    return PersonDuplicates(
        same_cccd=None if cccd_elsewhere else same_cccd,
        same_name_and_birth=[p for p in similar if p.pk in visible],
        cccd_elsewhere=cccd_elsewhere,
        similar_elsewhere=sum(1 for p in similar if p.pk not in visible),
    )


CCCD_TAKEN = "Số CCCD này đã có trong hệ thống."


def _check_cccd_free(cccd, exclude_pk=None):
    if cccd and Person.objects.filter(cccd=cccd).exclude(pk=exclude_pk).exists():
        raise ValidationError({"cccd": CCCD_TAKEN})


def _save_person(person):
    # Two clerks registering the same CCCD at the same moment both pass the check above;
    # the unique constraint stops the second, who gets the same message.
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise ValidationError({"cccd": CCCD_TAKEN}) from None


@transaction.atomic
def create_person(*, actor, full_name, gender, unit, date_of_birth=None, cccd=None, position="",
                  start_date=None) -> Person:
    """Register a person in ``unit`` and open their first posting there."""
    if not can_edit_people(actor, unit):
        raise PermissionDenied("Bạn không có quyền thêm cá nhân vào đơn vị này.")
    _check_cccd_free(cccd)
    person = Person(
        full_name=full_name, gender=gender, unit=unit, date_of_birth=date_of_birth,
        cccd=cccd or None, position=position,
    )
    person.full_clean()
    _save_person(person)
    Posting.objects.create(
        person=person, unit=unit, position=position, start_date=start_date or datetime.date.today(),
    )
    return person


@transaction.atomic
def update_person(person, *, actor, full_name, gender, unit, date_of_birth=None, cccd=None, position="",
                  change_date=None) -> Person:
    """Correct a person's details; a move to another unit or position starts a new posting.

    The row is locked so that two clerks saving at once are applied one after the other.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not (can_edit_people(actor, person.unit) and can_edit_people(actor, unit)):
        raise PermissionDenied("Bạn không có quyền sửa thông tin cá nhân này.")
    _check_cccd_free(cccd, exclude_pk=person.pk)
    moved = unit.pk != person.unit_id or normalize_name(position) != normalize_name(person.position)
    person.full_name, person.gender, person.unit = full_name, gender, unit
    person.date_of_birth, person.cccd, person.position = date_of_birth, cccd or None, position
    person.full_clean()
    _save_person(person)
    if moved:
        change_date = change_date or datetime.date.today()
        current = person.postings.filter(end_date__isnull=True).first()
        if current is not None:
            current.end_date = max(current.start_date, change_date - datetime.timedelta(days=1))
            current.save(update_fields=["end_date"])
        Posting.objects.create(person=person, unit=unit, position=position, start_date=change_date)
    return person


@transaction.atomic
def create_unit(*, actor, parent, name, kind, short_name="", code="", valid_from=None) -> Unit:
    """Add a unit that the official lists do not hold (a department, an office, a village…)."""
    if not can_add_units(actor, parent):
        raise PermissionDenied("Bạn không có quyền thêm đơn vị trực thuộc đơn vị này.")
    if kind not in ADDABLE_KINDS:
        raise ValidationError({"kind": "Loại đơn vị này chỉ được nạp từ danh mục hành chính chính thức."})
    unit = Unit(
        parent=parent, name=name, kind=kind, short_name=short_name or name, code=code,
        valid_from=valid_from or datetime.date.today(), source="Nhập trên cổng",
    )
    unit.full_clean(exclude=["path", "search_key"])
    unit.save()
    return unit
