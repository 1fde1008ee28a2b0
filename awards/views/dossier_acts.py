"""The acts on a packet at the receiving level and the sender's fixes, each a short view.

Fetch the packet through ``visible``, pass ``gate``, bind the form, call the service with the version the
page showed, then redirect with a message; a form that fails is shown again on the packet page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from awards.forms.attachments import AttachmentForm
from awards.forms.dossiers import CommentForm, LineEditForm, RefuseForm, ReturnForm, ReviewForm
from awards.models import DossierLine
from awards.rules import workflow
from awards.rules.workflow import Action as A
from awards.services import attachments, dossiers
from awards.views.dossiers import after, gate, posted_version, render_detail, visible
from awards.views.rows import back_to_row


@require_POST
def dossier_receive(request, pk):
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := gate(request, dossier, A.RECEIVE)) is not None:
        return stop
    form = CommentForm(request.POST, prefix="tiep-nhan")
    if not form.is_valid():
        return render_detail(request, dossier, forms={"receive": form})
    return after(request, dossier, lambda: dossiers.receive_dossier(
        dossier, actor=request.user, comment=form.cleaned_data["comment"], expected_version=posted_version(request)),
        "Đã tiếp nhận hồ sơ; đơn vị gửi đã được báo.", form_key="receive", form=form)


@require_POST
def dossier_refuse(request, pk):
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := gate(request, dossier, A.REFUSE)) is not None:
        return stop
    form = RefuseForm(request.POST)
    if not form.is_valid():
        return render_detail(request, dossier, forms={"refuse": form})
    return after(request, dossier, lambda: dossiers.refuse_dossier(
        dossier, actor=request.user, missing=form.cleaned_data["missing"], expected_version=posted_version(request)),
        "Đã báo đơn vị gửi bổ sung hồ sơ.", form_key="refuse", form=form)


@require_POST
def dossier_review(request, pk):
    """The reviewer's verdicts: any line returned sends the packet back, otherwise the review is complete."""
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := gate(request, dossier, A.APPROVE if A.APPROVE in workflow.allowed_actions(dossier, request.user)
                      else A.RETURN)) is not None:
        return stop
    form = ReviewForm(request.POST, lines=list(dossier.lines.select_related("nomination_line__person",
                                                                            "nomination_line__collective")))
    if not form.is_valid():
        return render_detail(request, dossier, forms={"review": form})
    if form.returning:
        call = lambda: dossiers.return_dossier(  # noqa: E731
            dossier, actor=request.user, reason=form.cleaned_data["comment"], verdicts=form.verdicts(),
            expected_version=posted_version(request))
        done = "Đã trả lại các đề nghị cần bổ sung cho đơn vị gửi."
    else:
        call = lambda: dossiers.approve_dossier(  # noqa: E731
            dossier, actor=request.user, verdicts=form.verdicts(), comment=form.cleaned_data["comment"],
            expected_version=posted_version(request))
        done = "Đã ghi kết quả thẩm định; hồ sơ chuyển lãnh đạo xem xét."
    return after(request, dossier, call, done, form_key="review", form=form)


@require_POST
def dossier_return(request, pk):
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := gate(request, dossier, A.RETURN)) is not None:
        return stop
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return render_detail(request, dossier, forms={"return": form})
    return after(request, dossier, lambda: dossiers.return_dossier(
        dossier, actor=request.user, reason=form.cleaned_data["reason"], expected_version=posted_version(request)),
        "Đã trả lại hồ sơ cho đơn vị gửi.", form_key="return", form=form)


@require_POST
def dossier_line_edit(request, pk):
    line = get_object_or_404(DossierLine.objects.filter(dossier__in=visible(request)).select_related("dossier"),
                             pk=pk)
    if (stop := gate(request, line.dossier, A.EDIT)) is not None:
        return stop
    form = LineEditForm(request.POST)
    if not form.is_valid():
        return render_detail(request, line.dossier, forms={("edit", line.pk): form})
    return after(request, line.dossier, lambda: dossiers.edit_returned_line(
        line, actor=request.user, summary=form.cleaned_data["summary"], expected_version=posted_version(request)),
        "Đã sửa tóm tắt thành tích.", form_key=("edit", line.pk), form=form)


@require_POST
def dossier_line_upload(request, pk):
    """A document added to a returned line, from the packet page (the list's own upload rules apply)."""
    line = get_object_or_404(DossierLine.objects.filter(dossier__in=visible(request)).select_related(
        "dossier", "nomination_line__nomination_list__unit", "nomination_line__award", "nomination_line__person",
        "nomination_line__collective"), pk=pk)
    if (stop := gate(request, line.dossier, A.EDIT)) is not None:
        return stop
    proposal = line.nomination_line
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = " ".join(" ".join(errors) for errors in form.errors.values())
        messages.error(request, f"Chưa tải lên được tài liệu cho {proposal.subject_name}. {problems}")
        return back_to_row(line.dossier.get_absolute_url(), line.pk)
    try:
        attachment = attachments.attach(proposal.nomination_list, actor=request.user, kind=form.cleaned_data["kind"],
                                        upload=form.cleaned_data["file"], line=proposal)
    except ValidationError as error:
        messages.error(request, f"Chưa tải lên được tài liệu cho {proposal.subject_name}. {' '.join(error.messages)}")
    else:
        messages.success(request, f"Đã tải lên {attachment.get_kind_display()} cho {proposal.subject_name}.")
    return back_to_row(line.dossier.get_absolute_url(), line.pk)


@require_POST
def dossier_document_upload(request, pk):
    """A document of the whole list (a corrected Tờ trình, the minutes) added while the packet is back with its
    sender."""
    dossier = get_object_or_404(visible(request).filter(nomination_list__isnull=False), pk=pk)
    if (stop := gate(request, dossier, A.EDIT)) is not None:
        return stop
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = " ".join(" ".join(errors) for errors in form.errors.values())
        messages.error(request, f"Chưa tải lên được tài liệu. {problems}")
        return redirect(dossier)
    try:
        attachment = attachments.attach(dossier.nomination_list, actor=request.user, kind=form.cleaned_data["kind"],
                                        upload=form.cleaned_data["file"])
    except ValidationError as error:
        messages.error(request, f"Chưa tải lên được tài liệu. {' '.join(error.messages)}")
    else:
        messages.success(request, f"Đã tải lên {attachment.get_kind_display()}: “{attachment.original_name}”.")
    return redirect(dossier)


@require_POST
def dossier_settle(request, pk):
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := gate(request, dossier, A.SETTLE)) is not None:
        return stop
    form = CommentForm(request.POST, prefix="trinh")
    if not form.is_valid():
        return render_detail(request, dossier, forms={"settle": form})
    return after(request, dossier, lambda: dossiers.settle_dossier(
        dossier, actor=request.user, comment=form.cleaned_data["comment"], expected_version=posted_version(request)),
        "Các đề nghị đã được trình quyết định tại cấp này.", form_key="settle", form=form)
