"""The load run of the national benchmark: the portal as deployed, worked by many people at once.

gunicorn serves the portal as run.sh of the load test deploys it (DEBUG off, two workers of four
threads) on loopback, on the benchmark's own database; locust (awards/benchmarks/locust/national_mix.py) opens
the benchmark's pages, each as a user of its role, for ``seconds`` at each number of concurrent users.
The sessions are written straight into the database beforehand, past the second step for the roles
that owe it, so the run measures pages, not logins (the login journey is tests/load's business).
Throughput, p95 and errors are read back from locust's CSV. Locust runs on the same machine and
takes part of its cores: the figures are the server's under that handicap.
"""

import csv
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.db.models import Count
from django.test.utils import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from units.session_limits import SEEN, STARTED
from units.two_factor import AUTHENTICATOR_NAME, authenticator_of, requires_two_factor

from awards.benchmarks.pages import Page

TARGET_RPS = 100
TARGET_P95_MS = 500
TARGET_AT_USERS = 32
# A folder, not a package: importing locust patches the process's threading, so no import of the portal's
# packages (a test walks them all) may reach it; locust loads it by path in a process of its own.
MIX_FILE = Path(__file__).with_name("locust") / "national_mix.py"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def mix(pages: list[Page]) -> list[dict]:
    """The pages the visitors open: every page of the report reached by a URL, plus a nominee list
    (its lines with their eligibility), which the report times as a call to the engine instead."""
    from awards.models import NominationList

    chosen = [{"name": p.name, "url": p.url, "user": p.user, "weight": 1} for p in pages if p.url]
    clerk = next((p.user for p in pages if p.name == "plan_list"), None)
    if clerk is not None:
        biggest = (NominationList.objects.visible_to(clerk).annotate(n=Count("lines")).order_by("-n", "pk")
                   .first())
        if biggest is not None:
            chosen.append({"name": "nomination_list", "url": reverse("awards:nomination_list_detail",
                                                                     args=[biggest.pk]), "user": clerk, "weight": 1})
    return chosen


def write_sessions(users, secret_key: str) -> dict:
    """A database session for each user, logged in and past the second step; {username: session key}."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    now = int(time.time())
    sessions = {}
    with override_settings(SECRET_KEY=secret_key):
        for user in users:
            session = store()
            session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), BACKEND
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session[STARTED] = session[SEEN] = now
            if requires_two_factor(user):
                device = authenticator_of(user) or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME,
                                                                             confirmed=True)
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.create()
            sessions[user.username] = session.session_key
    return sessions


def forget_sessions(sessions: dict) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in sessions.values():
        store(session_key=key).delete()


def write_mix(path: Path, pages: list[dict], sessions: dict) -> None:
    import json

    data = {"cookie_name": settings.SESSION_COOKIE_NAME, "sessions": sessions,
            "pages": [{"name": p["name"], "url": p["url"], "weight": p["weight"],
                       "session": p["user"].username if p["user"] else ""} for p in pages]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def server_environment(scratch: Path, secret_key: str, port: int) -> dict:
    """The environment of the deployed portal (as tests/load/run.sh sets it), on this benchmark's database."""
    env = dict(os.environ)
    env.update(DEBUG="false", SECRET_KEY=secret_key, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false",
               SECURE_COOKIES="false", TRUSTED_PROXIES="127.0.0.1/32", MEDIA_ROOT=str(scratch / "media"),
               PRIVATE_MEDIA_ROOT=str(scratch / "private"), JOB_SCRATCH_ROOT=str(scratch / "jobs"),
               JOB_CACHE_DIR=str(scratch / "jobs-cache"), STATIC_ROOT=str(scratch / "static"))
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(connection.settings_dict["NAME"])
    return env


def _wait_until_up(url, process, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn đã dừng khi khởi động (xem nhật ký của nó).")
        try:
            urllib.request.urlopen(url, timeout=2).close()  # nosec B310: the benchmark's own server on loopback
            return
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"gunicorn trả lời {error.code} ở {url}.") from None
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn không trả lời sau 60 giây.")


def _warm(host, chosen, sessions) -> None:
    """Each page opened twice before the clock runs (both workers load their templates and caches)."""
    for page in chosen * 2:
        request = urllib.request.Request(host + page["url"], headers={"X-Forwarded-For": "10.77.255.1"})
        if page["user"] is not None:
            request.add_header("Cookie", f"{settings.SESSION_COOKIE_NAME}={sessions[page['user'].username]}")
        try:
            urllib.request.urlopen(request, timeout=60).close()  # nosec B310: the benchmark's own server, loopback
        except OSError:
            pass  # counted as a failure by the run itself


def read_stats(csv_path: Path) -> dict:
    """The totals of a locust run from its ``_stats.csv``: requests, failures, requests/s, median, p95."""
    with open(csv_path, encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    slowest = sorted(((float(r["95%"] or 0), name) for name, r in rows.items() if name != "Aggregated"),
                     reverse=True)[:3]
    return {"requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
            "rps": round(float(total["Requests/s"]), 1), "median_ms": float(total["50%"] or 0),
            "p95_ms": float(total["95%"] or 0), "slowest_p95": [f"{name} {p95:.0f} ms" for p95, name in slowest]}


def run(pages: list[Page], *, users=(8, 32), seconds=60, port=8791, workers=2, threads=4, without=(),
        write=lambda line: None) -> list[dict]:
    """Serve the portal with gunicorn and drive it with locust at each number of ``users``; one result each
    (``without``: names of pages left out of the mix)."""
    bin_dir = Path(sys.executable).parent
    secret_key = secrets.token_hex(32)
    chosen = [page for page in mix(pages) if page["name"] not in without]
    users_of_pages = {p["user"].pk: p["user"] for p in chosen if p["user"] is not None}
    sessions = write_sessions(users_of_pages.values(), secret_key)
    results = []
    with tempfile.TemporaryDirectory(prefix="national-load-") as folder:
        scratch = Path(folder)
        mix_path = scratch / "mix.json"
        write_mix(mix_path, chosen, sessions)
        env = server_environment(scratch, secret_key, port)
        log = open(scratch / "gunicorn.log", "w+", encoding="utf-8")
        # The deployed portal serves its static files from a manifest that collectstatic writes.
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=settings.BASE_DIR,
                       env=env, check=True, stdout=log, stderr=subprocess.STDOUT)
        server = subprocess.Popen(
            [str(bin_dir / "gunicorn"), "config.wsgi", "--workers", str(workers), "--threads", str(threads),
             "--keep-alive", "20", "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        host = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(host + reverse("login"), server)
            write(f"Mỗi người mở liên tiếp (không nghỉ) {len(chosen)} trang, ngẫu nhiên đều; gunicorn {workers} "
                  f"tiến trình × {threads} luồng, DEBUG tắt, locust chạy cùng máy.")
            write(HEADER)
            _warm(host, chosen, sessions)
            for count in users:
                prefix = scratch / f"locust-{count}"
                subprocess.run(
                    [str(bin_dir / "locust"), "-f", str(MIX_FILE), "--headless", "--only-summary", "-u", str(count),
                     "-r", str(count), "-t", f"{seconds}s", "--host", host, "--csv", str(prefix),
                     "--loglevel", "ERROR"],
                    cwd=settings.BASE_DIR, env=env | {"NATIONAL_LOAD_MIX": str(mix_path)},
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                result = {"users": count, "seconds": seconds, "without": list(without),
                          **read_stats(Path(f"{prefix}_stats.csv"))}
                result["ok"] = verdict(result)
                results.append(result)
                write(row(result))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            log.seek(0)
            errors = [line.rstrip() for line in log if "Traceback" in line or "ERROR" in line]
            log.close()
            forget_sessions(sessions)
    if errors:
        write(f"Nhật ký gunicorn có {len(errors)} dòng lỗi, đầu tiên: {errors[0]}")
    return results


def verdict(result) -> bool | None:
    """Whether a run meets the target (only the run at TARGET_AT_USERS is judged; None for the others)."""
    if result["users"] != TARGET_AT_USERS:
        return None
    return result["rps"] >= TARGET_RPS and result["p95_ms"] <= TARGET_P95_MS and result["failures"] == 0


HEADER = f"{'người':>6} {'giây':>5} {'yêu cầu':>8} {'lỗi':>5} {'yêu cầu/s':>10} {'trung vị':>9} {'p95':>7}  mục tiêu"


def row(result) -> str:
    ok = result["ok"]
    judged = "" if ok is None else (f"≥ {TARGET_RPS}/s, p95 ≤ {TARGET_P95_MS} ms, không lỗi: "
                                    + ("đạt" if ok else "KHÔNG ĐẠT"))
    return (f"{result['users']:6d} {result['seconds']:5d} {result['requests']:8d} {result['failures']:5d} "
            f"{result['rps']:10.1f} {result['median_ms']:9.0f} {result['p95_ms']:7.0f}  {judged}"
            f"  (p95 cao nhất: {', '.join(result['slowest_p95'])})")
