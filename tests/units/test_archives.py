"""Office files that would unpack beyond the limits are refused from their ZIP directory, before any unpacking."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from units.archives import check_office_archive

from tests.archive_files import MB, bomb


def small_workbook() -> bytes:
    book = Workbook()
    book.active.append(["Số CCCD", "Họ và tên"])
    book.active.append(["025080001234", "Nguyễn Văn An"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_real_workbook_passes_and_its_facts_are_read_from_the_directory():
    facts = check_office_archive(small_workbook())
    assert facts.entries > 3 and facts.unpacked > facts.packed > 0


def test_a_bomb_is_refused_quickly_without_unpacking_it(settings):
    settings.OFFICE_MAX_UNPACKED_BYTES = 64 * MB
    data = bomb("xl/worksheets/sheet1.xml", 300)
    assert len(data) < 2 * MB  # 300 MB of XML in under 2 MB
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationError) as refused:
        check_office_archive(data, what="Tệp “danh-sach.xlsx”")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert refused.value.code == "too_big_unpacked"
    assert "Tệp “danh-sach.xlsx” khi giải nén chiếm 300 MB, vượt mức 64 MB" in refused.value.messages[0]
    assert elapsed < 1 and peak < 5 * MB  # the directory only: no part of it was inflated


def test_a_part_packed_far_too_tightly_is_refused_even_under_the_total(settings):
    settings.OFFICE_MAX_UNPACKED_BYTES = 256 * MB
    with pytest.raises(ValidationError) as refused:
        check_office_archive(bomb("word/document.xml", 40), what="Tài liệu Word")
    assert refused.value.code == "suspicious_ratio"
    assert "Tài liệu Word có thành phần nén bất thường" in str(refused.value)


def test_too_many_parts_are_refused(settings):
    settings.OFFICE_MAX_ENTRIES = 50
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(60):
            archive.writestr(f"xl/media/image{number}.png", b"x")
    with pytest.raises(ValidationError) as refused:
        check_office_archive(out.getvalue())
    assert refused.value.code == "too_many_entries" and "60 thành phần" in refused.value.messages[0]


def test_a_file_that_is_no_archive_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="không phải tệp Office"):
        check_office_archive(b"PK\x03\x04 not really a zip")
