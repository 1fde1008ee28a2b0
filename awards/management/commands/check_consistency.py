from django.core.management.base import BaseCommand, CommandError

from awards.models import Dossier
from awards.rules.consistency import all_findings


class Command(BaseCommand):
    help = ("Đối chiếu dữ liệu với quy tắc: diễn biến của từng hồ sơ đúng bảng chuyển trạng thái, không vượt cấp; "
            "không đơn vị nào vượt số lượng của kế hoạch; chuỗi mã băm của mọi hồ sơ còn nguyên; số khen thưởng "
            "đã cộng cho trang thống kê khớp với khen thưởng đã nhận. Thoát với mã lỗi khác 0 nếu có sai lệch.")

    def handle(self, *args, **options):
        findings = all_findings()
        for finding in findings[:200]:
            self.stderr.write(str(finding))
        checked = Dossier.objects.count()
        if findings:
            raise CommandError(f"{len(findings)} sai lệch (đã kiểm tra {checked} hồ sơ).")
        self.stdout.write(f"Đã kiểm tra {checked} hồ sơ và số lượng của mọi kế hoạch: dữ liệu nhất quán "
                          "(diễn biến, tuyến, số lượng, chuỗi mã băm, số khen thưởng đã cộng).")
