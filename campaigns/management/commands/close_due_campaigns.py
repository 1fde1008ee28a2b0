import datetime

from django.core.management.base import BaseCommand

from campaigns.services import advance_plans_by_date


class Command(BaseCommand):
    help = ("Chuyển kế hoạch đã đến thời gian thi đua sang “Đang thực hiện” và kế hoạch hết thời gian sang "
            "“Đã kết thúc”.")

    def add_arguments(self, parser):
        parser.add_argument("--ngay", type=datetime.date.fromisoformat, default=None,
                            help="ngày tính (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, ngay=None, **options):
        counts = advance_plans_by_date(ngay or datetime.date.today())
        self.stdout.write(f"Bắt đầu thực hiện: {counts['started']} kế hoạch; kết thúc: {counts['closed']} kế hoạch.")
