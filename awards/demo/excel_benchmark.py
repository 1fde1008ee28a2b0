"""Timing the Excel round-trip of nominee lists on synthetic data (``manage.py benchmark --excel``).

The caller runs this inside a transaction it rolls back, so it can be pointed at a real database.
Memory is reported two ways: tracemalloc's peak (Python objects only, measured in a second,
slower run) and the growth of the process's peak resident size (ru_maxrss, everything,
including C buffers — but a high-water mark, so it only shows what exceeds earlier peaks: the
export is measured first, before any import has raised it).
"""

import datetime
import random
import resource
import tempfile
import time
import tracemalloc

from django.db import connection

from units.models import Membership, Person, Posting, Unit, User
from units.text import fold

from awards.demo.people import FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES
from awards.documents.nominee_workbook import write_workbook
from awards.documents.standard_list import write_standard_list
from awards.models import AwardType, NominationLine
from awards.services import nominations
from awards.services.nominee_imports import import_nominee_rows, vi_count

POSITIONS = ["Chuyên viên", "Phó Trưởng phòng", "Trưởng phòng", "Kế toán", "Văn thư", "Giáo viên"]
SUMMARY = ("Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia các phong trào thi đua, "
           "có sáng kiến cải tiến trong công tác chuyên môn.")


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def measure_excel(sizes, write):
    """Time the printable export, the template export and the import for each size; ``write(line)`` reports."""
    largest = max(sizes)
    started = time.perf_counter()
    unit, clerk = _synthetic_unit(largest)
    write(f"Tạo {vi_count(largest)} cá nhân giả lập (kèm quá trình công tác): {time.perf_counter() - started:.1f} s")
    award = AwardType.objects.get(code="LDTT")
    people = Person.objects.filter(unit=unit).order_by("pk")
    # The largest export first: ru_maxrss only rises. Each list has its own year (a person is
    # proposed for an award once a year), recent enough for the standards to be in force.
    for index, size in enumerate(sorted(sizes, reverse=True)):
        listed = nominations.create_list(actor=clerk, unit=unit, year=2024 - index, title=f"Xuất {size}")
        _lines(listed, people.values_list("pk", flat=True)[:size], award)
        _analyze()
        before, t0 = _rss_mb(), time.perf_counter()
        with tempfile.TemporaryFile() as out:
            write_standard_list(listed, out)
            kb = out.tell() // 1024
        seconds, grown = time.perf_counter() - t0, _rss_mb() - before
        tracemalloc.start()
        with tempfile.TemporaryFile() as out:
            write_standard_list(listed, out)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        write(f"Xuất danh sách in {vi_count(size)} dòng: {seconds:.1f} s, {kb} KB; đỉnh bộ nhớ Python "
              f"(tracemalloc) {peak:.1f} MB, ru_maxrss tăng {grown:.1f} MB (từ {before:.0f} MB)")
        t0 = time.perf_counter()
        with tempfile.TemporaryFile() as out:
            write_workbook(listed, _template_rows(people[:size]), out)
            data_size = out.tell()
            out.seek(0)
            data = out.read()
        write(f"Xuất theo cột tệp mẫu {vi_count(size)} dòng: {time.perf_counter() - t0:.1f} s, "
              f"{data_size // 1024} KB")
        target = nominations.create_list(actor=clerk, unit=unit, year=2026 - index, title=f"Nhập {size}")
        for attempt in ("lần đầu", "lần hai"):
            before, t0 = _rss_mb(), time.perf_counter()
            result = import_nominee_rows(target, data, actor=clerk)
            seconds = time.perf_counter() - t0
            assert result.ok, result.errors[:3]
            write(f"Nhập {vi_count(size)} dòng ({attempt}): {seconds:.1f} s "
                  f"({seconds / size * 1000:.2f} ms/dòng), thêm mới {vi_count(result.created)}, "
                  f"đã có {vi_count(result.present)}; ru_maxrss tăng {_rss_mb() - before:.0f} MB")
    write(f"ru_maxrss cuối cùng: {_rss_mb():.0f} MB")


def _synthetic_unit(count):
    unit = Unit.objects.create(name="Xã Đo Tốc Độ", short_name="Đo Tốc Độ", kind=Unit.Kind.COMMUNE,
                               code="BENCH1")
    clerk = User.objects.create_user(username="benchmark-excel-tam-thoi", full_name="Cán bộ đo")
    Membership.objects.create(user=clerk, unit=unit, role=Membership.Role.CLERK)
    rng = random.Random(11)
    for start in range(0, count, 5_000):
        batch = []
        for i in range(start, min(count, start + 5_000)):
            gender = "male" if i % 2 else "female"
            name = " ".join([rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES[gender]),
                             rng.choice(GIVEN_NAMES[gender])])
            batch.append(Person(full_name=name, search_key=fold(name), gender=gender, unit=unit, cccd=f"09{i:010d}",
                                position=POSITIONS[i % len(POSITIONS)]))
        Person.objects.bulk_create(batch)
        Posting.objects.bulk_create([Posting(person=p, unit=unit, position=p.position,
                                             start_date=datetime.date(2025, 7, 1)) for p in batch])
    return unit, clerk


def _lines(nomination_list, person_ids, award):
    batch = []
    for pk in person_ids.iterator(chunk_size=5_000):
        batch.append(NominationLine(nomination_list=nomination_list, year=nomination_list.year, person_id=pk,
                                    award=award, summary=SUMMARY))
        if len(batch) == 5_000:
            NominationLine.objects.bulk_create(batch)
            batch = []
    NominationLine.objects.bulk_create(batch)


def _template_rows(people):
    for cccd, name in people.values_list("cccd", "full_name").iterator(chunk_size=5_000):
        yield [cccd, name, None, None, None, "LDTT", None, SUMMARY]


def _analyze():
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have gathered them on a live database.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
