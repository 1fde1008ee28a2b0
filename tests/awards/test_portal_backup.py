"""A populated portal backed up and restored: the same rows and the same files, byte for byte."""

import hashlib
import io
import os
import tarfile

import pytest
from django.core.files.storage import storages
from django.core.management import call_command

from units.backups import BackupError, create_backup, read_manifest, restore_backup, row_counts, stored_files
from units.models import Person

from tests.awards.dossier_factories import load_rule_rows

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def rule_rows(transactional_db):
    # A backup reads committed rows from other processes (pg_dump), so these tests commit; the flush
    # between them also empties the catalogue that migrations load, so it is loaded again first.
    load_rule_rows()


def file_hashes():
    hashes = {}
    for alias in ("default", "private"):
        storage = storages[alias]
        for name in stored_files(alias):
            with storage.open(name, "rb") as handle:
                hashes[f"{alias}/{name}"] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


def test_it_restores_the_rows_and_files_a_backup_holds(submitted_dossier, tree, tmp_path):
    before_counts, before_files = row_counts(), file_hashes()
    assert before_files, "the submitted dossier's attachments are stored files"
    archive = tmp_path / "backup.tar"

    manifest = create_backup(archive)

    assert manifest["counts"] == before_counts
    assert os.stat(archive).st_mode & 0o777 == 0o600
    # Work done after the backup, and damage: all of it undone by the restore.
    Person.objects.create(full_name="Người thêm sau", unit=tree.ha_hoa)
    someone = Person.objects.order_by("pk").first()
    Person.objects.filter(pk=someone.pk).update(full_name="Tên bị sửa nhầm")
    lost = next(iter(before_files)).split("/", 1)
    storages[lost[0]].delete(lost[1])
    storages["private"].save("rac/tep-la.pdf", io.BytesIO(b"%PDF-1.4 rac"))

    restored = restore_backup(archive)

    assert row_counts() == before_counts
    assert file_hashes() == before_files
    assert not Person.objects.filter(full_name="Người thêm sau").exists()
    assert Person.objects.get(pk=someone.pk).full_name == someone.full_name
    assert restored.rows == sum(before_counts.values())
    assert restored.files == len(before_files)


def test_it_refuses_an_archive_changed_after_it_was_made_and_changes_nothing(submitted_dossier, tree, tmp_path):
    archive = tmp_path / "backup.tar"
    create_backup(archive)
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    Person.objects.create(full_name="Người thêm sau", unit=tree.ha_hoa)
    counts = row_counts()

    with pytest.raises(BackupError, match="không khớp mã băm"):
        restore_backup(tampered)

    assert row_counts() == counts
    assert Person.objects.filter(full_name="Người thêm sau").exists()


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path):
    stray = tmp_path / "khong-phai.tar"
    stray.write_bytes(b"not a tar file")
    with pytest.raises(BackupError, match="không phải bản sao lưu"):
        read_manifest(stray)


def test_the_commands_round_trip(submitted_dossier, tmp_path, capsys):
    before_counts, before_files = row_counts(), file_hashes()
    archive = tmp_path / "qua-lenh.tar"

    call_command("backup_portal", output=str(archive))
    call_command("restore_portal", str(archive), yes=True)

    assert row_counts() == before_counts
    assert file_hashes() == before_files
    assert "số bản ghi khớp manifest" in capsys.readouterr().out
