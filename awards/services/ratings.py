"""Yearly ratings of a unit's people, entered together on one page (a grid) and saved in one transaction.

Every row is checked before anything is written: a person outside the unit, a rating not in the
list or a year out of range refuses the whole grid, row by row, and nothing is saved. Unlike the
Excel import, which never overwrites, the grid is the unit's own page of the year: a changed
select changes the rating, an emptied one removes it; each change is logged (awards.services.record_log).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from units.models import Membership, Person
from units.scoping import has_role, path_range_q

from awards.models import TaskRating
from awards.services.record_log import ADDITION, CHANGE, DELETION, log_records

R = Membership.Role
RATING_EDITORS = (R.CLERK, R.UNIT_ADMIN)
FIRST_YEAR = 1945


class RatingsRefused(ValidationError):
    """Rows of a grid that cannot be saved: ``rows`` maps a person's id to the reason."""

    def __init__(self, rows):
        super().__init__(list(rows.values()))
        self.rows = rows


@dataclass
class RatingsSaved:
    created: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return (f"Đã lưu xếp loại: thêm {self.created}, sửa {self.changed}, xóa {self.removed}, "
                f"giữ nguyên {self.unchanged}.")


def can_rate(user, unit) -> bool:
    return has_role(user, unit, RATING_EDITORS)


def people_of(unit):
    """The people whose unit is ``unit`` or lies below it, in the grid's order."""
    return (Person.objects.filter(path_range_q(unit.path, "unit__path")).select_related("unit")
            .order_by("unit__path", "search_key", "pk"))


def check_year(year) -> int:
    last = datetime.date.today().year
    if not FIRST_YEAR <= year <= last:
        raise ValidationError({"year": f"Năm {year} ngoài khoảng {FIRST_YEAR}–{last}."})
    return year


@transaction.atomic
def save_ratings(unit, *, actor, year: int, entries: dict) -> RatingsSaved:
    """Set the ratings of ``year`` of the unit's people: ``entries`` maps a person's id to a rating ("" for none)."""
    if not can_rate(actor, unit):
        raise PermissionDenied("Bạn không có quyền nhập xếp loại cho đơn vị này.")
    check_year(year)
    people = {p.pk: p for p in people_of(unit).filter(pk__in=list(entries))}
    refused = {}
    for pk, value in entries.items():
        if pk not in people:
            refused[pk] = f"Cá nhân số {pk} không thuộc {unit.name}."
        elif value and value not in TaskRating.Rating.values:
            refused[pk] = f"{people[pk].full_name}: xếp loại “{value}” không có trong danh sách."
    if refused:
        raise RatingsRefused(refused)
    # Locked: two clerks saving the same grid are applied one after the other.
    stored = {r.person_id: r for r in TaskRating.objects.select_for_update().filter(person_id__in=list(people),
                                                                                    year=year)}
    result, new, changed, gone = RatingsSaved(), [], [], []
    for pk, value in entries.items():
        old = stored.get(pk)
        if old is None and value:
            new.append(TaskRating(person=people[pk], year=year, rating=value))
        elif old is not None and not value:
            gone.append(old)
        elif old is not None and old.rating != value:
            old.rating = value
            changed.append(old)
        else:
            result.unchanged += 1
    log_records(actor, gone, DELETION, f"Xóa xếp loại năm {year} trên trang xếp loại của {unit.name}")
    TaskRating.objects.filter(pk__in=[r.pk for r in gone]).delete()
    TaskRating.objects.bulk_update(changed, ["rating"])
    created = TaskRating.objects.bulk_create(new)
    log_records(actor, changed, CHANGE, f"Sửa xếp loại năm {year} trên trang xếp loại của {unit.name}")
    log_records(actor, created, ADDITION, f"Nhập xếp loại năm {year} trên trang xếp loại của {unit.name}")
    result.created, result.changed, result.removed = len(created), len(changed), len(gone)
    return result
