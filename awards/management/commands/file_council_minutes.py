from django.core.management.base import BaseCommand

from awards.services.minutes_filing import queue_missing_minutes


class Command(BaseCommand):
    help = ("Đưa lại vào hàng đợi việc lập biên bản của các phiên họp Hội đồng đã kết thúc mà biên bản chưa được lưu "
            "vào hồ sơ (chạy định kỳ; bộ xử lý nền lập và lưu biên bản).")

    def handle(self, *args, **options):
        jobs = queue_missing_minutes()
        self.stdout.write(f"Đã đưa {len(jobs)} phiên họp vào hàng đợi lập biên bản.")
