"""The portal scaled out on loopback (deploy/scale_demo.sh): two app servers, two RQ workers, PostgreSQL, Redis
and an S3 bucket (moto). Runs where those services answer on this machine and is skipped, saying which
is missing, elsewhere; once per CI run (in the SQLite pass: the demo makes a PostgreSQL database of its own)."""

import os
import shutil
import socket
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def missing():
    if os.environ.get("DATABASE_URL"):
        return "runs once, in the pass without DATABASE_URL (it makes its own PostgreSQL database)"
    if not answers(5432) or shutil.which("psql") is None:
        return "no PostgreSQL (and psql) at 127.0.0.1:5432"
    if not answers(6379):
        return "no Redis at 127.0.0.1:6379"
    if find_spec("moto") is None or find_spec("storages") is None:
        return "moto[server] and django-storages are not installed"
    return ""


@pytest.mark.skipif(bool(missing()), reason=missing() or "services present")
def test_a_dossier_sent_on_one_app_server_is_decided_on_another_and_its_pack_comes_from_the_bucket():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env["BIN"] = str(Path(sys.executable).parent)
    run = subprocess.run(["bash", "deploy/scale_demo.sh"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "app B sent the same bytes" in output and "OK in" in output, output
    assert "Đã dừng mọi tiến trình" in output
