"""Long runs of plain rows appended to a write-only sheet quickly, written as openpyxl itself writes them.

openpyxl spends some 25 µs on each cell it writes (a cell object filled, typed, its style looked up,
then three XML elements opened and closed one by one through lxml): the 600,000 cells of a province's
list took most of its export's 10 to 15 seconds. ``PlainRows`` writes a row of plain values — text,
whole numbers, None — as the bytes openpyxl would have written for the same values under
``units.printable``'s rules (``sheet_row`` for an unstyled column, ``put`` into the column's styled
cell for a styled one): text cleaned, cut at Excel's limit and always a text cell, quote-prefixed
when it looks like a formula; numbers as numbers; None left out, or an empty cell under a styled
column. Anything else (a date, a float, a cell already made) goes through openpyxl, row and all.

The sheet keeps openpyxl's own writer (openpyxl 3.1's ``WorksheetWriter``) for everything else, its
XML sent to a file of ours so that ready rows go in between, in order, numbered by openpyxl: call
``prepare(sheet)`` before the sheet's first row. tests/units/test_sheet_rows.py compares the files
with openpyxl's, byte for byte.
"""

from copy import copy

from openpyxl import LXML
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import xmlfile

from units.printable import FORMULA_STARTS, put, sheet_row, sheet_value

# Where a cell's row number goes in its fragment: NUL, which no cleaned text holds (``printable`` drops it).
ROW = "\x00"


class _Ready(tuple):
    """A row's cells as XML fragments, each with ``ROW`` where the row number goes."""


class PlainRows:
    """Appends rows of plain values to the write-only ``sheet``; ``cells`` are the columns' styled cells
    (as ``put`` would be given them), None for an unstyled column; beyond the list, columns are unstyled."""

    def __init__(self, sheet, cells=()):
        self.sheet = sheet
        self.book = sheet.parent
        self.styles = [cell._style if cell is not None and cell.has_style else None for cell in cells]
        # By column index, the start of its cells, '<c r="B\x00" s="6"', plain and quote-prefixed: made when
        # first used, so that styles are registered in the order openpyxl registers them.
        self.heads, self.quoted_heads = [], []
        prepare(sheet)
        self.ready = LXML  # the standard library's writer cannot be flushed between rows: openpyxl does it all

    def append(self, values) -> None:
        if not self.ready:
            self._append_by_openpyxl(values)
            return
        if len(values) > len(self.heads):
            self._widen(len(values))
        heads, quoted_heads, styles = self.heads, self.quoted_heads, self.styles
        fragments = []
        for index, value in enumerate(values):
            kind = type(value)
            if kind is str:
                text = sheet_value(value)
                if text.startswith(FORMULA_STARTS):
                    head = quoted_heads[index] or self._head(index, quoted=True)
                else:
                    head = heads[index] or self._head(index)
                if not text:
                    fragments.append(head + ' t="inlineStr"></c>')
                    continue
                space = ' xml:space="preserve"' if text != text.strip() else ""
                if "&" in text or "<" in text or ">" in text:
                    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                fragments.append(f'{head} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif value is None:
                if index < len(styles) and styles[index] is not None:
                    fragments.append((heads[index] or self._head(index)) + ' t="n"></c>')
            elif kind is int:
                fragments.append(f'{heads[index] or self._head(index)} t="n"><v>{value}</v></c>')
            else:
                self._append_by_openpyxl(values)
                return
        self.sheet.append(_Ready(fragments))

    def _widen(self, width):
        self.heads += [None] * (width - len(self.heads))
        self.quoted_heads += [None] * (width - len(self.quoted_heads))

    def _head(self, index, *, quoted=False) -> str:
        style = self.styles[index] if index < len(self.styles) else None
        if quoted:
            cell = WriteOnlyCell(self.sheet)
            if style is not None:
                cell._style = copy(style)
            cell.quotePrefix = True
            style_id = f' s="{cell.style_id}"'
        else:
            style_id = f' s="{self.book._cell_styles.add(style)}"' if style is not None else ""
        head = f'<c r="{get_column_letter(index + 1)}{ROW}"{style_id}'
        (self.quoted_heads if quoted else self.heads)[index] = head
        return head

    def _append_by_openpyxl(self, values):
        row = []
        for index, value in enumerate(values):
            style = self.styles[index] if index < len(self.styles) else None
            if style is None:
                row.append(value)
            else:
                cell = WriteOnlyCell(self.sheet)
                cell._style = copy(style)
                row.append(put(cell, value))
        self.sheet.append(sheet_row(self.sheet, row))


def prepare(sheet) -> None:
    """Let the write-only ``sheet`` take ``PlainRows`` later: call it before the sheet's first row (once is enough)."""
    if "_get_writer" in vars(sheet):
        return
    if sheet._writer is not None:
        raise ValueError("PlainRows: prepare the sheet before its first row is written.")

    def get_writer():
        if sheet._writer is None:
            sheet._writer = _Writer(sheet)
            sheet._writer.write_top()

    def ready_or_cells(values, row_idx, values_to_row=sheet._values_to_row):
        return values if type(values) is _Ready else values_to_row(values, row_idx)

    sheet._get_writer = get_writer
    sheet._values_to_row = ready_or_cells


class _Writer(WorksheetWriter):
    """openpyxl's worksheet writer (3.1), its XML going through a file of ours, so that a ready row's bytes
    can be written between the elements lxml writes."""

    def get_stream(self):
        self.file = open(self.out, "wb")  # noqa: SIM115 - closed with the writer
        with xmlfile(self.file) as xf:
            with xf.element("worksheet", xmlns=SHEET_MAIN_NS):
                try:
                    while True:
                        el = (yield)
                        if el is True:
                            yield xf
                        elif el is not None:
                            xf.write(el)
                except GeneratorExit:
                    pass

    def write_row(self, xf, row, row_idx):
        if type(row) is not _Ready:
            super().write_row(xf, row, row_idx)
            return
        number = str(row_idx)
        dimensions = self.ws.row_dimensions
        height = "".join(f' {key}="{value}"' for key, value in dimensions[row_idx]) if row_idx in dimensions else ""
        xf.flush()  # what lxml holds goes first
        # As lxml writes it: ASCII, every other character as a numeric reference.
        self.file.write((f'<row r="{number}"{height}>' + "".join(row).replace(ROW, number) + "</row>")
                        .encode("ascii", "xmlcharrefreplace"))

    def close(self):
        super().close()
        self.file.close()
