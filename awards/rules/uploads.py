"""Whether an uploaded file is the readable PDF a reviewer can open: judged by its content, never its name.

It must start like a PDF, open in a PDF reader, not be locked by a password, have at least one page,
stay within the size cap and hold no active content. Reads only: the services that store files call it
before taking any lock.

Active content (JavaScript, a /Launch action that starts a program, automatic /AA actions, embedded
files, RichMedia, XFA forms) would run on the machine of every reviewer up the levels who opens the
file. It is refused, not stripped: a document may carry a digital signature that any change would
break, and stripping would hand the reviewers a file that differs from what its author sent without
either of them knowing. Scans and PDFs saved from Word hold none of it; the message says how to make
such a copy ("in lại thành PDF").
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from units.text import normalize_name

PDF_SIGNATURE = b"%PDF-"


@dataclass(frozen=True)
class PdfFacts:
    """What the checks learnt about an uploaded PDF."""

    size: int
    sha256: str
    page_count: int


# What each kind of active content is called in the refusal.
ACTIVE_CONTENT_LABELS = {
    "javascript": "mã JavaScript",
    "launch": "lệnh mở chương trình (Launch)",
    "additional_actions": "hành động tự chạy khi mở tệp hoặc trang (/AA)",
    "embedded_file": "tệp nhúng bên trong",
    "rich_media": "nội dung đa phương tiện (RichMedia)",
    "xfa": "biểu mẫu XFA có mã lệnh",
}
# Action types (/S) that run code or open something outside the document.
_ACTION_KINDS = {"/JavaScript": "javascript", "/Launch": "launch", "/RichMediaExecute": "rich_media",
                 "/GoToE": "embedded_file"}
# A scanned document of a few hundred pages holds a few thousand objects; a file crafted with millions of
# tiny ones would keep a worker walking them, so past this many it is refused as unreadable.
MAX_PDF_OBJECTS = 250_000


class TooManyObjects(Exception):
    """The PDF holds more objects than MAX_PDF_OBJECTS."""


def active_content(reader: PdfReader) -> list[str]:
    """The kinds of active content (keys of ACTIVE_CONTENT_LABELS) anywhere a PDF reader could reach.

    Walks every object reachable from the trailer (the catalogue, its names trees, pages, annotations,
    form fields, actions and their /Next chains), each indirect object once, without recursion; only
    dictionaries are read, never the data of a stream.
    """
    found = set()
    seen = set()
    stack = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_PDF_OBJECTS:
                raise TooManyObjects()
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            keys = set(item.keys())
            if "/JS" in keys or "/JavaScript" in keys:
                found.add("javascript")
            if "/AA" in keys:
                found.add("additional_actions")
            if keys & {"/EmbeddedFiles", "/EF", "/RichMediaContent"} or item.get("/Type") == "/EmbeddedFile":
                found.add("rich_media" if "/RichMediaContent" in keys else "embedded_file")
            if item.get("/Subtype") in ("/FileAttachment", "/RichMedia"):
                found.add("embedded_file" if item.get("/Subtype") == "/FileAttachment" else "rich_media")
            if "/XFA" in keys:
                found.add("xfa")
            action = item.get("/S")
            if action in _ACTION_KINDS:
                found.add(_ACTION_KINDS[action])
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return [kind for kind in ACTIVE_CONTENT_LABELS if kind in found]


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
        active = [] if encrypted else active_content(reader)
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
    if active:
        kinds = ", ".join(ACTIVE_CONTENT_LABELS[kind] for kind in active)
        raise ValidationError(f"Tệp PDF “{name}” chứa mã chạy tự động (JavaScript/Launch) hoặc nội dung nhúng: "
                              f"{kinds}. Nội dung này có thể chạy trên máy của người xét duyệt nên không được "
                              "nhận. Hãy mở tệp và in lại thành PDF (chọn máy in “Microsoft Print to PDF” hoặc "
                              "“Lưu dưới dạng PDF”), hoặc quét lại tài liệu, rồi tải lên lại.", code="active_content")
    if page_count < 1:
        raise ValidationError(f"Tệp “{name}” không có trang nào.", code="no_pages")
    return PdfFacts(size=upload.size, sha256=digest.hexdigest(), page_count=page_count)


def original_name(upload, default: str = "tai-lieu.pdf") -> str:
    """The uploader's file name as data: its last path part (an old browser sends the whole Windows path), in one
    Unicode form, at most 255 characters; ``default`` when nothing is left."""
    name = normalize_name(upload.name).replace("\\", "/").rsplit("/", 1)[-1]
    return name[-255:] or default
