"""Stored files that belong to rows: saved inside a transaction, deleted again if it rolls back."""

import logging
import os
import uuid
from contextlib import contextmanager

from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.utils import timezone
from django.utils.deconstruct import deconstructible

log = logging.getLogger(__name__)
# Stored files carry personal data and signing keys: owner only (read and write), folders owner only.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIRECTORY_MODE = 0o700


@deconstructible
class RandomName:
    """A FileField's ``upload_to``: a random name in ``folder``, under the upload month unless ``by_month`` is off.

    ``RandomName("ho-so", "pdf")`` gives "ho-so/2026/12/<32 hex digits>.pdf". The uploader's file name is
    not kept in the path: it says nothing we need and may name a person.
    """

    def __init__(self, folder: str, extension: str, *, by_month: bool = True):
        self.folder = folder
        self.extension = extension
        self.by_month = by_month

    def __call__(self, instance, filename: str) -> str:
        folder = f"{self.folder}/{timezone.now():%Y/%m}" if self.by_month else self.folder
        return f"{folder}/{uuid.uuid4().hex}.{self.extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and (self.folder, self.extension, self.by_month) == (
            other.folder, other.extension, other.by_month)

    def __hash__(self):
        return hash((self.folder, self.extension, self.by_month))


@contextmanager
def files_removed_on_rollback(storage: str = "default", *, using: str | None = None):
    """An atomic block that deletes the files it saved if it rolls back.

        with files_removed_on_rollback("private") as saved:
            row.file.name = storage.save(name, upload)
            saved.append(row.file.name)
            row.save()

    A file reaches the disk at once, its row only at commit. When the block rolls back (an
    exception leaves it, or its commit fails) no row names the files listed in ``saved``, so
    they are deleted. The block is its own ``transaction.atomic`` (a savepoint inside another)
    so that nothing is deleted before the rollback has happened. If an outer transaction rolls
    back after this block succeeded, the files stay: disk space, never a row without its file.
    ``storage`` is the alias in ``STORAGES`` the files were saved to.
    """
    saved = []
    try:
        with transaction.atomic(using=using):
            yield saved
    except BaseException:
        delete_stored_files(saved, storage)
        raise


def delete_stored_files(names, storage: str = "default") -> None:
    """Delete files no row names any more; one that will not go is logged, never raised."""
    backend = storages[storage]
    for name in names:
        try:
            backend.delete(name)
        except OSError:  # the row is gone already; a file left behind is only disk space
            log.warning("Could not delete stored file %s", name, exc_info=True)


class WholeFileStorage(FileSystemStorage):
    """Files on disk that are either written whole or not at all.

    Django's file storage leaves the part already written when writing fails (a full disk, a
    quota): a file no row will ever name, holding the space the next upload needs. This removes it
    and lets the error go on (units.fault_pages answers the user).
    """

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as exc:
            if not isinstance(exc, FileExistsError):
                self._remove_partial(name)
            raise

    def _remove_partial(self, name):
        try:
            os.remove(self.path(name))
        except OSError:
            pass
