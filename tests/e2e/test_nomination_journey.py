"""The nomination journey in Chromium: a commune clerk imports a list from Excel, fixes the refused row in
the marked workbook, reads the eligibility warning, the commune chair confirms it, the clerk attaches the
dossier and submits."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import (
    Authority,
    AuthorityLevel,
    AwardType,
    Condition,
    DocumentKind,
    DocumentRequirement,
    RegulationVersion,
    Standard,
    TaskRating,
)
from awards.services import nominations

from tests.awards.pdf_files import tiny_pdf
from tests.conftest import make_person, make_plan
from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHEET = "Danh sách đề nghị"


def log_in(page, username):
    page.goto("/")
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()


def rules():
    # A transactional test cannot lean on rows the data migrations loaded (they are flushed
    # between such tests), so the award, its standard and its dossier documents are made here.
    regulation, _ = RegulationVersion.objects.get_or_create(code="L22_D152", defaults={
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP", "valid_from": datetime.date(2025, 7, 1)})
    award = AwardType.objects.create(code="LDTT_E2E", name="Lao động tiên tiến (thử)", group=AwardType.Group.TITLE,
                                     for_individuals=True)
    standard = Standard.objects.create(award=award, description="Hoàn thành tốt nhiệm vụ trở lên trong năm.")
    Condition.objects.create(standard=standard, operator=Condition.Operator.RATING, count=1,
                             rating=TaskRating.Rating.GOOD, description="Hoàn thành tốt nhiệm vụ trở lên")
    for kind in (DocumentKind.PROPOSAL, DocumentKind.ACHIEVEMENT_REPORT, DocumentKind.MINUTES):
        DocumentRequirement.objects.create(award=award, kind=kind)
    # The commune chair grants it, so the submitted dossier is ready for decision at the commune.
    Authority.objects.create(regulation=regulation, award=award, level=AuthorityLevel.COMMUNE,
                             office="Chủ tịch Ủy ban nhân dân cấp xã", valid_from=datetime.date(2025, 7, 1))
    return award


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_clerk_imports_fixes_attaches_and_submits_a_nomination_list(browser, live_server, cast, tree, tmp_path):
    rules()
    plan = make_plan(tree.phu_tho, status="issued", issue_day=4,
                     dossier_deadline=datetime.date.today() + datetime.timedelta(days=10))
    an = make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    make_person("Trần Thị Bình", tree.van_phong, cccd="025085005678")
    TaskRating.objects.create(person=an, year=2026, rating=TaskRating.Rating.EXCELLENT)
    # Bình has no rating for 2026: the engine will say why she does not yet qualify.
    draft = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                    title="Đề nghị Lao động tiên tiến năm 2026")
    url = reverse("awards:nomination_list_detail", args=[draft.pk])

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=live_server.url,
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "alice")
    page.goto(url)

    # 1. The template, downloaded and filled in as in Excel; the second row has a mistyped CCCD.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu").click()
    book = load_workbook(BytesIO(open(download.value.path(), "rb").read()))
    sheet = book[SHEET]
    sheet.append(["025080001234", "Nguyễn Văn An", None, None, None, "LDTT_E2E", None, "Dẫn đầu phong trào."])
    sheet.append(["025085005679", "Trần Thị Bình", None, None, None, "LDTT_E2E", None, "Tận tụy với công việc."])
    filled = tmp_path / "danh-sach.xlsx"
    book.save(filled)
    page.get_by_label("Nhập đề nghị từ tệp Excel").set_input_files(filled)
    page.get_by_role("button", name="Nhập từ Excel").click()
    page.locator("#loi-nhap").get_by_text("Không có cá nhân có số CCCD 025085005679").wait_for()
    assert draft.lines.count() == 0  # all or nothing

    # 2. The marked workbook: the bad cell is coloured and the reason is in its own column.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp đã đánh dấu lỗi").click()
    marked = load_workbook(BytesIO(open(download.value.path(), "rb").read()))
    sheet = marked[SHEET]
    header = [c.value for c in sheet[1]]
    reason_column = header.index("Lý do lỗi") + 1
    bad_row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "025085005679")
    assert "025085005679" in sheet.cell(bad_row, reason_column).value
    assert sheet.cell(bad_row, 1).fill.fgColor.rgb not in (None, "00000000")
    sheet.cell(bad_row, 1).value = "025085005678"  # the clerk corrects the CCCD and loads the same file
    fixed = tmp_path / "danh-sach-da-sua.xlsx"
    marked.save(fixed)
    page.get_by_label("Nhập đề nghị từ tệp Excel").set_input_files(fixed)
    page.get_by_role("button", name="Nhập từ Excel").click()
    page.get_by_text("thêm mới 2").first.wait_for()
    assert draft.lines.count() == 2
    assert fits_the_screen(page)

    # 3. The warning, explained: which condition failed, and that her 2026 rating is not entered yet.
    row = page.locator("#bang-de-nghi tbody tr", has_text="Trần Thị Bình")
    row.get_by_text("Chưa đủ tiêu chuẩn").wait_for()
    assert "Hoàn thành tốt nhiệm vụ trở lên — chưa đạt" in row.inner_text()
    assert "Chưa nhập xếp loại năm 2026" in row.inner_text()  # her rating is not entered yet
    assert "Đủ tiêu chuẩn" in page.locator("#bang-de-nghi tbody tr", has_text="Nguyễn Văn An").inner_text()

    # Submitting now is refused, with the reasons on the page (sending asks first, then refuses).
    page.get_by_role("link", name="Gửi danh sách đề nghị").click()
    page.get_by_role("button", name="Xác nhận gửi danh sách").click()
    page.get_by_text("Còn thiếu").first.wait_for()

    # 4. The commune chair confirms the proposal with a written reason.
    chair = browser.new_context(base_url=live_server.url).new_page()
    log_in(chair, "bob")
    chair.goto(url)
    chair.get_by_label("Lý do vẫn đề nghị Trần Thị Bình khi chưa đủ tiêu chuẩn").fill(
        "Được đánh giá hoàn thành tốt nhiệm vụ tại cuộc họp cuối năm; biên bản kèm theo.")
    chair.get_by_role("button", name="Xác nhận vẫn đề nghị").click()
    chair.get_by_text("Đã xác nhận lý do đề nghị Trần Thị Bình").wait_for()
    chair.context.close()

    # 5. The clerk attaches the dossier: the Tờ trình and minutes, and each nominee's report.
    page.goto(url)
    section = page.locator("#ho-so-chung")
    for label, name in (("Tờ trình đề nghị khen thưởng", "to-trinh.pdf"), ("Biên bản họp xét khen thưởng",
                                                                          "bien-ban.pdf")):
        document = tmp_path / name
        document.write_bytes(tiny_pdf())
        section.get_by_label("Loại tài liệu").select_option(label=label)
        section.get_by_label("Tệp PDF").set_input_files(document)
        section.get_by_role("button", name="Tải lên").click()
        page.get_by_role("status").filter(has_text=f"Đã tải lên {label}").wait_for()
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        page.locator("#bang-de-nghi tbody tr", has_text=name).locator("summary", has_text="Tải tài liệu lên").click()
        report = tmp_path / f"bao-cao-{name}.pdf"
        report.write_bytes(tiny_pdf(pages=2))
        page.get_by_label(f"Tệp PDF của {name}").set_input_files(report)
        page.locator("#bang-de-nghi tbody tr", has_text=name).get_by_role("button", name="Tải lên").click()
        page.locator(".row-message", has_text=f"Đã tải lên Báo cáo thành tích cho {name}").wait_for()
    page.get_by_text("Hồ sơ đã đủ các tài liệu bắt buộc.").wait_for()

    # 6. Submitted, once the summary of what is sent is confirmed.
    page.get_by_role("link", name="Gửi danh sách đề nghị").click()
    page.locator("#tom-tat-thao-tac", has_text="2 đề nghị").wait_for()
    page.get_by_role("button", name="Xác nhận gửi danh sách").click()
    page.get_by_text("Đã gửi danh sách đề nghị khen thưởng (").wait_for()
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert fits_the_screen(page)
    context.close()
