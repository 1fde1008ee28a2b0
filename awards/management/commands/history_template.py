from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from units.models import Unit

from awards.documents.history_workbook import build_history_template
from awards.models import AwardType


class Command(BaseCommand):
    help = "Tạo tệp Excel mẫu để nhập lịch sử khen thưởng và xếp loại hằng năm."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Đường dẫn tệp .xlsx sẽ tạo.")

    def handle(self, *args, out, **options):
        # Every coded unit, past ones included: old decisions name districts that no longer exist.
        units = Unit.objects.exclude(code="").only("code", "name").order_by("code", "path")
        data = build_history_template(awards=AwardType.objects.all(), units=units.iterator(chunk_size=2000))
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {out}: {exc.strerror}.") from exc
        self.stdout.write(f"Đã tạo tệp mẫu {out}.")
