"""Print a plan to PDF and/or Word from the command line: render_plan 12 --pdf kh.pdf --docx kh.docx."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.documents import render_plan_docx, render_plan_pdf
from campaigns.models import Plan


class Command(BaseCommand):
    help = "In một kế hoạch ra tệp PDF và/hoặc Word (.docx) theo thể thức Nghị định 30/2020/NĐ-CP."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int, help="mã (id) của kế hoạch")
        parser.add_argument("--pdf", metavar="TỆP.pdf", help="ghi bản PDF vào tệp này")
        parser.add_argument("--docx", metavar="TỆP.docx", help="ghi bản Word vào tệp này")

    def handle(self, *args, plan_id, pdf, docx, **options):
        if not pdf and not docx:
            raise CommandError("Cần ít nhất một trong hai tùy chọn --pdf hoặc --docx.")
        plan = Plan.objects.prefetch_related("sections").filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"Không tìm thấy kế hoạch có mã {plan_id}.")
        for target, render, label in ((pdf, render_plan_pdf, "PDF"), (docx, render_plan_docx, "Word")):
            if not target:
                continue
            started = time.perf_counter()
            data = render(plan)
            elapsed = time.perf_counter() - started
            try:
                Path(target).write_bytes(data)
            except OSError as error:
                raise CommandError(f"Không ghi được tệp {target}: {error.strerror or error}.") from error
            seconds = f"{elapsed:.2f}".replace(".", ",")
            self.stdout.write(self.style.SUCCESS(
                f"Đã ghi bản {label}: {target} ({_size(len(data))}, dựng trong {seconds} giây)."
            ))


def _size(n):
    """A file size the Vietnamese way: "43,6 KB"."""
    return f"{n / 1024:.1f} KB".replace(".", ",")
