"""Dossier documents on the list page: upload to the list or a line, delete, and the permission-checked download."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from units.confirmation import Confirmation, render_confirmation
from units.downloads import download_stored

from awards.forms.attachments import AttachmentForm
from awards.models import DocumentKind, NominationAttachment, NominationLine, NominationList
from awards.rules.duplicate_files import mark_duplicates, repeated
from awards.services import attachments
from awards.views.rows import line_row

# The list-level upload offers the documents made once per list, and anything else.
LIST_KINDS = [(kind.value, kind.label) for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES, DocumentKind.OTHER)]


def dossier_context(nomination_list, lines) -> dict:
    """The list page's share of the dossier: read once, each shown line's documents and gaps hung on the line.

    ``lines`` are the lines on screen (a page of a long list); the list's own gaps and whether
    the dossier is complete take every line into account.
    """
    dossier = attachments.missing_documents(nomination_list, shown=lines)
    mark_duplicates(dossier.attachments, list_repeats(nomination_list.pk), owner_of=line_owner)
    by_line = {}
    for attachment in dossier.attachments:
        by_line.setdefault(attachment.line_id, []).append(attachment)
    for line in lines:
        line.documents = by_line.get(line.pk, [])
        line.missing_documents = dossier.line_missing[line.pk]
        line.document_kinds = [(kind, DocumentKind(kind).label) for kind in dossier.line_kinds[line.pk]
                               if kind != DocumentKind.OTHER] + [(DocumentKind.OTHER.value, DocumentKind.OTHER.label)]
    return {"dossier": dossier, "list_documents": by_line.get(None, []), "list_document_kinds": LIST_KINDS,
            "attachment_max_bytes": settings.ATTACHMENT_MAX_BYTES}


def list_repeats(nomination_list_id):
    """The list's documents whose file was uploaded more than once to it (any line, or the list itself)."""
    return list(repeated(NominationAttachment.objects.filter(nomination_list_id=nomination_list_id))
                .select_related("line__person", "line__collective")
                .only("sha256", "original_name", "uploaded_at", "line", "line__household", "line__person",
                      "line__person__full_name", "line__collective", "line__collective__name"))


def line_owner(attachment) -> str:
    return attachment.line.subject_name if attachment.line_id else ""


def _back_to(nomination_list_id, anchor):
    return redirect(reverse("awards:nomination_list_detail", args=[nomination_list_id]) + f"#{anchor}")


def _upload(request, nomination_list, line):
    form = AttachmentForm(request.POST, request.FILES)
    owner = f" cho {line.subject_name}" if line else ""

    def back():  # a line's document: at the line's row; the list's own: at the list's documents
        return line_row(nomination_list.pk, line.pk) if line else _back_to(nomination_list.pk, "ho-so-chung")

    if not form.is_valid():
        problems = [f"{form.fields[field].label}: {' '.join(errors)}" if field in form.fields else " ".join(errors)
                    for field, errors in form.errors.items()]
        messages.error(request, f"Chưa tải lên được tài liệu{owner}. {' '.join(problems)}")
        return back()
    try:
        attachment = attachments.attach(nomination_list, actor=request.user, kind=form.cleaned_data["kind"],
                                        upload=form.cleaned_data["file"], line=line)
    except ValidationError as error:
        messages.error(request, f"Chưa tải lên được tài liệu{owner}. {' '.join(error.messages)}")
    else:
        messages.success(request, f"Đã tải lên {attachment.get_kind_display()}{owner}: “{attachment.original_name}” "
                                  f"({attachment.page_count} trang).")
        earlier = (NominationAttachment.objects.filter(nomination_list=nomination_list, sha256=attachment.sha256)
                   .exclude(pk=attachment.pk).select_related("line__person", "line__collective")
                   .order_by("uploaded_at", "pk").first())
        if earlier is not None:
            mark_duplicates([attachment], [earlier], owner_of=line_owner)
            messages.warning(request, attachment.same_as.message)
    return back()


@require_POST
def nomination_attachment_upload(request, pk):
    """A document of the whole list (Tờ trình, minutes, other)."""
    nomination_list = get_object_or_404(
        NominationList.objects.visible_to(request.user).select_related("unit", "plan"), pk=pk)
    return _upload(request, nomination_list, None)


@require_POST
def nomination_line_attachment_upload(request, pk):
    """A document of one line (its achievement report, evidence, other)."""
    line = get_object_or_404(NominationLine.objects.visible_to(request.user).select_related(
        "nomination_list__unit", "nomination_list__plan", "award", "person", "collective"), pk=pk)
    return _upload(request, line.nomination_list, line)


def _visible_attachment(request, pk):
    # Through the lists' scope: a document of another unit's list is "not found".
    return get_object_or_404(NominationAttachment.objects.visible_to(request.user)
                             .select_related("nomination_list__unit", "nomination_list__plan", "line__person",
                                             "line__collective"), pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def nomination_attachment_delete(request, pk):
    """GET: which file will be deleted, from which list or line; POST: delete it."""
    attachment = _visible_attachment(request, pk)
    if request.method != "POST":
        anchor = f"ho-so-{attachment.line_id}" if attachment.line_id else "ho-so-chung"
        return _delete_confirmation(request, attachment, anchor)
    try:
        attachments.remove_attachment(attachment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa {attachment.get_kind_display()} “{attachment.original_name}”.")
    if attachment.line_id:
        return line_row(attachment.nomination_list_id, attachment.line_id)
    return _back_to(attachment.nomination_list_id, "ho-so-chung")


def _delete_confirmation(request, attachment, anchor):
    nomination_list = attachment.nomination_list
    back = reverse("awards:nomination_list_detail", args=[nomination_list.pk]) + f"#{anchor}"
    page = Confirmation(
        heading="Xóa tài liệu", back=back, back_label="Quay lại danh sách",
        action=reverse("awards:nomination_attachment_delete", args=[attachment.pk]),
        confirm_label="Xác nhận xóa tài liệu", tone="danger",
        lead="Tệp bị xóa khỏi hồ sơ và không khôi phục được; cần thì tải lên lại.",
    )
    page.add("Tệp", f"{attachment.original_name} (PDF, {attachment.page_count} trang, "
                    f"{filesizeformat(attachment.size)})")
    page.add("Loại tài liệu", attachment.get_kind_display())
    page.add("Của", attachment.line.subject_name if attachment.line_id else f"Cả danh sách “{nomination_list.title}”")
    return render_confirmation(request, page, breadcrumbs=[
        ("Đề nghị khen thưởng", reverse("awards:nomination_lists")), (nomination_list.title, back)])


def download_name(original_name: str) -> str:
    return original_name if original_name.lower().endswith(".pdf") else f"{original_name}.pdf"


def uploaded_pdf(field_file, original_name: str):
    """An uploaded PDF from private storage under its original name (units.downloads.download_stored: always a
    download, never stored by a cache; 404 if its file is gone)."""
    return download_stored(field_file, download_name(original_name), content_type="application/pdf")


@require_safe
def nomination_attachment_download(request, pk):
    """Stream the PDF to someone who may see the list, under its original name; the storage path never shows."""
    attachment = _visible_attachment(request, pk)
    return uploaded_pdf(attachment.file, attachment.original_name)
