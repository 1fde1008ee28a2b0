"""Measure the speed targets of the foundation on the current database.

Everything it writes (synthetic people, a throwaway account and its session) is rolled back
at the end, so it can be pointed at a real database. With --excel it times the Excel import
and exports of nominee lists instead (awards.demo.excel_benchmark); with --dossiers, a dossier's journey at
the province (awards.demo.dossier_benchmark). With --national it builds (once, and keeps) the national
dataset at --scale and times every page against its SQL floor (awards.benchmarks): run that one on a
database of its own. With --national --load it serves that database with gunicorn as deployed and measures
throughput, p95 and errors under locust at --load-users people at once (awards.benchmarks.load); with
--national --export, the 100,000-line Excel export as its job does it (awards.benchmarks.export).
"""

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from units.models import Person, Unit, User
from units.text import fold
from units.tree_loader import load_administrative_tree

from awards.demo.people import FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES

# Targets the pages must meet (median, warm process, this 2-core class of machine).
TARGETS_MS = {"person_list": 150, "person_search": 150, "unit_search": 150, "unit_detail": 150}


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo tốc độ nạp cây đơn vị và các trang danh sách trên dữ liệu lớn (không để lại dữ liệu)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=100_000, help="số cá nhân giả lập (mặc định 100.000)")
        parser.add_argument("--repeat", type=int, default=20, help="số lần đo mỗi trang")
        parser.add_argument("--excel", action="store_true",
                            help="đo xuất, nhập Excel danh sách đề nghị khen thưởng thay cho các trang")
        parser.add_argument("--dossiers", action="store_true",
                            help="đo hành trình một hồ sơ tại cấp tỉnh: thẩm định, Hội đồng, chuyển lên, quyết định, "
                                 "giấy khen")
        parser.add_argument("--lines", type=int, default=200,
                            help="số đề nghị mỗi hồ sơ khi đo --dossiers (mặc định 200)")
        parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000],
                            help="số dòng danh sách đề nghị khi đo Excel (mặc định 10.000 và 100.000)")
        parser.add_argument("--national", action="store_true",
                            help="dựng (một lần, giữ lại) bộ dữ liệu toàn quốc và đo mọi trang so với mức sàn SQL; "
                                 "chỉ chạy trên cơ sở dữ liệu riêng để đo")
        parser.add_argument("--scale", type=float, default=1.0,
                            help="hệ số quy mô bộ dữ liệu toàn quốc (1: 1.000.000 cá nhân; 0,01 để chạy nhanh)")
        parser.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên của bộ dữ liệu")
        parser.add_argument("--pages", nargs="+", default=None, help="chỉ đo các trang có tên này")
        parser.add_argument("--explain", action="store_true",
                            help="với mỗi trang chưa đạt: in các truy vấn chậm nhất và kế hoạch thực hiện (EXPLAIN)")
        parser.add_argument("--json", default=None, help="ghi kết quả đo ra tệp JSON này (để so sánh các lần chạy)")
        parser.add_argument("--load", action="store_true",
                            help="với --national: đo tải — gunicorn như khi triển khai, locust mở các trang của "
                                 "bảng đo với --load-users người cùng lúc (chỉ đo các trang khi có --pages)")
        parser.add_argument("--load-users", type=int, nargs="+", default=[8, 32], help="số người cùng lúc khi đo tải")
        parser.add_argument("--load-seconds", type=int, default=60, help="số giây mỗi lượt đo tải")
        parser.add_argument("--load-without", nargs="+", default=[],
                            help="bỏ các trang này khỏi hỗn hợp đo tải (để thấy phần còn lại chịu tải ra sao)")
        parser.add_argument("--export", action="store_true",
                            help="với --national: đo việc nền xuất Excel danh sách đề nghị --export-rows dòng "
                                 "(thời gian, đỉnh bộ nhớ; chỉ đo các trang khi có --pages)")
        parser.add_argument("--export-rows", type=int, default=100_000, help="số dòng khi đo --export")

    def handle(self, *args, people, repeat, excel=False, rows=(), dossiers=False, lines=200, national=False,
               **options):
        if national:
            return self._measure_national(repeat, options)
        if excel:
            return self._measure_excel(rows)
        if dossiers:
            return self._measure_dossiers(lines)
        province = Unit.objects.filter(kind__in=["province", "city"], valid_to__isnull=True).order_by("code").first()
        if province is None:
            raise CommandError("Chưa có cây đơn vị: hãy chạy 'python manage.py load_units' trước.")
        started = time.perf_counter()
        report = load_administrative_tree()
        self.stdout.write(f"load_units (lần chạy lại): {time.perf_counter() - started:.1f} s, "
                          f"{report.changes} thay đổi")
        results = {}
        try:
            with transaction.atomic():
                results = self._measure_pages(province, people, repeat)
                raise _Rollback
        except _Rollback:
            pass
        failed = False
        for name, timings in results.items():
            median = statistics.median(timings)
            ok = median <= TARGETS_MS[name]
            failed |= not ok
            self.stdout.write(f"{name:<14} trung vị {median:6.1f} ms, p95 {_p95(timings):6.1f} ms "
                              f"(mục tiêu ≤ {TARGETS_MS[name]} ms) {'đạt' if ok else 'KHÔNG ĐẠT'}")
        if failed:
            raise CommandError("Có trang chưa đạt mục tiêu tốc độ.")

    def _measure_national(self, repeat, options):
        from awards.benchmarks import dataset, measure, pages

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor}")
        try:
            with override_settings(DEBUG=False):
                parameters, build = dataset.build(options["scale"], options["seed"], write=self.stdout.write)
        except dataset.DatasetRefused as error:
            raise CommandError(str(error)) from None
        extra = {}
        if options["load"]:
            extra["load"] = self._measure_load(pages.pages(), options)
        if options["export"]:
            extra["export"] = self._measure_export(options["export_rows"])
        results = []
        if options["pages"] or not (options["load"] or options["export"]):
            self.stdout.write(f"Đo {repeat} lần mỗi trang (sau 2 lần làm nóng):")
            self.stdout.write(measure.HEADER)
            results = measure.measure(pages.pages(only=options["pages"]), repeat, write=self.stdout.write)
        if options["json"]:
            measure.write_json(options["json"], parameters=parameters, build=build, results=results)
            if extra:
                _add_to_json(options["json"], extra)
            self.stdout.write(f"Đã ghi {options['json']}")
        failed = [r["name"] for r in results if not (r["p95_ok"] and r["ratio_ok"])]
        if options["explain"]:
            clients = {}
            for page in pages.pages(only=[r["name"] for r in results if not r["p95_ok"]]):
                self.stdout.write(f"{page.name}:")
                for line in measure.explain_slowest(page, clients):
                    self.stdout.write(line)
        if results:
            self.stdout.write(f"{len(results) - len(failed)}/{len(results)} trang đạt mục tiêu"
                              + (f"; chưa đạt: {', '.join(failed)}" if failed else ""))

    def _measure_load(self, page_list, options):
        from awards.benchmarks import load

        self.stdout.write(f"Đo tải: {options['load_seconds']} s mỗi lượt, {', '.join(map(str, options['load_users']))}"
                          " người cùng lúc:")
        if options["load_without"]:
            self.stdout.write(f"Không mở: {', '.join(options['load_without'])}")
        results = load.run(page_list, users=options["load_users"], seconds=options["load_seconds"],
                           without=options["load_without"], write=self.stdout.write)
        return results

    def _measure_export(self, rows):
        from awards.benchmarks import export

        self.stdout.write(f"Xuất Excel {rows:,} dòng".replace(",", ".")
                          + " bằng việc nền (tiến trình riêng, dữ liệu tạm được hoàn tác):")
        result = export.measure_in_child(rows)
        self.stdout.write(export.row(result))
        return result

    def _measure_dossiers(self, lines):
        from awards.demo.dossier_benchmark import measure_dossier

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor}")
        try:
            with override_settings(DEBUG=False), transaction.atomic():
                measure_dossier(lines, self.stdout.write)
                raise _Rollback
        except _Rollback:
            pass
        except ValueError as error:
            raise CommandError(str(error)) from None

    def _measure_excel(self, sizes):
        from awards.demo.excel_benchmark import measure_excel

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor}")
        try:
            # As in production: with DEBUG on, Django keeps the text of the last 9,000 queries,
            # which for bulk inserts is hundreds of megabytes no server would hold.
            with override_settings(DEBUG=False), transaction.atomic():
                measure_excel(sizes, self.stdout.write)
                raise _Rollback
        except _Rollback:
            pass

    def _measure_pages(self, province, people, repeat):
        communes = list(Unit.objects.subtree_of(province).in_force().exclude(pk=province.pk)[:200])
        started = time.perf_counter()
        _make_people(communes, people)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would have gathered them on a live database.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Person._meta.db_table}")
        self.stdout.write(f"Tạo {people:,} cá nhân giả lập".replace(",", ".")
                          + f": {time.perf_counter() - started:.1f} s")
        user = User.objects.create_user(username="benchmark-tam-thoi", is_superuser=True, is_staff=True)
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        urls = {
            "person_list": reverse("units:person_list"),
            "person_search": reverse("units:person_list") + "?q=nguyen+van+hung",
            "unit_search": reverse("units:unit_list") + "?q=ha+hoa&lich_su=1",
            "unit_detail": reverse("units:unit_detail", args=[province.pk]),
        }
        results = {}
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for name, url in urls.items():
                client.get(url)  # warm
                timings = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
                results[name] = timings
        return results


def _add_to_json(path, extra):
    import json
    from pathlib import Path

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data.update(extra)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _make_people(units, count):
    rng = random.Random(7)
    batch = []
    for i in range(count):
        gender = "male" if i % 2 else "female"
        name = " ".join([rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES[gender]), rng.choice(GIVEN_NAMES[gender])])
        batch.append(Person(full_name=name, search_key=fold(name), gender=gender, unit=units[i % len(units)],
                            date_of_birth=datetime.date(1960 + i % 40, 1 + i % 12, 1 + i % 28)))
        if len(batch) == 5000:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)


def _p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
