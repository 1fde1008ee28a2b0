"""Where dossier files are kept: a folder no URL maps to, handed out only by permission-checked views."""

from django.conf import settings
from django.core.files.storage import storages
from django.utils.functional import cached_property

from units.storage import PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE, WholeFileStorage, delete_stored_files


class PrivateStorage(WholeFileStorage):
    """Files on disk under ``PRIVATE_MEDIA_ROOT`` that have no public address."""

    def __init__(self, location=None, base_url=None, file_permissions_mode=PRIVATE_FILE_MODE,
                 directory_permissions_mode=PRIVATE_DIRECTORY_MODE, **kwargs):
        # Attachments, marked workbooks, job files and signing keys are for the portal's own account
        # only, whatever FILE_UPLOAD_PERMISSIONS says for the default storage.
        super().__init__(location, base_url, file_permissions_mode, directory_permissions_mode, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        # Follow the root when it changes (tests move it into a temporary folder), as the
        # parent class does for MEDIA_ROOT.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # A URL would bypass the permission check; every file goes through a view.
        raise ValueError("Private files have no URL; serve them through a view that checks permission.")


def private_storage():
    """The "private" storage alias, so a deployment can swap the backend in STORAGES."""
    return storages["private"]


def delete_private_files(names):
    """Remove files whose rows are gone (called once the removal is committed)."""
    delete_stored_files(names, "private")
