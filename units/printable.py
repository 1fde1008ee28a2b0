"""Stored text made fit for the files the portal hands out: Word, PDF and Excel.

Forms and imports clean text at the door, but rows written before that, or by the admin or a
script, may still hold what a document cannot carry, and one such row must not make a province's
whole export fail. ``printable`` is the one cleaning every renderer applies to stored text:

- XML 1.0, inside every .docx and .xlsx, has no place for most control characters (``\\x00``,
  ``\\x07`` bell, ``\\x08`` backspace, ``\\x1b`` escape …), lone surrogates or U+FFFE/U+FFFF:
  python-docx and openpyxl raise on them. They are dropped.
- The characters that end a line (CR LF, a lone CR, vertical tab and form feed as Word pastes
  them, NEL, the Unicode line and paragraph separators) become one line break, as they read.
- The other control characters (DEL and the C1 range) mean nothing on paper: dropped.
- Bidi controls (embeddings, overrides and isolates, U+202A–U+202E and U+2066–U+2069, and the
  direction marks U+200E, U+200F, U+061C) would print the text around them reordered:
  "Nguyễn Văn An" could read as someone else. Dropped.

Everything else — Vietnamese letters in either Unicode form, tabs, punctuation, "<script>" as
the words it is — prints unchanged.

A spreadsheet adds two rules (``sheet_value``, ``put``, ``sheet_cell``, ``sheet_row``): a cell
holds at most 32,767 characters (Excel's limit, beyond which it calls the file damaged), and
text is always a text cell — a name like "=1+2" or "=HYPERLINK(…)" must never become a formula
Excel runs, nor "-1" or "@SUM(…)" one it builds when the cell is edited.
"""

import re
from copy import copy

from openpyxl.cell import WriteOnlyCell

from units.text import BIDI_CONTROLS, LINE_BREAKS

# Cc but tab and line feed, surrogates, the two non-characters XML forbids, and the bidi controls the
# door refuses (units.text): embeddings, overrides, isolates and the three invisible direction marks.
UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
                         + "".join(sorted(BIDI_CONTROLS)) + "]")
# What Excel (and other spreadsheets) take as the start of a formula when the cell is text they parse.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_MAX = 32_767
CUT_MARK = "…"


def printable(text) -> str:
    """``text`` as a document may print it: line ends unified, unprintable characters dropped."""
    if not text:
        return ""
    text = str(text)
    if text.isprintable():  # the common case, told in C: no control, format or separator character
        return text
    return UNPRINTABLE.sub("", LINE_BREAKS.sub("\n", text))


def sheet_value(value):
    """``value`` as a cell may hold it: text printable and within Excel's length; numbers and dates as they are."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    if len(text) > EXCEL_CELL_MAX:
        text = text[:EXCEL_CELL_MAX - len(CUT_MARK)] + CUT_MARK
    return text


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put(cell, value):
    """Write ``value`` into ``cell`` (any openpyxl cell, styled or not) and return the cell.

    Text stays a text cell, whatever it starts with ("=", "#N/A" …): openpyxl would make a
    formula or an error of it. Text that looks like a formula also gets the quote prefix, so
    Excel keeps it text when a clerk edits the cell; the value shown and read back is the same.
    """
    cell.value = value = sheet_value(value)
    text = isinstance(value, str)
    if text:
        cell.data_type = "s"
    quoted = text and looks_like_formula(value)
    if quoted != cell.quotePrefix:
        # A cell refilled row after row: openpyxl registers the cell's style array itself, not a
        # copy, so changing it in place would change the rows already written. Change a copy.
        cell._style = copy(cell._style)
        cell.quotePrefix = quoted
    return cell


def sheet_cell(sheet, value=None):
    """A write-only cell of ``sheet`` holding ``value`` by the rules of ``put``, ready to style."""
    return put(WriteOnlyCell(sheet), value)


def sheet_row(sheet, values) -> list:
    """``values`` ready to append to ``sheet`` (write-only or not): every text cleaned, none a formula.

    Plain text passes as text; text openpyxl would read as a formula or an error becomes a cell
    typed as text. Cells already made (styled ones) and other values pass unchanged.
    """
    out = []
    for value in values:
        if isinstance(value, str):
            value = sheet_value(value)
            if looks_like_formula(value) or value.startswith("#"):
                value = sheet_cell(sheet, value)
        out.append(value)
    return out
