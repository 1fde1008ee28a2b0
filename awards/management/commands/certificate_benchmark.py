"""Measure printing a decision's papers on synthetic data, leaving nothing behind (awards.demo)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from awards.demo.certificate_benchmark import ENGINES, measure_certificates


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo tốc độ in giấy khen của một quyết định trên dữ liệu giả lập (không để lại dữ liệu)."
    # A timed process: Django's checks (loading every URL module) are no part of printing papers.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--papers", type=int, default=1000, help="số giấy khen (mặc định 1.000)")
        parser.add_argument("--engine", choices=sorted(ENGINES), default="drawn",
                            help="drawn: vẽ thẳng lên trang PDF (mặc định); html: dàn trang HTML bằng WeasyPrint")
        parser.add_argument("--output", help="ghi tệp PDF đã in ra đây")

    def handle(self, *args, papers, engine, output=None, **options):
        try:
            with transaction.atomic():
                measure_certificates(papers, self.stdout.write, engine=engine, output=output)
                raise _Rollback
        except _Rollback:
            pass
