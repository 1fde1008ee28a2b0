"""Measure the long papers on a database made for measuring (awards.demo.paper_benchmark).

    manage.py measure_papers prepare-decision --lines 1000   # once: a draft decision of 1,000 lines
    manage.py measure_papers decision                        # timed: its PDF
    manage.py measure_papers prepare-sessions --sessions 6 --candidates 400
    manage.py measure_papers close-session                   # timed: closes the next prepared session
    manage.py measure_papers plans FILE …                    # timed: plan texts imported (rolled back) and printed
    manage.py measure_papers startup                         # the yardstick: starting the process, no work

The prepare steps commit what they write: never point them at the portal's real database.
"""

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "Đo tốc độ in quyết định dài, kết thúc phiên họp Hội đồng và in kế hoạch (trên cơ sở dữ liệu dùng để đo)."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["prepare-decision", "decision", "prepare-sessions", "close-session",
                                             "plans", "startup"])
        parser.add_argument("files", nargs="*", help="tệp kế hoạch (.txt, .docx, .pdf) khi đo 'plans'")
        parser.add_argument("--lines", type=int, default=1000, help="số dòng của quyết định (mặc định 1.000)")
        parser.add_argument("--sessions", type=int, default=6, help="số phiên họp chuẩn bị (mặc định 6)")
        parser.add_argument("--candidates", type=int, default=400, help="số đề nghị mỗi phiên (mặc định 400)")
        parser.add_argument("--output", help="ghi tệp PDF quyết định ra đây")

    def handle(self, *args, what, files, lines, sessions, candidates, output=None, **options):
        from awards.demo import paper_benchmark as bench

        try:
            with override_settings(DEBUG=False):
                if what == "prepare-decision":
                    decision = bench.prepare_decision(lines)
                    self.stdout.write(f"Dự thảo quyết định {decision.pk}: {lines} dòng")
                elif what == "decision":
                    pdf = bench.print_decision(self.stdout.write)
                    if output:
                        with open(output, "wb") as out:
                            out.write(pdf)
                elif what == "prepare-sessions":
                    bench.prepare_sessions(sessions, candidates, self.stdout.write)
                elif what == "close-session":
                    bench.close_next_session(self.stdout.write)
                elif what == "startup":  # the yardstick: the process and what it loads, no work
                    bench.warm_up()
                else:
                    bench.print_plans(files, self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from None
