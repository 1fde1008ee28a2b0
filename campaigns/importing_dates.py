"""Dates and counts as Vietnamese administrative text writes them (pure, no database).

Plans write dates three ways — "14/02/2022", "31/5/2024" (no zero padding) and "ngày 15
tháng 6 năm 2022" — and often drop the year of a range's first date ("từ ngày 25/4 đến ngày
30/5/2022"), which is then the end date's year. Counts are written "không quá 01 …" or in
words ("không quá một …").
"""

import calendar
import datetime
import re

# "14/02/2022", "14-02-2022", "14.02.2022", "14 tháng 02 năm 2022" (day, month, year).
_SEP = r"\s*[/.\-]\s*"
DATE = rf"(?:\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}\d{{4}}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}})"
# The same without a year ("25/4", "25 tháng 4"), for the first date of a range.
DAY_MONTH = rf"(?:\d{{1,2}}{_SEP}\d{{1,2}}(?!\s*[/.\-]?\s*\d)|\d{{1,2}}\s+tháng\s+\d{{1,2}}(?!\s+năm))"
# "tháng 12/2025", "tháng 12 năm 2025".
MONTH_YEAR = r"tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}"

_NUMBERS = re.compile(r"\d+")
_WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}


def make_date(day, month, year) -> datetime.date | None:
    """The date, or None when the numbers are not a real day (31/02, 00/13 …)."""
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def parse_date(text: str, *, default_year: int | None = None) -> datetime.date | None:
    """The first date written in ``text`` (a missing year is ``default_year``)."""
    match = re.search(rf"{DATE}|{DAY_MONTH}", text or "")
    if not match:
        return None
    numbers = [int(n) for n in _NUMBERS.findall(match.group(0))]
    if len(numbers) == 2:
        numbers.append(default_year)
    return make_date(*numbers) if numbers[2] else None


def parse_month(text: str, *, last_day=False) -> datetime.date | None:
    """"tháng 12/2025" as its first day (or its last with ``last_day``)."""
    match = re.search(MONTH_YEAR, text or "")
    if not match:
        return None
    month, year = (int(n) for n in _NUMBERS.findall(match.group(0)))
    if not 1 <= month <= 12:
        return None
    day = calendar.monthrange(year, month)[1] if last_day else 1
    return datetime.date(year, month, day)


_PERIOD = re.compile(
    rf"[Tt]ừ\s+(?:ngày\s+)?(?P<start>ban\s+hành[^,.;:]{{0,40}}?|{DATE}|{DAY_MONTH}|{MONTH_YEAR})"
    rf"\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(?P<end>{DATE}|{MONTH_YEAR})"
)


def parse_period(text: str):
    """(start, end, from_issue, as_written) of the first "từ ngày … đến ngày …" in ``text``.

    ``from_issue`` says the period starts on the day the plan is issued ("từ ngày ban hành"),
    which a draft does not know yet. Returns None when no range is written.
    """
    match = _PERIOD.search(text or "")
    if not match:
        return None
    start_text, end_text = match.group("start"), match.group("end")
    end = parse_month(end_text, last_day=True) if end_text.startswith("tháng") else parse_date(end_text)
    if end is None:
        return None
    from_issue = start_text.startswith("ban")
    start = None
    if start_text.startswith("tháng"):
        start = parse_month(start_text)
    elif not from_issue:
        start = parse_date(start_text, default_year=end.year)
        if start and start > end:  # "từ 01/12 đến 31/01/2026": the start is in the year before
            start = make_date(start.day, start.month, end.year - 1)
    return start, end, from_issue, match.group(0)


def parse_count(text: str) -> int | None:
    """"01" → 1, "một" → 1."""
    text = (text or "").strip().lower()
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text)


def format_date(value: datetime.date | None) -> str:
    """"25/04/2022", as the report shows dates."""
    return f"{value:%d/%m/%Y}" if value else ""


def format_span(start, end, *, from_issue=False) -> str:
    """"25/04/2022 – 30/05/2022"; "từ ngày ban hành – 31/12/2025" when the start is the issue date."""
    first = format_date(start) or ("từ ngày ban hành" if from_issue else "…")
    return f"{first} – {format_date(end) or '…'}"
