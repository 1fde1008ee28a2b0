from django.core.management.base import BaseCommand

from units.jobs import sweep_stale_jobs


class Command(BaseCommand):
    help = ("Đánh dấu không thành công các việc nền mà bộ xử lý đã ngừng (không còn báo đang chạy), "
            "xoá tệp tạm của chúng.")

    def handle(self, *args, **options):
        swept = sweep_stale_jobs()
        self.stdout.write(f"Đã dọn {swept} việc nền bị dừng giữa chừng.")
