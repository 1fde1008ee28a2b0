"""The list attached to a document (a decision's "Danh sách … được khen thưởng"), laid out on its own pages.

WeasyPrint lays a table of a thousand rows out in ten seconds and a quarter of a gigabyte: Pango breaks
every cell's lines, and the table is laid out again for each page it runs over. A list is simple enough to
lay out directly: plain text in bordered cells of fixed widths, a header row repeated on every page, rows
never split, page numbers at the top. This module draws it with ReportLab's canvas, in the look the print
stylesheets give the same list (static/css/print.css, print-dossier.css, print-decision.css): the same
page and margins, Liberation Serif at the same sizes and line heights, the same paddings and borders.

``render_list_pages(title, note, groups, first_page=2)`` returns the pages as a PDF, or None when some text
needs a glyph Liberation Serif does not have (WeasyPrint then prints the whole document, falling back to
another font as a browser would).
"""

import functools
import io
import re
import unicodedata
from dataclasses import dataclass

from units.printable import printable

from campaigns.documents.common import (
    FONT_FILES,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_NUMBER_PT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    fonts_dir,
)

MM = 72 / 25.4
# Liberation Serif's vertical metrics (hhea), which Pango places lines by: a line's baseline sits half the
# leading plus the ascent below its top.
ASCENT, DESCENT = 1825 / 2048, 443 / 2048
# The sizes of print.css / print-dossier.css / print-decision.css (pt).
TITLE_PT, TITLE_LINE = 14, 1.25
GROUP_PT, GROUP_LINE, GROUP_MARGIN = 13, 1.25, 6
NOTE_GAP = 10
CELL_PT, CELL_LINE = 12, 1.2
CELL_PAD_X, CELL_PAD_Y = 3, 2
CELL_MIN_HEIGHT = 18
BORDER = 0.75
TABLE_GAP = 8
FACES = {(False, False): "LiberationSerif", (True, False): "LiberationSerif-Bold",
         (False, True): "LiberationSerif-Italic", (True, True): "LiberationSerif-BoldItalic"}


@dataclass(frozen=True)
class ListGroup:
    """One heading ("I. BẰNG KHEN …") and its table (awards.documents.document.Table)."""

    heading: str
    table: object


@functools.cache
def _fonts():
    """Register Liberation Serif's four faces with ReportLab once per process; the code points they cover."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    covered = None
    for key, name in FACES.items():
        font = TTFont(name, str(fonts_dir() / FONT_FILES[key]))
        pdfmetrics.registerFont(font)
        codes = set(font.face.charToGlyph)
        covered = codes if covered is None else covered & codes
    return frozenset(covered)


def _clean(text) -> str:
    # Composed: ReportLab places no combining mark, and Liberation Serif has every Vietnamese letter whole.
    return unicodedata.normalize("NFC", printable(text))


def printable_by_font(texts) -> bool:
    """Whether every character of ``texts`` has a glyph in all four faces (line breaks and tabs aside)."""
    covered = _fonts()
    return all(ord(char) in covered or char in "\n\t" for text in texts for char in _clean(text))


class _Measure:
    """Widths of words in one face and size, remembered: a list repeats its units, positions and phrases."""

    def __init__(self, face, size):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.face, self.size, self._width, self._known = face, size, stringWidth, {}
        self.space = stringWidth(" ", face, size)

    def __call__(self, word):
        width = self._known.get(word)
        if width is None:
            width = self._known[word] = self._width(word, self.face, self.size)
        return width


# Where a line may break, as CSS collapses white space: spaces, tabs and line ends, never a no-break space.
SPACES = re.compile("[ \t\r\f]+")
# With spaces kept (the note under the title, ``white-space: pre-wrap``): each word with the spaces before it.
SPACED_WORDS = re.compile("[ ]*[^ ]+|[ ]+$")


def wrap(text, measure: _Measure, width, *, keep_spaces=False) -> list[str]:
    """The lines of ``text`` in ``width`` points: broken at spaces, at its own line breaks, and inside a word
    only when the word alone is wider than the line (CSS ``overflow-wrap: break-word``). Spaces are collapsed
    as in HTML, or, with ``keep_spaces``, kept as typed (a draft's blanks: "ngày    tháng    năm")."""
    lines = []
    for paragraph in text.split("\n"):
        if keep_spaces:
            words, space = SPACED_WORDS.findall(paragraph.replace("\t", " ")), 0.0
        else:
            words, space = [word for word in SPACES.split(paragraph) if word], measure.space
        line, used = [], 0.0
        for word in words:
            size = measure(word)
            if line and used + space + size <= width:
                line.append(word)
                used += space + size
                continue
            if line:
                lines.append(_joined(line, keep_spaces))
                word = word.lstrip(" ") if keep_spaces else word  # spaces at a break hang at the line's end
                size = measure(word)
            line, used = [], 0.0
            while size > width and len(word) > 1:
                head = _longest_fitting(word, measure, width)
                lines.append(word[:head])
                word = word[head:]
                size = measure(word)
            line, used = [word], size
        lines.append(_joined(line, keep_spaces))
    return lines


def _joined(words, keep_spaces):
    return "".join(words) if keep_spaces else " ".join(words)


def _longest_fitting(word, measure, width) -> int:
    low, high = 1, len(word) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass
class _Row:
    cells: list  # [lines] per column
    height: float
    header: bool = False


class _Pages:
    """The canvas and where the next thing goes on the current page."""

    def __init__(self, canvas, first_page):
        self.canvas, self.number = canvas, first_page
        self.left = MARGIN_LEFT * MM
        self.width = TEXT_WIDTH * MM
        self.top = (PAGE_HEIGHT - MARGIN_TOP) * MM
        self.bottom = MARGIN_BOTTOM * MM
        self.y = self.top
        self.fresh = True
        self._number_page()

    @property
    def room(self):
        return self.y - self.bottom

    def new_page(self):
        self.canvas.showPage()
        self.number += 1
        self.y, self.fresh = self.top, True
        self._number_page()

    def _number_page(self):
        # print.css: @top-center, 13 pt, vertically in the middle of the 20 mm top margin.
        line = (ASCENT + DESCENT) * PAGE_NUMBER_PT
        baseline = PAGE_HEIGHT * MM - (MARGIN_TOP * MM - line) / 2 - ASCENT * PAGE_NUMBER_PT
        self.canvas.setFont(FACES[False, False], PAGE_NUMBER_PT)
        self.canvas.drawCentredString(self.left + self.width / 2, baseline, str(self.number))

    def lines(self, lines, face, size, leading, *, centred=False, x=None, width=None):
        """Text lines from the current height down, each on a line box ``leading`` high."""
        x = self.left if x is None else x
        width = self.width if width is None else width
        self.canvas.setFont(face, size)
        for line in lines:
            baseline = self.y - (leading - (ASCENT + DESCENT) * size) / 2 - ASCENT * size
            if centred:
                self.canvas.drawCentredString(x + width / 2, baseline, line)
            else:
                self.canvas.drawString(x, baseline, line)
            self.y -= leading
        self.fresh = False


class _Table:
    def __init__(self, table):
        total = sum(column.width_mm for column in table.columns)
        # Fixed layout at the text's full width: the columns' widths as the stylesheet shares them out.
        self.widths = [column.width_mm / total * TEXT_WIDTH * MM for column in table.columns]
        self.centred = [column.centered for column in table.columns]
        self.regular = _Measure(FACES[False, False], CELL_PT)
        self.bold = _Measure(FACES[True, False], CELL_PT)
        self.header = self._row([column.label for column in table.columns], header=True)
        self.rows = [self._row(row) for row in table.rows]

    def _inner(self, index):
        return self.widths[index] - 2 * CELL_PAD_X - BORDER

    def _row(self, texts, header=False):
        measure = self.bold if header else self.regular
        cells = [wrap(_clean(text), measure, self._inner(i)) for i, text in enumerate(texts)]
        return _Row(cells, _height(max(len(lines) for lines in cells)), header)

    def fits_first(self, room):
        return not self.rows or self.header.height + self.rows[0].height <= room

    def draw(self, pages: _Pages):
        """The rows, as many as fit on each page, the header on top of every page's part."""
        part = []
        for row in self.rows:
            for piece in _pieces(row, pages.top - pages.bottom - self.header.height):
                if part and self.header.height + sum(r.height for r in part) + piece.height > pages.room:
                    self._draw_part(pages, part)
                    pages.new_page()
                    part = []
                elif not part and self.header.height + piece.height > pages.room and not pages.fresh:
                    pages.new_page()
                part.append(piece)
        if part or not self.rows:
            self._draw_part(pages, part)
        pages.y -= TABLE_GAP

    def _draw_part(self, pages, rows):
        canvas = pages.canvas
        top = pages.y
        y = top
        for row in [self.header, *rows]:
            self._draw_row(canvas, pages.left, y, row)
            y -= row.height
        canvas.setLineWidth(BORDER)
        right = pages.left + sum(self.widths)
        lines = [(pages.left, top, right, top)]
        edge = top
        for row in [self.header, *rows]:
            edge -= row.height
            lines.append((pages.left, edge, right, edge))
        x = pages.left
        for width in [0, *self.widths]:
            x += width
            lines.append((x, top, x, y))
        canvas.lines(lines)
        pages.y = y
        pages.fresh = False

    def _draw_row(self, canvas, left, top, row):
        face = FACES[row.header, False]
        leading = CELL_LINE * CELL_PT
        canvas.setFont(face, CELL_PT)
        x = left
        for index, lines in enumerate(row.cells):
            width = self.widths[index]
            inner_top = top - BORDER / 2 - CELL_PAD_Y
            if row.header:  # th: vertically in the middle
                inner_top -= (row.height - _height(len(lines))) / 2
            baseline = inner_top - (leading - (ASCENT + DESCENT) * CELL_PT) / 2 - ASCENT * CELL_PT
            centred = row.header or self.centred[index]
            for line in lines:
                if centred:
                    canvas.drawCentredString(x + width / 2, baseline, line)
                else:
                    canvas.drawString(x + BORDER / 2 + CELL_PAD_X, baseline, line)
                baseline -= leading
            x += width


def _height(line_count):
    return max(CELL_MIN_HEIGHT, line_count * CELL_LINE * CELL_PT + 2 * CELL_PAD_Y + BORDER)


def _pieces(row, page_room):
    """The row whole, or, when taller than a page can hold, in parts of as many lines as a page takes."""
    if row.height <= page_room:
        return [row]
    per_page = max(1, int((page_room - 2 * CELL_PAD_Y - BORDER) // (CELL_LINE * CELL_PT)))
    longest = max(len(lines) for lines in row.cells)
    return [_Row([lines[start:start + per_page] for lines in row.cells],
                 _height(min(per_page, longest - start)))
            for start in range(0, longest, per_page)]


def render_list_pages(title: str, note: str, groups, *, first_page: int = 2) -> bytes | None:
    """The list as a PDF whose pages are numbered from ``first_page``; None when the font cannot print it."""
    texts = [title, note, *(group.heading for group in groups),
             *(cell for group in groups for row in group.table.rows for cell in row),
             *(column.label for group in groups for column in group.table.columns)]
    if not printable_by_font(texts):
        return None
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    # Every page starts in Liberation Serif: ReportLab's default (Helvetica) would be named, unembedded.
    canvas = Canvas(out, pagesize=(PAGE_WIDTH * MM, PAGE_HEIGHT * MM), pageCompression=1, invariant=1,
                    initialFontName=FACES[False, False], initialFontSize=CELL_PT)
    pages = _Pages(canvas, first_page)
    for text, bold_italic, keep_spaces in ((title, (True, False), False), (note, (False, True), True)):
        if text:
            measure = _Measure(FACES[bold_italic], TITLE_PT)
            lines = wrap(_clean(text), measure, pages.width, keep_spaces=keep_spaces)
            pages.lines(lines, FACES[bold_italic], TITLE_PT, TITLE_LINE * TITLE_PT, centred=True)
    pages.y -= NOTE_GAP
    for index, group in enumerate(groups):
        table = _Table(group.table)
        measure = _Measure(FACES[True, False], GROUP_PT)
        heading = wrap(_clean(group.heading), measure, pages.width)
        above = 0 if index == 0 else GROUP_MARGIN - TABLE_GAP  # margins collapse: the larger one stands
        height = above + len(heading) * GROUP_LINE * GROUP_PT + GROUP_MARGIN
        # The heading stays with the table's first row (break-after: avoid).
        if not pages.fresh and (height > pages.room or not table.fits_first(pages.room - height)):
            pages.new_page()
            above = 0
        pages.y -= max(0, above)
        pages.lines(heading, FACES[True, False], GROUP_PT, GROUP_LINE * GROUP_PT)
        pages.y -= GROUP_MARGIN
        table.draw(pages)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def join_pdfs(head: bytes, tail: bytes) -> bytes:
    """``tail``'s pages after ``head``'s, in one file that keeps ``head``'s catalogue (language) and metadata."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(head)))
    writer.append(PdfReader(io.BytesIO(tail)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
