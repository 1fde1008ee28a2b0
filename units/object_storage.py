"""Stored files in an S3-compatible bucket, for portals run on several machines (STORAGE_BACKEND=s3).

Every app server and job worker then reads and writes the same files without a shared disk. The
storages keep the filesystem's behaviour the rest of the portal relies on:

- a name already taken gets a new one instead of silently replacing the other file (a second pack
  of the same decision's certificates must not overwrite the first one a user may still download);
- a private file has no address: it leaves only through the permission-checked views
  (units.downloads), which stream it under its proper name with the no-store and nosniff headers and
  write the accountability log. A signed bucket URL would skip all three and could be forwarded;
- a file being read is buffered in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE, then in a temporary
  file, so a download of a large pack keeps the web worker's memory flat;
- the objects carry no public-read ACL: the bucket stays closed to anyone but the portal.

django-storages (and boto3) are imported only when the settings name these classes, so a portal on
the local filesystem does not need them installed.
"""

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from storages.backends.s3 import S3Storage


class ObjectStorage(S3Storage):
    """The portal's files (printed plans) in the bucket, under their own prefix."""

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update({
            "file_overwrite": False,
            "default_acl": None,
            "max_memory_size": settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
            # Should a public file's url() ever be built, it is signed and short-lived: nothing is public-read.
            "querystring_auth": True,
            "querystring_expire": 300,
        })
        return defaults

    def delete(self, name):
        # Callers (units.storage.delete_stored_files, the job engine) expect a file that will not go to
        # raise OSError, which they log and pass: a bucket out of reach must not fail a committed change.
        try:
            super().delete(name)
        except (BotoCoreError, ClientError) as exc:
            raise OSError(f"Không xóa được tệp {name} trong bucket: {exc}") from exc


class PrivateObjectStorage(ObjectStorage):
    """Dossier files, signing keys and job results in the bucket: no URL, served only by the portal's views."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        # Same refusal as awards.storage.PrivateStorage: a URL would bypass the permission check.
        raise ValueError("Private files have no URL; serve them through a view that checks permission.")
