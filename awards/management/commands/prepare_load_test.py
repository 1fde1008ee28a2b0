from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from awards.demo.load_test import prepare_load_test, write_accounts


class Command(BaseCommand):
    help = ("Tạo tài khoản và danh sách đề nghị cho một lần thử tải (make loadtest): cán bộ xã với danh sách sẵn sàng "
            "gửi, cán bộ tiếp nhận, chuyên viên thẩm định và lãnh đạo của tỉnh; ghi tài khoản ra tệp JSON.")

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, default=30, help="Số xã tham gia (mặc định 30).")
        parser.add_argument("--province", default="25", help="Mã tỉnh (mặc định 25, Phú Thọ).")
        parser.add_argument("--output", required=True, help="Tệp JSON ghi tài khoản cho công cụ thử tải.")
        parser.add_argument("--force", action="store_true", help="Chạy cả khi DEBUG tắt (cơ sở dữ liệu thử tải riêng).")

    def handle(self, *args, communes, province, output, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG đang tắt: đây có thể là cơ sở dữ liệu thật. Chỉ chạy trên cơ sở dữ liệu thử tải "
                               "riêng, với --force.")
        try:
            data = prepare_load_test(communes=communes, province_code=province)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        write_accounts(data, Path(output))
        self.stdout.write(f"Đã tạo {len(data['accounts'])} tài khoản thử tải; ghi vào {output}.")
