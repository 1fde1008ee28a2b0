from django.core.management.base import BaseCommand
from django.utils import timezone

from awards.rules import working_days
from awards.services.reminders import send_dossier_reminders


class Command(BaseCommand):
    help = ("Gửi thư nhắc việc (và thông báo trong cổng) cho người đang giữ hồ sơ quá hạn hoặc đến hạn trong ngày "
            "làm việc tới; chạy lại trong ngày không gửi thêm.")

    def add_arguments(self, parser):
        parser.add_argument("--any-day", action="store_true", help="gửi cả vào ngày nghỉ (mặc định chỉ ngày làm việc)")

    def handle(self, *args, any_day=False, **options):
        today = timezone.localdate()
        if not any_day and not working_days.read_calendar().is_working_day(today):
            self.stdout.write(f"Hôm nay ({today:%d/%m/%Y}) là ngày nghỉ: không gửi nhắc việc.")
            return
        run = send_dossier_reminders(today=today)
        self.stdout.write(f"Đã nhắc {run.emailed} người qua thư, {run.notified_only} người chỉ trong cổng (chưa có "
                          f"địa chỉ thư); {run.already_told} người đã được nhắc hôm nay.")
