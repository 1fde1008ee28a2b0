"""Faults the portal cannot prevent: each leaves the data as it was and tells the user so.

The database connection killed in the middle of a transition (PostgreSQL's pg_terminate_backend),
a job worker killed in the middle of an import, a disk that fills up during an upload (a real
tmpfs of a few hundred kilobytes, mounted for the test).
"""

import subprocess
import time

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from units.jobs import live
from units.models import Job

from awards.models import Dossier, NominationAttachment, NomineeImport
from awards.rules.hash_chain import verify_all
from awards.services import nominations

from tests.awards.dossier_factories import load_rule_rows
from tests.awards.nominee_files import filled, many_people, rows_for, upload
from tests.awards.pdf_files import pdf_upload, tiny_pdf
from tests.job_workers import job_worker, wait_for  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def rule_rows(transactional_db):
    # Committed tests share tables that the flush between them empties; the catalogue is loaded again.
    load_rule_rows()


def kill_own_backend_before(table):
    """An execute wrapper that ends this connection's PostgreSQL backend just before a write to ``table``."""
    fired = []

    def wrapper(execute, sql, params, many, context):
        if not fired and sql.lstrip().upper().startswith("INSERT") and f'"{table}"' in sql:
            fired.append(sql)
            pid = context["connection"].connection.info.backend_pid
            settings = context["connection"].settings_dict
            with psycopg.connect(host=settings["HOST"] or None, port=settings["PORT"] or None,
                                 user=settings["USER"] or None, password=settings["PASSWORD"] or None,
                                 dbname=settings["NAME"], autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return execute(sql, params, many, context)

    return wrapper, fired


def test_a_transition_whose_connection_is_killed_midway_changes_nothing_and_can_be_done_again(
        login, province_clerk, submitted_dossier):
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend ends a PostgreSQL connection; SQLite has no server to lose")
    before = Dossier.objects.get(pk=submitted_dossier.pk)
    events = before.events.count()
    client = login(province_clerk)
    url = reverse("awards:dossier_receive", args=[before.pk])
    data = {"tiep-nhan-comment": "Đủ thành phần.", "version": before.version}
    wrapper, fired = kill_own_backend_before("awards_dossierevent")

    with connection.execute_wrapper(wrapper):
        response = client.post(url, data)

    assert fired, "the transition never reached its event"
    assert response.status_code == 503
    page = response.content.decode()
    assert "Mất kết nối tới cơ sở dữ liệu" in page and "chưa được ghi" in page
    connection.close()
    after = Dossier.objects.get(pk=before.pk)
    assert (after.status, after.received_by_id, after.version) == (before.status, before.received_by_id,
                                                                     before.version)
    assert after.events.count() == events
    assert all(problem is None for _dossier, problem in verify_all(Dossier.objects.all()))

    again = client.post(url, data)

    assert again.status_code == 302
    assert Dossier.objects.get(pk=before.pk).status != before.status


def test_an_import_whose_worker_is_killed_midway_writes_no_line_and_says_so(login, cast, tree, settings,
                                                                            job_worker):
    settings.NOMINEE_IMPORT_INLINE_MAX_ROWS = 20
    settings.JOB_STALE_SECONDS, settings.JOB_HEARTBEAT_SECONDS = 2, 0.3
    people = many_people(tree.ha_hoa, 3000)
    annual_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")
    client = login(cast.alice)
    client.post(reverse("awards:nominee_import", args=[annual_list.pk]),
                upload(filled(annual_list, *rows_for(people))))
    job = NomineeImport.objects.get().job
    worker = job_worker()
    # Killed once it writes lines: they are inside the import's one transaction, which dies with it.
    wait_for(job, lambda job: live(job).message.startswith("Đã ghi"), timeout=120, worker=worker)

    worker.kill()

    killed_at = time.monotonic()
    while Job.objects.get(pk=job.pk).state == Job.State.RUNNING:
        assert time.monotonic() - killed_at < 15, "the killed import was never failed"
        client.get(reverse("units:job_status", args=[job.pk]))  # the page the user polls sweeps dead jobs
        time.sleep(0.3)
    assert annual_list.lines.count() == 0
    state = client.get(reverse("awards:nominee_import_status", args=[NomineeImport.objects.get().pk])).json()
    assert state["status"] == "failed" and state["finished"]
    page = client.get(reverse("awards:nomination_list_detail", args=[annual_list.pk])).content.decode()
    assert "Việc bị dừng giữa chừng" in page


@pytest.fixture
def small_disk(settings):
    """The private files on a filesystem of 512 KB, nearly full."""
    root = settings.PRIVATE_MEDIA_ROOT
    root.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(root)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"a small filesystem needs mount (root): {mounted.stderr.strip()}")
    filler = root / "dung-luong-da-dung.bin"
    try:
        with open(filler, "wb") as handle:
            handle.write(b"\0" * (512 - 40) * 1024)
        yield filler
    finally:
        subprocess.run(["umount", str(root)], check=False)


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_an_upload_onto_a_full_disk_saves_nothing_says_so_and_works_once_there_is_room(
        login, cast, settings, commune_list, small_disk):
    root = settings.PRIVATE_MEDIA_ROOT
    attachments = NominationAttachment.objects.count()
    client = login(cast.alice)
    url = reverse("awards:nomination_attachment_upload", args=[commune_list.pk])
    big = tiny_pdf(pages=600)
    assert 60 * 1024 < len(big) < 2 * 1024 * 1024, "bigger than the room left, small enough to stay in memory"

    response = client.post(url, {"kind": "to_trinh", "file": pdf_upload("to-trinh.pdf", big)})

    assert response.status_code == 507
    assert "hết chỗ lưu tệp" in response.content.decode()
    assert NominationAttachment.objects.count() == attachments
    assert files_under(root) == [small_disk.name], "no partial file is left to hold the space"

    small_disk.unlink()
    again = client.post(url, {"kind": "to_trinh", "file": pdf_upload("to-trinh.pdf", big)})

    assert again.status_code == 302
    assert NominationAttachment.objects.count() == attachments + 1
