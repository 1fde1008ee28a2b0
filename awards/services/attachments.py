"""The only code that writes dossier documents: attach a checked PDF to a list or to one of its lines, remove one.

A file is judged by its content, never by its name: it must start like a PDF, open in a PDF
reader, not be locked by a password and have at least one page. It is stored in the private
storage under a random name; the uploader's file name is kept only as data, for the download.
Single-copy documents (Tờ trình, Báo cáo thành tích, Biên bản) are replaced by a new upload;
the old file is deleted once the change is committed, so a failed upload never loses it.
"""

import hashlib
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from pypdf import PdfReader

from units.scoping import has_role
from units.storage import files_removed_on_rollback
from units.text import normalize_name

from awards.models import LIST_DOCUMENTS, SINGLE_COPY_KINDS, DocumentKind, NominationAttachment
from awards.models.attachments import stored_name
from awards.rules import regulations as dossier_rules
from awards.rules.required_documents import (  # noqa: F401 (the dossier's gaps)
    DossierContents,
    dossier_date,
    missing_documents,
)
from awards.services.nominations import EDITING_ROLES, _lock_list, _require_draft
from awards.storage import delete_private_files, private_storage

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


def _check_editor(actor, nomination_list):
    if not has_role(actor, nomination_list.unit, EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa hồ sơ đề nghị của đơn vị này.")


def _check_kind(nomination_list, kind, line):
    """Refuse a kind that does not belong where it is attached: the list, or this line's award."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "Chọn loại tài liệu trong danh sách."})
    label = DocumentKind(kind).label
    if line is None:
        if kind not in LIST_DOCUMENTS and kind != DocumentKind.OTHER:
            raise ValidationError({"kind": f"{label} là tài liệu của từng đề nghị: hãy tải lên ở dòng của cá nhân, "
                                           "tập thể được đề nghị."})
        return
    if line.nomination_list_id != nomination_list.pk:
        raise ValidationError("Đề nghị này không thuộc danh sách.")
    if kind in LIST_DOCUMENTS:
        raise ValidationError({"kind": f"{label} là tài liệu chung của cả danh sách, không gắn với một đề nghị."})
    if kind == DocumentKind.OTHER:
        return
    subject = dossier_rules.subject_of(person=line.person_id, collective=line.collective_id)
    asked = {row.kind for row in dossier_rules.required_documents(line.award, subject, dossier_date(nomination_list))}
    if kind not in asked:
        raise ValidationError({"kind": f"Hồ sơ {line.award.name} của {line.subject_name} không có thành phần "
                                       f"“{label}”. Nếu vẫn cần gửi kèm, hãy chọn “Tài liệu khác”."})


def _original_name(upload) -> str:
    name = normalize_name(upload.name).replace("\\", "/").rsplit("/", 1)[-1]
    return name[-255:] or "tai-lieu.pdf"


def _require_open(nomination_list, line):
    """A draft list, or a submitted one whose dossier came back for this line (or for the list's documents)."""
    if nomination_list.is_editable:
        return
    from awards.services.dossiers import open_for_fixing  # the dossier services import the nomination services

    if not open_for_fixing(nomination_list, line):
        _require_draft(nomination_list)


def attach(nomination_list, *, actor, kind: str, upload, line=None) -> NominationAttachment:
    """Attach a PDF to a draft list (``line`` None: a document of the whole list) or to one of its lines.

    A submitted list takes documents again while its dossier is back with the unit for supplement.
    """
    # Cheap refusals first, so an outsider's or a wrongly aimed file is never even read.
    _check_editor(actor, nomination_list)
    _require_open(nomination_list, line)
    _check_kind(nomination_list, kind, line)
    # Reading the PDF can take a moment: it happens before the list is locked.
    facts = inspect_pdf(upload)
    with files_removed_on_rollback("private") as saved:
        locked = _lock_list(nomination_list)
        _check_editor(actor, locked)
        _require_open(locked, line)
        replaced = []
        if kind in SINGLE_COPY_KINDS:
            previous = NominationAttachment.objects.filter(nomination_list=locked, line=line, kind=kind)
            replaced = [old.file.name for old in previous]
            previous.delete()
        attachment = NominationAttachment(
            nomination_list=locked, line=line, kind=kind, original_name=_original_name(upload), size=facts.size,
            sha256=facts.sha256, page_count=facts.page_count, uploaded_by=actor,
        )
        attachment.full_clean(exclude=["file"])
        stored = private_storage().save(stored_name(attachment, upload.name), upload)
        saved.append(stored)
        attachment.file.name = stored
        attachment.save()
        locked.version += 1
        locked.save(update_fields=["version"])
        transaction.on_commit(partial(delete_private_files, replaced))
    return attachment


@transaction.atomic
def remove_attachment(attachment, *, actor) -> None:
    """Remove a document from a draft list; its file is deleted once the removal is committed."""
    locked = _lock_list(attachment.nomination_list)
    _check_editor(actor, locked)
    _require_open(locked, attachment.line)
    row = NominationAttachment.objects.filter(pk=attachment.pk, nomination_list=locked).first()
    if row is None:
        raise ValidationError("Tài liệu này đã được xóa.")
    row.delete()
    locked.version += 1
    locked.save(update_fields=["version"])
    transaction.on_commit(partial(delete_private_files, [row.file.name]))
