"""Every generated document writes its dates one way: Decree 30's, through units.dates."""

import datetime
import re
from pathlib import Path

import pytest

from units import dates

D = datetime.date
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("day, words, figures", [
    (D(2025, 2, 5), "ngày 05 tháng 02 năm 2025", "05/02/2025"),
    (D(2026, 1, 31), "ngày 31 tháng 01 năm 2026", "31/01/2026"),
    (D(2026, 5, 31), "ngày 31 tháng 5 năm 2026", "31/5/2026"),
    (D(2026, 3, 9), "ngày 09 tháng 3 năm 2026", "09/3/2026"),
    (D(2026, 11, 20), "ngày 20 tháng 11 năm 2026", "20/11/2026"),
])
def test_a_day_below_ten_and_the_months_one_and_two_take_a_leading_zero(day, words, figures):
    assert dates.in_words(day) == words
    assert dates.in_figures(day) == figures


def test_a_draft_leaves_blank_what_it_does_not_know_yet():
    assert dates.blank(2026) == "ngày      tháng      năm 2026"
    assert dates.in_words_of(2026, 2) == "ngày      tháng 02 năm 2026"
    assert dates.in_words_of(2026, 12, 1) == "ngày 01 tháng 12 năm 2026"


def test_a_period_reads_from_and_to():
    assert dates.span(D(2026, 3, 1), D(2026, 9, 30)) == "01/3/2026 – 30/9/2026"
    assert dates.span(D(2026, 3, 1), None) == "từ 01/3/2026"
    assert dates.span(None, D(2026, 9, 30)) == "đến 30/9/2026"
    assert dates.span(None, None) == ""


# The document builders and their print templates; a date formatted by hand there escapes the rule.
DOCUMENT_SOURCES = [*ROOT.glob("awards/documents/*.py"), *ROOT.glob("campaigns/documents/*.py"),
                    *ROOT.glob("templates/pdf/**/*.html")]
HAND_MADE = re.compile(r"%d|%m|strftime|\|date:|tháng \{|\.month:02")
# The nominee workbook writes birth dates as the cells a clerk types back in (dd/mm/yyyy), not as text.
DATA_CELLS = {"awards/documents/nominee_workbook.py"}


def test_no_document_formats_a_date_by_hand():
    offenders = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                 for path in DOCUMENT_SOURCES if str(path.relative_to(ROOT)) not in DATA_CELLS
                 for number, line in enumerate(path.read_text().splitlines(), start=1) if HAND_MADE.search(line)]
    assert DOCUMENT_SOURCES and offenders == []
