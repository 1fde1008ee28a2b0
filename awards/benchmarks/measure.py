"""The timing loop of the national benchmark, its table and its JSON.

Each page is opened twice to warm the process, the template and query caches, then ``repeat`` times timed;
its queries are counted on one more request (counting them slows the request, so not while timing). Its
floor is run the same way. The report gives median and p95 of both, the queries per request, the ratio
page / floor (of the medians) and whether the page meets its targets: p95 within its bound (100 ms, 50 ms
for the person search and picker) and the median within four times its floor.
"""

import json
import statistics
import time
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from units.two_factor import AUTHENTICATOR_NAME, authenticator_of, requires_two_factor

from awards.benchmarks.pages import FLOOR_RATIO, Page, run_floor


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * 0.95) - 1))]


def _timed(call, repeat):
    call()
    call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _client(user, clients):
    """A client logged in as ``user`` (past the second step for the roles that owe it), one per user."""
    key = user.pk if user is not None else None
    if key not in clients:
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            if requires_two_factor(user):
                device = authenticator_of(user) or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME,
                                                                             confirmed=True)
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
        clients[key] = client
    return clients[key]


def _request(client, url):
    def call():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return response
    return call


def measure_page(page: Page, repeat: int, clients: dict) -> dict:
    call = page.call or _request(_client(page.user, clients), page.url)
    timings = _timed(call, repeat)
    with CaptureQueriesContext(connection) as queries:
        call()
    floor = _timed(lambda: run_floor(*page.floor), repeat)
    median, floor_median = statistics.median(timings), statistics.median(floor)
    ratio = median / floor_median if floor_median else None
    return {
        "name": page.name, "url": page.url, "user": page.user.username if page.user else "",
        "note": page.note, "repeat": repeat, "median_ms": round(median, 2), "p95_ms": round(p95(timings), 2),
        "queries": len(queries), "floor_median_ms": round(floor_median, 3), "floor_p95_ms": round(p95(floor), 3),
        "ratio": round(ratio, 1) if ratio is not None else None, "target_p95_ms": page.target_ms,
        "target_ratio": FLOOR_RATIO, "p95_ok": p95(timings) <= page.target_ms,
        "ratio_ok": ratio is not None and ratio <= FLOOR_RATIO,
    }


def measure(pages, repeat, *, write=lambda line: None) -> list[dict]:
    clients, results = {}, []
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for page in pages:
            results.append(measure_page(page, repeat, clients))
            write(row(results[-1]))
    return results


HEADER = (f"{'trang':<24} {'trung vị':>9} {'p95':>8} {'truy vấn':>8} {'sàn tv':>8} {'sàn p95':>8} "
          f"{'tỉ lệ':>6}  mục tiêu")


def row(result) -> str:
    verdict = "đạt" if result["p95_ok"] and result["ratio_ok"] else "KHÔNG ĐẠT " + ", ".join(
        what for what, ok in (("p95", result["p95_ok"]), ("×sàn", result["ratio_ok"])) if not ok)
    ratio = f"{result['ratio']:.1f}" if result["ratio"] is not None else "-"
    return (f"{result['name']:<24} {result['median_ms']:9.1f} {result['p95_ms']:8.1f} {result['queries']:8d} "
            f"{result['floor_median_ms']:8.2f} {result['floor_p95_ms']:8.2f} {ratio:>6}  "
            f"p95 ≤ {result['target_p95_ms']} ms, ≤ {result['target_ratio']}× sàn: {verdict}")


def write_json(path, *, parameters, build, results) -> None:
    data = {"database": connection.vendor, "parameters": parameters, "build": build, "pages": results}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def explain_slowest(page: Page, clients: dict, count: int = 2) -> list[str]:
    """The ``count`` slowest queries of one request of ``page`` with the database's plan for each (EXPLAIN)."""
    call = page.call or _request(_client(page.user, clients), page.url)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]), CaptureQueriesContext(connection) as queries:
        call()
    lines = []
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:count]:
        sql = query["sql"]
        lines.append(f"  {float(query['time']) * 1000:.1f} ms: {sql[:600]}")
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        try:
            with connection.cursor() as cursor:
                # The captured text has its parameters already inlined by the database driver.
                cursor.execute(prefix + sql)
                lines += ["    " + " ".join(str(v) for v in row) for row in cursor.fetchall()]
        except Exception as error:  # noqa: BLE001 — a query that cannot be explained as captured is reported so
            lines.append(f"    (không lấy được kế hoạch: {error})")
    return lines
