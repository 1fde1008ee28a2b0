"""The demo shows the campaign cycle: a report deadline the commune has met and the others have not, and an
emulation block whose head has sent its scores; made once however often the demo is loaded."""

from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from units.models import User

from campaigns.models import Milestone

from awards.models import EmulationBlock, PlanReport, ScoreSheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def developer_machine(settings):
    settings.DEBUG = True  # the demo loads only where DEBUG is on


def test_the_demo_has_a_report_received_and_a_block_scoring_and_a_second_run_adds_nothing(client):
    call_command("load_units", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "hạn 30/11/2026, Xã Hạ Hòa đã gửi" in out.getvalue()
    milestone = Milestone.objects.get(kind=Milestone.Kind.REPORT)
    report = PlanReport.objects.get()
    assert report.unit.name == "Xã Hạ Hòa" and report.status == PlanReport.Status.SENT
    assert (report.units_taking_part, report.people_taking_part) == (12, 146)

    client.force_login(User.objects.get(username="phutho.canbo"))
    status_page = reverse("awards:plan_report_status", args=[milestone.plan_id]) + f"?moc={milestone.pk}"
    page = unescape(client.get(status_page).content.decode())
    assert "Xã Hạ Hòa" in page and "Đã gửi" in page

    block = EmulationBlock.objects.get()
    assert block.members.count() == 3 and block.head.name == "Xã Hạ Hòa"
    assert ScoreSheet.objects.get().status == ScoreSheet.Status.SENT
    assert sum(entry.self_points for entry in ScoreSheet.objects.get().entries.all()) == 91.5

    call_command("load_demo", stdout=StringIO())
    assert PlanReport.objects.count() == 1 and EmulationBlock.objects.count() == 1
    assert Milestone.objects.filter(kind=Milestone.Kind.REPORT).count() == 1
