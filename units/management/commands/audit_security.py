import json

from django.core.management.base import BaseCommand, CommandError

from units.security_audit import probe, run_audit

MARK = {True: "ĐẠT", False: "KHÔNG ĐẠT", None: "BỎ QUA"}


class Command(BaseCommand):
    help = ("Kiểm tra an ninh của cổng ở chế độ vận hành: check --deploy, bandit, các tiêu đề phản hồi, các thiết lập "
            "an ninh. In một bảng; thoát với mã lỗi khác 0 nếu có mục không đạt.")

    def add_arguments(self, parser):
        parser.add_argument("--probe", action="store_true", help=("(dùng nội bộ) in tiêu đề và thiết lập của tiến "
                                                                  "trình này dưới dạng JSON"))

    def handle(self, *args, probe_only=False, **options):
        if options["probe"]:
            self.stdout.write(json.dumps(probe(), default=str))
            return
        checks = run_audit()
        width = max(len(check.name) for check in checks)
        for check in checks:
            self.stdout.write(f"{check.name:<{width}}  {MARK[check.passed]:<9}  {check.detail}")
        failed = [check for check in checks if check.passed is False]
        if failed:
            raise CommandError(f"{len(failed)}/{len(checks)} mục không đạt.")
        self.stdout.write(f"{len(checks)} mục: không mục nào không đạt.")
