"""A plan as a Word file (python-docx), laid out like the PDF: same page, fonts, text and rules."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from campaigns.markup import Run

from . import common as c

CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY


def render_plan_docx(plan) -> bytes:
    """The plan as .docx: A4, Decree 30 margins, Times New Roman, page numbers from page 2."""
    doc = c.plan_document(plan)
    document = Document()
    _set_defaults(document)
    properties = document.core_properties
    properties.title, properties.author, properties.language = doc.summary, " ".join(doc.issuer_lines), "vi-VN"
    _set_page(document.sections[0])

    _header_table(document, doc)
    _paragraph(document, [Run(doc.doc_type, bold=True)], align=CENTER, before=18, keep_next=True)
    _paragraph(document, doc.title.runs, align=CENTER, keep_next=True)
    _rule(document, doc.title_rule_mm, c.TEXT_WIDTH, before=4, after=12)

    last = len(doc.paragraphs) - 1
    for index, paragraph in enumerate(doc.paragraphs):
        _paragraph(document, paragraph.runs, align=JUSTIFY, indent=True, after=c.PARAGRAPH_GAP_PT,
                   line=c.BODY_PT * c.LINE_HEIGHT,
                   keep_next=paragraph.style.startswith("heading") or index == last)

    _signing_table(document, doc)
    # Word needs a paragraph after a final table; make it too small to push anything onto a new page.
    _paragraph(document, [Run("")], size=1, exact=1)

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

def _paragraph(container, runs, *, align=LEFT, size=None, indent=False, before=0, after=0, line=None,
               exact=None, keep_next=False):
    """A paragraph of markup runs; "\\n" inside a run is a line break, as <br> in the HTML."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
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
        lines = run.text.split("\n")
        for i, piece in enumerate(lines):
            out = paragraph.add_run(piece)
            if run.bold:
                out.bold = True
            if run.italic:
                out.italic = True
            if size:
                out.font.size = Pt(size)
            if i < len(lines) - 1:
                out.add_break()
    if size and not paragraph.runs:
        paragraph.add_run().font.size = Pt(size)
    if size:  # the paragraph mark sets the height of an empty line
        _mark_size(paragraph, size)
    return paragraph


def _mark_size(paragraph, size):
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)


def _rule(container, width_mm, available_mm, *, before=3, after=0):
    """A short solid rule, centred: an empty paragraph with a bottom border, narrowed by indents."""
    paragraph = _paragraph(container, [], size=1, before=before, after=after, exact=1)
    side = max((available_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(side)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr must come before spacing/ind/jc in pPr.
    anchor = next((child for child in ppr if child.tag in {qn("w:spacing"), qn("w:ind"), qn("w:jc"),
                                                             qn("w:rPr")}), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)
    return paragraph


TBL_PR_ORDER = [qn(f"w:{tag}") for tag in (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
    "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
    "tblDescription")]


def _table(document, widths_mm):
    """A borderless table with fixed column widths and no cell padding, like the HTML one."""
    table = document.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False  # w:tblLayout fixed
    tbl_pr = table._tbl.tblPr
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
    # Word rejects table properties out of the schema's order.
    tbl_pr[:] = sorted(tbl_pr, key=lambda child: TBL_PR_ORDER.index(child.tag) if child.tag in TBL_PR_ORDER else 99)
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_mm):
        column.width = cell.width = Mm(width)
    # The row is never split across pages.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    cells = table.rows[0].cells
    for cell in cells:  # drop the empty paragraph a new cell starts with, once content is added
        cell._tc.remove(cell.paragraphs[0]._p)
    return cells


def _header_table(document, doc):
    left, right = _table(document, [c.HEADER_LEFT, c.HEADER_RIGHT])
    for line in doc.superior_lines:
        _paragraph(left, [Run(line)], align=CENTER, size=c.HEADER_ISSUER_PT)
    _paragraph(left, [Run("\n".join(doc.issuer_lines), bold=True)], align=CENTER, size=c.HEADER_ISSUER_PT)
    _rule(left, doc.issuer_rule_mm, c.HEADER_LEFT)
    _paragraph(left, [Run(doc.number_line)], align=CENTER, size=c.NUMBER_PT, before=6)

    _paragraph(right, [Run(doc.national_name, bold=True)], align=CENTER, size=c.NATIONAL_NAME_PT)
    _paragraph(right, [Run(doc.motto, bold=True)], align=CENTER, size=c.MOTTO_PT)
    _rule(right, doc.motto_rule_mm, c.HEADER_RIGHT)
    _paragraph(right, [Run(doc.place_and_date, italic=True)], align=CENTER, size=c.PLACE_DATE_PT, before=6)


def _signing_table(document, doc):
    left, right = _table(document, [c.SIGNING_LEFT, c.SIGNING_RIGHT])
    if doc.recipients:
        _paragraph(left, [Run(doc.recipients_label, bold=True, italic=True)], size=c.RECIPIENTS_LABEL_PT,
                   keep_next=True)
        for line in doc.recipients:
            _paragraph(left, [Run(line)], size=c.RECIPIENTS_PT, keep_next=True)
    else:
        _paragraph(left, [])
    for line in doc.authority_lines:
        _paragraph(right, [Run(line, bold=True)], align=CENTER, keep_next=True)
    _paragraph(right, [Run(doc.signer_name, bold=True)], align=CENTER,
               before=c.SIGNATURE_SPACE_MM * 72 / 25.4 + (0 if doc.authority_lines else 16))
