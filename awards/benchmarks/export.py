"""The long Excel export of the national benchmark (``manage.py benchmark --national --export``).

A list of ``rows`` lines is made in a transaction rolled back at the end (synthetic people of a
synthetic commune, as ``benchmark --excel`` makes them), then exported by the job's own work
(awards.services.nominee_export_jobs.export_for_job) in both forms: the printable list and the
template's columns. Each export is timed, its progress reports counted, and its memory taken by
sampling the process's resident size every 10 ms while it runs: the peak, and how far above the
size at its start it went (the export's own memory). It runs in a child process, so that what the
benchmark did before (hundreds of pages) does not weigh on the figures.
"""

import ctypes
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from units.jobs import Progress

TARGET_SECONDS = 10
TARGET_MB = 100
MARK = "EXPORT-RESULT "


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _PeakMemory(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.start_mb = self.peak_mb = _rss_mb()
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(0.01):
            self.peak_mb = max(self.peak_mb, _rss_mb())

    def stop(self):
        self.stopped.set()
        self.join()
        self.peak_mb = max(self.peak_mb, _rss_mb())


def _release_memory() -> None:
    """Give back what making the list took, so the export starts from about a worker's own size."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the start size stays higher, the growth is still the export's


class _CountedProgress(Progress):
    """The job's progress, each report also counted."""

    def __init__(self, *args):
        super().__init__(*args)
        self.reports = []

    def report(self, done, total=None, message=None):
        self.reports.append(done)
        super().report(done, total, message)


class _Rollback(Exception):
    pass


def measure(rows: int) -> dict:
    """Make a list of ``rows`` lines, export it in both forms as the job does, undo everything; the figures."""
    from units.models import Job, Person

    from awards.demo.excel_benchmark import SUMMARY, _synthetic_unit
    from awards.models import AwardType, NominationLine
    from awards.services import nominations
    from awards.services.nominee_export_jobs import PRINTABLE, TEMPLATE, export_for_job

    result = {"rows": rows, "forms": []}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            unit, clerk = _synthetic_unit(rows)
            listed = nominations.create_list(actor=clerk, unit=unit, year=2024, title=f"Xuất {rows}")
            award = AwardType.objects.get(code="LDTT")
            people = Person.objects.filter(unit=unit).order_by("pk").values_list("pk", flat=True)
            for start in range(0, rows, 5_000):
                NominationLine.objects.bulk_create([
                    NominationLine(nomination_list=listed, year=listed.year, person_id=pk, award=award,
                                   summary=SUMMARY) for pk in people[start:start + 5_000]])
            result["setup_seconds"] = round(time.perf_counter() - started, 1)
            for form in (PRINTABLE, TEMPLATE):
                job = Job.objects.create(kind=Job.Kind.NOMINEE_EXPORT, owner=clerk, subject=listed,
                                         payload={"form": form}, total=rows, state=Job.State.RUNNING)
                with tempfile.TemporaryDirectory(dir=settings.JOB_SCRATCH_ROOT if Path(
                        settings.JOB_SCRATCH_ROOT).is_dir() else None) as scratch:
                    progress = _CountedProgress(job, Path(scratch))
                    _release_memory()
                    memory = _PeakMemory()
                    memory.start()
                    t0, cpu0 = time.perf_counter(), time.process_time()
                    outcome = export_for_job(job, progress)
                    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
                    memory.stop()
                    size = outcome.path.stat().st_size
                result["forms"].append({
                    "form": form, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "file_kb": size // 1024,
                    "progress_reports": len(progress.reports), "last_reported": progress.done,
                    "rss_start_mb": round(memory.start_mb, 1), "rss_peak_mb": round(memory.peak_mb, 1),
                    "grown_mb": round(memory.peak_mb - memory.start_mb, 1),
                    "ok": seconds <= TARGET_SECONDS and memory.peak_mb - memory.start_mb <= TARGET_MB,
                })
            raise _Rollback
    except _Rollback:
        pass
    return result


def child_main(rows: int) -> None:
    """The child process's entry: measure and print the figures on one marked line."""
    print(MARK + json.dumps(measure(rows)), flush=True)


def measure_in_child(rows: int) -> dict:
    """``measure(rows)`` in a fresh process on the same database and settings."""
    code = ("import django; django.setup(); from awards.benchmarks.export import child_main; "
            f"child_main({int(rows)})")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"))
    from django.db import connection

    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(connection.settings_dict["NAME"])
    done = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True,
                          text=True, check=False)
    line = next((line for line in done.stdout.splitlines() if line.startswith(MARK)), None)
    if done.returncode or line is None:
        raise RuntimeError(f"Đo xuất Excel không thành công:\n{done.stderr[-2000:]}")
    return json.loads(line[len(MARK):])


NAMES = {"printable": "bản in (6 cột)", "template": "cột tệp mẫu (8 cột)"}


def _n(number) -> str:
    return f"{number:,}".replace(",", ".")


def row(result) -> str:
    lines = [f"  dựng {_n(result['rows'])} dòng: {result['setup_seconds']} s (hoàn tác sau khi đo)"]
    for form in result["forms"]:
        lines.append(
            f"  {NAMES[form['form']]:<22} {form['seconds']:6.1f} s (CPU {form['cpu_seconds']:.1f} s), "
            f"{_n(form['file_kb'])} KB; bộ nhớ đỉnh "
            f"{form['rss_peak_mb']:.0f} MB (tăng {form['grown_mb']:.0f} MB trong lúc xuất); "
            f"{form['progress_reports']} lần báo tiến độ, đến dòng {_n(form['last_reported'])}; "
            f"mục tiêu ≤ {TARGET_SECONDS} s, ≤ {TARGET_MB} MB: {'đạt' if form['ok'] else 'KHÔNG ĐẠT'}")
    return "\n".join(lines)
