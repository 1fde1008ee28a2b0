"""The format-neutral description of a dossier document, walked alike by the PDF and the Word renderer.

A Tờ trình and a Báo cáo thành tích share the Decree 30 header of a plan (the attributes of
campaigns.documents.common.PlanDocument), and add what a plan does not have: a form label
("Mẫu số 03"), lines under the title, "Kính gửi", bordered tables in the body, a pair of
signature blocks, and a list attached on pages of its own.
"""

import math
from dataclasses import dataclass, field

from campaigns.documents.common import (
    BODY_PT,
    FIRST_LINE_INDENT_CM,
    TEXT_WIDTH,
    OfficialDocument,
    Paragraph,
    text_width_mm,
)
from campaigns.markup import Run

DOT = "…"


def dots(count=None):
    """A dotted blank the clerk writes over; by default as long as an indented line of body text."""
    return DOT * (line_dots() if count is None else count)


def body(text, *, bold=False, italic=False):
    return Paragraph("body", (Run(text, bold, italic),))


def heading(text, level=1):
    """"I. SƠ LƯỢC LÝ LỊCH" (level 1) or "1. Thành tích đạt được:" (level 2), both bold."""
    return Paragraph(f"heading-{level}", (Run(text, bold=True),))


def field_line(label, value=""):
    """"- Họ và tên: Nguyễn Văn An", or the label followed by dots to the end of the line when the
    registry does not know the value."""
    prefix = f"- {label}: "
    if value:
        return Paragraph("body", (Run(prefix + value),))
    return Paragraph("body", (Run(prefix + dots(dots_after(prefix))),))


# A run of dots has no break opportunity: it must fit on its line, measured on the font.
def _fitting(width_mm):
    return math.floor(width_mm / text_width_mm(DOT, BODY_PT)) - 1


def line_dots():
    return _fitting(TEXT_WIDTH - FIRST_LINE_INDENT_CM * 10)


def dots_after(prefix):
    """How many dots fill the first line of a body paragraph (indented) after ``prefix``; when too
    few would fit, a whole line's worth, which the text then carries over to the next line."""
    count = _fitting(TEXT_WIDTH - FIRST_LINE_INDENT_CM * 10 - text_width_mm(prefix, BODY_PT))
    return count if count >= 6 else line_dots()


@dataclass(frozen=True)
class Column:
    label: str
    width_mm: float
    centered: bool = False


@dataclass(frozen=True)
class Table:
    """A bordered table; its header row is repeated on every page it runs over."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    kind = "table"  # templates tell tables from paragraphs by it

    @property
    def body_rows(self):
        """Rows with each cell paired with its column (for alignment)."""
        return [list(zip(row, self.columns)) for row in self.rows]


@dataclass(frozen=True)
class Signature:
    """One signature block: capacity lines (bold), a hint in italics, space to sign, the signer's name."""

    lines: tuple[str, ...]
    hint: str = ""
    name: str = ""


@dataclass(frozen=True)
class Annex:
    """A list attached after the signature, starting on a page of its own."""

    title: str
    note: str
    table: Table


@dataclass
class DossierDocument(OfficialDocument):
    """Everything printed on a dossier document, in reading order, without any format attached."""

    superior_lines: list[str]
    issuer_lines: list[str]
    number_line: str
    place_and_date: str
    doc_type: str
    title: Paragraph
    subtitles: list[Paragraph] = field(default_factory=list)
    form_label: str = ""
    addressee: str = ""
    blocks: list = field(default_factory=list)  # Paragraph | Table
    # Either recipients and one signature (a Tờ trình) or a pair of signature blocks (a report).
    recipients: list[str] = field(default_factory=list)
    authority_lines: list[str] = field(default_factory=list)
    signer_name: str = ""
    signatures: tuple[Signature, Signature] | None = None
    annex: Annex | None = None
    # A draft prints "DỰ THẢO" above its header, and neither number nor date.
    draft: bool = False
