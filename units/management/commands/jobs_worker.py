from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from units.jobs import sweep_stale_jobs


class Command(BaseCommand):
    help = ("Chạy bộ xử lý việc nền (in kế hoạch dài, in bộ giấy khen, nhập danh sách đề nghị dài): "
            "db_worker với TASKS_BACKEND=database, rqworker với TASKS_BACKEND=rq.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="làm hết các việc đang chờ rồi dừng")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="số giây giữa hai lần tìm việc (hàng đợi trong cơ sở dữ liệu)")

    def handle(self, *args, batch=False, interval=1.0, **options):
        # The jobs a previous worker left running when it died are failed before new work starts.
        swept = sweep_stale_jobs()
        if swept:
            self.stdout.write(f"Đã dọn {swept} việc nền bị dừng giữa chừng.")
        if settings.TASKS_BACKEND == "rq":
            call_command("rqworker", settings.JOBS_QUEUE, job_class="django_tasks_rq.Job", burst=batch,
                         verbosity=options["verbosity"])
        else:
            call_command("db_worker", queue_name=settings.JOBS_QUEUE, batch=batch, interval=interval, reload=False,
                         startup_delay=not batch, verbosity=options["verbosity"])
