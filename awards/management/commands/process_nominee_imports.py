import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from awards.services.nominee_import_jobs import run_queued_imports


class Command(BaseCommand):
    help = "Nhập các tệp danh sách đề nghị dài đang chờ (dùng khi RENDER_JOBS=worker)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="nhập các tệp đang chờ rồi dừng")
        parser.add_argument("--interval", type=float, default=2.0, help="số giây giữa hai lần kiểm tra")

    def handle(self, *args, once=False, interval=2.0, **options):
        while True:
            # A long-lived worker drops connections the database has timed out between rounds
            # (never inside a transaction, where closing would abort it).
            if not connection.in_atomic_block:
                close_old_connections()
            taken = run_queued_imports()
            if taken:
                self.stdout.write(f"Đã nhập {taken} tệp danh sách đề nghị.")
            if once:
                return
            time.sleep(interval)
