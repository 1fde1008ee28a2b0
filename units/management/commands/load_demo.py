from django.core.management.base import BaseCommand, CommandError

from units.demo import DEMO_PASSWORD, load_demo
from units.models import Unit


class Command(BaseCommand):
    help = "Tạo tài khoản và dữ liệu mẫu trên cây đơn vị thật (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        if not Unit.objects.filter(import_key__isnull=False).exists():
            raise CommandError("Chưa có cây đơn vị: hãy chạy 'python manage.py load_units' trước.")
        logins = load_demo()
        self.stdout.write("Tài khoản dùng thử (mật khẩu chung: %s):" % DEMO_PASSWORD)
        for login in logins:
            self.stdout.write(f"  {login.username:<16} {login.role} — {login.unit}")
