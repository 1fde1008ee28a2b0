"""Daily reminders: one email and one in-app notification to each user whose inbox holds overdue or nearly due
dossiers, or whose unit owes a plan's issuer a report of results that is overdue or due by the next working day.

The inbox (awards.inbox) says what waits for whom and against which time limit; this module only
picks the items that are overdue or due by the next working day and tells their holder once a
day. A reminder already written today (an in-app notification with the verb ``remind``) means
the user was told: running the command twice the same day sends nothing new.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from units.models import Membership, User
from units.scoping import grants_of

from awards.models import Notification
from awards.rules import inbox, plan_reports, working_days

VERB = "remind"
WORKING_ROLES = (Membership.Role.CLERK, Membership.Role.REVIEWER, Membership.Role.APPROVER)


@dataclass
class ReminderRun:
    """What one run did: users emailed, told in the portal only (no email address), or already told today."""

    emailed: int = 0
    notified_only: int = 0
    already_told: int = 0


def base_url() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/")


def due_items(user, today, calendar):
    """The user's inbox items that are overdue or due by the next working day, oldest first."""
    horizon = calendar.add_working_days(today, 1)
    items, _more = inbox.inbox(user)
    return [item for item in items if item.due is not None and item.due <= horizon]


def due_reports(user, today, calendar) -> list:
    """The report milestones on which a unit where the user drafts reports (holding the role there) owes a report
    that is overdue (for at most plan_reports.REMIND_DAYS_AFTER days) or due by the next working day."""
    units = [(grant.unit_id, grant.unit_path) for grant in grants_of(user, on=today)
             if grant.role in plan_reports.DRAFTERS]
    if not units:
        return []
    return list(plan_reports.owed_milestones(
        units, due_by=calendar.add_working_days(today, 1),
        since=today - datetime.timedelta(days=plan_reports.REMIND_DAYS_AFTER))
        .select_related("plan").distinct().order_by("date", "pk"))


def _report_lines(reports, today):
    lines = ["", "Các báo cáo kết quả thực hiện kế hoạch sau đơn vị của anh/chị chưa gửi:", ""]
    for milestone in reports:
        late = (today - milestone.date).days
        state = f"QUÁ HẠN {late} ngày" if late > 0 else "sắp đến hạn"
        lines.append(f"- Báo cáo {milestone.get_kind_display().lower()} {milestone.plan.reference_label}, "
                     f"hạn ngày {milestone.date:%d/%m/%Y} — {state}.")
        lines.append(f"  {base_url()}{reverse('awards:plan_report_status', args=[milestone.plan_id])}"
                     f"?moc={milestone.pk}")
    return lines


def reminder_text(user, items, today, reports=()) -> tuple[str, str]:
    """(subject, body) of the email: each dossier with how long it waited against its limit, and its link; then
    each report the user's unit owes, with its date."""
    overdue = [item for item in items if item.overdue]
    parts = []
    if items or not reports:
        parts.append(f"{len(overdue)} hồ sơ quá hạn, {len(items) - len(overdue)} hồ sơ sắp đến hạn")
    if reports:
        parts.append(f"{len(reports)} báo cáo kết quả cần gửi")
    subject = f"[Thi đua] Nhắc việc ngày {today:%d/%m/%Y}: " + ", ".join(parts)
    lines = [f"Kính gửi {user},", ""]
    if items:
        lines += ["Các hồ sơ sau đang chờ anh/chị xử lý:", ""]
    for item in items:
        state = "QUÁ HẠN" if item.overdue else "sắp đến hạn"
        lines.append(f"- Hồ sơ số {item.dossier.pk}: {item.dossier.title} ({item.dossier.sender.name})")
        lines.append(f"  Việc cần làm: {item.task}. Đã chờ {item.waited_label} / thời hạn {item.limit.days} "
                     f"{item.limit.get_day_kind_display()}, hạn ngày {item.due:%d/%m/%Y} — {state}.")
        lines.append(f"  {base_url()}{item.dossier.get_absolute_url()}")
    if reports:
        lines += _report_lines(reports, today)
    lines += ["", f"Hộp hồ sơ của anh/chị: {base_url()}{reverse('awards:dossier_inbox')}", "",
              "Thư này được gửi tự động mỗi ngày làm việc; xin không trả lời thư."]
    return subject, "\n".join(lines)


def send_dossier_reminders(*, today=None) -> ReminderRun:
    """Tell each user holding overdue or nearly due dossiers, once for ``today``."""
    today = today or timezone.localdate()
    calendar = working_days.read_calendar()
    run = ReminderRun()
    user_ids = (Membership.objects.current(today).filter(role__in=WORKING_ROLES)
                .values_list("user_id", flat=True).distinct())
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        items = due_items(user, today, calendar)
        reports = due_reports(user, today, calendar)
        if not items and not reports:
            continue
        if _remind(user, items, today, reports):
            if user.email:
                run.emailed += 1
            else:
                run.notified_only += 1
        else:
            run.already_told += 1
    return run


@transaction.atomic
def _remind(user, items, today, reports=()) -> bool:
    """Write today's notification and send the email; False when the user was already reminded today."""
    # The user's row is locked so two runs at the same moment tell them once.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if Notification.objects.filter(recipient=user, verb=VERB, created_at__date=today).exists():
        return False
    overdue = sum(1 for item in items if item.overdue)
    text = f"Nhắc việc: {overdue} hồ sơ quá hạn, {len(items) - overdue} hồ sơ sắp đến hạn."
    link = reverse("awards:dossier_inbox")
    if reports:
        text = (text[:-1] + ", " if items else "Nhắc việc: ") + f"{len(reports)} báo cáo kết quả cần gửi."
        if not items:
            first = reports[0]
            link = f"{reverse('awards:plan_report_status', args=[first.plan_id])}?moc={first.pk}"
    Notification.objects.create(recipient=user, verb=VERB, link=link, text=text)
    if user.email:
        subject, body = reminder_text(user, items, today, reports)
        # Sent inside the transaction: a failed send rolls the notification back, so tomorrow's
        # run (or a second run today) tries again.
        send_mail(subject, body, None, [user.email])
    return True
