"""A plan's files survive what is stored in it: its PDF (at once, as a job, frozen at issue), its Word file
and the province's roll-up of registrations print control characters, bidi overrides, markup and
formula-looking names as readable text (``tests.hostile_text``), and no cell is a formula.
"""

import pytest
from django.urls import reverse

from units.models import Job, Posting

from campaigns import registrations
from campaigns.models import Plan, PlanSection

from tests.conftest import make_person, make_plan
from tests.hostile_text import (
    INITIATIVE,
    NAME,
    PLAIN_TEXT,
    POSITION,
    UNIT_NAME,
    Hostile,
    assert_docx_readable,
    assert_pdf_readable,
    assert_workbook_safe,
)
from tests.job_workers import tasks_at_once  # noqa: F401

pytestmark = pytest.mark.django_db

TITLE = Hostile("=HYPERLINK(\"http://evil.example\")\x07 Phát động thi đua\u202e năm 2026",
                "=HYPERLINK(\"http://evil.example\") Phát động thi đua năm 2026")
HEADING = Hostile("MỤC ĐÍCH\x1b, YÊU CẦU\u2066", "MỤC ĐÍCH, YÊU CẦU")
SIGNER = Hostile("Hà Đức\x08 Thắng\u202e", "Hà Đức Thắng")
TARGET = Hostile("-Cờ thi đua\x07 của tỉnh\u202e", "-Cờ thi đua của tỉnh")


def store(obj, **fields):
    """Write ``fields`` straight into the row, as an old row or a script may hold them, and reload."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)
    obj.refresh_from_db()
    return obj


def get(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return b"".join(response.streaming_content) if response.streaming else response.content


def spoil(plan):
    """The plan's texts as an old row may hold them: title, preamble, headings, bodies, recipients, signer."""
    PlanSection.objects.filter(plan=plan).update(body=PLAIN_TEXT.stored)
    PlanSection.objects.filter(plan=plan, position=10).update(heading=HEADING.stored)
    return store(plan, title=TITLE.stored, preamble=PLAIN_TEXT.stored, closing=PLAIN_TEXT.stored,
                 recipients=f"- {PLAIN_TEXT.stored};\n- Lưu: VT.", signer_name=SIGNER.stored)


PRINTED = (TITLE, HEADING, PLAIN_TEXT, SIGNER)


@pytest.fixture
def plan(tree):
    return spoil(make_plan(tree.phu_tho, status="issued", number=5, issue_day=2))


@pytest.mark.parametrize("who", ["dave", "alice"])
def test_the_plan_prints_in_pdf_and_word(login, cast, plan, who):
    client = login(getattr(cast, who))
    assert_pdf_readable(get(client, reverse("campaigns:plan_pdf", args=[plan.pk])), *PRINTED)
    assert_docx_readable(get(client, reverse("campaigns:plan_docx", args=[plan.pk])), *PRINTED)


def test_a_long_plan_prints_as_a_job(login, cast, plan, settings, tasks_at_once,  # noqa: F811
                                     django_capture_on_commit_callbacks):
    settings.PLAN_INLINE_RENDER_MAX_CHARS = 50
    client = login(cast.dave)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and job.state == "succeeded"
    assert_pdf_readable(get(client, reverse("units:job_download", args=[job.pk])), *PRINTED)


def test_the_chair_issues_a_draft_of_spoiled_sections_and_its_frozen_pdf_prints(login, cast, tree):
    # The plan's own fields are checked again when it is issued; its sections and its unit are not.
    draft = make_plan(tree.ha_hoa)
    PlanSection.objects.filter(plan=draft).update(body=PLAIN_TEXT.stored)
    PlanSection.objects.filter(plan=draft, position=10).update(heading=HEADING.stored)
    store(tree.ha_hoa, name="Xã Hạ Hòa\x07\u202e")
    client = login(cast.bob)
    response = client.post(reverse("campaigns:plan_issue", args=[draft.pk]), {"number": 7, "issue_date": "2026-03-05"})
    assert response.status_code == 302 and Plan.objects.get(pk=draft.pk).status == "issued"
    data = get(client, reverse("campaigns:plan_pdf", args=[draft.pk]))
    assert_pdf_readable(data, HEADING, PLAIN_TEXT, Hostile("", "XÃ HẠ HÒA"))


def test_the_provinces_roll_up_of_registrations_survives_one_communes_record(login, cast, tree, plan):
    store(tree.ha_hoa, name=UNIT_NAME.stored)
    person = make_person("Nguyễn Văn Hùng", tree.ha_hoa)
    Posting.objects.filter(person=person).update(position=POSITION.stored)
    store(person, full_name=NAME.stored, position=POSITION.stored)
    registration = registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, person=person,
                                          award_tier=plan.award_tiers.get())
    store(registration, initiative_title=INITIATIVE.stored)
    other = registrations.register(plan, actor=cast.alice, unit=tree.ha_hoa, collective=tree.ha_hoa,
                                   target="Cờ thi đua")
    store(other, target=TARGET.stored)
    data = get(login(cast.dave), reverse("campaigns:plan_registrations_xlsx", args=[plan.pk]))
    cells = assert_workbook_safe(data, TITLE, UNIT_NAME, NAME, POSITION, INITIATIVE, TARGET)
    formulas = [cell for cell in cells if cell.value in (NAME.printed, INITIATIVE.printed, TARGET.printed,
                                                         POSITION.printed)]
    assert len(formulas) == 4 and all(cell.data_type == "s" and cell.quotePrefix for cell in formulas)
    numbers = [cell.value for cell in cells if cell.column == 1 and isinstance(cell.value, int)]
    assert numbers == [1, 2]  # the numbers the portal writes stay numbers
