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

from units.printable import looks_like_formula, put, sheet_row, sheet_value

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
        self.refs = []  # by column index: '<c r="B\x00"', the cell's start
        self.styles = [cell._style if cell is not None and cell.has_style else None for cell in cells]
        self.plain_ids = {}  # column index: its style's id (registered when first used, as openpyxl does)
        self.quoted_ids = {}
        prepare(sheet)
        self.ready = LXML  # the standard library's writer cannot be flushed between rows: openpyxl does it all

    def append(self, values) -> None:
        if not self.ready:
            self._append_by_openpyxl(values)
            return
        fragments = []
        for index, value in enumerate(values):
            if value is None:
                if index < len(self.styles) and self.styles[index] is not None:
                    fragments.append(f'{self._ref(index)}{self._style(index, False)} t="n"></c>')
                continue
            kind = type(value)
            if kind is str:
                text = sheet_value(value)
                style = self._style(index, looks_like_formula(text))
                if not text:
                    fragments.append(f'{self._ref(index)}{style} t="inlineStr"></c>')
                    continue
                space = ' xml:space="preserve"' if text != text.strip() else ""
                text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                fragments.append(f'{self._ref(index)}{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif kind is int:
                fragments.append(f'{self._ref(index)}{self._style(index, False)} t="n">'
                                 f"<v>{value}</v></c>")
            else:
                self._append_by_openpyxl(values)
                return
        self.sheet.append(_Ready(fragments))

    def _ref(self, index) -> str:
        while len(self.refs) <= index:
            self.refs.append(f'<c r="{get_column_letter(len(self.refs) + 1)}{ROW}"')
        return self.refs[index]

    def _style(self, index, quoted) -> str:
        ids = self.quoted_ids if quoted else self.plain_ids
        if index not in ids:
            style = self.styles[index] if index < len(self.styles) else None
            if quoted:
                cell = WriteOnlyCell(self.sheet)
                if style is not None:
                    cell._style = copy(style)
                cell.quotePrefix = True
                ids[index] = f' s="{cell.style_id}"'
            else:
                ids[index] = f' s="{self.book._cell_styles.add(style)}"' if style is not None else ""
        return ids[index]

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
