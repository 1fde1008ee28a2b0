"""Whether an uploaded file is the readable PDF a reviewer can open: judged by its content, never its name.

It must start like a PDF, open in a PDF reader, not be locked by a password and have at least one
page, within the size cap. Reads only: the services that store files call it before taking any lock.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader

PDF_SIGNATURE = b"%PDF-"


@dataclass(frozen=True)
class PdfFacts:
    """What the checks learnt about an uploaded PDF."""

    size: int
    sha256: str
    page_count: int


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",") + " MB"


def inspect_pdf(upload) -> PdfFacts:
    """Check by its content that ``upload`` is a readable PDF without a password and with pages."""
    name = upload.name
    if not upload.size:
        raise ValidationError(f"Tệp “{name}” rỗng (0 byte). Hãy chọn đúng tệp PDF của tài liệu.", code="empty")
    if getattr(upload, "refused", False):
        # Its request body passed UPLOAD_MAX_BYTES, so none of it was kept (units.uploads).
        raise ValidationError(upload.message, code="too_large")
    cap = settings.ATTACHMENT_MAX_BYTES
    if upload.size > cap:
        raise ValidationError(f"Tệp “{name}” nặng {_megabytes(upload.size)}, vượt mức tối đa {_megabytes(cap)} "
                              "cho một tài liệu. Hãy quét lại với độ phân giải thấp hơn hoặc tách thành nhiều tệp.",
                              code="too_large")
    upload.seek(0)
    if upload.read(len(PDF_SIGNATURE)) != PDF_SIGNATURE:
        raise ValidationError(f"Tệp “{name}” không phải tệp PDF (nội dung không bắt đầu bằng “%PDF-”), dù tên tệp "
                              "có thể có đuôi .pdf. Hãy lưu hoặc quét tài liệu thành PDF rồi tải lên lại.",
                              code="not_pdf")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        encrypted = reader.is_encrypted
        page_count = 0 if encrypted else len(reader.pages)
    except Exception:
        # pypdf raises many kinds of errors on a damaged file (its own, but also ValueError,
        # KeyError, RecursionError …); every one of them means the reviewers could not open it.
        raise ValidationError(f"Tệp “{name}” bị hỏng hoặc không đọc được như một tệp PDF. Hãy mở thử trên máy, "
                              "lưu lại thành PDF rồi tải lên lại.", code="unreadable") from None
    finally:
        upload.seek(0)
    if encrypted:
        raise ValidationError(f"Tệp “{name}” được đặt mật khẩu hoặc mã hóa, người xét duyệt sẽ không mở được. "
                              "Hãy gửi bản PDF không đặt mật khẩu.", code="encrypted")
    if page_count < 1:
        raise ValidationError(f"Tệp “{name}” không có trang nào.", code="no_pages")
    return PdfFacts(size=upload.size, sha256=digest.hexdigest(), page_count=page_count)
