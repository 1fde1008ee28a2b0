from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from units.models import User

from awards.services.history_imports import import_history


class Command(BaseCommand):
    help = "Nhập lịch sử khen thưởng và xếp loại hằng năm từ tệp Excel theo mẫu (nhập lại không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx theo mẫu (python manage.py history_template).")
        parser.add_argument("--as", dest="username", help="Tài khoản nhập (mặc định: quản trị hệ thống đầu tiên).")

    def handle(self, *args, file, username=None, **options):
        if username:
            actor = User.objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản “{username}”.")
        else:
            # The first superuser: a command run on the server acts with full scope by default.
            actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
            if actor is None:
                raise CommandError("Chưa có tài khoản quản trị hệ thống; hãy chỉ rõ --as TÊN_TÀI_KHOẢN.")
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}.") from exc
        try:
            result = import_history(data, actor=actor)
        except PermissionDenied as exc:
            raise CommandError(f"Tài khoản “{actor.username}” không được nhập: {exc}") from exc
        for warning in result.warnings:
            self.stdout.write(f"Lưu ý — {warning}")
        for error in result.errors:
            self.stderr.write(f"Lỗi — {error}")
        for line in result.summary():
            self.stdout.write(line)
        if not result.ok:
            raise CommandError("Sửa các dòng lỗi rồi nhập lại cả tệp.")
