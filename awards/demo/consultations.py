"""Demo data: an open public consultation at the province, so the public page has something to show.

A commune proposes one of its people for the Huân chương Lao động hạng Ba, through the services
a clerk would use: the list, its documents (generated PDFs), submission, the province's intake
and review, then the listing opened today. Keyed on the list's title: a second run does nothing.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from units.models import Person, User

from awards.documents import render_proposal_pdf, render_report_pdf
from awards.models import AwardType, DocumentKind, DossierLine, NominationList, PublicConsultation
from awards.services import attachments, consultations, dossiers, nominations

DEMO_LIST_TITLE = "Đề nghị tặng Huân chương Lao động năm 2026 (dữ liệu mẫu)"
DEMO_TITLE = "Lấy ý kiến nhân dân đối với cá nhân được đề nghị tặng Huân chương Lao động năm 2026"
SUMMARY = ("Có nhiều đóng góp trong xây dựng nông thôn mới nâng cao của xã; 05 năm liền hoàn thành xuất sắc nhiệm "
           "vụ; chủ trì 02 sáng kiến được công nhận hiệu quả áp dụng cấp tỉnh.")


def _pdf(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def load_demo_consultation(province, commune) -> PublicConsultation | None:
    """The demo consultation (made once); None when the demo accounts or people are not there."""
    existing = PublicConsultation.objects.filter(unit=province, title=DEMO_TITLE).first()
    if existing is not None or NominationList.objects.filter(unit=commune, title=DEMO_LIST_TITLE).exists():
        return existing
    users = {u.username: u for u in User.objects.filter(username__in=[
        "hahoa.canbo", "hahoa.chutich", "phutho.canbo", "phutho.thamdinh"])}
    person = Person.objects.filter(unit__path__startswith=commune.path).order_by("search_key", "pk").first()
    if len(users) < 4 or person is None:
        return None
    clerk, chair = users["hahoa.canbo"], users["hahoa.chutich"]
    nomination_list = nominations.create_list(actor=clerk, unit=commune, year=timezone.localdate().year,
                                              title=DEMO_LIST_TITLE)
    line = nominations.add_line(nomination_list, actor=clerk, person=person,
                                award=AwardType.objects.get(code="HC_LAO_DONG"), award_class="Ba", summary=SUMMARY)
    if line.needs_override:
        # The demo people have no award history for the standards to count.
        nominations.override_eligibility(line, actor=chair, reason="Dữ liệu mẫu: chưa nhập lịch sử khen thưởng.")
    attach_generated_documents(nomination_list, clerk)
    nominations.submit_list(nomination_list, actor=clerk)
    packet = nomination_list.dossiers.exclude(receiver=commune).get()
    dossiers.receive_dossier(packet, actor=users["phutho.canbo"])
    verdicts = {row.pk: ("approve", "") for row in DossierLine.objects.filter(dossier=packet)}
    dossiers.approve_dossier(packet, actor=users["phutho.thamdinh"], verdicts=verdicts)
    return consultations.open_consultation(
        actor=users["phutho.canbo"], unit=province, title=DEMO_TITLE,
        line_ids=[row.pk for row in consultations.candidate_lines(province)], opens_on=timezone.localdate(),
        where_published="Cổng thông tin điện tử tỉnh; bảng tin trụ sở UBND tỉnh và UBND xã Hạ Hòa")


def blank_pdf() -> bytes:
    """One blank A4 page: a document the demo has nothing to write in (minutes of a meeting it never held)."""
    import io

    from pypdf import PdfWriter

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


def attach_generated_documents(nomination_list, clerk, *, rendered=True):
    """Generated documents for what the list lacks: its Tờ trình and reports; a blank page for the rest
    (the council's minutes and the like, which the demo has no meeting for). ``rendered`` False: a blank
    page for every document (the load test's lists, where printing each would only add minutes)."""
    missing = attachments.missing_documents(nomination_list)
    blank = blank_pdf()
    for need in missing.list_missing:
        content = render_proposal_pdf(nomination_list) if rendered and need.kind == DocumentKind.PROPOSAL else blank
        attachments.attach(nomination_list, actor=clerk, kind=need.kind, upload=_pdf(f"{need.kind}.pdf", content))
    for line in missing.lines:
        for need in missing.line_missing[line.pk]:
            content = render_report_pdf(line) if rendered and need.kind == DocumentKind.ACHIEVEMENT_REPORT else blank
            attachments.attach(nomination_list, actor=clerk, kind=need.kind, line=line,
                               upload=_pdf(f"{need.kind}.pdf", content))
