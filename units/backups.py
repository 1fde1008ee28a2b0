"""Backups of the whole portal: its database and every stored file, in one archive with a manifest.

An archive is a tar file holding

    manifest.json        when and from what it was made, the row count of every table, and the
                         SHA-256 of every other member
    database.dump        PostgreSQL: `pg_dump --format=custom`
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup
    files/<alias>/<name> every file of each storage alias in STORAGES that holds uploads
                         ("default" and "private")

A restore checks every hash before it changes anything, then replaces the database and the
stored files, and finally counts the rows again against the manifest: an archive that was cut
short, edited or belongs to another version of the portal is refused, with the reason.

Files are read and written through Django's storage API, so a deployment that keeps them in an
object store is backed up the same way.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
FILE_ALIASES = ("default", "private")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive cannot be made or restored; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows of every model's table, by its label (what a restore must give back)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._base_manager.count()
    return counts


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def stored_files(alias: str):
    """Every file name of a storage, walked from its root."""
    storage = storages[alias]
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        pending.extend(f"{folder}/{name}" if folder else name for name in folders)
        for name in files:
            yield f"{folder}/{name}" if folder else name


def create_backup(destination: Path) -> dict:
    """Write an archive of the database and the stored files to ``destination``; return its manifest."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as scratch:
        scratch = Path(scratch)
        members = {}
        database = scratch / _database_member()
        _dump_database(database)
        members[database.name] = database
        files_root = scratch / "files"
        for alias in FILE_ALIASES:
            storage = storages[alias]
            for name in stored_files(alias):
                target = files_root / alias / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with storage.open(name, "rb") as source, open(target, "wb") as copy:
                    shutil.copyfileobj(source, copy, CHUNK)
                members[f"files/{alias}/{name}"] = target
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "counts": row_counts(),
            "hashes": {member: sha256_of(path) for member, path in sorted(members.items())},
        }
        manifest_path = scratch / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        # Written beside the destination and renamed: an interrupted backup never leaves a file that
        # looks whole. The archive holds personal data: only its owner may read it.
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(manifest_path, arcname="manifest.json")
            for member, path in sorted(members.items()):
                archive.add(path, arcname=member)
        os.chmod(partial, 0o600)
        os.replace(partial, destination)
    return manifest


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r") as archive:
            member = archive.extractfile("manifest.json")
            return json.loads(member.read().decode("utf-8"))
    except (tarfile.TarError, KeyError, AttributeError, ValueError, OSError) as exc:
        raise BackupError(f"Tệp {Path(archive_path).name} không phải bản sao lưu của cổng (thiếu manifest).") from exc


def restore_backup(archive_path: Path) -> Restored:
    """Replace the database and the stored files with the archive's, after checking every hash."""
    manifest = read_manifest(archive_path)
    if manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu có định dạng khác, phiên bản này của cổng không đọc được.")
    if manifest.get("database") != connection.vendor:
        raise BackupError(f"Bản sao lưu là của cơ sở dữ liệu {manifest.get('database')}, "
                          f"cổng đang dùng {connection.vendor}.")
    unknown = sorted(set(manifest.get("migrations", [])) - set(_known_migrations()))
    if unknown:
        raise BackupError("Bản sao lưu được tạo bởi phiên bản mới hơn của cổng (có các bước cập nhật dữ liệu "
                          f"chưa có ở đây: {', '.join(unknown[:5])}).")
    with tempfile.TemporaryDirectory(prefix="thidua-restore-") as scratch:
        scratch = Path(scratch)
        with tarfile.open(archive_path, "r") as archive:
            # The "data" filter refuses absolute names, "..", links out of the folder and devices.
            archive.extractall(scratch, filter="data")
        _check_hashes(scratch, manifest["hashes"])
        _restore_database(scratch / _database_member())
        files = _restore_files(scratch, manifest["hashes"])
    counts = row_counts()
    expected = manifest["counts"]
    differing = sorted(label for label in expected if counts.get(label) != expected[label])
    if differing:
        raise BackupError("Số bản ghi sau khi khôi phục khác bản sao lưu ở: " + ", ".join(differing[:10]))
    return Restored(tables=len(expected), rows=sum(expected.values()), files=files)


def _known_migrations() -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    return [f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations]


def _check_hashes(folder: Path, hashes: dict[str, str]) -> None:
    present = {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()} - {"manifest.json"}
    missing = sorted(set(hashes) - present)
    extra = sorted(present - set(hashes))
    if missing or extra:
        raise BackupError(f"Bản sao lưu không đầy đủ: thiếu {len(missing)} tệp, thừa {len(extra)} tệp so với manifest.")
    changed = sorted(member for member, digest in hashes.items() if sha256_of(folder / member) != digest)
    if changed:
        raise BackupError(f"Bản sao lưu đã bị thay đổi: {len(changed)} tệp không khớp mã băm (ví dụ {changed[0]}).")


def _database_member() -> str:
    return "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"


def _pg_environment() -> tuple[list[str], dict]:
    """Connection options for pg_dump/pg_restore from the portal's settings (password in the environment)."""
    settings = connection.settings_dict
    options = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        options += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        options += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        options += ["--username", settings["USER"]]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return options, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} không thành công: {result.stderr.strip()[:500]}")


def _dump_database(target: Path) -> None:
    if connection.vendor == "postgresql":
        options, env = _pg_environment()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *options], env)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # SQLite's online backup: a consistent snapshot even while the portal writes.
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def _restore_database(source: Path) -> None:
    if connection.vendor == "postgresql":
        options, env = _pg_environment()
        # Other connections of this process would hold locks on the tables being replaced.
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", *options, str(source)], env)
    else:
        connection.ensure_connection()
        archived = sqlite3.connect(source)
        try:
            archived.backup(connection.connection)
        finally:
            archived.close()
        connection.close()


def _restore_files(folder: Path, hashes: dict[str, str]) -> int:
    """Make each storage hold exactly the archive's files: write them all, then remove the others."""
    written = 0
    for alias in FILE_ALIASES:
        storage = storages[alias]
        prefix = f"files/{alias}/"
        wanted = {member[len(prefix):] for member in hashes if member.startswith(prefix)}
        for name in sorted(wanted):
            if storage.exists(name):
                storage.delete(name)
            with open(folder / f"{prefix}{name}", "rb") as handle:
                saved = storage.save(name, File(handle))
            if saved != name:
                raise BackupError(f"Không ghi lại được tệp {name} đúng tên cũ.")
            written += 1
        for name in list(stored_files(alias)):
            if name not in wanted:
                storage.delete(name)
    return written
