"""Dossier documents as Word files (python-docx), laid out like the PDF with the plans' building blocks."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from units.printable import printable

from campaigns.documents import common as c, word as w
from campaigns.markup import Run

from awards.documents.document import DossierDocument, Table

FORM_LABEL_PT = 13
SIGNATURE_PT = 13
TABLE_PT = 12


def render_docx(doc: DossierDocument) -> bytes:
    """A4, Decree 30 margins, Times New Roman, page numbers from page 2; the same text as the PDF."""
    document = w.new_document(title=doc.summary, author=" ".join(doc.issuer_lines))
    if doc.form_label:
        w.paragraph(document, [Run(doc.form_label, bold=True)], align=w.RIGHT, size=FORM_LABEL_PT, after=6)
    w.header_table(document, doc)
    w.paragraph(document, [Run(doc.doc_type, bold=True)], align=w.CENTER, before=18, keep_next=True)
    w.paragraph(document, doc.title.runs, align=w.CENTER, keep_next=True)
    for subtitle in doc.subtitles:
        w.paragraph(document, subtitle.runs, align=w.CENTER, before=3, keep_next=True)
    w.rule(document, doc.title_rule_mm, c.TEXT_WIDTH, before=4, after=12)
    if doc.addressee:
        w.paragraph(document, [Run(f"Kính gửi: {doc.addressee}.")], align=w.CENTER, after=12)

    for block in doc.blocks:
        if isinstance(block, Table):
            grid(document, block)
        else:
            w.paragraph(document, block.runs, align=w.JUSTIFY, indent=True, after=c.PARAGRAPH_GAP_PT,
                        line=c.BODY_PT * c.LINE_HEIGHT, keep_next=block.style.startswith("heading"))

    if doc.signatures:
        signatures(document, doc.signatures)
    else:
        w.signing_table(document, doc)
    if doc.annex:
        title = w.paragraph(document, [Run(doc.annex.title, bold=True)], align=w.CENTER, keep_next=True)
        title.paragraph_format.page_break_before = True
        w.paragraph(document, [Run(doc.annex.note, italic=True)], align=w.CENTER, after=10, keep_next=True)
        grid(document, doc.annex.table)
    else:
        w.end_after_table(document)
    return w.to_bytes(document)


def signatures(document, pair):
    """Two signature blocks side by side, each: capacity (bold), hint (italic), space, name."""
    cells = w.table(document, [c.TEXT_WIDTH / 2, c.TEXT_WIDTH / 2])
    for cell, signature in zip(cells, pair):
        for line in signature.lines:
            w.paragraph(cell, [Run(line, bold=True)], align=w.CENTER, size=SIGNATURE_PT, keep_next=True)
        if signature.hint:
            w.paragraph(cell, [Run(signature.hint, italic=True)], align=w.CENTER, size=SIGNATURE_PT,
                        keep_next=True)
        w.paragraph(cell, [Run(signature.name, bold=True)], align=w.CENTER, before=c.SIGNATURE_SPACE_MM * 72 / 25.4)


def grid(document, table: Table):
    """A bordered table of fixed column widths; the header row repeats on each page and no row splits."""
    out = document.add_table(rows=0, cols=len(table.columns))
    out.style = document.styles["Table Grid"]
    out.autofit = False
    tbl_pr = out._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(column.width_mm for column in table.columns) / 25.4 * 1440)))
    w.sort_table_properties(tbl_pr)
    for column, grid_column in zip(table.columns, out.columns):
        grid_column.width = Mm(column.width_mm)
    _row(out, [(column.label, column) for column in table.columns], header=True)
    for row in table.body_rows:
        _row(out, row)
    # Word joins two tables that touch into one: a small paragraph keeps the next one apart (and
    # gives the 8 pt the PDF leaves under a table).
    w.paragraph(document, [Run("")], size=1, exact=1, after=8)
    return out


def _row(out, cells, *, header=False):
    row = out.add_row()
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
    for cell, (text, column) in zip(row.cells, cells):
        cell.width = Mm(column.width_mm)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = w.CENTER if header or column.centered else w.LEFT
        lines = printable(text).split("\n")
        for index, piece in enumerate(lines):
            run = paragraph.add_run(piece)
            run.font.size = Pt(TABLE_PT)
            run.bold = header or None
            if index < len(lines) - 1:
                run.add_break()
