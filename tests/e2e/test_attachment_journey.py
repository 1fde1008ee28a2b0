"""A commune clerk, on a phone and with the keyboard, completes a list's dossier with PDF files and downloads one."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from awards.models import AwardType, DocumentKind, DocumentRequirement
from awards.services import nominations

from tests.awards.pdf_files import tiny_pdf
from tests.conftest import make_plan
from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def log_in(page, username):
    page.goto("/")
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def a_list_with_one_collective(cast, tree):
    # A transactional test must not lean on rows a data migration loaded: the award and its
    # dossier rules are made here.
    award = AwardType.objects.create(code="GK_XA_E2E", name="Giấy khen của Chủ tịch UBND xã (thử)",
                                     group=AwardType.Group.CERTIFICATE, for_collectives=True)
    for kind in (DocumentKind.PROPOSAL, DocumentKind.ACHIEVEMENT_REPORT, DocumentKind.MINUTES):
        DocumentRequirement.objects.create(award=award, kind=kind)
    plan = make_plan(tree.phu_tho, status="issued", issue_day=4)
    nomination_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                              title="Đề nghị khen thưởng đợt 1")
    nominations.add_line(nomination_list, actor=cast.alice, collective=tree.van_phong, award=award)
    return nomination_list


def test_a_clerk_attaches_the_dossier_on_a_phone_and_a_reviewer_downloads_it(browser, phone, live_server, cast,
                                                                             tree, tmp_path):
    nomination_list = a_list_with_one_collective(cast, tree)
    page = phone
    log_in(page, "alice")
    page.goto(reverse("awards:nomination_list_detail", args=[nomination_list.pk]))
    section = page.locator("#ho-so-chung")
    section.get_by_text("Còn thiếu: Tờ trình đề nghị khen thưởng; Biên bản họp xét khen thưởng").wait_for()
    assert fits_the_screen(page)

    # The line's form opens from the keyboard: Enter on its summary, then the labelled fields.
    summary = page.locator("summary", has_text="Tải tài liệu lên")
    summary.focus()
    page.keyboard.press("Enter")
    kind = page.get_by_label("Loại tài liệu của Văn phòng HĐND và UBND xã Hạ Hòa")
    assert kind.is_visible()
    assert kind.locator("option").all_inner_texts() == ["Báo cáo thành tích", "Tài liệu khác"]
    report = tmp_path / "Báo cáo thành tích Văn phòng.pdf"
    report.write_bytes(tiny_pdf(pages=2))
    page.get_by_label("Tệp PDF của Văn phòng HĐND và UBND xã Hạ Hòa").set_input_files(report)
    page.get_by_label("Tệp PDF của Văn phòng HĐND và UBND xã Hạ Hòa").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the "Tải lên" button
    # The page comes back at the row, with the message beside it as well as at the top.
    uploaded = "Đã tải lên Báo cáo thành tích cho Văn phòng HĐND và UBND xã Hạ Hòa"
    page.locator(".row-message", has_text=uploaded).wait_for()
    assert page.get_by_role("link", name="Báo cáo thành tích Văn phòng.pdf", exact=True).is_visible()
    assert fits_the_screen(page)

    # A program renamed to .pdf is refused by its content, with the reason on the page.
    fake = tmp_path / "to-trinh.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    section = page.locator("#ho-so-chung")
    section.get_by_label("Loại tài liệu").select_option(label="Tờ trình đề nghị khen thưởng")
    section.get_by_label("Tệp PDF").set_input_files(fake)
    section.get_by_role("button", name="Tải lên").click()
    page.get_by_text("Tệp “to-trinh.pdf” không phải tệp PDF").wait_for()

    for label, name in (("Tờ trình đề nghị khen thưởng", "to-trinh.pdf"), ("Biên bản họp xét khen thưởng",
                                                                          "bien-ban.pdf")):
        real = tmp_path / name
        real.write_bytes(tiny_pdf())
        section = page.locator("#ho-so-chung")
        section.get_by_label("Loại tài liệu").select_option(label=label)
        section.get_by_label("Tệp PDF").set_input_files(real)
        section.get_by_role("button", name="Tải lên").click()
        page.get_by_role("status").filter(has_text=f"Đã tải lên {label}").wait_for()
    page.get_by_text("Hồ sơ đã đủ các tài liệu bắt buộc.").wait_for()
    page.locator("summary", has_text="Tải tài liệu lên").click()  # the open form is checked too
    result = Axe().run(page, options=WCAG)
    assert not result.violations_count, result.generate_report()

    # The province reviewer downloads the report under its Vietnamese name.
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    reviewer = context.new_page()
    log_in(reviewer, "carol")
    reviewer.goto(reverse("awards:nomination_list_detail", args=[nomination_list.pk]))
    assert reviewer.locator("summary", has_text="Tải tài liệu lên").count() == 0
    result = Axe().run(reviewer, options=WCAG)
    assert not result.violations_count, result.generate_report()
    with reviewer.expect_download() as download:
        reviewer.get_by_role("link", name="Báo cáo thành tích Văn phòng.pdf", exact=True).click()
    assert download.value.suggested_filename == "Báo cáo thành tích Văn phòng.pdf"
    assert open(download.value.path(), "rb").read() == report.read_bytes()
    context.close()
