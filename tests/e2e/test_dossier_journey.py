"""The dossier journey in Chromium with four officials: the commune clerk sends a list, the province reviewer takes
it in and appraises it, the council secretary records the secret ballot (one candidate passes, one is moved to a
lower award), the province approver settles, issues the decision (citing the Tờ trình number the clerk typed as she
sent the list) and prints the papers, and anyone checks a paper on the public page its QR code opens."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from units import dates

from awards.models import AwardRecord, Certificate, Dossier, NominationLine
from awards.services import nominations

from tests.awards.council_factories import make_council
from tests.awards.dossier_factories import R, load_rule_rows, make_list, official, people
from tests.awards.pdf_files import attach_missing
from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(context, username):
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(reverse("login"))
    log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()
    return page


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_four_officials_take_a_list_from_the_commune_to_printed_papers_and_a_public_check(
        browser, live_server, cast, tree, central, tmp_path):
    load_rule_rows()
    from awards.models import AwardDowngrade

    assert AwardDowngrade.objects.filter(award__code="BK_TTG", lower_award__code="BK_TINH").exists()
    official_roles = {"carol": (tree.phu_tho, R.CLERK)}  # the province reviewer also takes dossiers in
    for name, (unit, role) in official_roles.items():
        getattr(cast, name).memberships.create(unit=unit, role=role)
    official("thuky", tree.phu_tho, R.SECRETARY)
    make_council(tree.phu_tho, size=9)
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    draft = make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TTG")],
                      title="Đề nghị khen thưởng năm 2026 của xã Hạ Hòa")
    for line in NominationLine.objects.filter(nomination_list=draft, eligible=False):
        nominations.override_eligibility(line, actor=cast.bob, reason="Thành tích đột xuất trong phòng chống lũ.")
    attach_missing(draft, actor=cast.alice)

    def context(width=390):
        return browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN",
                                   base_url=live_server.url, accept_downloads=True)

    # 1. The commune clerk sends the list on her phone.
    phone = context()
    alice = log_in(phone, "alice")
    alice.goto(reverse("awards:nomination_list_detail", args=[draft.pk]))
    alice.get_by_role("link", name="Gửi danh sách đề nghị").click()
    alice.locator("#tom-tat-thao-tac", has_text="gửi Tỉnh Phú Thọ").wait_for()
    # The number of the commune's Tờ trình is typed as the list goes; its date is today unless changed.
    assert alice.get_by_label("Ngày Tờ trình").input_value() == f"{timezone.localdate():%Y-%m-%d}"
    alice.get_by_label("Số Tờ trình").fill("12/TTr-UBND")
    alice.get_by_role("button", name="Xác nhận gửi danh sách").click()
    alice.get_by_text("Tỉnh Phú Thọ").first.wait_for()
    packet = Dossier.objects.get(nomination_list=draft)
    assert packet.receiver == tree.phu_tho
    assert (packet.proposal_number, packet.proposal_date) == ("12/TTr-UBND", timezone.localdate())
    phone.close()

    # 2. The province reviewer takes it in, then appraises both lines as passed.
    desk = context(1280)
    carol = log_in(desk, "carol")
    carol.goto(reverse("awards:dossier_inbox"))
    carol.get_by_role("link", name=re.compile(r"Đề nghị khen thưởng năm 2026 của xã Hạ Hòa")).first.click()
    carol.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    carol.get_by_role("button", name="Ghi kết quả thẩm định").wait_for()
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        carol.get_by_role("group", name=f"Kết quả thẩm định: {name}").get_by_label("Đạt", exact=True).check()
    carol.get_by_role("button", name="Ghi kết quả thẩm định").click()
    carol.get_by_text("Đã thẩm định, chờ lãnh đạo").first.wait_for()
    desk.close()

    # 3. The council secretary opens a session, ticks who came, enters the secret-ballot tallies and closes it:
    # An passes; Bình misses the Prime Minister's threshold and is moved to the province's Bằng khen.
    phone = context()
    secretary = log_in(phone, "thuky")
    secretary.goto(reverse("awards:council_index"))
    secretary.get_by_label("Địa điểm").fill("Hội trường UBND tỉnh")
    secretary.get_by_role("button", name="Mở phiên họp với các đề nghị đang chờ").click()
    secretary.get_by_role("heading", name=re.compile("phiên họp ngày")).wait_for()
    attendance = secretary.locator("#diem-danh input[type=checkbox]")
    for i in range(attendance.count()):
        attendance.nth(i).check()
    votes = {"Nguyễn Văn An": (9, 0), "Trần Thị Bình": (5, 4)}
    for name, (yes, no) in votes.items():
        secretary.get_by_label(f"Đồng ý (dự họp) — {name}", exact=True).fill(str(yes))
        secretary.get_by_label(f"Không đồng ý (dự họp) — {name}").fill(str(no))
        secretary.get_by_label(f"Đồng ý (văn bản) — {name}", exact=True).fill("0")
        secretary.get_by_label(f"Không đồng ý (văn bản) — {name}").fill("0")
    downgrade = secretary.get_by_label("Nếu không đạt, chuyển hình thức — Trần Thị Bình")
    choice = downgrade.locator("option", has_text="Bằng khen của Chủ tịch").first.get_attribute("value")
    downgrade.select_option(choice)
    secretary.get_by_role("button", name="Lưu và kết thúc phiên họp…").click()
    secretary.get_by_text("Trần Thị Bình: Chuyển hình thức").wait_for()
    secretary.get_by_role("button", name="Xác nhận kết thúc phiên họp").click()
    secretary.locator("#trang-thai-phien-hop", has_text="Đã kết thúc").wait_for()
    assert fits_the_screen(secretary)
    with secretary.expect_download() as minutes:
        secretary.get_by_role("link", name="tải PDF").click()
    minutes_text = " ".join(page.extract_text() for page in PdfReader(minutes.value.path()).pages)
    assert "BIÊN BẢN" in minutes_text and "Trần Thị Bình" in minutes_text
    phone.close()

    # 4. The province approver settles the packet here, drafts and issues the decision, prints the papers.
    desk = context(1280)
    dave = log_in(desk, "dave")
    dave.goto(reverse("awards:dossier_detail", args=[packet.pk]))
    dave.get_by_text("Chuyển hình thức").first.wait_for()
    dave.get_by_role("button", name="Trình quyết định tại cấp này").click()
    dave.get_by_role("link", name="Lập quyết định khen thưởng…").click()
    dave.get_by_label("Họ tên người ký").fill("Trần Duy Đông")
    dave.get_by_role("button", name="Lưu dự thảo").click()
    dave.get_by_role("link", name="Ban hành quyết định").click()
    dave.locator("#tom-tat-thao-tac", has_text="02 cá nhân").wait_for()
    dave.get_by_role("button", name="Xác nhận ban hành quyết định").click()
    dave.locator("#trang-thai-quyet-dinh", has_text="Đã ban hành").wait_for()
    records = AwardRecord.objects.filter(person__in=[an, binh]).select_related("award")
    assert {(r.person_id, r.award.code) for r in records} == {(an.pk, "BK_TINH"), (binh.pk, "BK_TINH")}
    with dave.expect_download() as decision_pdf:
        dave.get_by_role("link", name="Tải bản PDF đã ban hành").click()
    decision_text = " ".join(p.extract_text() for p in PdfReader(decision_pdf.value.path()).pages)
    assert "QUYẾT ĐỊNH" in decision_text and "Trần Thị Bình" in decision_text
    assert (f"Xét đề nghị của Ủy ban nhân dân xã Hạ Hòa tại Tờ trình số 12/TTr-UBND "
            f"{dates.in_words(timezone.localdate())}") in " ".join(decision_text.split())
    with dave.expect_download() as papers:
        dave.get_by_role("button", name=re.compile("In giấy khen, bằng khen")).click()
    pages = [p.extract_text() for p in PdfReader(papers.value.path()).pages]
    assert len(pages) == 2 and any("Nguyễn Văn An" in text for text in pages)
    desk.close()

    # 5. Anyone who scans the paper's QR code sees the award confirmed, and nothing more.
    paper = Certificate.objects.get(record__person=binh)
    visitor = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=live_server.url)
    check = visitor.new_page()
    check.goto(paper.get_public_path())
    body = check.locator("main").inner_text()
    assert "Trần Thị Bình" in body and "Bằng khen" in body and paper.serial in body
    assert binh.cccd is None or binh.cccd not in body
    assert fits_the_screen(check)
    visitor.close()
