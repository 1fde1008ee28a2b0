"""The Quyết định khen thưởng as PDF and Word, in the Decree 30/2020 layout, with its attached list.

- ``decision_document(decision)``: the format-neutral description both renderers walk (the plans'
  and dossiers' building blocks: header, rules, bordered tables, signing block).
- ``render_decision_pdf(decision)`` / ``render_decision_docx(decision)``: bytes.

Order on the page: header; "QUYẾT ĐỊNH" and the trích yếu; the authority that decides; the "Căn
cứ" lines; "QUYẾT ĐỊNH:"; Điều 1 (who receives what, with the list attached), Điều 2 (bonus),
Điều 3 (execution); Nơi nhận and the signature; the list, on pages of its own, one table per award.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from units import dates

from campaigns.documents import common as c, word as w
from campaigns.documents.common import NUMBER_GAP, Paragraph, blank_number_line
from campaigns.documents.pdf import html_to_pdf, stylesheet_path
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Table, body
from awards.documents.docx import grid
from awards.documents.letterhead import body_name, letterhead_of
from awards.documents.list_pages import join_pdfs, page_count, render_list_pages
from awards.documents.proposal import SUBJECT_KINDS, count_phrase, subject_kind, verb_for
from awards.models import DossierLine

TEMPLATE = "pdf/decision_document.html"
STYLESHEETS = ("print-dossier.css", "print-decision.css")
DECIDES = "QUYẾT ĐỊNH:"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LIST_COLUMNS = (
    Column("STT", 12, centered=True),
    Column("Họ và tên / Tên tập thể", 45),
    Column("Chức vụ, đơn vị", 50),
    Column("Thành tích", 58),
)
ACHIEVED = "đã có thành tích xuất sắc trong thực hiện nhiệm vụ"


@dataclass(frozen=True)
class AnnexGroup:
    """One award of the attached list: its heading ("I. BẰNG KHEN …") and its numbered table."""

    heading: str
    table: Table


@dataclass
class DecisionDocument(DossierDocument):
    """A decision: a Tờ trình's parts plus the authority line, the "QUYẾT ĐỊNH:" line and a grouped list."""

    authority: str = ""
    bases: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    annex_title: str = ""
    annex_note: str = ""
    annex_groups: list = field(default_factory=list)


def decision_lines(decision):
    """The decided lines with what the list prints of each, in one query."""
    return list(DossierLine.objects.filter(decisions=decision).select_related(
        "granted_award", "nomination_line__award", "nomination_line__person__unit",
        "nomination_line__collective__parent").order_by("pk"))


def decision_document(decision) -> DecisionDocument:
    """The printed form of ``decision``; two queries whatever the number of lines."""
    lines = decision_lines(decision)
    head = letterhead_of(decision.issuing_unit)
    # A draft is marked and carries neither number nor date, even those typed in: both are fixed on issue.
    draft = decision.is_draft
    number = decision.number_text if decision.number and not draft else ""
    if decision.signed_on and not draft:
        date = dates.in_words(decision.signed_on)
    else:
        date = dates.blank((decision.signed_on or timezone.localdate()).year)
    groups = grouped(lines)
    authority = " ".join(decision.authority.split())
    return DecisionDocument(
        superior_lines=head.superior_lines,
        issuer_lines=head.issuer_lines,
        number_line=f"Số: {number}" if number else blank_number_line(decision.symbol),
        place_and_date=f"{decision.place}, {date}",
        doc_type="QUYẾT ĐỊNH",
        draft=draft,
        title=Paragraph("title", (Run(decision.title_one_line, bold=True),)),
        authority=authority.upper(),
        bases=[body(line, italic=True) for line in decision.legal_basis_lines],
        articles=articles(decision, groups, achievement(lines)),
        recipients=[line.strip() for line in decision.recipients.splitlines() if line.strip()],
        authority_lines=signing_lines(decision),
        signer_name=decision.signer_name.strip(),
        annex_title="DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        annex_note=(f"(Kèm theo Quyết định số {number or NUMBER_GAP + '/' + decision.symbol} {date} "
                    f"của {authority_in_text(decision, authority)})"),
        annex_groups=[AnnexGroup(f"{roman(i)}. {group.label.upper()} ({count_phrase(group.counts)})", group.table)
                      for i, group in enumerate(groups, 1)],
    )


def roman(n):
    return ROMAN[n - 1] if n <= len(ROMAN) else str(n)


def authority_in_text(decision, authority: str) -> str:
    """The authority as named in a sentence: "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ" for "CHỦ TỊCH ỦY BAN
    NHÂN DÂN TỈNH PHÚ THỌ". Capitals cannot be lowered safely (place names), so the printed line is
    matched against the unit's own name; failing that, the body is named."""
    body = body_name(decision.issuing_unit)
    for candidate in (f"Chủ tịch {body}", f"Thủ trưởng {body}", f"Giám đốc {body}", body):
        if candidate.upper() == authority.upper():
            return candidate
    return body


@dataclass(frozen=True)
class Group:
    award: object
    label: str
    counts: dict
    table: Table


def grouped(lines) -> list[Group]:
    """One group per award (and class) in catalogue order; in each, collectives first, then people."""
    by_award = {}
    for line in lines:
        award, award_class = line.awarded()
        by_award.setdefault((award.position, award.code, award_class), (award, award_class, []))[2].append(line)
    out = []
    for key in sorted(by_award):
        award, award_class, members = by_award[key]
        members.sort(key=lambda line: (SUBJECT_KINDS.index(subject_kind(line.nomination_line)), line.pk))
        counts = dict.fromkeys(SUBJECT_KINDS, 0)
        for line in members:
            counts[subject_kind(line.nomination_line)] += 1
        rows = tuple(list_row(index, line.nomination_line) for index, line in enumerate(members, 1))
        out.append(Group(award, f"{award.name} hạng {award_class}" if award_class else award.name, counts,
                         Table(LIST_COLUMNS, rows)))
    return out


def achievement(lines) -> str:
    """"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2026": the year of the lines (the latest when
    they span several)."""
    years = {line.nomination_line.year for line in lines}
    return f"{ACHIEVED} năm {max(years)}" if years else ACHIEVED


def articles(decision, groups, achieved=ACHIEVED) -> list:
    """Điều 1 (what is granted to whom, for what and which year, the list attached), Điều 2 and Điều 3 as the
    drafter wrote them."""
    total = dict.fromkeys(SUBJECT_KINDS, 0)
    for group in groups:
        for kind, n in group.counts.items():
            total[kind] += n
    out = []
    if len(groups) == 1:
        group = groups[0]
        out.append(Paragraph("body", (Run("Điều 1. ", bold=True), Run(
            f"{verb_for(group.award).capitalize()} {group.label} cho {count_phrase(group.counts)} "
            f"(có danh sách kèm theo), {achieved}."),)))
    else:
        out.append(Paragraph("body", (Run("Điều 1. ", bold=True), Run(
            f"Khen thưởng {count_phrase(total)} (có danh sách kèm theo), {achieved}, cụ thể như sau:"),)))
        for index, group in enumerate(groups, 1):
            end = "." if index == len(groups) else ";"
            what = f"{verb_for(group.award).capitalize()} {group.label} cho {count_phrase(group.counts)}"
            out.append(Paragraph("body", (Run(f"{index}. {what}{end}"),)))
    for number, text in ((2, decision.bonus_article), (3, decision.execution_article)):
        if text.strip():
            out.append(Paragraph("body", (Run(f"Điều {number}. ", bold=True), Run(" ".join(text.split())))))
    out[-1] = Paragraph("body", (*out[-1].runs[:-1], Run(out[-1].runs[-1].text.rstrip(".") + "./.")))
    return out


def signing_lines(decision):
    """"KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"; just "CHỦ TỊCH" when signed direct."""
    lines = []
    first = " ".join(part for part in (decision.sign_prefix, decision.sign_on_behalf.strip()) if part)
    if first:
        lines.append(first.upper())
    if decision.signer_title.strip():
        lines.append(decision.signer_title.strip().upper())
    return lines


def list_row(index, proposal):
    """STT, name, position and unit, achievement: one row of the attached list."""
    if proposal.person_id:
        person = proposal.person
        where = ", ".join(part for part in (person.position, body_name(person.unit)) if part)
    elif proposal.collective_id:
        parent = proposal.collective.parent
        where = (f"Thuộc {body_name(parent)}" if parent else "Tập thể")
    else:
        where = "Hộ gia đình"
    return (str(index), proposal.subject_name, where, proposal.summary.strip())


# Renderers

def render_decision_html(decision, *, doc=None, with_annex=True) -> str:
    return render_to_string(TEMPLATE, {
        "doc": doc or decision_document(decision), "with_annex": with_annex, "stylesheet": stylesheet_path().as_uri(),
        "extra_stylesheets": [stylesheet_path(name).as_uri() for name in STYLESHEETS]})


def render_decision_pdf(decision) -> bytes:
    """A4, Decree 30 margins, Liberation Serif embedded, page numbers from page 2; the list on its own pages.

    WeasyPrint prints the decision itself; the list, which may run to a thousand lines, is laid out by
    awards.documents.list_pages in the same look, numbered on from the decision's last page and joined
    after it. A list holding a character Liberation Serif lacks is printed by WeasyPrint with the rest."""
    doc = decision_document(decision)
    head = html_to_pdf(render_decision_html(decision, doc=doc, with_annex=False))
    annex = render_list_pages(doc.annex_title, doc.annex_note, doc.annex_groups, first_page=page_count(head) + 1)
    if annex is None:
        return html_to_pdf(render_decision_html(decision, doc=doc))
    return join_pdfs(head, annex)


def render_decision_docx(decision) -> bytes:
    """The same text as the PDF, as a Word file the office can finish by hand."""
    doc = decision_document(decision)
    document = w.new_document(title=doc.summary, author=" ".join(doc.issuer_lines))
    w.header_table(document, doc)
    w.paragraph(document, [Run(doc.doc_type, bold=True)], align=w.CENTER, before=18, keep_next=True)
    w.paragraph(document, doc.title.runs, align=w.CENTER, keep_next=True)
    w.rule(document, doc.title_rule_mm, c.TEXT_WIDTH, before=4, after=12)
    w.paragraph(document, [Run(doc.authority, bold=True)], align=w.CENTER, after=12, keep_next=True)
    for block in doc.bases:
        w.paragraph(document, block.runs, align=w.JUSTIFY, indent=True, after=c.PARAGRAPH_GAP_PT,
                    line=c.BODY_PT * c.LINE_HEIGHT)
    w.paragraph(document, [Run(DECIDES, bold=True)], align=w.CENTER, before=6, after=12, keep_next=True)
    for block in doc.articles:
        w.paragraph(document, block.runs, align=w.JUSTIFY, indent=True, after=c.PARAGRAPH_GAP_PT,
                    line=c.BODY_PT * c.LINE_HEIGHT)
    w.signing_table(document, doc)
    title = w.paragraph(document, [Run(doc.annex_title, bold=True)], align=w.CENTER, keep_next=True)
    title.paragraph_format.page_break_before = True
    w.paragraph(document, [Run(doc.annex_note, italic=True)], align=w.CENTER, after=10, keep_next=True)
    for group in doc.annex_groups:
        w.paragraph(document, [Run(group.heading, bold=True)], align=w.LEFT, before=6, after=6, keep_next=True)
        grid(document, group.table)
    return w.to_bytes(document)
