"""The plumbing of the national benchmark's load run and long export: the locust file lists the benchmark's
pages, the sessions written for it open every page (past the second step), locust's totals are read back,
and the export measured as the job does it reports progress and its figures."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from awards.benchmarks import dataset, export, load, pages
from awards.benchmarks.load import MIX_FILE

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x" * 50
EXPECTED = {"home_tinh_lanhdao", "inbox_tinh_lanhdao", "home_xa_canbo", "inbox_tw_thamdinh", "dossier_list",
            "dossier_list_received", "dossier_200_lines", "plan_list", "plan_page", "person_search", "person_picker",
            "award_book", "statistics", "statutory_form", "public_decisions", "nomination_list"}


class _Rollback(Exception):
    pass


def test_the_mix_lists_the_pages_and_its_sessions_open_each_of_them(tree, tmp_path):
    try:
        with transaction.atomic():
            dataset.build(0.0002, seed=7)
            chosen = load.mix(pages.pages())
            users = {p["user"].pk: p["user"] for p in chosen if p["user"] is not None}
            sessions = load.write_sessions(users.values(), SECRET)
            load.write_mix(tmp_path / "mix.json", chosen, sessions)
            names = _pages_locust_sees(tmp_path / "mix.json")
            assert set(names) >= EXPECTED and not any(name.startswith("eligibility") for name in names)
            assert names == [p["name"] for p in chosen]
            mix = json.loads((tmp_path / "mix.json").read_text(encoding="utf-8"))
            assert mix["cookie_name"] == "sessionid"
            with override_settings(SECRET_KEY=SECRET, DEBUG=False):
                for page in mix["pages"]:
                    client = Client(HTTP_X_FORWARDED_FOR="10.77.0.1")
                    if page["session"]:
                        client.cookies["sessionid"] = sessions[page["session"]]
                    response = client.get(page["url"])
                    assert response.status_code == 200, (page["name"], response.status_code, response.get("Location"))
            load.forget_sessions(sessions)
            raise _Rollback
    except _Rollback:
        pass


def _pages_locust_sees(mix_path):
    """The page names of the locust file as locust imports it: in a process of its own (locust patches the
    standard library for gevent when imported, which a Django test process must not undergo)."""
    script = ("import json, runpy, sys; mix = runpy.run_path(sys.argv[1]); "
              "print(json.dumps(mix['page_names']()))")
    done = subprocess.run([sys.executable, "-c", script, str(MIX_FILE)], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, NATIONAL_LOAD_MIX=str(mix_path)), timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_locust_totals_are_read_back_and_judged_at_32_users(tmp_path):
    columns = ("Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
               "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
               "99.99%,100%")
    (tmp_path / "run_stats.csv").write_text("\n".join([
        columns,
        "GET,home,3000,0,40,50,5,900,20000,50.0,0.0,40,50,60,70,90,300,400,500,800,900,900",
        "GET,statistics,3600,0,80,90,5,900,20000,60.0,0.0,80,90,100,110,190,450,500,600,800,900,900",
        ",Aggregated,6600,0,60,70,5,900,20000,110.04,0.0,60,70,80,90,150,420,450,550,800,900,900"]),
        encoding="utf-8")
    stats = load.read_stats(tmp_path / "run_stats.csv")
    assert (stats["requests"], stats["failures"], stats["rps"], stats["p95_ms"]) == (6600, 0, 110.0, 420.0)
    assert stats["slowest_p95"][0] == "statistics 450 ms"
    assert load.verdict({"users": 32, **stats}) is True and load.verdict({"users": 8, **stats}) is None
    assert load.verdict({"users": 32, **stats, "failures": 1}) is False
    assert "đạt" in load.row({"users": 32, "seconds": 60, **stats, "ok": True})


def test_the_long_export_is_measured_as_the_job_does_it(tree):
    result = export.measure(120)
    assert result["rows"] == 120 and [f["form"] for f in result["forms"]] == ["printable", "template"]
    for form in result["forms"]:
        assert form["last_reported"] == 120 and form["progress_reports"] >= 2
        assert form["file_kb"] >= 0 and form["rss_peak_mb"] >= form["rss_start_mb"] > 0
    assert "dựng 120 dòng" in export.row(result)


def test_the_command_writes_the_export_figures_into_its_json(tree, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "measure_in_child", export.measure)  # the test database is not the child's
    out = io.StringIO()
    call_command("benchmark", "--national", "--scale", "0.0002", "--export", "--export-rows", "40",
                 "--json", str(tmp_path / "out.json"), stdout=out)
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["pages"] == [] and data["export"]["rows"] == 40 and "bản in (6 cột)" in out.getvalue()
