import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from awards.services.certificate_prints import run_queued_prints


class Command(BaseCommand):
    help = "In các bộ giấy khen dài đang chờ (dùng khi RENDER_JOBS=worker)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="in các bộ đang chờ rồi dừng")
        parser.add_argument("--interval", type=float, default=2.0, help="số giây giữa hai lần kiểm tra")

    def handle(self, *args, once=False, interval=2.0, **options):
        while True:
            if not connection.in_atomic_block:
                close_old_connections()
            taken = run_queued_prints()
            if taken:
                self.stdout.write(f"Đã in {taken} bộ giấy khen.")
            if once:
                return
            time.sleep(interval)
