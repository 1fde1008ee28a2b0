"""Public consultation before state-level awards: who needs it, the closing day, the gate, closing with its report."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from units.models import Membership

from awards.models import ConsultationComment, DocumentKind, DossierAttachment, DossierEvent, PublicConsultation
from awards.rules import hash_chain as audit, workflow
from awards.rules.workflow import Action as A
from awards.services import consultations, dossiers

from tests.awards.consultation_factories import (
    AFTER,
    CLOSES,
    OPENS,
    fresh_calendar_and_cache,
    hero,
    line_of,
    on_day,
    open_for,
    reviewed_packet,
)
from tests.awards.dossier_factories import lines_of, official, people, refresh

pytestmark = pytest.mark.django_db
__all__ = ["fresh_calendar_and_cache", "on_day"]  # fixtures used by name
R = Membership.Role


@pytest.fixture
def province(cast, tree, central, on_day, province_clerk):
    """On 28/4/2026 two communes' packets reviewed at the province: Huân chương Lao động lines need publishing."""
    on_day(OPENS)
    cast.phuong = province_clerk
    hung = hero(tree.ha_hoa)
    [binh] = people(tree.ha_hoa, ["Trần Thị Bình"])
    cast.ha_hoa = reviewed_packet(cast, cast.alice, tree.ha_hoa, cast.phuong,
                                  [(hung, "HC_LAO_DONG"), (binh, "BK_TTG")])
    [lan] = people(tree.hien_luong, ["Lê Thị Lan"])
    hl_clerk = official("hl-clerk", tree.hien_luong, R.CLERK)
    cast.hien_luong = reviewed_packet(cast, hl_clerk, tree.hien_luong, cast.phuong, [(lan, "CSTD_TQ")],
                                      title="Đề nghị Chiến sĩ thi đua toàn quốc")
    cast.hung, cast.lan = hung, lan
    return cast


def test_only_approved_lines_whose_award_needs_publishing_are_candidates(province, tree):
    lines = consultations.candidate_lines(tree.phu_tho)
    assert [(line.nomination_line.person.full_name, line.nomination_line.award.code) for line in lines] == [
        ("Nguyễn Văn Hùng", "HC_LAO_DONG"), ("Lê Thị Lan", "CSTD_TQ")]
    assert consultations.candidate_lines(tree.ha_hoa) == []  # a commune publishes nothing


def test_the_listing_closes_after_five_working_days_over_the_may_holidays(province, tree):
    consultation = open_for(province.phuong, tree.phu_tho)
    # 28/4, 29/4, then 30/4 and 1/5 (holidays) and the weekend, then 4/5, 5/5, 6/5.
    assert (consultation.opens_on, consultation.closes_on, consultation.days) == (OPENS, CLOSES, 5)
    assert consultation.candidates.count() == 2
    assert consultations.candidate_lines(tree.phu_tho) == []  # listed once only


def test_a_listing_opened_on_a_saturday_starts_counting_on_monday(province, tree):
    import datetime

    consultation = open_for(province.phuong, tree.phu_tho, opens_on=datetime.date(2026, 5, 9))
    assert consultation.closes_on == datetime.date(2026, 5, 15)


def test_only_the_units_clerk_or_reviewer_opens_a_listing(province, tree):
    with pytest.raises(PermissionDenied):
        open_for(province.dave, tree.phu_tho)
    with pytest.raises(PermissionDenied):
        open_for(province.olga, tree.phu_tho)
    assert open_for(province.carol, tree.phu_tho).created_by == province.carol


def test_a_listing_cannot_start_in_the_past_or_list_a_proposal_that_needs_none(province, tree):
    import datetime

    with pytest.raises(ValidationError, match="trước hôm nay"):
        open_for(province.phuong, tree.phu_tho, opens_on=datetime.date(2026, 4, 27))
    with pytest.raises(ValidationError, match="Chọn ít nhất một"):
        open_for(province.phuong, tree.phu_tho, lines=[line_of(province.ha_hoa, "BK_TTG")])
    assert not PublicConsultation.objects.exists()


def test_the_gate_holds_forwarding_until_the_consultation_is_closed(province, tree, on_day):
    packet = province.ha_hoa
    assert A.FORWARD not in workflow.allowed_actions(packet, province.dave)
    reason = workflow.refusal(packet, province.dave, A.FORWARD)
    assert "Nguyễn Văn Hùng phải được công khai, lấy ý kiến tại Tỉnh Phú Thọ" in reason
    with pytest.raises(PermissionDenied, match="công khai, lấy ý kiến"):
        dossiers.forward_dossiers([packet], actor=province.dave)
    consultation = open_for(province.phuong, tree.phu_tho)
    assert A.FORWARD not in workflow.allowed_actions(refresh(packet), province.dave)  # open is not enough
    on_day(AFTER)
    consultations.close_consultation(consultation, actor=province.phuong)
    assert A.FORWARD in workflow.allowed_actions(refresh(packet), province.dave)
    bundle = dossiers.forward_dossiers([refresh(packet)], actor=province.dave)
    assert {line.nomination_line.award.code for line in lines_of(bundle)} == {"HC_LAO_DONG", "BK_TTG"}


def test_a_packet_whose_lines_need_no_consultation_goes_up_as_before(province, tree, cast):
    [minh] = people(tree.ha_hoa, ["Phạm Văn Minh"])
    packet = reviewed_packet(cast, cast.alice, tree.ha_hoa, cast.phuong, [(minh, "BK_TTG")], title="Bằng khen")
    assert A.FORWARD in workflow.allowed_actions(packet, cast.dave)


def test_closing_is_refused_before_the_last_day_is_over(province, tree, on_day):
    consultation = open_for(province.phuong, tree.phu_tho)
    on_day(CLOSES)
    with pytest.raises(ValidationError, match="Chưa hết thời gian lấy ý kiến"):
        consultations.close_consultation(consultation, actor=province.phuong)
    assert PublicConsultation.objects.get(pk=consultation.pk).is_open


def test_closing_is_refused_while_a_comment_waits_for_its_answer(province, tree, on_day):
    consultation = open_for(province.phuong, tree.phu_tho)
    consultations.submit_comment(consultation, name="Nguyễn Thị Hoa", text="Đề nghị làm rõ thành tích năm 2025.")
    on_day(AFTER)
    with pytest.raises(ValidationError, match="Còn 1 ý kiến chưa được trả lời"):
        consultations.close_consultation(consultation, actor=province.phuong)
    with pytest.raises(PermissionDenied):  # only the clerk closes
        consultations.close_consultation(consultation, actor=province.carol)
    assert not DossierAttachment.objects.exists() and PublicConsultation.objects.get(pk=consultation.pk).is_open


def test_no_comment_is_taken_after_the_last_day(province, tree, on_day):
    consultation = open_for(province.phuong, tree.phu_tho)
    on_day(AFTER)
    with pytest.raises(ValidationError, match="không còn nhận ý kiến"):
        consultations.submit_comment(consultation, name="Nguyễn Thị Hoa", text="Ý kiến gửi muộn một ngày.")


def test_closing_files_the_report_in_every_packet_and_chains_an_event(province, tree, on_day,
                                                                     django_capture_on_commit_callbacks):
    consultation = open_for(province.phuong, tree.phu_tho)
    candidates = {c.line.nomination_line.person.full_name: c for c in consultation.candidates.select_related(
        "line__nomination_line__person")}
    on_day(OPENS.replace(day=29))
    first = consultations.submit_comment(consultation, name="Nguyễn Thị Hoa", contact="0912 345 678",
                                         text="Ông Hùng có nhiều đóng góp cho phong trào nông thôn mới.",
                                         candidate_id=candidates["Nguyễn Văn Hùng"].pk)
    second = consultations.submit_comment(consultation, name="Trần Văn Nam", text="Đề nghị công khai thêm số liệu.")
    consultations.answer_comment(first, actor=province.carol, answer="Cảm ơn ý kiến đóng góp.")
    consultations.answer_comment(second, actor=province.phuong, answer="Số liệu đã có trong báo cáo thành tích.")
    heads = {p.pk: refresh(p).last_event_hash for p in (province.ha_hoa, province.hien_luong)}
    on_day(AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        closed = consultations.close_consultation(consultation, actor=province.phuong)
    assert (closed.status, closed.closed_by) == (PublicConsultation.Status.CLOSED, province.phuong)
    for packet in (province.ha_hoa, province.hien_luong):
        [attachment] = DossierAttachment.objects.filter(dossier=packet)
        assert attachment.kind == DocumentKind.OTHER and attachment.uploaded_by == province.phuong
        event = DossierEvent.objects.filter(dossier=packet).order_by("-seq").first()
        assert (event.action, event.actor, event.previous_hash) == (A.CONSULT, province.phuong, heads[packet.pk])
        assert event.details["consultation"] == consultation.pk and event.details["attachment"] == attachment.pk
        assert audit.verify_dossier(refresh(packet)) is None
        assert refresh(packet).status == packet.status  # filed, not moved
    ha_hoa_event = DossierEvent.objects.filter(dossier=province.ha_hoa, action=A.CONSULT).get()
    assert ha_hoa_event.details["comments"] == 1 and "1 đề nghị, 1 ý kiến" in ha_hoa_event.comment
    attachment = DossierAttachment.objects.get(dossier=province.ha_hoa)
    with attachment.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    flat = " ".join(text.split())
    for expected in ("BÁO CÁO", "Kết quả công khai, lấy ý kiến", "ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ",
                     "từ ngày 28 tháng 4 năm 2026 đến ngày 06 tháng 5 năm 2026", "Cổng thông tin điện tử tỉnh Phú Thọ",
                     "Nguyễn Văn Hùng", "Lê Thị Lan", "Huân chương Lao động", "Chiến sĩ thi đua toàn quốc",
                     "Tổng số ý kiến nhận được: 2", "nông thôn mới", "Cảm ơn ý kiến đóng góp",
                     "Số liệu đã có trong báo cáo thành tích", "ngày 07 tháng 5 năm 2026"):
        assert expected in flat, expected
    assert "025086012345" not in flat
    assert province.dave.notifications.filter(verb=A.CONSULT, dossier=province.ha_hoa).exists()


def test_an_answer_is_given_by_the_units_staff_only_and_never_after_closing(province, tree, on_day):
    consultation = open_for(province.phuong, tree.phu_tho)
    comment = consultations.submit_comment(consultation, name="Nguyễn Thị Hoa", text="Một ý kiến góp ý đầy đủ.")
    for outsider in (province.dave, province.alice, province.olga):
        with pytest.raises(PermissionDenied):
            consultations.answer_comment(comment, actor=outsider, answer="Trả lời.")
    with pytest.raises(ValidationError):
        consultations.answer_comment(comment, actor=province.carol, answer="   ")
    consultations.answer_comment(comment, actor=province.carol, answer="Đã tiếp thu.")
    on_day(AFTER)
    consultations.close_consultation(consultation, actor=province.phuong)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        consultations.answer_comment(comment, actor=province.carol, answer="Sửa câu trả lời.")
    assert ConsultationComment.objects.get(pk=comment.pk).answer == "Đã tiếp thu."
