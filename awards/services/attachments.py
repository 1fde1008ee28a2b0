"""The only code that writes dossier documents: attach a checked PDF to a list or to one of its lines, remove one.

A file is judged by its content, never by its name (awards.rules.uploads.inspect_pdf). It is stored in the private
storage under a random name; the uploader's file name is kept only as data, for the download.
Single-copy documents (Tờ trình, Báo cáo thành tích, Biên bản) are replaced by a new upload;
the old file is deleted once the change is committed, so a failed upload never loses it.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from units.scoping import has_role
from units.storage import files_removed_on_rollback

from awards.models import LIST_DOCUMENTS, SINGLE_COPY_KINDS, DocumentKind, NominationAttachment
from awards.rules import regulations as dossier_rules
from awards.rules.required_documents import (  # noqa: F401 (the dossier's gaps)
    DossierContents,
    dossier_date,
    missing_documents,
)
from awards.rules.uploads import inspect_pdf
from awards.services import dossiers
from awards.services.checked_pdfs import save_checked_upload
from awards.services.nominations import EDITING_ROLES, lock_list, require_draft
from awards.storage import delete_private_files


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


def _require_open(nomination_list, line):
    """A draft list, or a submitted one whose dossier came back for this line (or for the list's documents)."""
    if nomination_list.is_editable:
        return
    if not dossiers.open_for_fixing(nomination_list, line):
        require_draft(nomination_list)


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
        locked = lock_list(nomination_list)
        _check_editor(actor, locked)
        _require_open(locked, line)
        replaced = []
        if kind in SINGLE_COPY_KINDS:
            previous = NominationAttachment.objects.filter(nomination_list=locked, line=line, kind=kind)
            replaced = [old.file.name for old in previous]
            previous.delete()
        attachment = save_checked_upload(NominationAttachment(nomination_list=locked, line=line, kind=kind), upload,
                                         facts=facts, actor=actor, saved=saved)
        locked.version += 1
        locked.save(update_fields=["version"])
        if not locked.is_editable:
            dossiers.record_fixed_document(locked, actor=actor, change="attached", document=attachment)
        transaction.on_commit(partial(delete_private_files, replaced))
    return attachment


@transaction.atomic
def remove_attachment(attachment, *, actor) -> None:
    """Remove a document from a draft list; its file is deleted once the removal is committed."""
    locked = lock_list(attachment.nomination_list)
    _check_editor(actor, locked)
    _require_open(locked, attachment.line)
    row = NominationAttachment.objects.filter(pk=attachment.pk, nomination_list=locked).first()
    if row is None:
        raise ValidationError("Tài liệu này đã được xóa.")
    if not locked.is_editable:
        dossiers.record_fixed_document(locked, actor=actor, change="removed", document=row)
    row.delete()
    locked.version += 1
    locked.save(update_fields=["version"])
    transaction.on_commit(partial(delete_private_files, [row.file.name]))
