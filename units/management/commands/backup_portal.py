from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from units.backups import BackupError, create_backup


class Command(BaseCommand):
    help = ("Sao lưu toàn bộ cổng: cơ sở dữ liệu và mọi tệp đã lưu, trong một tệp .tar có manifest "
            "(số bản ghi từng bảng, mã băm SHA-256 từng tệp).")

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Tệp sao lưu sẽ ghi (mặc định var/backups/thidua-<thời điểm>.tar).")

    def handle(self, *args, output=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = Path(output) if output else Path(settings.BASE_DIR) / "var" / "backups" / f"thidua-{stamp}.tar"
        try:
            manifest = create_backup(destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        files = sum(1 for member in manifest["hashes"] if member.startswith("files/"))
        tables = len(manifest["counts"])
        self.stdout.write(f"Đã sao lưu {rows} bản ghi ({tables} bảng) và {files} tệp vào {destination}")
