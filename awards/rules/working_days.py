"""Working days in Vietnam: Monday to Friday, less the public holidays, plus the Saturdays worked in exchange.

The days come from the ``Holiday`` table (seeded for 2024–2027, edited in the admin when the
government announces the next year's days off). The table is read once into a ``WorkingCalendar``
and kept by the process for ``TTL_SECONDS``: an edit in this process (a row saved or deleted)
drops it at once, and other processes see the edit within the minute. Loops over many dates take
the calendar once (``read_calendar()``, one query, or ``working_calendar()``, the process's copy)
and ask it, so no date costs a query.
"""

import datetime
import threading
import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from awards.models import Holiday

TTL_SECONDS = 60
ONE_DAY = datetime.timedelta(days=1)

_lock = threading.Lock()
_cached: tuple[float, "WorkingCalendar"] | None = None


@dataclass(frozen=True)
class WorkingCalendar:
    """The holidays (days off on weekdays) and swapped working days, as sets of dates."""

    days_off: frozenset
    days_worked: frozenset

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.days_worked:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The day ``days`` working days after ``start`` (``start`` itself is not counted)."""
        day, left = start, days
        while left > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later).

        Counted by whole weeks, then the holidays and swapped days in the range: an inbox of old packets asks
        this for each, and a day-by-day walk would cost as many steps as days waited.
        """
        days = (end - start).days
        if days <= 0:
            return 0
        weeks, rest = divmod(days, 7)
        count = weeks * 5 + sum(1 for i in range(1, rest + 1) if (start + i * ONE_DAY).weekday() < 5)
        count -= sum(1 for day in self.days_off
                     if start < day <= end and day.weekday() < 5 and day not in self.days_worked)
        count += sum(1 for day in self.days_worked if start < day <= end and day.weekday() >= 5)
        return count


def read_calendar() -> WorkingCalendar:
    """The calendar as the table says now (one query): for a page or a command that asks about many dates."""
    off, worked = set(), set()
    for day, kind in Holiday.objects.values_list("date", "kind"):
        (worked if kind == Holiday.Kind.WORK else off).add(day)
    return WorkingCalendar(days_off=frozenset(off), days_worked=frozenset(worked))


def working_calendar() -> WorkingCalendar:
    """The calendar, read from the table at most once a minute per process (or after an edit here)."""
    global _cached
    with _lock:
        now = time.monotonic()
        if _cached is None or now - _cached[0] > TTL_SECONDS:
            _cached = (now, read_calendar())
        return _cached[1]


@receiver(post_save, sender=Holiday, dispatch_uid="working_days_forget_saved")
@receiver(post_delete, sender=Holiday, dispatch_uid="working_days_forget_deleted")
def forget(**signal):
    """Drop the calendar this process holds (a holiday was added, changed or removed)."""
    global _cached
    with _lock:
        _cached = None


def is_working_day(day: datetime.date) -> bool:
    return working_calendar().is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return working_calendar().add_working_days(start, days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return working_calendar().working_days_between(start, end)
