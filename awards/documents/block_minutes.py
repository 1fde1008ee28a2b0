"""The minutes of an emulation block's meeting (Biên bản họp khối thi đua), as PDF and Word.

Decree 30/2020 layout through the dossier documents' building blocks: the block under its province or
ministry, "BIÊN BẢN / Họp … năm …", time and place, chair and secretary, the members with who attended,
the ranking after the head's cross-check (with the rule that broke each tie), the vote, the leading units
voted forward with their award and the quota applied, and the signatures of the secretary and the chair.
"""

from units import dates

from campaigns.documents.common import Paragraph, blank_number_line
from campaigns.markup import Run

from awards.documents.document import Column, DossierDocument, Signature, Table, body, heading
from awards.documents.docx import render_docx
from awards.documents.letterhead import letterhead_of
from awards.documents.pdf import render_pdf
from awards.rules.blocks import ranking

MINUTES_SYMBOL = "BB-KTĐ"
SIGN_HINT = "(Ký, ghi rõ họ tên)"
MEMBER_COLUMNS = (
    Column("STT", 12, centered=True),
    Column("Đơn vị", 100),
    Column("Dự họp", 30, centered=True),
)
RANKING_COLUMNS = (
    Column("Hạng", 14, centered=True),
    Column("Đơn vị", 62),
    Column("Tổng điểm", 24, centered=True),
    Column("Phiếu bầu", 20, centered=True),
    Column("Ghi chú", 50),
)


def _points(value) -> str:
    """75 or 7,5: no trailing zeros, the Vietnamese decimal comma."""
    return f"{value.normalize():f}".replace(".", ",")


def block_minutes_document(block) -> DossierDocument:
    members = list(block.members.select_related("unit", "proposed_award").order_by("position"))
    standings = ranking(block)
    present = [m for m in members if m.present]
    leaders = [m for m in members if m.proposed_award_id]
    head = letterhead_of(block.organiser)
    held_on = block.meeting_on
    when = dates.in_words(held_on) if held_on else "ngày ..... tháng ..... năm ......"
    blocks = [
        heading("I. THỜI GIAN, ĐỊA ĐIỂM"),
        body(f"Thời gian: {when}."),
        body(f"Địa điểm: {block.meeting_place or '....................'}."),
        heading("II. THÀNH PHẦN"),
        body(f"Chủ trì: {block.meeting_chair or '....................'}, "
             f"đại diện {block.head.name if block.head_id else 'đơn vị trưởng khối'} (trưởng khối)."),
        body(f"Thư ký: {block.meeting_secretary or '....................'}."),
        body(f"Tổng số đơn vị thành viên: {len(members)}; có mặt: {len(present)}; vắng mặt: "
             f"{len(members) - len(present)}."),
        Table(MEMBER_COLUMNS, tuple((str(i), m.unit.name, "Có mặt" if m.present else "Vắng mặt")
                                    for i, m in enumerate(members, 1))),
        heading("III. NỘI DUNG"),
        heading("1. Kết quả chấm điểm, xếp hạng", level=2),
        body("Trên cơ sở bảng tự chấm điểm của các đơn vị và kết quả chấm kiểm tra chéo của đơn vị trưởng khối, "
             "kết quả xếp hạng như sau:"),
        Table(RANKING_COLUMNS, tuple(
            (str(s.rank), s.member.unit.name, _points(s.total),
             "—" if s.member.votes is None else str(s.member.votes),
             f"Bằng điểm; xếp sau theo quy tắc: {s.broken_by.lower()}" if s.broken_by
             else "Đồng hạng" if s.shared else "")
            for s in standings)),
        heading("2. Bình xét, bỏ phiếu suy tôn đơn vị dẫn đầu", level=2),
        body(f"Theo quy định của {block.organiser.name}, số đơn vị dẫn đầu không quá {block.leading_share}% số "
             f"thành viên ({block.leading_limit(len(members))} đơn vị), trong đó đề nghị Cờ thi đua không quá "
             f"{block.flag_places} đơn vị."),
        heading("IV. KẾT LUẬN"),
        *([body(f"- {m.unit.name}: đề nghị tặng {m.proposed_award.name}.") for m in leaders]
          or [body("Cuộc họp chưa bầu đơn vị dẫn đầu.", italic=True)]),
        body(f"Khối thống nhất đề nghị {block.organiser.name} xem xét, khen thưởng các đơn vị trên."),
        body("Biên bản được lập và thông qua tại cuộc họp; các đơn vị dự họp thống nhất với nội dung biên bản."),
    ]
    return DossierDocument(
        superior_lines=[block.organiser.name.upper()], issuer_lines=[block.name.upper()],
        number_line=blank_number_line(MINUTES_SYMBOL),
        place_and_date=f"{head.place}, {when}",
        doc_type="BIÊN BẢN",
        title=Paragraph("title", (Run(f"Họp {block.get_kind_display().lower()} năm {block.year}", bold=True),)),
        subtitles=[Paragraph("body", (Run("V/v tổng kết, bình xét thi đua, suy tôn đơn vị dẫn đầu"),))],
        blocks=blocks,
        signatures=(
            Signature(("THƯ KÝ",), hint="(Ký, ghi rõ họ tên)", name=block.meeting_secretary),
            Signature(("CHỦ TRÌ",), hint="(Ký, ghi rõ họ tên)", name=block.meeting_chair),
        ),
    )


def render_block_minutes_pdf(block) -> bytes:
    return render_pdf(block_minutes_document(block))


def render_block_minutes_docx(block) -> bytes:
    return render_docx(block_minutes_document(block))


def covenant_document(block) -> DossierDocument:
    """The block's covenant (Giao ước thi đua) from its targets: the members, the targets, the head's and the
    deputy's signatures; an unsigned covenant prints with its date left blank."""
    members = list(block.members.select_related("unit").order_by("position"))
    signed = block.covenant_signed_on
    when = dates.in_words(signed) if signed else "ngày ..... tháng ..... năm ......"
    targets = list(block.targets.all())
    return DossierDocument(
        superior_lines=[block.organiser.name.upper()], issuer_lines=[block.name.upper()],
        number_line=blank_number_line("GƯ-KTĐ"),
        place_and_date=f"{letterhead_of(block.organiser).place}, {when}",
        doc_type="GIAO ƯỚC THI ĐUA",
        title=Paragraph("title", (Run(f"{block.get_kind_display()} năm {block.year}", bold=True),)),
        blocks=[
            heading("I. CÁC ĐƠN VỊ THAM GIA GIAO ƯỚC"),
            *[body(f"{i}. {m.unit.name}") for i, m in enumerate(members, 1)],
            heading("II. NỘI DUNG GIAO ƯỚC"),
            *([body(f"{i}. {t.text}") for i, t in enumerate(targets, 1)]
              or [body("Chưa có chỉ tiêu giao ước.", italic=True)]),
            heading("III. TỔ CHỨC THỰC HIỆN"),
            body("Các đơn vị thành viên cam kết thực hiện các chỉ tiêu trên; khối sơ kết giữa năm và tổng kết cuối "
                 "năm, chấm điểm theo bảng điểm của khối."),
        ],
        signatures=(
            Signature(("ĐƠN VỊ PHÓ KHỐI",), hint=SIGN_HINT, name=block.deputy.name if block.deputy_id else ""),
            Signature(("ĐƠN VỊ TRƯỞNG KHỐI",), hint=SIGN_HINT, name=block.head.name if block.head_id else ""),
        ),
    )


def render_covenant_pdf(block) -> bytes:
    return render_pdf(covenant_document(block))
