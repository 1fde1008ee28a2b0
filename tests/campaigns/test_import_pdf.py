"""Plans given as PDF: the text layer read back into the same plan, the header's two columns apart;
a scanned PDF (no text layer) refused with a message that says so."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from units.models import Unit

from campaigns.documents import render_plan_pdf
from campaigns.importing_pdf import MAX_PAGES
from campaigns.models import Plan
from campaigns.plan_import import PlanImportError, import_plan_file, plan_as_dict, read_plan_text

from tests.campaigns.test_import_patterns import PLAN_FILES
from tests.campaigns.test_import_plan import assert_printed_in_order
from tests.conftest import BEFORE_REFORM, make_unit

K = Unit.Kind
PLANS = Path(__file__).parent / "plans"
SCANNED = ("Tệp PDF không có lớp chữ (có lẽ là bản quét, chỉ gồm hình ảnh): cổng không đọc được chữ trong ảnh. "
           "Hãy nhập tệp .docx hoặc .txt của kế hoạch, hoặc PDF xuất trực tiếp từ Word.")

# file → (issuing unit, number printed on the issued plan)
PRINTED = {
    "xa-van-khuc-2022.txt": (("Xã Văn Khúc", K.COMMUNE), 15),
    "so-noi-vu-phu-tho-2024.txt": (("Sở Nội vụ tỉnh Phú Thọ", K.DEPARTMENT), 41),
    "huyen-thanh-son-2019.txt": (("Huyện Thanh Sơn", K.DISTRICT), 210),
    "bo-noi-vu-2024.txt": (("Bộ Nội vụ", K.MINISTRY), 7),
    "phuong-viet-tri-2025.txt": (("Phường Việt Trì", K.WARD), 8),
    "truong-thcs-ha-hoa-2023.txt": (("Trường THCS Thị trấn Hạ Hòa", K.SCHOOL), 3),
    "so-gddt-phu-tho-2024-2025.txt": (("Sở Giáo dục và Đào tạo tỉnh Phú Thọ", K.DEPARTMENT), 1875),
    "van-phong-ubnd-bac-kan-2021.txt": (("Văn phòng UBND tỉnh Bắc Kạn", K.OFFICE), 12),
    "hdtdkt-bac-giang-2021-khong-ngay.txt": (("Hội đồng Thi đua - Khen thưởng tỉnh Bắc Giang", K.ORGANISATION), 3),
    "tinh-lang-son-2023-tu-trang-web.txt": (("Tỉnh Lạng Sơn", K.PROVINCE), 45),
    "hdtdkt-trung-uong-2025-tu-trang-web.txt": (("Hội đồng Thi đua - Khen thưởng Trung ương", K.CENTRAL), 2),
    "xa-tan-lap-2026.txt": (("Xã Tân Lập", K.COMMUNE), 9),
}


def printed_pdf(filename):
    """(the plan imported from the text, the PDF the portal prints of it once issued with its number)."""
    (name, kind), number = PRINTED[filename]
    unit = make_unit(name, kind, valid_to=BEFORE_REFORM)
    text = (PLANS / filename).read_text(encoding="utf-8")
    plan, _ = import_plan_file(data=text.encode(), filename=filename, unit=unit)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ISSUED, number=number)  # as its source was
    return Plan.objects.get(pk=plan.pk), render_plan_pdf(Plan.objects.get(pk=plan.pk))


@pytest.mark.django_db
@pytest.mark.parametrize("filename", list(PRINTED))
def test_a_printed_plan_read_back_from_its_pdf_is_the_same_plan(filename):
    original, pdf = printed_pdf(filename)
    again, report = import_plan_file(data=pdf, filename=filename.replace(".txt", ".pdf"), unit=original.issuing_unit)
    skip = {"id", "status", "source_file", "number"}
    first = {k: v for k, v in plan_as_dict(original).items() if k not in skip}
    second = {k: v for k, v in plan_as_dict(again).items() if k not in skip}
    # A name too wide for the header's column is printed on two lines ("ỦY BAN NHÂN DÂN" / "XÃ VĂN KHÚC"),
    # and read back so: the same name.
    for plan in (first, second):
        plan["issuer_name"] = " ".join(plan["issuer_name"].split())
    assert second == first
    assert report.recognised["Số, ký hiệu"] == f"{PRINTED[filename][1]}/{original.symbol}"
    assert any(note.startswith("Đọc từ lớp chữ của tệp PDF") for note in report.notes)
    text = (PLANS / filename).read_text(encoding="utf-8")
    # A web page's lines above the document are printed at the head of the preamble (checked above).
    first_line = PLAN_FILES[filename][1] if filename in PLAN_FILES else text.split("\n")[0]
    document = text if text.startswith(first_line) else text[text.index("\n\n" + first_line) + 2:]
    assert_printed_in_order(re.sub(r"Số: \d+/\S+", "", document), again)


@pytest.mark.django_db
def test_the_header_columns_of_a_pdf_come_apart_issuer_first_then_motto_and_date():
    _, pdf = printed_pdf("xa-van-khuc-2022.txt")
    text = read_plan_text(pdf)
    head = text.split("**KẾ HOẠCH**")[0]
    assert head.split("\n\n") == [
        "ỦY BAN NHÂN DÂN HUYỆN CẨM KHÊ\n**ỦY BAN NHÂN DÂN**\n**XÃ VĂN KHÚC**", "Số: 15/KH-UBND",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**Độc lập - Tự do - Hạnh phúc**",
        "Văn Khúc, ngày 08 tháng 3 năm 2022", ""]
    # The recipients beside the signature: the left column, then the right.
    assert text.rstrip().endswith("- Lưu: VT.\n\n**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**\n\n**Nguyễn Đức Thịnh**")


def _blank_pdf(pages=1):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _image_pdf():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), fill="black")  # a scanned line of text, as pixels
    buffer = io.BytesIO()
    image.save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.mark.parametrize("make", [_blank_pdf, _image_pdf])
def test_a_pdf_without_a_text_layer_is_refused_with_a_message_that_says_so(make):
    with pytest.raises(PlanImportError) as refusal:
        read_plan_text(make())
    assert str(refusal.value) == SCANNED


def test_a_pdf_of_too_many_pages_is_refused_before_it_is_read():
    with pytest.raises(PlanImportError, match=f"Tệp PDF có {MAX_PAGES + 1} trang, quá mức {MAX_PAGES} trang"):
        read_plan_text(_blank_pdf(MAX_PAGES + 1))


def test_a_damaged_pdf_is_refused_with_a_message():
    with pytest.raises(PlanImportError, match="PDF"):
        read_plan_text(b"%PDF-1.7\n" + b"\0" * 200)


@pytest.mark.django_db
def test_the_import_page_takes_a_pdf_and_says_when_it_is_a_scan(login, cast, tree):
    client = login(cast.alice)
    response = client.post(reverse("campaigns:plan_import"), {
        "issuing_unit": tree.ha_hoa.pk, "file": SimpleUploadedFile("quet.pdf", _image_pdf(), "application/pdf")})
    assert response.status_code == 200 and response.context["form"].errors["file"] == [SCANNED]
    assert SCANNED in response.content.decode()
    assert not Plan.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    from campaigns.plan_import import MAX_FILE_BYTES

    with pytest.raises(PlanImportError, match="Tệp lớn hơn 5 MB"):
        read_plan_text(b"%PDF-1.7\n" + b" " * MAX_FILE_BYTES)


@pytest.mark.django_db
def test_the_import_page_takes_a_printed_pdf_under_an_ended_district(login, cast, tree):
    original, pdf = printed_pdf("huyen-thanh-son-2019.txt")
    response = login(cast.dave).post(reverse("campaigns:plan_import"), {
        "issuing_unit": tree.ha_hoa_district.pk, "file": SimpleUploadedFile("kh-210.pdf", pdf, "application/pdf")})
    plan = Plan.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.issuing_unit, plan.source_file, plan.title, plan.issue_year) == (
        tree.ha_hoa_district, "kh-210.pdf", original.title, 2019)
    assert [s.heading for s in plan.sections.all()] == [s.heading for s in original.sections.all()]


def word_like_pdf(text):
    """The plan laid out as an office's Word file prints it, not by the portal: the header in a two-row table
    (issuer | motto, number | place and date, each row's cells side by side at one height), the body in
    justified paragraphs with a 1 cm first-line indent and 6 pt after, "Nơi nhận:" beside the signature."""
    from html import escape

    from weasyprint import HTML

    def html(block):
        return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(block)).replace("\n", "<br>")

    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    issuer, motto, number, place_date = blocks[:4]
    signing_at = next(i for i, b in enumerate(blocks) if b.startswith("Nơi nhận:"))
    body = "".join(f"<p>{html(b)}</p>" for b in blocks[4:signing_at])
    signature = "<br><br>".join(html(b) for b in blocks[signing_at + 1:])
    page = f"""<html><head><style>
      @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; font-family: 'Liberation Serif'; }}
      body {{ font-family: 'Liberation Serif'; font-size: 14pt; line-height: 1.2; }}
      p {{ text-indent: 1cm; text-align: justify; margin: 0 0 6pt 0; }}
      td {{ vertical-align: top; text-align: center; font-size: 13pt; padding: 0; }}
      .recipients {{ text-align: left; font-size: 11pt; }}
    </style></head><body>
    <table style="width: 100%"><tr><td style="width: 40%">{html(issuer)}</td><td>{html(motto)}</td></tr>
      <tr><td>{html(number)}</td><td><i>{html(place_date)}</i></td></tr></table>
    {body}
    <table style="width: 100%"><tr><td class="recipients" style="width: 50%">{html(blocks[signing_at])}</td>
      <td><b>{signature}</b></td></tr></table></body></html>"""
    return HTML(string=page).write_pdf()


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["so-gddt-phu-tho-2024-2025.txt", "huyen-thanh-son-2019.txt"])
def test_a_pdf_laid_out_like_a_word_file_reads_like_its_text(filename):
    (name, kind), _ = PRINTED[filename]
    unit = make_unit(name, kind, valid_to=BEFORE_REFORM)
    text = (PLANS / filename).read_text(encoding="utf-8")
    from_text, _ = import_plan_file(data=text.encode(), filename=filename, unit=unit)
    from_pdf, _ = import_plan_file(data=word_like_pdf(text), filename="kh.pdf", unit=unit)
    skip = {"id", "source_file"}
    assert {k: v for k, v in plan_as_dict(from_pdf).items() if k not in skip} == {
        k: v for k, v in plan_as_dict(from_text).items() if k not in skip}


@pytest.mark.django_db
def test_a_pdf_with_a_scanned_page_among_text_pages_is_refused_naming_the_page():
    from pypdf import PdfReader, PdfWriter

    _, pdf = printed_pdf("huyen-thanh-son-2019.txt")
    writer = PdfWriter()
    for source in (pdf, _image_pdf(), _blank_pdf()):  # a blank page is no loss; a scanned one is
        writer.append(PdfReader(io.BytesIO(source)))
    buffer = io.BytesIO()
    writer.write(buffer)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    with pytest.raises(PlanImportError, match=f"^Trang {pages + 1} của tệp PDF chỉ có hình ảnh, không có lớp chữ"):
        read_plan_text(buffer.getvalue())
    writer = PdfWriter()
    for source in (pdf, _blank_pdf()):
        writer.append(PdfReader(io.BytesIO(source)))
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "Phát động đợt thi đua cao điểm" in read_plan_text(buffer.getvalue())
