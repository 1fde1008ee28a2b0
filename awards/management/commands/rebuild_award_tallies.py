from django.core.management.base import BaseCommand, CommandError

from awards.models import AwardTally
from awards.rules.consistency import tally_findings
from awards.services.award_tallies import rebuild_tallies


class Command(BaseCommand):
    help = ("Đếm lại toàn bộ số khen thưởng đã cộng mà trang thống kê đọc (theo đơn vị, năm, hình thức, đối tượng), "
            "từng lô đơn vị. Với --check: chỉ so với số đếm lại từ khen thưởng đã nhận, không ghi gì, thoát với mã lỗi "
            "khác 0 nếu có sai lệch.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="chỉ đối chiếu số đã cộng với số đếm lại, không ghi")

    def handle(self, *args, check=False, **options):
        if check:
            findings = list(tally_findings())
            for finding in findings[:200]:
                self.stderr.write(str(finding))
            if findings:
                raise CommandError(f"{len(findings)} sai lệch giữa số khen thưởng đã cộng và số đếm lại.")
            self.stdout.write(f"Số khen thưởng đã cộng khớp với số đếm lại ({AwardTally.objects.count()} dòng).")
            return
        rows = rebuild_tallies(write=self.stdout.write if options["verbosity"] > 1 else lambda line: None)
        self.stdout.write(f"Đã đếm lại số khen thưởng đã cộng: {rows} dòng.")
