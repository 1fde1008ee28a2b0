"""Reports owed by a plan's milestones in the daily reminders and on the home page's to-do list."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import Milestone

from awards.models import Notification, PlanReport
from awards.services.reminders import VERB, send_dossier_reminders

from tests.conftest import make_plan

TODAY = datetime.date.today()


@pytest.fixture
def overdue(tree, cast):
    cast.alice.email = "alice@hahoa.gov.vn"
    cast.alice.save()
    plan = make_plan(tree.phu_tho, status="issued", number=12)
    return Milestone.objects.create(plan=plan, kind="final", date=TODAY - datetime.timedelta(days=2))


def test_the_commune_clerk_is_reminded_once_a_day_of_an_overdue_report(cast, overdue):
    run = send_dossier_reminders(today=TODAY)
    [email] = [m for m in mail.outbox if m.to == ["alice@hahoa.gov.vn"]]
    assert "1 báo cáo kết quả cần gửi" in email.subject and "hồ sơ" not in email.subject
    assert (f"Báo cáo tổng kết {overdue.plan.reference_label}, hạn ngày {overdue.date:%d/%m/%Y} — QUÁ HẠN 2 ngày."
            in email.body)
    assert f"/khen-thuong/ke-hoach/{overdue.plan_id}/bao-cao/?moc={overdue.pk}" in email.body
    note = Notification.objects.get(recipient=cast.alice, verb=VERB)
    assert note.text == "Nhắc việc: 1 báo cáo kết quả cần gửi."
    assert Notification.objects.filter(recipient=cast.bob, verb=VERB).exists()  # the approver sends it
    assert not Notification.objects.filter(recipient=cast.dave, verb=VERB).exists()  # the issuer owes nothing
    assert not Notification.objects.filter(recipient=cast.olga, verb=VERB).exists()
    assert run.emailed == 1
    again = send_dossier_reminders(today=TODAY)
    assert again.emailed == 0 and len(mail.outbox) == 1


def test_a_sent_report_is_no_longer_reminded(tree, cast, overdue):
    PlanReport.objects.create(milestone=overdue, unit=tree.ha_hoa, status="sent",
                              sent_at=datetime.datetime.now(datetime.UTC))
    send_dossier_reminders(today=TODAY)
    assert not Notification.objects.filter(recipient=cast.alice, verb=VERB).exists()


def test_a_report_due_next_month_is_not_reminded_yet(cast, overdue):
    Milestone.objects.filter(pk=overdue.pk).update(date=TODAY + datetime.timedelta(days=30))
    send_dossier_reminders(today=TODAY)
    assert not Notification.objects.filter(recipient=cast.alice, verb=VERB).exists()


def test_the_command_reminds_of_reports(cast, overdue):
    out = StringIO()
    call_command("send_dossier_reminders", "--any-day", stdout=out)
    assert "Đã nhắc 1 người qua thư" in out.getvalue()


def test_the_home_page_lists_the_report_to_write(login, cast, tree, overdue):
    html = login(cast.alice).get(reverse("units:dashboard")).content.decode()
    assert "Báo cáo kết quả thực hiện kế hoạch cần gửi" in html
    assert reverse("awards:plan_report_status", args=[overdue.plan_id]) in html
    issuer_home = login(cast.dave).get(reverse("units:dashboard")).content.decode()
    assert "Báo cáo kết quả thực hiện kế hoạch cần gửi" not in issuer_home
