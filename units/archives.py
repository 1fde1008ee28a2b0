"""Office files (.xlsx, .docx) are ZIP archives: judged by their directory before anything unpacks them.

A few hundred kilobytes can hold hundreds of megabytes of XML (a "decompression bomb"); reading one
in a web worker exhausts its memory and time. ``check_office_archive`` reads only the archive's
directory (the declared sizes, which Python's zipfile never reads past) and refuses a file whose
entries are too many, too big in all, or packed too tightly, with a Vietnamese message. The limits
are settings. XML inside is then parsed without entity expansion (openpyxl uses defusedxml when it
is installed; python-docx's parser resolves no entities).
"""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

# How every ZIP archive starts; a file that does not is no Office file (the readers say so themselves).
ZIP_MAGIC = b"PK\x03\x04"
# Entries smaller than this are never judged by their ratio: a tiny, very repetitive part (styles,
# an empty sheet) packs tightly and is harmless.
RATIO_FLOOR_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ArchiveFacts:
    """What the directory of an Office file declares."""

    entries: int
    packed: int
    unpacked: int


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}".replace(",", ".") + " MB"


def check_office_archive(data: bytes, *, what: str = "Tệp", max_unpacked: int | None = None) -> ArchiveFacts:
    """Refuse ``data`` unless its ZIP directory stays within the limits; nothing is unpacked.

    ``max_unpacked``: the total a file of this kind may unpack to (``OFFICE_MAX_UNPACKED_BYTES`` by default).
    Data that is no ZIP at all is left to the reader, which names what it expected.
    """
    if not data.startswith(ZIP_MAGIC):
        return ArchiveFacts(entries=0, packed=len(data), unpacked=len(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ValidationError(f"{what} không phải tệp Office (.xlsx, .docx) hợp lệ.", code="not_office") from None
    if len(members) > settings.OFFICE_MAX_ENTRIES:
        raise ValidationError(f"{what} chứa {len(members):,} thành phần, vượt mức {settings.OFFICE_MAX_ENTRIES:,} "
                              "cho phép; đây không phải một bảng tính hay văn bản thông thường.".replace(",", "."),
                              code="too_many_entries")
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    cap = max_unpacked or settings.OFFICE_MAX_UNPACKED_BYTES
    if unpacked > cap:
        raise ValidationError(f"{what} khi giải nén chiếm {_megabytes(unpacked)}, vượt mức {_megabytes(cap)} cho phép. "
                              "Hãy chia thành nhiều tệp nhỏ hơn.", code="too_big_unpacked")
    ratio = settings.OFFICE_MAX_RATIO
    for member in members:
        if member.file_size >= RATIO_FLOOR_BYTES and member.file_size > member.compress_size * ratio:
            raise ValidationError(f"{what} có thành phần nén bất thường (gấp hơn {ratio} lần khi "
                                  "giải nén), có thể là tệp được tạo để làm treo hệ thống; tệp không được nhận.",
                                  code="suspicious_ratio")
    return ArchiveFacts(entries=len(members), packed=packed, unpacked=unpacked)
