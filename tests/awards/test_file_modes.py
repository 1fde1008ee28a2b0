"""Stored files, signing keys included, are for the portal's own account: files 0600, folders 0700."""

import os
import stat
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

from units import jobs

from awards.models import DocumentKind, NominationAttachment
from awards.services import attachments, nominations

from tests.awards.pdf_files import pdf_upload
from tests.awards.signature_factories import make_ca, make_signer, register
from tests.conftest import make_plan
from tests.units import slow_jobs
from tests.units.job_factories import make_job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def usual_umask():
    # The umask most servers run with, under which Django's defaults leave files readable by all (0644).
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def folders_up_to(path, root):
    path, root = Path(path), Path(root)
    folders = []
    while path != root:
        path = path.parent
        folders.append(path)
    return folders


def assert_private(path, root):
    assert mode(path) == 0o600, f"{path} is {oct(mode(path))}"
    for folder in folders_up_to(path, root):
        assert mode(folder) == 0o700, f"{folder} is {oct(mode(folder))}"


def test_a_dossier_attachment_is_stored_readable_by_the_portal_alone(cast, tree, an, settings):
    plan = make_plan(tree.phu_tho, status="issued", issue_day=4)
    draft = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Đề nghị 2026")
    attachment = attachments.attach(draft, actor=cast.alice, kind=DocumentKind.PROPOSAL, upload=pdf_upload())
    stored = NominationAttachment.objects.get(pk=attachment.pk).file.path
    assert_private(stored, settings.PRIVATE_MEDIA_ROOT)


def test_a_signing_key_is_stored_readable_by_the_portal_alone(cast, tree, settings):
    certificate = register(make_signer(make_ca()), unit=tree.ha_hoa, actor=cast.bob)
    assert certificate.key_file.name
    assert_private(certificate.key_file.path, settings.PRIVATE_MEDIA_ROOT)


def test_a_jobs_input_result_and_scratch_folder_are_the_portals_alone(cast, settings):
    job = make_job(cast.alice, total=0)
    job.input.save("danh-sach.xlsx", ContentFile(b"du lieu"), save=True)
    assert_private(job.input.path, settings.PRIVATE_MEDIA_ROOT)

    ran = make_job(cast.alice, payload={"tally": str(Path(settings.JOB_SCRATCH_ROOT).parent / "tally")}, total=0)
    slow_jobs.count_runs.call(ran.pk)
    ran.refresh_from_db()
    assert ran.state == "succeeded"
    assert_private(ran.result.path, settings.PRIVATE_MEDIA_ROOT)

    scratch = jobs.make_scratch_dir(ran.pk)
    assert mode(scratch) == 0o700 and mode(settings.JOB_SCRATCH_ROOT) == 0o700


def test_a_scratch_folder_left_open_by_an_older_version_is_closed_again(cast, settings):
    root = Path(settings.JOB_SCRATCH_ROOT)
    root.mkdir(mode=0o755)
    job = make_job(cast.alice, total=0)
    jobs.scratch_dir(job.pk).mkdir(mode=0o755)
    jobs.make_scratch_dir(job.pk)
    assert mode(root) == 0o700 and mode(jobs.scratch_dir(job.pk)) == 0o700


def test_a_file_in_the_default_storage_is_the_portals_alone_too(settings):
    name = storages["default"].save("plans/issued/2026/ke-hoach.pdf", ContentFile(b"%PDF-1.7"))
    assert_private(storages["default"].path(name), settings.MEDIA_ROOT)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the database file is SQLite's")
def test_a_new_sqlite_database_file_is_the_portals_alone(tmp_path):
    from config.sqlite3.base import DatabaseWrapper

    name = tmp_path / "portal.sqlite3"
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(name), "OPTIONS": {
        "init_command": "PRAGMA journal_mode=WAL;"}})
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x integer)")
            cursor.execute("INSERT INTO t VALUES (1)")
        assert mode(name) == 0o600
        assert mode(f"{name}-wal") == 0o600  # SQLite gives its journal the database file's mode
    finally:
        wrapper.close()


def test_collected_static_files_stay_readable_by_all_as_they_are_public(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    name = storages["staticfiles"].save("css/portal.css", ContentFile(b"body{}"))
    assert mode(storages["staticfiles"].path(name)) == 0o644 and mode(tmp_path / "static" / "css") == 0o755
