"""A .docx as plan markup text: paragraphs, bold/italic runs, line breaks, list numbers, tables.

``read_docx(data)`` returns the text ``campaigns.importing.parse_plan_text`` reads: one
paragraph per blank-line-separated chunk, ``**bold**`` and ``*italic*`` from the runs (their
own formatting, else their character or paragraph style's), "\\n" for a line break inside a
paragraph. Word's automatic numbering is not in the text of a paragraph, so the labels
("I.", "1.", "a)", "-") are rebuilt from numbering.xml; a plan typed with automatic headings
would otherwise lose its whole outline. A table (the header and signature blocks are
usually tables) gives one chunk per cell, the cell's paragraphs one per line.
"""

import io
import re
import unicodedata
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

ZIP_MAGIC = b"PK"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def is_docx(data: bytes) -> bool:
    """A .docx is a ZIP holding word/document.xml."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_docx(data: bytes) -> str:
    """The document's paragraphs (and table cells) as markup, separated by blank lines."""
    document = docx.Document(io.BytesIO(data))
    return unicodedata.normalize("NFC", "\n\n".join(_Reader(document).blocks(document.element.body)))


class _Reader:
    """Walks the XML itself rather than python-docx's lists, which leave out content controls
    (w:sdt), tracked insertions (w:ins), fields and text boxes — text a clerk would miss."""

    def __init__(self, document):
        self.body = document._body  # parent of the proxies, for style and numbering look-ups
        self.part = document.part
        self.numbering = _Numbering(document)
        self.style_flags = {}

    def blocks(self, container) -> list[str]:
        chunks = []
        for child in container.iterchildren():
            if child.tag == f"{_W}p":
                chunks.extend(self.paragraph(child))
            elif child.tag == f"{_W}tbl":
                chunks.extend(self.table(child))
            elif child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
                chunks.extend(self.blocks(child))
        return chunks

    def table(self, element):
        # The set holds the cell elements themselves (not their ids), so lxml hands back the same
        # proxy for the same cell: a merged cell is listed once per grid column it spans.
        chunks, seen = [], set()
        for row in Table(element, self.body).rows:
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                lines = self.blocks(cell._tc)
                if lines:
                    chunks.append("\n".join(lines))
        return chunks

    def paragraph(self, element):
        """Text boxes anchored in the paragraph (each once: not their VML fallback copy), then its text."""
        chunks = [chunk for box in element.iter(f"{_W}txbxContent") if _own(box, element)
                  for chunk in self.blocks(box)]
        paragraph = Paragraph(element, self.body)
        pieces = []  # [text, bold, italic]
        for node in element.iter(f"{_W}r"):
            if not _own(node, element):
                continue
            run = Run(node, paragraph)
            text = run.text.replace("\t", " ")
            if not text:
                continue
            bold, italic = self.flag(run, paragraph, "bold"), self.flag(run, paragraph, "italic")
            if pieces and (pieces[-1][1], pieces[-1][2]) == (bold, italic):
                pieces[-1][0] += text
            else:
                pieces.append([text, bold, italic])
        out = "".join(_wrap(pieces, i) for i in range(len(pieces)))
        if out.strip():
            label = self.numbering.label(paragraph)
            chunks.append(f"{label} {out.lstrip()}" if label else out)
        return chunks

    def flag(self, run, paragraph, name):
        """The run's own bold/italic, else its character style's, else its paragraph style's."""
        value = getattr(run.font, name)
        if value is None:
            value = self.style_flag(run._r.style, WD_STYLE_TYPE.CHARACTER, name)
        if value is None:
            value = self.style_flag(paragraph._p.style, WD_STYLE_TYPE.PARAGRAPH, name)
        return bool(value)

    def style_flag(self, style_id, style_type, name):
        # Cached: python-docx finds a style by scanning all of styles.xml, once per run otherwise.
        key = (style_id, style_type, name)
        if key not in self.style_flags:
            style, value = self.part.get_style(style_id, style_type), None
            while value is None and style is not None:
                value, style = getattr(style.font, name), style.base_style
            self.style_flags[key] = value
        return self.style_flags[key]


_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_W}p", f"{_MC}Fallback"}


def _own(node, paragraph):
    """Whether ``node`` belongs to ``paragraph`` itself: not deleted, not in a nested paragraph,
    text box or compatibility fallback (a text box inside a text box is read with the outer one)."""
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _SKIP:
            return False
        parent = parent.getparent()
    return True


def _wrap(pieces, i):
    """One run with its markers, each line wrapped on its own so bullets and spans never straddle lines.

    Two differently emphasised runs that touch ("**a***b*") would read as other markers, so
    a run touching an emphasised neighbour takes on the neighbour's emphasis too.
    """
    text, bold, italic = pieces[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(pieces) and (pieces[j][1] or pieces[j][2]) and (bold or italic):
            touching = pieces[j][0][-1:] if j < i else pieces[j][0][:1]
            edge = text[:1] if j < i else text[-1:]
            if touching.strip() and edge.strip():
                bold, italic = bold or pieces[j][1], italic or pieces[j][2]
    marker = "***" if bold and italic else "**" if bold else "*" if italic else ""
    if not marker:
        return text
    out = []
    for line in text.split("\n"):
        core = line.strip()
        if core:
            lead, trail = line[:len(line) - len(line.lstrip())], line[len(line.rstrip()):]
            line = f"{lead}{marker}{core}{marker}{trail}"
        out.append(line)
    return "\n".join(out)


class _Numbering:
    """Labels of Word's automatic numbering, counted in document order."""

    def __init__(self, document):
        self.formats, self.counters = {}, {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # python-docx: no numbering part
            root = None
        if root is None:
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl"))] = (_val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""),
                                                     int(_val(lvl, "start", "1")))
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for node in root.iter(f"{_W}num"):
            ref = node.find(f"{_W}abstractNumId")
            if ref is not None:
                self.formats[node.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})

    def label(self, paragraph):
        num_id, level = self._num_pr(paragraph)
        levels = self.formats.get(num_id)
        if not levels or level not in levels:
            return ""
        fmt, text, start = levels[level]
        if fmt == "bullet":
            return "-"
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a new "1." restarts its "a)"
        values = {}  # "%1.%2." → the counters of this level and the ones above it
        for k in range(level + 1):
            k_fmt, _, k_start = levels.get(k, ("decimal", "", 1))
            values[k + 1] = _format(counters.get(k, k_start), k_fmt)
        return re.sub(r"%(\d)", lambda m: values.get(int(m.group(1)), ""), text).strip()

    @staticmethod
    def _num_pr(paragraph):
        element, style = paragraph._p.pPr, paragraph.style
        while True:
            num_pr = element.find(f"{_W}numPr") if element is not None else None
            if num_pr is not None and num_pr.find(f"{_W}numId") is not None:
                ilvl = num_pr.find(f"{_W}ilvl")
                return (num_pr.find(f"{_W}numId").get(f"{_W}val"),
                        int(ilvl.get(f"{_W}val")) if ilvl is not None else 0)
            if style is None:
                return None, 0
            element, style = style.element.pPr, style.base_style


def _val(node, tag, default):
    child = node.find(f"{_W}{tag}")
    return child.get(f"{_W}val", default) if child is not None else default


_ROMAN = [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _format(number, fmt):
    """A counter as Word prints it for the level's numFmt."""
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", number
        for value, digits in _ROMAN:
            while rest >= value:
                out, rest = out + digits, rest - value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(number)
