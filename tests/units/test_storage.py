"""Files saved inside a transaction go again when it rolls back, and stay when it commits; stored names are random."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from freezegun import freeze_time

from units.models import Unit
from units.storage import RandomName, files_removed_on_rollback

from tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def stored_files(root):
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def save_with_a_row(saved, storage="default"):
    saved.append(storages[storage].save("giay-to/to-trinh.pdf", ContentFile(b"%PDF-1.7")))
    make_unit("Xã Thử", Unit.Kind.COMMUNE)


def test_a_failure_after_a_file_was_saved_leaves_no_file_and_no_row(settings):
    with pytest.raises(RuntimeError, match="máy in hỏng"), files_removed_on_rollback() as saved:
        save_with_a_row(saved)
        assert len(stored_files(settings.MEDIA_ROOT)) == 1
        raise RuntimeError("máy in hỏng")
    assert stored_files(settings.MEDIA_ROOT) == []
    assert not Unit.objects.filter(name="Xã Thử").exists()


def test_a_block_that_commits_keeps_its_file_and_its_row(settings):
    with files_removed_on_rollback() as saved:
        save_with_a_row(saved)
    assert [p.name for p in stored_files(settings.MEDIA_ROOT)] == ["to-trinh.pdf"]
    assert Unit.objects.filter(name="Xã Thử").exists()


def test_the_files_are_looked_for_in_the_storage_named(settings):
    with pytest.raises(RuntimeError), files_removed_on_rollback("private") as saved:
        save_with_a_row(saved, "private")
        raise RuntimeError
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_file_that_will_not_go_is_logged_and_the_failure_still_raised(settings, monkeypatch, caplog):
    def refuse(name):
        raise PermissionError(name)

    with pytest.raises(RuntimeError, match="máy in hỏng"), files_removed_on_rollback() as saved:
        save_with_a_row(saved)
        monkeypatch.setattr(storages["default"], "delete", refuse)
        raise RuntimeError("máy in hỏng")
    assert "Could not delete stored file giay-to/to-trinh.pdf" in caplog.text


@freeze_time("2026-03-05 09:00")
def test_a_random_name_goes_under_its_folder_and_the_upload_month():
    name = RandomName("ho-so", "pdf")(None, "Tờ trình của Nguyễn Văn An.pdf")
    assert re.fullmatch(r"ho-so/2026/03/[0-9a-f]{32}\.pdf", name)
    assert name != RandomName("ho-so", "pdf")(None, "Tờ trình của Nguyễn Văn An.pdf")


def test_a_random_name_without_the_month_goes_straight_into_its_folder():
    assert re.fullmatch(r"chu-ky-so/khoa/[0-9a-f]{32}\.p12",
                        RandomName("chu-ky-so/khoa", "p12", by_month=False)(None, "binh.p12"))


def test_a_random_name_is_written_into_migrations_by_its_arguments():
    path, args, kwargs = RandomName("giao-uoc", "pdf").deconstruct()
    assert (path, args, kwargs) == ("units.storage.RandomName", ("giao-uoc", "pdf"), {})
    assert RandomName("giao-uoc", "pdf") == RandomName("giao-uoc", "pdf") != RandomName("giao-uoc", "pdf",
                                                                                       by_month=False)
