"""Building blocks of Word files in the Decree 30/2020 layout (python-docx), shared by every printed document.

A new document (``new_document``) has the A4 page, margins, Times New Roman and page numbers of
common.py; ``header_table`` and ``signing_table`` print the header (issuing body, national name,
number, place and date) and the recipients with the signature from any description that has the
attributes of ``common.PlanDocument``; ``paragraph``, ``rule`` and ``table`` do the rest.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from units.printable import printable

from campaigns.documents import common as c
from campaigns.markup import Run

CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)


def new_document(*, title, author):
    """An empty .docx: A4, Decree 30 margins, Times New Roman 14 pt, page numbers from page 2."""
    document = Document()
    _set_defaults(document)
    properties = document.core_properties
    properties.title, properties.author, properties.language = printable(title), printable(author), "vi-VN"
    _set_page(document.sections[0])
    return document


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Document-wide settings -------------------------------------------------------------------------

def _set_defaults(document):
    """Times New Roman 14 pt everywhere, for Latin, East-Asian and complex scripts; Vietnamese."""
    for rpr in (document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
                document.styles["Normal"].element.get_or_add_rPr()):
        _set_fonts(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "vi-VN")
        lang.set(qn("w:eastAsia"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.size = Pt(c.BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = True
    # A line ended by a manual line break (Shift+Enter) in a justified paragraph is not stretched,
    # as in the PDF.
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))  # the flags precede compatSetting


def _set_fonts(rpr):
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), c.WORD_FONT)


def _set_page(section):
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(c.PAGE_WIDTH), Mm(c.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(c.MARGIN_TOP), Mm(c.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(c.MARGIN_LEFT), Mm(c.MARGIN_RIGHT)
    section.header_distance = section.footer_distance = Mm(8)
    section.gutter = Mm(0)
    # The page number, centred in the top margin, on every page but the first.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    _page_field(number, Pt(c.PAGE_NUMBER_PT))


def _page_field(paragraph, size):
    def run_with(tag, **attrs):
        run = paragraph.add_run()
        run.font.size = size
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        run._r.append(element)
        return element

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText", **{"xml:space": "preserve"}).text = " PAGE "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("2").font.size = size
    run_with("w:fldChar", **{"w:fldCharType": "end"})


# Building blocks --------------------------------------------------------------------------------

def paragraph(container, runs, *, align=LEFT, size=None, indent=False, before=0, after=0, line=None,
              exact=None, keep_next=False):
    """A paragraph of markup runs; "\\n" inside a run is a line break, as <br> in the HTML.

    Every text of a Word file passes here (or through the dossiers' table cells), so here it is
    made printable: a stored control character would otherwise make python-docx refuse the file.
    """
    out_paragraph = container.add_paragraph()
    fmt = out_paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.first_line_indent = Cm(c.FIRST_LINE_INDENT_CM)
    if line:
        fmt.line_spacing = Pt(line)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if exact:
        fmt.line_spacing = Pt(exact)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if keep_next:
        fmt.keep_with_next = True
    for run in runs:
        lines = printable(run.text).split("\n")
        for i, piece in enumerate(lines):
            out = out_paragraph.add_run(piece)
            if run.bold:
                out.bold = True
            if run.italic:
                out.italic = True
            if size:
                out.font.size = Pt(size)
            if i < len(lines) - 1:
                out.add_break()
    if size and not out_paragraph.runs:
        out_paragraph.add_run().font.size = Pt(size)
    if size:  # the paragraph mark sets the height of an empty line
        _mark_size(out_paragraph, size)
    return out_paragraph


def _mark_size(paragraph, size):
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)


def rule(container, width_mm, available_mm, *, before=3, after=0):
    """A short solid rule, centred: an empty paragraph with a bottom border, narrowed by indents."""
    out = paragraph(container, [], size=1, before=before, after=after, exact=1)
    side = max((available_mm - width_mm) / 2, 0)
    out.paragraph_format.left_indent = out.paragraph_format.right_indent = Mm(side)
    border(out, ("bottom",), size=6, space=0)
    return out


def border(paragraph_, edges, *, size, space):
    """Single black lines on ``edges`` of a paragraph (size in eighths of a point, space in points)."""
    ppr = paragraph_._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge in edges:
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(space)), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    # pBdr must come before spacing/ind/jc in pPr.
    anchor = next((child for child in ppr if child.tag in {qn("w:spacing"), qn("w:ind"), qn("w:jc"),
                                                             qn("w:rPr")}), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


TBL_PR_ORDER = [qn(f"w:{tag}") for tag in (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
    "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
    "tblDescription")]


def sort_table_properties(tbl_pr):
    """Word rejects table properties out of the schema's order."""
    tbl_pr[:] = sorted(tbl_pr, key=lambda child: TBL_PR_ORDER.index(child.tag) if child.tag in TBL_PR_ORDER else 99)


def table(document, widths_mm):
    """A borderless table with fixed column widths and no cell padding, like the HTML one."""
    out = document.add_table(rows=1, cols=len(widths_mm))
    out.alignment = WD_TABLE_ALIGNMENT.LEFT
    out.autofit = False  # w:tblLayout fixed
    tbl_pr = out._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    sort_table_properties(tbl_pr)
    for column, cell, width in zip(out.columns, out.rows[0].cells, widths_mm):
        column.width = cell.width = Mm(width)
    # The row is never split across pages.
    tr_pr = out.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    cells = out.rows[0].cells
    for cell in cells:  # drop the empty paragraph a new cell starts with, once content is added
        cell._tc.remove(cell.paragraphs[0]._p)
    return cells


def header_table(document, doc):
    """Issuing body and number on the left; national name, motto, place and date on the right ("DỰ THẢO"
    above them on a draft)."""
    if getattr(doc, "draft", False):
        draft_mark(document, doc.draft_mark)
    left, right = table(document, [c.HEADER_LEFT, c.HEADER_RIGHT])
    for line in doc.superior_lines:
        paragraph(left, [Run(line)], align=CENTER, size=c.HEADER_ISSUER_PT)
    paragraph(left, [Run("\n".join(doc.issuer_print_lines), bold=True)], align=CENTER, size=c.HEADER_ISSUER_PT)
    rule(left, doc.issuer_rule_mm, c.HEADER_LEFT)
    if doc.number_line:
        paragraph(left, [Run(doc.number_line)], align=CENTER, size=c.NUMBER_PT, before=6)

    paragraph(right, [Run(doc.national_name, bold=True)], align=CENTER, size=c.NATIONAL_NAME_PT)
    paragraph(right, [Run(doc.motto, bold=True)], align=CENTER, size=c.MOTTO_PT)
    rule(right, doc.motto_rule_mm, c.HEADER_RIGHT)
    paragraph(right, [Run(doc.place_and_date, italic=True)], align=CENTER, size=c.PLACE_DATE_PT, before=6)


def draft_mark(document, text):
    """"DỰ THẢO" in a box at the right of the first line, as the PDF prints it."""
    out = paragraph(document, [Run(text, bold=True)], align=RIGHT, size=c.NUMBER_PT, after=6)
    border(out, ("top", "left", "bottom", "right"), size=8, space=2)
    # The box hugs the words: the paragraph is narrowed from the left to their width.
    width = c.text_width_mm(text, c.NUMBER_PT, bold=True) + 6
    out.paragraph_format.left_indent = Mm(max(c.TEXT_WIDTH - width, 0))
    return out


def signing_table(document, doc):
    """Recipients ("Nơi nhận") on the left; capacity, signature space and signer on the right."""
    left, right = table(document, [c.SIGNING_LEFT, c.SIGNING_RIGHT])
    if doc.recipients:
        paragraph(left, [Run(doc.recipients_label, bold=True, italic=True)], size=c.RECIPIENTS_LABEL_PT,
                  keep_next=True)
        for line in doc.recipients:
            paragraph(left, [Run(line)], size=c.RECIPIENTS_PT, keep_next=True)
    else:
        paragraph(left, [])
    for line in doc.authority_lines:
        paragraph(right, [Run(line, bold=True)], align=CENTER, keep_next=True)
    paragraph(right, [Run(doc.signer_name, bold=True)], align=CENTER,
              before=c.SIGNATURE_SPACE_MM * 72 / 25.4 + (0 if doc.authority_lines else 16))


def end_after_table(document):
    """Word needs a paragraph after a final table; make it too small to push anything onto a new page."""
    paragraph(document, [Run("")], size=1, exact=1)
