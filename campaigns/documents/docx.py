"""A plan as a Word file (python-docx), laid out like the PDF: same page, fonts, text and rules."""

from campaigns.documents import common as c, word as w
from campaigns.markup import Run


def render_plan_docx(plan) -> bytes:
    """The plan as .docx: A4, Decree 30 margins, Times New Roman, page numbers from page 2."""
    doc = c.plan_document(plan)
    document = w.new_document(title=doc.summary, author=" ".join(doc.issuer_lines))

    w.header_table(document, doc)
    w.paragraph(document, [Run(doc.doc_type, bold=True)], align=w.CENTER, before=18, keep_next=True)
    w.paragraph(document, doc.title.runs, align=w.CENTER, keep_next=True)
    w.rule(document, doc.title_rule_mm, c.TEXT_WIDTH, before=4, after=12)

    last = len(doc.paragraphs) - 1
    for index, paragraph in enumerate(doc.paragraphs):
        w.paragraph(document, paragraph.runs, align=w.JUSTIFY, indent=True, after=c.PARAGRAPH_GAP_PT,
                    line=c.BODY_PT * c.LINE_HEIGHT,
                    keep_next=paragraph.style.startswith("heading") or index == last)

    w.signing_table(document, doc)
    w.end_after_table(document)
    return w.to_bytes(document)
