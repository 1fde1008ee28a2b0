"""The minutes of a council session (Biên bản họp Hội đồng TĐKT) generated from its data, as PDF and Word.

Decree 30/2020 layout through the dossier documents' building blocks: the council under its
locality, "BIÊN BẢN / Họp Hội đồng Thi đua - Khen thưởng …", time and place, chair and secretary,
the members in force with who attended, the quorum, the vote rules applied, one row per candidate
with the votes (present and written), the share on the rule's base and the result, and the
signatures of the secretary and the chair. An open session prints as a draft of the same text.
"""

from django.utils import timezone

from units import dates

from campaigns.documents.common import Paragraph, blank_number_line
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Signature, Table, body, heading
from awards.documents.docx import render_docx
from awards.documents.letterhead import (
    PEOPLES_COMMITTEE_SHORT,
    body_name,
    deciding_authority,
    is_local_government,
    letterhead_of,
    plan_reference,
)
from awards.documents.pdf import render_pdf
from awards.models import CouncilMember, CouncilSession
from awards.rules.tally import count_session, percent, whole_percent

MINUTES_SYMBOL = "BB-HĐTĐKT"
COUNCIL_ISSUER = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
MEMBER_COLUMNS = (
    Column("STT", 11, centered=True),
    Column("Họ và tên", 42),
    Column("Chức vụ, đơn vị công tác", 56),
    Column("Chức danh trong Hội đồng", 32),
    Column("Dự họp", 24, centered=True),
)
RESULT_COLUMNS = (
    Column("STT", 10, centered=True),
    Column("Tập thể, cá nhân", 36),
    Column("Hình thức đề nghị", 30),
    Column("Đồng ý\n(dự họp + văn bản)", 22, centered=True),
    Column("Không đồng ý\n(dự họp + văn bản)", 22, centered=True),
    Column("Tỷ lệ đồng ý", 18, centered=True),
    Column("Kết quả", 27),
)


def minutes_document(session) -> DossierDocument:
    count = count_session(session)
    council, unit = session.council, session.council.unit
    head = letterhead_of(unit)
    superior = f"{PEOPLES_COMMITTEE_SHORT} {unit.name}".upper() if is_local_government(unit) else unit.name.upper()
    draft = session.is_open
    secretary = session.closed_by or session.created_by
    chair = session.chair
    title = f"Họp {council.name}"
    subtitles = [Paragraph("body", (Run(f"V/v xét, đề nghị khen thưởng {review_kind(count)}"),))]
    if draft:
        subtitles.append(Paragraph("body", (Run("(Dự thảo — phiên họp chưa kết thúc)", italic=True),)))
    return DossierDocument(
        superior_lines=[superior], issuer_lines=[COUNCIL_ISSUER],
        number_line=blank_number_line(MINUTES_SYMBOL),
        place_and_date=f"{head.place}, {dates.in_words(session.held_on)}",
        doc_type="BIÊN BẢN", title=Paragraph("title", (Run(title, bold=True),)), subtitles=subtitles,
        blocks=_blocks(session, count, chair, secretary),
        signatures=(
            Signature(("THƯ KÝ HỘI ĐỒNG",), hint="(Ký, ghi rõ họ tên)", name=secretary.full_name or str(secretary)),
            Signature(("CHỦ TRÌ",) if chair is None else (chair.get_role_display().upper(),),
                      hint="(Ký, ghi rõ họ tên)", name=chair.full_name if chair else ""),
        ),
    )


def review_kind(count) -> str:
    """What the session reviews, from its candidates: "tổng kết năm 2025", "theo Kế hoạch số 05/KH-UBND …"."""
    years, plans = [], {}
    for verdict in count.verdicts:
        line = verdict.ballot.line.nomination_line
        if line.plan_id is None:
            years.append(line.year)
        else:
            plans.setdefault(line.plan_id, line.plan)
    parts = []
    if years:
        parts.append("tổng kết năm " + ", ".join(str(y) for y in sorted(set(years))))
    parts.extend(f"theo {plan_reference(plan)}" for plan in plans.values())
    return " và ".join(parts) or "của Hội đồng"


def _clock(value) -> str:
    return f"{value:%H} giờ {value:%M}"


def ended_at(session):
    """The end the secretary entered, else the moment the session was closed (local time); None while open."""
    if session.ended_at is not None:
        return session.ended_at
    if session.closed_at is not None:
        return timezone.localtime(session.closed_at).time()
    return None


def _time_line(session) -> str:
    start, end = session.started_at, ended_at(session)
    parts = [f"bắt đầu lúc {_clock(start)}" if start else "bắt đầu lúc ....... giờ ......."]
    parts.append(f"kết thúc lúc {_clock(end)}" if end else "kết thúc lúc ....... giờ .......")
    return f"Thời gian: {', '.join(parts)}, {dates.in_words(session.held_on)}."


def _texts(text, empty="Không ghi."):
    """A typed text as paragraphs, one per line."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [body(line) for line in lines] or [body(empty, italic=True)]


def proposals(session, count) -> list[str]:
    """"Hội đồng đề nghị … trình … quyết định …", one sentence per deciding unit of the passing candidates."""
    by_unit = {}
    for verdict in count.verdicts:
        if verdict.result in ("passed", "downgraded"):
            line = verdict.ballot.line
            by_unit.setdefault(line.deciding_unit_id, (line.deciding_unit, []))[1].append(verdict)
    here = session.council.unit
    out = []
    for unit, verdicts in by_unit.values():
        via = "Thường trực Hội đồng" if unit.pk == here.pk else body_name(here)
        names = "; ".join(f"{v.name} ({_granted(v)})" for v in verdicts)
        out.append(f"Hội đồng đề nghị {via} trình {deciding_authority(unit)} xem xét, quyết định khen thưởng "
                   f"{len(verdicts)} tập thể, cá nhân: {names}.")
    return out


def _granted(verdict):
    if verdict.result == "downgraded":
        return verdict.ballot.downgrade.label
    return verdict.ballot.line.nomination_line.award_label


def _blocks(session, count, chair, secretary):
    method = CouncilSession.VotingMethod(session.voting_method).label.lower()
    written = "; thành viên vắng mặt gửi phiếu bằng văn bản" if any(v.written_count for v in count.verdicts) else ""
    blocks = [
        heading("I. THỜI GIAN, ĐỊA ĐIỂM"),
        body(_time_line(session)),
        body(f"Địa điểm: {session.place}."),
        heading("II. THÀNH PHẦN"),
        body(f"Chủ trì: {chair.full_name}, {chair.get_role_display()}." if chair else "Chủ trì: chưa ghi."),
        body(f"Thư ký: {secretary.full_name or secretary}, Thư ký Hội đồng."),
        body(f"Tổng số thành viên Hội đồng theo quyết định kiện toàn còn hiệu lực vào ngày họp: {len(count.members)}; "
             f"có mặt: {len(count.present)}; vắng mặt: {len(count.absent)}"
             + (f" ({', '.join(m.full_name for m in count.absent)})." if count.absent else ".")),
        Table(MEMBER_COLUMNS, tuple(_member_row(i, m, count) for i, m in enumerate(count.members, 1))),
        body(f"Số thành viên dự họp: {count.quorum_text}; "
             + ("phiên họp đủ điều kiện tiến hành theo quy định." if count.has_quorum
                else "phiên họp không đủ điều kiện để biểu quyết.")),
        heading("III. NỘI DUNG"),
        heading("1. Chủ trì quán triệt, báo cáo", level=2),
        *_texts(session.briefing),
        heading("2. Ý kiến thảo luận", level=2),
        *_texts(session.discussion),
        heading("3. Ý kiến, phân tích từng trường hợp", level=2),
        *[paragraph for i, v in enumerate(count.verdicts, 1) for paragraph in _analysis(i, v)],
        heading("4. Biểu quyết", level=2),
        body(f"Hội đồng xem xét {len(count.verdicts)} đề nghị khen thưởng đã được thẩm định đạt, "
             f"hình thức biểu quyết: {method}{written}."),
        body("Quy tắc biểu quyết áp dụng:"),
        *[body(f"- {text}.") for text in _rules(count)],
        body("Kết quả biểu quyết:"),
        Table(RESULT_COLUMNS, tuple(_result_row(i, v) for i, v in enumerate(count.verdicts, 1))),
        heading("IV. KẾT LUẬN"),
        *[body(f"- {text}") for text in _conclusions(count)],
        *[body(text) for text in proposals(session, count)],
        body("Biên bản được lập và thông qua tại phiên họp; các thành viên dự họp thống nhất với nội dung biên bản."),
    ]
    return blocks


def _analysis(index, verdict):
    line = verdict.ballot.line.nomination_line
    return [body(f"{index}. {line.subject_name} ({line.award_label}):", bold=True), *_texts(verdict.ballot.analysis)]


def _member_row(index, member, count):
    present = member.pk in {m.pk for m in count.present}
    return (str(index), member.full_name, member.position, CouncilMember.Role(member.role).label,
            "Có mặt" if present else "Vắng mặt")


def _rules(count):
    seen = {}
    for verdict in count.verdicts:
        rule = verdict.rule
        if rule is None:
            continue
        award = verdict.ballot.line.nomination_line.award.name
        text = f"từ {percent(rule.min_ratio)}% {rule.get_base_display().lower()} trở lên đồng ý"
        seen.setdefault(text, []).append(award)
    return [f"{', '.join(dict.fromkeys(awards))}: {text}" for text, awards in seen.items()] or ["chưa xác định"]


def _result_row(index, verdict):
    ballot = verdict.ballot
    line = ballot.line.nomination_line
    present = ballot.votes_for + ballot.votes_against
    return (
        str(index), line.subject_name, line.award_label,
        f"{ballot.votes_for} + {ballot.written_for}", f"{ballot.votes_against} + {ballot.written_against}",
        f"{verdict.favourable}/{verdict.base}\n({whole_percent(verdict.favourable, verdict.base)}%)" if present or
        verdict.favourable else "—",
        _result_words(verdict),
    )


def _result_words(verdict):
    if verdict.result == "passed":
        return "Đạt"
    if verdict.result == "downgraded":
        return f"Không đạt; chuyển hình thức {verdict.ballot.downgrade.label}"
    return "Không đạt" if verdict.result else "—"


def _conclusions(count):
    groups = {"passed": [], "failed": [], "downgraded": []}
    for verdict in count.verdicts:
        if verdict.result in groups:
            groups[verdict.result].append(verdict)
    lines = []
    if groups["passed"]:
        lines.append(f"Đạt tỷ lệ phiếu đồng ý theo quy định ({len(groups['passed'])}): "
                     + "; ".join(v.name for v in groups["passed"]) + ".")
    if groups["downgraded"]:
        lines.append("Chuyển hình thức khen thấp hơn: " + "; ".join(
            f"{v.name} ({v.ballot.downgrade.label})" for v in groups["downgraded"]) + ".")
    if groups["failed"]:
        lines.append(f"Không đạt ({len(groups['failed'])}): " + "; ".join(v.name for v in groups["failed"]) + ".")
    return lines or ["Chưa có kết quả biểu quyết."]


def render_minutes_pdf(session) -> bytes:
    return render_pdf(minutes_document(session))


def render_minutes_docx(session) -> bytes:
    return render_docx(minutes_document(session))
