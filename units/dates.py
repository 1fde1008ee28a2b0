"""Dates as official documents write them (Decree 30/2020, Appendix I).

The rule: a day below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2025",
"ngày 31 tháng 5 năm 2026"), so that nothing can be written in front of them later. Every generated
document — plans, Tờ trình, minutes, decisions, certificates, reports — writes its dates through this
module, in words on the place-and-date line and in citations, in figures inside tables and running text.
"""

import datetime

# The blank left for the day and the month on a draft: they are written in by hand when it is signed.
GAP = " " * 4


def _day(day: int) -> str:
    return f"{day:02d}"


def _month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def in_words(day: datetime.date) -> str:
    """"ngày 05 tháng 02 năm 2025"."""
    return f"ngày {_day(day.day)} tháng {_month(day.month)} năm {day.year}"


def in_words_of(year, month=None, day=None) -> str:
    """"ngày      tháng 3 năm 2026": the parts a draft does not know yet are left blank."""
    day_text = _day(day) if day else GAP
    month_text = _month(month) if month else GAP
    return f"ngày {day_text} tháng {month_text} năm {year}"


def blank(year) -> str:
    """"ngày      tháng      năm 2026": a draft's date line, to be filled in on the signing day."""
    return in_words_of(year)


def in_figures(day: datetime.date) -> str:
    """"05/02/2025", "31/5/2026": a date inside a table or cited in running text."""
    return f"{_day(day.day)}/{_month(day.month)}/{day.year}"


def span(start: datetime.date | None, end: datetime.date | None) -> str:
    """"01/3/2026 – 30/9/2026", "từ 01/3/2026", "đến 30/9/2026", or nothing."""
    if start and end:
        return f"{in_figures(start)} – {in_figures(end)}"
    if start:
        return f"từ {in_figures(start)}"
    return f"đến {in_figures(end)}" if end else ""
