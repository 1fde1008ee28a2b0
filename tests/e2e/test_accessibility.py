"""Every main page passes axe-core's WCAG 2.1 A/AA rules, on a phone and on a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.conftest import make_person
from tests.e2e.conftest import log_in_with_the_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def signed_in(browser, live_server, username, width):
    """A new browser context ``width`` pixels wide, logged in as ``username``, and its page."""
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.goto(reverse("login"))
    log_in_with_the_form(page, username)
    return context, page


def assert_clean(results):
    """No page of ``results`` (name -> axe result) has a violation; the report names each failing page."""
    failing = {name: r.generate_report() for name, r in results.items() if r.violations_count}
    assert not failing, "\n\n".join(f"== {name}\n{report}" for name, report in failing.items())


@pytest.mark.parametrize("width", [390, 1280])
def test_main_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, width):
    from tests.conftest import make_plan

    person = make_person("Nguyễn Văn An", tree.van_phong)
    province_plan = make_plan(tree.phu_tho, status="issued", number=5, issue_day=4)
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.goto(reverse("login"))
    pages = {"đăng nhập": None}
    results = {"đăng nhập": axe.run(page, options=WCAG)}
    log_in_with_the_form(page, "erin")
    pages = {
        "tổng quan": reverse("units:dashboard"),
        "tìm đơn vị": reverse("units:unit_list") + "?q=ha+hoa&lich_su=1",
        "đơn vị": reverse("units:unit_detail", args=[tree.ha_hoa.pk]),
        "đơn vị đã kết thúc": reverse("units:unit_detail", args=[tree.ha_hoa_district.pk]),
        "thêm đơn vị": reverse("units:unit_create", args=[tree.ha_hoa.pk]),
        "cá nhân": reverse("units:person_list"),
        "hồ sơ cá nhân": reverse("units:person_detail", args=[person.pk]),
        "thêm cá nhân": reverse("units:person_create"),
        "đổi mật khẩu": reverse("password_change"),
        "nhập lịch sử khen thưởng": reverse("awards:history_import"),
        "gia hạn nộp hồ sơ": reverse("awards:deadline_extensions", args=[province_plan.pk]),
    }
    for name, url in pages.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
    context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_catalogue_and_forgotten_password_pages_have_no_accessibility_violations(browser, live_server, axe, cast,
                                                                                 width):
    from tests.awards.dossier_factories import load_rule_rows

    load_rule_rows()  # the catalogue comes from data migrations, which a transactional test's flush removes
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    results = {}
    page.goto(reverse("password_reset"))
    results["quên mật khẩu"] = axe.run(page, options=WCAG)
    page.get_by_label("Tên đăng nhập").fill("alice")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("heading", name="Liên hệ để được đặt lại mật khẩu").wait_for()
    results["người liên hệ"] = axe.run(page, options=WCAG)
    for name, url in {"đã gửi thư": reverse("password_reset_done"),
                      "đường dẫn hết hạn": reverse("password_reset_confirm", args=["MQ", "khong-dung"]),
                      "đã đặt mật khẩu": reverse("password_reset_complete")}.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
    page.goto(reverse("login"))
    log_in_with_the_form(page, "alice")
    for name, url in {"danh mục": reverse("awards:catalogue_awards") + "?q=bang+khen",
                      "thẩm quyền": reverse("awards:catalogue_authorities") + "?q=cap+xa",
                      "tiêu chuẩn": reverse("awards:catalogue_standards")}.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
    context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_plan_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, width):
    from django.utils import timezone

    from units.models import Job

    from tests.conftest import make_plan

    draft = make_plan(tree.ha_hoa)
    province_plan = make_plan(tree.phu_tho, status="issued", number=3, issue_day=4)
    job = Job.objects.create(kind=Job.Kind.PLAN_PDF, owner=cast.bob, subject=draft, state="running", done=40,
                             total=100, message="Đang dàn trang", heartbeat_at=timezone.now())
    failed = Job.objects.create(
        kind=Job.Kind.CERTIFICATE_PACK, owner=cast.bob, state="failed",
        error="Việc bị dừng giữa chừng vì bộ xử lý nền ngừng hoạt động. Vui lòng thực hiện lại.")
    from awards.models import NominationList

    nominations = NominationList.objects.create(unit=tree.ha_hoa, plan=province_plan, year=province_plan.issue_year,
                                                title="Đề nghị khen thưởng đợt 1", created_by=cast.alice)
    from awards.models import NomineeImport

    NomineeImport.objects.create(nomination_list=nominations, created_by=cast.alice, file_name="de-nghi.xlsx",
                                 status="failed", message="Không ghi dòng nào: tệp có 2 lỗi.", error_count=2,
                                 errors=[[3, "Số CCCD “12345” phải gồm đúng 12 chữ số."],
                                         [7, "Trùng với dòng 2 của tệp."]], annotated="loi.xlsx")
    importing = NominationList.objects.create(unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026",
                                              created_by=cast.alice)
    running = Job.objects.create(kind=Job.Kind.NOMINEE_IMPORT, owner=cast.bob, state="running", done=55, total=100,
                                 message="Đã ghi 30.000 / 100.000 đề nghị",
                                 heartbeat_at=timezone.now())
    NomineeImport.objects.create(nomination_list=importing, created_by=cast.bob, file_name="lon.xlsx", job=running)
    context, page = signed_in(browser, live_server, "bob", width)
    pages = {
        "danh sách kế hoạch": reverse("campaigns:plan_list"),
        "soạn kế hoạch": reverse("campaigns:plan_create"),
        "nhập kế hoạch": reverse("campaigns:plan_import"),
        "dự thảo": reverse("campaigns:plan_detail", args=[draft.pk]),
        "sửa dự thảo": reverse("campaigns:plan_edit", args=[draft.pk]),
        "ban hành": reverse("campaigns:plan_issue", args=[draft.pk]),
        "phiên bản": reverse("campaigns:plan_revisions", args=[draft.pk]),
        "kế hoạch cấp trên": reverse("campaigns:plan_detail", args=[province_plan.pk]),
        "đăng ký thi đua": reverse("campaigns:plan_registrations", args=[province_plan.pk]),
        "triển khai": reverse("awards:plan_progress", args=[province_plan.pk]) + "?tinh_trang=chua-trien-khai",
        "đang in": reverse("units:job_detail", args=[job.pk]),
        "việc nền không thành công": reverse("units:job_detail", args=[failed.pk]),
        "danh sách đề nghị": reverse("awards:nomination_lists"),
        "đề nghị khen thưởng": reverse("awards:nomination_list_detail", args=[nominations.pk]),
        "đang nhập danh sách": reverse("awards:nomination_list_detail", args=[importing.pk]),
    }
    results = {}
    for name, url in pages.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
    context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_dossier_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, central, width):
    from awards.rules.workflow import Action as A
    from awards.services import dossiers

    from tests.awards.dossier_factories import (
        R,
        approve_all,
        line_for,
        load_rule_rows,
        make_list,
        official,
        people,
        submit,
    )

    # The catalogue and authority rows come from data migrations, which a transactional test's flush removes.
    load_rule_rows()
    clerk = official("phuong", tree.phu_tho, R.CLERK)
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    chi, dung = people(tree.ha_hoa, ["Lê Văn Chí", "Phạm Thị Dung"])
    [waiting] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TTG")]), cast.alice)
    [second] = submit(make_list(tree.ha_hoa, cast.alice, [(chi, "BK_TINH"), (dung, "BK_TTG")], year=2025,
                                title="Đề nghị khen thưởng năm 2025"), cast.alice)
    for dossier in (waiting, second):
        dossiers.receive_dossier(dossier, actor=clerk)
    approve_all(second, cast.carol)
    third_list = make_list(tree.ha_hoa, cast.alice, [(make_person("Hoàng Văn Em", tree.ha_hoa), "BK_TINH")],
                           year=2024, title="Đề nghị khen thưởng năm 2024")
    [returned] = submit(third_list, cast.alice)
    dossiers.receive_dossier(returned, actor=clerk)
    line = returned.lines.get()
    dossiers.return_dossier(returned, actor=cast.carol, verdicts={line.pk: (A.RETURN, "Thiếu số liệu.")})
    assert line_for(second, "BK_TTG")
    results = {}
    for username, pages in (
        ("carol", {"hộp hồ sơ": reverse("awards:dossier_inbox"), "mọi hồ sơ": reverse("awards:dossier_list"),
                   "thẩm định hồ sơ": reverse("awards:dossier_detail", args=[waiting.pk])}),
        ("dave", {"hồ sơ chờ lãnh đạo": reverse("awards:dossier_detail", args=[second.pk]),
                  "chuyển lên cấp trên": reverse("awards:dossier_forward", args=[second.pk])}),
        ("alice", {"hồ sơ bị trả lại": reverse("awards:dossier_detail", args=[returned.pk])}),
    ):
        context, page = signed_in(browser, live_server, username, width)
        for name, url in pages.items():
            page.goto(url)
            results[name] = axe.run(page, options=WCAG)
            # Nothing is wider than the phone: the page never scrolls sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
        context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_decision_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, central, width):
    import datetime

    from awards.models import AwardRecord, AwardType, Initiative
    from awards.services import decisions, dossiers, revocations as decision_revocations

    from tests.awards.decision_factories import draft
    from tests.awards.dossier_factories import R, approve_all, load_rule_rows, make_list, official, people, submit

    load_rule_rows()
    clerk = official("phuong", tree.phu_tho, R.CLERK)
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TINH")]), cast.alice)
    dossiers.receive_dossier(packet, actor=clerk)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    decision = draft(tree.phu_tho, clerk, decisions.ready_lines(tree.phu_tho), signer_name="Trần Duy Đông")
    cstdcs, higher = AwardType.objects.get(code="CSTDCS"), AwardType.objects.get(code="CSTD_BT")
    day = datetime.date(2026, 1, 10)
    base = [AwardRecord.objects.create(person=an, award=cstdcs, year=year, decision_number=f"{year}/QĐ-UBND",
                                       decision_date=day, issuing_body="UBND xã Hạ Hòa") for year in (2023, 2024, 2025)]
    Initiative.objects.create(title="Số hóa", year=2024, scope="province", recognising_body="UBND tỉnh Phú Thọ"
                              ).authors.add(an)
    AwardRecord.objects.create(person=an, award=higher, year=2025, decision_number="9/QĐ-UBND", decision_date=day,
                               issuing_body="UBND tỉnh Phú Thọ")
    decision_revocations.revoke_award(base[1], actor=cast.bob, reason="Sai đối tượng.", on=day)
    results = {}
    for username, pages in (
        ("dave", {"quyết định": reverse("awards:decision_list"),
                  "lập quyết định": reverse("awards:decision_create", args=[tree.phu_tho.pk]),
                  "sửa quyết định": reverse("awards:decision_edit", args=[decision.pk]),
                  "xem quyết định": reverse("awards:decision_detail", args=[decision.pk]),
                  "xác nhận ban hành quyết định": reverse("awards:decision_issue", args=[decision.pk])}),
        ("bob", {"hủy bỏ khen thưởng": reverse("awards:award_revoke", args=[base[0].pk]),
                 "khen thưởng cần rà soát": reverse("awards:review_flag_list")}),
    ):
        context, page = signed_in(browser, live_server, username, width)
        for name, url in pages.items():
            page.goto(url)
            results[name] = axe.run(page, options=WCAG)
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
        context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_signature_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, width):
    from awards import signatures

    from tests.awards.signature_factories import PASSPHRASE, issued_plan, make_ca, make_signer, register

    certificate = register(make_signer(make_ca()), unit=tree.ha_hoa, actor=cast.bob)
    plan = issued_plan(tree.ha_hoa, actor=cast.bob)
    copy = signatures.sign_plan(plan, actor=cast.bob, certificate_id=certificate.pk, passphrase=PASSPHRASE,
                                reason="Ký ban hành")
    with copy.file.open("rb") as handle:
        signed = handle.read()
    context, page = signed_in(browser, live_server, "bob", width)
    pages = {
        "kiểm tra chữ ký số": reverse("awards:signature_check"),
        "chứng thư số": reverse("awards:signature_certificates"),
        "đăng ký chứng thư số": reverse("awards:signature_certificate_upload"),
        "một chứng thư số": reverse("awards:signature_certificate_detail", args=[certificate.pk]),
        "ký số kế hoạch": reverse("awards:signature_plan_sign", args=[plan.pk]),
    }
    results = {}
    for name, url in pages.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
    page.goto(reverse("awards:signature_check"))
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(
        files=[{"name": "ke-hoach-da-ky.pdf", "mimeType": "application/pdf", "buffer": signed}])
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    page.get_by_text("hợp lệ và được công nhận").wait_for()
    results["báo cáo chữ ký số"] = axe.run(page, options=WCAG)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.goto(reverse("awards:signature_plan_sign", args=[plan.pk]))
    page.get_by_label("Mật khẩu của chứng thư").fill("sai")
    page.get_by_role("button", name="Ký số", exact=True).click()
    page.get_by_text("không đúng").first.wait_for()
    results["ký số sai mật khẩu"] = axe.run(page, options=WCAG)
    context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_certificate_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, width):
    from awards.services import certificates

    from tests.awards.certificate_factories import make_record
    from tests.awards.dossier_factories import load_rule_rows

    load_rule_rows()
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    printed, unprinted = make_record(an), make_record(an, "GIAY_KHEN", number="12/QĐ-UBND")
    [paper] = certificates.issue_certificates([printed], actor=cast.alice)
    copy = certificates.reissue_certificate(paper, actor=cast.alice, reason="Bản chính bị mất.")
    results = {}
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    for name, url in {"xác minh: còn giá trị": copy.get_public_path(), "xác minh: đã thay": paper.get_public_path(),
                      "xác minh: không có": "/xac-minh/khong-co-ma-nay/"}.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
    page.goto(reverse("login"))
    log_in_with_the_form(page, "alice")
    for name, url in {"giấy khen đã cấp": reverse("awards:certificate_list"),
                      "giấy khen chưa in": reverse("awards:record_certificates", args=[unprinted.pk]),
                      "giấy khen đã in": reverse("awards:record_certificates", args=[printed.pk])}.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
    page.get_by_role("button", name="Cấp lại").click()  # no reason typed: the page explains
    page.get_by_text("Nhập lý do cấp lại.").wait_for()
    results["cấp lại thiếu lý do"] = axe.run(page, options=WCAG)
    page.goto(reverse("awards:certificate_list"))
    page.get_by_role("button", name="In tất cả (PDF)").click()
    page.get_by_text("Nhập số quyết định.").wait_for()
    results["in quyết định thiếu số"] = axe.run(page, options=WCAG)
    for name, url in {"sổ cấp giấy khen đã lọc": reverse("awards:certificate_list") + "?q=nguyen&tinh_trang=da-cap-lai",
                      "sổ vàng cá nhân": reverse("awards:person_award_book", args=[an.pk]),
                      "sổ vàng tập thể": reverse("awards:unit_award_book", args=[tree.ha_hoa.pk])}.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
    context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_consultation_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, central, width):
    from django.core.cache import cache
    from django.utils import timezone

    from awards.services import consultations

    from tests.awards.consultation_factories import hero, reviewed_packet
    from tests.awards.dossier_factories import R, load_rule_rows, official, people

    # Data migrations' rows are flushed by a transactional test: the catalogue and the consultation rules.
    load_rule_rows()
    cache.clear()  # the comments' per-address counter
    clerk = official("phuong", tree.phu_tho, R.CLERK)
    reviewed_packet(cast, cast.alice, tree.ha_hoa, clerk, [(hero(tree.ha_hoa), "HC_LAO_DONG")])
    [lan] = people(tree.hien_luong, ["Lê Thị Lan"])
    consultation = consultations.open_consultation(
        actor=clerk, unit=tree.phu_tho, title="Lấy ý kiến đề nghị khen thưởng cấp Nhà nước",
        line_ids=[line.pk for line in consultations.candidate_lines(tree.phu_tho)], opens_on=timezone.localdate())
    consultations.submit_comment(consultation, name="Nguyễn Thị Hoa", text="Đề nghị làm rõ thành tích năm 2025.")
    reviewed_packet(cast, official("hl", tree.hien_luong, R.CLERK), tree.hien_luong, clerk, [(lan, "CSTD_TQ")],
                    title="Đề nghị Chiến sĩ thi đua toàn quốc")  # waits for the next listing: the form shows
    results = {}
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    for name, url in {"công khai": reverse("public:consultation_public_list"),
                      "lấy ý kiến": reverse("public:consultation_public_detail", args=[consultation.pk])}.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
    page.get_by_label("Họ và tên").fill("Trần Văn Nam")
    page.get_by_label("Nội dung góp ý").fill("Ngắn")
    page.get_by_role("button", name="Gửi ý kiến").click()
    results["góp ý chưa hợp lệ"] = axe.run(page, options=WCAG)
    page.get_by_label("Nội dung góp ý").fill("Đề nghị bổ sung số liệu năm 2025.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert page.locator("#da-nhan-y-kien").is_visible()
    results["đã gửi góp ý"] = axe.run(page, options=WCAG)
    page.goto(reverse("login"))
    log_in_with_the_form(page, "phuong")
    for name, url in {"các đợt lấy ý kiến": reverse("awards:consultation_list"),
                      "ý kiến và trả lời": reverse("awards:consultation_detail", args=[consultation.pk])}.items():
        page.goto(url)
        results[name] = axe.run(page, options=WCAG)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
    context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_council_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, central, width):
    from awards.services import councils

    from tests.awards.council_factories import make_council, open_session, reviewed_packet, tally
    from tests.awards.dossier_factories import R, lines_of, load_rule_rows, official

    load_rule_rows()
    cast.tree, cast.phuong = tree, official("phuong", tree.phu_tho, R.CLERK)
    cast.sarah = official("sarah", tree.phu_tho, R.SECRETARY)
    cast.council = make_council(tree.phu_tho)
    closed_packet = reviewed_packet(cast, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    closed = open_session(cast)
    an, binh = lines_of(closed_packet)
    tally(closed, {an.pk: (11, 1, 0, 0), binh.pk: (3, 9, 0, 0)})
    councils.close_session(closed, actor=cast.sarah)
    reviewed_packet(cast, tree.hien_luong, ["Lê Văn Chí"], title="Đề nghị của xã Hiền Lương")
    session = open_session(cast)
    results = {}
    for username, pages in (
        ("sarah", {"hội đồng": reverse("awards:council_index"),
                   "phiên họp đang mở": reverse("awards:council_session_detail", args=[session.pk]),
                   "xác nhận kết thúc phiên họp": reverse("awards:council_session_close", args=[session.pk])}),
        ("dave", {"phiên họp đã kết thúc": reverse("awards:council_session_detail", args=[closed.pk]),
                  "hồ sơ đã biểu quyết": reverse("awards:dossier_detail", args=[closed_packet.pk])}),
    ):
        context, page = signed_in(browser, live_server, username, width)
        for name, url in pages.items():
            page.goto(url)
            results[name] = axe.run(page, options=WCAG)
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
        context.close()
    assert_clean(results)


@pytest.mark.parametrize("width", [390, 1280])
def test_issued_decision_pages_have_no_accessibility_violations(browser, live_server, axe, cast, tree, central,
                                                                 width, settings):
    from units.models import Job

    from awards.services import decisions, dossiers

    from tests.awards.decision_factories import draft
    from tests.awards.dossier_factories import R, approve_all, load_rule_rows, make_list, official, people, submit
    from tests.awards.signature_factories import make_ca, make_signer, register

    settings.CERTIFICATE_INLINE_MAX = 1
    load_rule_rows()
    clerk = official("phuong", tree.phu_tho, R.CLERK)
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(p, "BK_TINH") for p in people(
        tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])]), cast.alice)
    dossiers.receive_dossier(packet, actor=clerk)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    decision = decisions.issue_decision(draft(tree.phu_tho, clerk, decisions.ready_lines(tree.phu_tho)),
                                        actor=cast.dave)
    register(make_signer(make_ca(), organisation="UBND tỉnh Phú Thọ"), unit=tree.phu_tho, actor=cast.dave)
    context, page = signed_in(browser, live_server, "dave", width)
    results = {}
    page.goto(reverse("awards:decision_detail", args=[decision.pk]))
    results["quyết định đã ban hành"] = axe.run(page, options=WCAG)
    page.goto(reverse("awards:decision_sign", args=[decision.pk]))
    results["ký số quyết định"] = axe.run(page, options=WCAG)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.goto(reverse("awards:decision_detail", args=[decision.pk]))
    page.get_by_role("button", name="In giấy khen, bằng khen (2)").click()
    page.locator("#viec-nen").wait_for()
    assert Job.objects.get().state == Job.State.QUEUED  # no worker runs in this test
    results["in giấy khen ở chế độ nền"] = axe.run(page, options=WCAG)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    context.close()
    assert_clean(results)


@pytest.mark.urls("tests.units.raising_urls")
@pytest.mark.parametrize("width", [390, 1280])
def test_the_error_pages_have_no_accessibility_violations_and_fit_the_screen(browser, live_server, axe, cast, tree,
                                                                           width):
    anonymous = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
    page = anonymous.new_page()
    results = {}
    for name, url, status, heading in (("404", "/khong-co-trang-nay/", 404, "Không tìm thấy trang"),
                                       ("500", "/loi-thu/", 500, "Cổng gặp lỗi khi xử lý yêu cầu")):
        assert page.goto(url).status == status
        page.get_by_role("heading", name=heading).wait_for()
        results[name] = axe.run(page, options=WCAG)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    anonymous.close()
    context, page = signed_in(browser, live_server, "carol", width)
    assert page.goto(reverse("units:person_create")).status == 403
    results["403"] = axe.run(page, options=WCAG)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    context.close()
    assert_clean(results)
