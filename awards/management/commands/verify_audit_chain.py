from django.core.management.base import BaseCommand, CommandError

from awards.models import Dossier
from awards.rules.hash_chain import verify_all


class Command(BaseCommand):
    help = ("Kiểm tra chuỗi mã băm diễn biến của mọi hồ sơ (hoặc các hồ sơ chỉ định); báo mắt xích hỏng đầu tiên "
            "của từng hồ sơ và thoát với mã lỗi khác 0 nếu có.")

    def add_arguments(self, parser):
        parser.add_argument("dossier_ids", nargs="*", type=int, help="Số hồ sơ cần kiểm tra (mặc định: tất cả).")

    def handle(self, *args, dossier_ids=(), **options):
        dossiers = Dossier.objects.order_by("pk")
        if dossier_ids:
            dossiers = dossiers.filter(pk__in=dossier_ids)
        checked, broken = 0, []
        for _dossier, problem in verify_all(dossiers):
            checked += 1
            if problem is not None:
                broken.append(problem)
                self.stderr.write(str(problem))
        if broken:
            raise CommandError(f"{len(broken)}/{checked} hồ sơ có chuỗi diễn biến bị hỏng.")
        self.stdout.write(f"Đã kiểm tra {checked} hồ sơ: chuỗi diễn biến toàn vẹn.")
