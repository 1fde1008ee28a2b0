"""The main pages under the portal's Content-Security-Policy, in Chromium: nothing refused (the autouse
check of tests/e2e/conftest.py fails a test on any refusal) and what their scripts do still works."""

import pytest
from django.urls import reverse
from django.utils import timezone

from units.models import Job

from tests.awards.dossier_factories import load_rule_rows, make_list, submit
from tests.conftest import make_person, make_plan
from tests.e2e import conftest as e2e

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, username, width=390):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(reverse("login"))
    e2e.log_in_with_the_form(page, username)
    page.get_by_role("heading", name="Xin chào").wait_for()
    return context, page


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.all_headers()["content-security-policy"]
    assert "style-src 'self'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    return response


def test_the_watch_hears_a_refused_inline_style(phone):
    phone.goto(reverse("login"))

    phone.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    phone.wait_for_timeout(200)

    heard, e2e.POLICY_VIOLATIONS[:] = list(e2e.POLICY_VIOLATIONS), []
    assert any("style-src" in message for message in heard), heard


def test_the_clerk_pages_run_under_the_policy_and_their_scripts_work(browser, live_server, cast, tree, central):
    load_rule_rows()
    person = make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")
    draft_plan = make_plan(tree.ha_hoa)
    dossier = submit(make_list(tree.ha_hoa, cast.alice, [(person, "BK_TINH")]), cast.alice)[0]
    job = Job.objects.create(kind=Job.Kind.PLAN_PDF, owner=cast.alice, subject=draft_plan, state="running", done=40,
                             total=100, message="Đang dàn trang", heartbeat_at=timezone.now())
    context, page = log_in(browser, live_server, "alice")

    # The menu folds on a phone: Bootstrap's script opens it.
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("link", name="Kế hoạch").wait_for(state="visible")

    visit(page, reverse("units:person_detail", args=[person.pk]))
    page.get_by_text("025080001234").wait_for()

    # The plan's preview: its rules take the lengths the server computed.
    visit(page, reverse("campaigns:plan_detail", args=[draft_plan.pk]))
    rules = page.locator(".document-preview [data-width-mm]")
    assert rules.count() == 3
    for index in range(3):
        given, applied = rules.nth(index).evaluate("e => [parseFloat(e.dataset.widthMm), e.style.width]")
        assert given > 10 and applied == f"{given:g}mm"

    # The plan editor: "Thêm dòng" copies a blank part and focuses it.
    visit(page, reverse("campaigns:plan_edit", args=[draft_plan.pk]))
    # Its order fields are narrow, from portal.css now that style attributes are refused.
    position = page.locator("#id_sections-0-position")
    assert "position-input" in position.get_attribute("class")
    assert position.evaluate("e => parseFloat(getComputedStyle(e).width)") < 120
    add = page.locator("[data-formset-add]").first
    prefix = add.get_attribute("data-formset-add")
    before = int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value())
    add.click()
    assert int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value()) == before + 1

    # A background job's page: the bar shows the progress at once and follows the job.
    visit(page, reverse("units:job_detail", args=[job.pk]))
    bar = page.locator("#viec-nen .progress-bar")
    assert bar.evaluate("e => e.style.width") == "40%"
    Job.objects.filter(pk=job.pk).update(done=75, heartbeat_at=timezone.now())
    page.wait_for_function("() => document.querySelector('#viec-nen .progress-bar').style.width === '75%'")

    visit(page, reverse("awards:dossier_detail", args=[dossier.pk]))
    page.get_by_text("Nguyễn Văn An").first.wait_for()
    visit(page, reverse("units:dashboard"))
    context.close()


def test_a_printed_paper_opens_in_the_browser_pdf_viewer_under_the_policy(browser, live_server, cast, tree):
    # The one file the portal hands out inline: Chromium shows it in its own viewer, which the policy's
    # object-src 'none' and style-src 'self' do not hinder (measured; older Chrome needed them relaxed).
    from awards.services import certificates

    from tests.awards.certificate_factories import make_record

    load_rule_rows()
    [paper] = certificates.issue_certificates([make_record(make_person("Nguyễn Văn An", tree.ha_hoa))],
                                              actor=cast.alice)
    context, page = log_in(browser, live_server, "alice", width=1280)

    response = page.goto(reverse("awards:certificate_pdf", args=[paper.pk]))

    headers = response.all_headers()
    assert response.status == 200 and headers["content-type"] == "application/pdf"
    assert "object-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store, private"
    assert page.evaluate("document.contentType") == "application/pdf"
    page.wait_for_timeout(1000)  # the viewer has loaded the file: a refusal would have been reported by now
    context.close()


def test_the_admin_runs_under_the_policy(browser, live_server, cast, tree):
    make_person("Nguyễn Văn An", tree.van_phong)
    context, page = log_in(browser, live_server, "root", width=1280)

    visit(page, reverse("admin:index"))
    visit(page, reverse("admin:units_person_changelist"))
    # The sidebar's filter box is the admin's own script.
    page.locator("#nav-filter").fill("cá nhân")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#nav-sidebar tr')].some(row => row.style.display === 'none')")
    visit(page, reverse("admin:units_person_add"))
    visit(page, reverse("admin:units_unit_change", args=[tree.ha_hoa.pk]))
    context.close()


def test_the_error_page_goes_back_to_the_page_before(phone, cast, tree, settings):
    phone.goto(reverse("login"))
    response = phone.goto("/khong-co-trang-nay/")

    assert response.status == 404
    phone.get_by_role("heading", name="Không tìm thấy trang").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_role("link", name="Quay lại").click()
    phone.wait_for_url("**" + reverse("login"))
