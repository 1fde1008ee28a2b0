"""The Báo cáo thành tích of one nomination line, on the numbered form of the regulations in force.

The form (Mẫu số NN) comes from the dossier rules for the award, the kind of subject and the
dossier's date; a line under a plan reports a campaign's achievement, so it takes the campaign
form. The registry fills what it knows (name, birth date, gender, unit, position; ratings,
initiatives and awards from the history) and leaves dotted blanks for the rest.
"""

from units import dates
from units.text import fold

from campaigns.documents.common import Paragraph
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Signature, Table, body, dots, field_line, heading
from awards.documents.letterhead import (
    Letterhead,
    body_name,
    dossier_date,
    is_local_government,
    letterhead_of,
    lower_first,
    plan_reference,
)
from awards.documents.proposal import verb_for
from awards.models import AwardRecord, AwardType, DocumentKind, FormTemplate, Initiative, NominationLine, TaskRating
from awards.rules.regulations import form_for, required_documents, subject_of

# Ratings and initiatives are shown for the five years up to the year proposed: the longest
# window the standards look back over (Bằng khen of the Prime Minister, Huân chương Lao động).
HISTORY_YEARS = 5
RECORD_COLUMNS = (
    Column("Năm", 20, centered=True),
    Column("Hình thức", 48),
    Column("Số quyết định", 33),
    Column("Ngày quyết định", 26, centered=True),
    Column("Cơ quan ban hành", 38),
)
SIGN_SEAL = "(Ký, đóng dấu)"
SIGN_NAME = "(Ký, ghi rõ họ và tên)"


def report_form(line: NominationLine, on) -> FormTemplate | None:
    """The numbered form of the line's achievement report on ``on`` (campaign form under a thematic plan)."""
    subject = subject_of(person=line.person, collective=line.collective, household=line.household)
    report = next((requirement for requirement in required_documents(line.award, subject, on)
                   if requirement.kind == DocumentKind.ACHIEVEMENT_REPORT), None)
    return form_for(report, on, thematic=line.plan is not None and line.plan.is_thematic) if report else None


def report_document(line: NominationLine) -> DossierDocument:
    """The Báo cáo thành tích of ``line``: six queries (with its relations read along), whatever its history."""
    nomination_list = line.nomination_list
    on = dossier_date(nomination_list)
    form = report_form(line, on)
    # The report is headed by the one who reports: the person's unit, the collective itself, or
    # for a household the unit that proposes it.
    if line.person_id:
        head = letterhead_of(line.person.unit)
        sections, signatures = individual_sections(line), individual_signatures(line.person)
    elif line.collective_id:
        head = letterhead_of(line.collective)
        sections, signatures = collective_sections(line), collective_signatures()
    else:
        head = letterhead_of(nomination_list.unit)
        sections, signatures = household_sections(line), household_signatures(head)
    subtitles = []
    if line.plan_id:
        subtitles.append(Paragraph("subtitle", (Run(f"(Thành tích trong thực hiện {plan_reference(line.plan)})",
                                                    italic=True),)))
    subtitles.append(Paragraph("subtitle", (Run(subject_line(line), bold=True),)))
    return DossierDocument(
        superior_lines=head.superior_lines,
        issuer_lines=head.issuer_lines,
        number_line="",
        place_and_date=head.place_and_date(on.year),
        doc_type="BÁO CÁO THÀNH TÍCH",
        title=Paragraph("title", (Run(f"ĐỀ NGHỊ {verb_for(line.award)} {line.award_label}".upper(), bold=True),)),
        subtitles=subtitles,
        form_label=f"Mẫu số {form.number}" if form else "",
        blocks=sections,
        signatures=signatures,
    )


def subject_line(line) -> str:
    """Who is reported on, as the forms ask under the title: name, position and unit in full."""
    if line.person_id:
        person = line.person
        return ", ".join(part for part in (person.full_name, person.position, unit_with_parent(person.unit)) if part)
    if line.collective_id:
        return unit_with_parent(line.collective)
    return line.household


# Individuals ---------------------------------------------------------------------------------

def individual_sections(line):
    person = line.person
    born = dates.in_figures(person.date_of_birth) if person.date_of_birth else dots(12)
    return [
        heading("I. SƠ LƯỢC LÝ LỊCH"),
        field_line("Họ và tên", person.full_name),
        field_line("Sinh ngày, tháng, năm", f"{born}; Giới tính: {person.get_gender_display() or dots(8)}"),
        field_line("Quê quán"),
        field_line("Trú quán"),
        field_line("Đơn vị công tác", unit_with_parent(person.unit)),
        field_line("Chức vụ (Đảng, chính quyền, đoàn thể)", person.position),
        field_line("Trình độ chuyên môn, nghiệp vụ"),
        field_line("Học hàm, học vị, danh hiệu, giải thưởng"),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        heading("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", 2),
        body(dots()),
        heading("2. Thành tích đạt được:", 2),
        *summary_paragraphs(line),
        heading(f"3. Kết quả đánh giá, xếp loại từ năm {line.year - HISTORY_YEARS + 1} đến năm {line.year}:", 2),
        *rating_lines(TaskRating.objects.filter(person=line.person), line.year),
        heading("4. Sáng kiến, đề tài, đề án được công nhận:", 2),
        *initiative_lines(line.person, line.year),
        heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        *record_tables(AwardRecord.objects.filter(person=line.person)),
    ]


def individual_signatures(person):
    return (Signature(("XÁC NHẬN CỦA", "THỦ TRƯỞNG ĐƠN VỊ"), SIGN_SEAL),
            Signature(("NGƯỜI BÁO CÁO THÀNH TÍCH",), SIGN_NAME, person.full_name))


def unit_with_parent(unit) -> str:
    """"Ủy ban nhân dân xã Hạ Hòa, tỉnh Phú Thọ": the body, and its parent unless the name already says it."""
    text = body_name(unit)
    parent = unit.parent
    if parent is None or fold(parent.name) in fold(text):
        return text
    return f"{text}, {lower_first(parent.name) if is_local_government(parent) else parent.name}"


# Collectives and households ------------------------------------------------------------------

def collective_sections(line):
    collective = line.collective
    return [
        heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        heading("1. Đặc điểm, tình hình:", 2),
        field_line("Tên tập thể", collective.name),
        field_line("Đơn vị cấp trên trực tiếp", body_name(collective.parent) if collective.parent_id else ""),
        field_line("Địa chỉ trụ sở"),
        field_line("Điện thoại, thư điện tử"),
        field_line("Tổng số cán bộ, công chức, viên chức, người lao động"),
        heading("2. Chức năng, nhiệm vụ được giao:", 2),
        body(dots()),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        heading("1. Thành tích đạt được:", 2),
        *summary_paragraphs(line),
        heading(f"2. Kết quả đánh giá, xếp loại từ năm {line.year - HISTORY_YEARS + 1} đến năm {line.year}:", 2),
        *rating_lines(TaskRating.objects.filter(collective=collective), line.year),
        heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"),
        *record_tables(AwardRecord.objects.filter(collective=collective)),
    ]


def collective_signatures():
    return (Signature(("XÁC NHẬN CỦA", "CẤP TRÌNH KHEN THƯỞNG"), SIGN_SEAL),
            Signature(("THỦ TRƯỞNG ĐƠN VỊ",), SIGN_SEAL))


def household_sections(line):
    return [
        heading("I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH"),
        field_line("Chủ hộ, địa chỉ", line.household),
        field_line("Số thành viên trong hộ"),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        *summary_paragraphs(line),
        heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        # A household is free text on both sides: its past awards are those recorded under the same text.
        *record_tables(AwardRecord.objects.filter(household=line.household), split=False),
    ]


def household_signatures(head: Letterhead):
    return (Signature(("XÁC NHẬN CỦA", head.body.upper()), SIGN_SEAL),
            Signature(("ĐẠI DIỆN HỘ GIA ĐÌNH",), SIGN_NAME))


# History -------------------------------------------------------------------------------------

def summary_paragraphs(line):
    """The line's summary, a paragraph per line of text; dots where the clerk has written none yet."""
    texts = [text.strip() for text in line.summary.splitlines() if text.strip()]
    if not texts:
        return [body(dots()), body(dots())]
    return [Paragraph("bullet" if text.startswith("-") else "body", (Run(text),)) for text in texts]


def rating_lines(ratings, year):
    rows = list(ratings.filter(year__gt=year - HISTORY_YEARS, year__lte=year).order_by("year"))
    if not rows:
        return [field_line(f"Năm {year}")]
    return [body(f"- Năm {r.year}: {r.get_rating_display()}{f' ({r.note})' if r.note else ''}"
                 f"{'.' if i == len(rows) - 1 else ';'}") for i, r in enumerate(rows)]


def initiative_lines(person, year):
    rows = list(Initiative.objects.filter(authors=person, year__gt=year - HISTORY_YEARS, year__lte=year)
                .order_by("year", "title"))
    if not rows:
        return [body(dots())]
    out = []
    for index, initiative in enumerate(rows):
        recognised = f"công nhận: {initiative.recognising_body}"
        if initiative.decision_number:
            decided = f" ngày {dates.in_figures(initiative.decision_date)}" if initiative.decision_date else ""
            recognised = (f"Quyết định số {initiative.decision_number}{decided} "
                          f"của {initiative.recognising_body}")
        end = "." if index == len(rows) - 1 else ";"
        out.append(body(f"- Năm {initiative.year}: “{initiative.title}” (phạm vi ảnh hưởng: "
                        f"{initiative.get_scope_display().lower()}), {recognised}{end}"))
    return out


def record_tables(records, *, split=True):
    """The awards received (revoked ones left out), oldest first: titles, then other forms, as the forms ask."""
    rows = list(records.filter(revoked_on__isnull=True).select_related("award").order_by("year", "decision_date",
                                                                                         "pk"))
    if not split:
        return [record_table(rows)]
    titles = [r for r in rows if r.award.group == AwardType.Group.TITLE]
    others = [r for r in rows if r.award.group != AwardType.Group.TITLE]
    return [heading("1. Danh hiệu thi đua:", 2), record_table(titles, "Danh hiệu thi đua"),
            heading("2. Hình thức khen thưởng:", 2), record_table(others, "Hình thức khen thưởng")]


def record_table(rows, label="Hình thức"):
    columns = (RECORD_COLUMNS[0], Column(label, RECORD_COLUMNS[1].width_mm), *RECORD_COLUMNS[2:])
    cells = tuple((r.period_label or str(r.year), r.award_label, r.decision_number,
                   dates.in_figures(r.decision_date), r.issuing_body) for r in rows)
    # An empty row gives the clerk a place to write in an award the registry does not hold.
    return Table(columns, cells or (("",) * len(columns),))
