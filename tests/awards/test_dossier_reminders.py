"""Daily reminders: one email and one notification per user holding overdue or nearly due dossiers, once a day."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from awards.models import Dossier, Notification
from awards.services.reminders import VERB, send_dossier_reminders

from tests.awards.consultation_factories import fresh_calendar_and_cache, on_day
from tests.awards.dossier_factories import make_list, people, submit

pytestmark = pytest.mark.django_db
__all__ = ["fresh_calendar_and_cache", "on_day"]  # fixtures used by name
d = datetime.date


@pytest.fixture
def waiting(cast, tree, central, on_day, province_clerk):
    """Two packets waiting for the province's clerk: one sent 09/02/2026, one sent 12/3/2026."""
    province_clerk.email = "phuong@phutho.gov.vn"
    province_clerk.save()
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    packets = []
    for day, person, title in ((d(2026, 2, 9), an, "Đề nghị tháng Hai"), (d(2026, 3, 12), binh, "Đề nghị tháng Ba")):
        moment = on_day(day)
        [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(person, "BK_TINH")], title=title), cast.alice)
        Dossier.objects.filter(pk=packet.pk).update(status_changed_at=moment)  # field defaults keep the real clock
        packets.append(packet)
    cast.phuong, cast.packets = province_clerk, packets
    return cast


def test_the_holder_of_an_overdue_dossier_gets_one_email_and_one_notification(waiting, on_day):
    # Sent Monday 09/02: 4 working days before Tết, then 16 from 23/02 → due Monday 16/3; overdue on 17/3.
    on_day(d(2026, 3, 17))
    run = send_dossier_reminders()
    assert (run.emailed, run.notified_only) == (1, 0)
    [email] = mail.outbox
    assert email.to == ["phuong@phutho.gov.vn"] and "1 hồ sơ quá hạn" in email.subject
    first, second = waiting.packets
    assert f"Hồ sơ số {first.pk}: Đề nghị tháng Hai (Xã Hạ Hòa)" in email.body
    assert "Đã chờ 21 ngày làm việc / thời hạn 20 ngày làm việc, hạn ngày 16/03/2026 — QUÁ HẠN." in email.body
    assert f"http://127.0.0.1:8000/khen-thuong/ho-so/{first.pk}/" in email.body
    assert f"Hồ sơ số {second.pk}" not in email.body  # due on 09/4, not yet near
    note = Notification.objects.get(recipient=waiting.phuong, verb=VERB)
    assert note.text == "Nhắc việc: 1 hồ sơ quá hạn, 0 hồ sơ sắp đến hạn." and note.link == "/khen-thuong/ho-so/"


def test_a_dossier_due_by_the_next_working_day_is_announced_before_it_is_late(waiting, on_day):
    on_day(d(2026, 3, 13))  # Friday: the next working day is Monday 16/3, the due day
    send_dossier_reminders()
    [email] = mail.outbox
    assert "0 hồ sơ quá hạn, 1 hồ sơ sắp đến hạn" in email.subject and "— sắp đến hạn." in email.body


def test_running_twice_the_same_day_sends_nothing_new_and_the_next_day_sends_again(waiting, on_day):
    on_day(d(2026, 3, 17))
    send_dossier_reminders()
    again = send_dossier_reminders()
    assert (again.emailed, again.already_told) == (0, 1) and len(mail.outbox) == 1
    on_day(d(2026, 3, 18))
    send_dossier_reminders()
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(recipient=waiting.phuong, verb=VERB).count() == 2


def test_nobody_is_reminded_when_nothing_is_near_its_limit(waiting, on_day):
    on_day(d(2026, 3, 2))
    run = send_dossier_reminders()
    assert (run.emailed, run.notified_only, run.already_told) == (0, 0, 0) and mail.outbox == []


def test_a_user_without_an_email_address_is_told_in_the_portal(waiting, on_day):
    waiting.phuong.email = ""
    waiting.phuong.save()
    on_day(d(2026, 3, 17))
    run = send_dossier_reminders()
    assert (run.emailed, run.notified_only) == (0, 1) and mail.outbox == []
    assert Notification.objects.filter(recipient=waiting.phuong, verb=VERB).exists()


def test_the_command_reports_what_it_did_and_rests_on_holidays(waiting, on_day):
    on_day(d(2026, 3, 17))
    out = StringIO()
    call_command("send_dossier_reminders", stdout=out)
    assert "Đã nhắc 1 người qua thư" in out.getvalue()
    call_command("send_dossier_reminders", stdout=out)
    assert "1 người đã được nhắc hôm nay" in out.getvalue() and len(mail.outbox) == 1
    on_day(d(2026, 4, 30))
    call_command("send_dossier_reminders", stdout=out)
    assert "là ngày nghỉ" in out.getvalue() and len(mail.outbox) == 1
