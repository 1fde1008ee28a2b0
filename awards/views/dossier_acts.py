"""The acts on a packet at the receiving level and the sender's fixes, each a short view.

Fetch the packet through ``visible``, pass ``gate``, bind the form, call the service with the version the
page showed, then redirect with a message; a form that fails is shown again on the packet page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from units.forms import add_service_errors, int_or_none

from awards.forms.attachments import AttachmentForm
from awards.forms.dossiers import CommentForm, LineEditForm, RefuseForm, ReturnForm, ReviewForm
from awards.models import Dossier, DossierLine
from awards.rules import workflow
from awards.rules.workflow import Action as A
from awards.services import attachments, dossiers, reviews
from awards.views.dossiers import (
    after,
    gate,
    line_index,
    line_page,
    page_of_lines,
    page_url,
    posted_version,
    render_detail,
    visible,
)
from awards.views.rows import back_to_row

S = Dossier.Status


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


def _review_gate(request, dossier):
    return gate(request, dossier, A.APPROVE if A.APPROVE in workflow.allowed_actions(dossier, request.user)
                else A.RETURN)


def _review_form(request, dossier):
    """(page number, bound form) of the page of lines the review form posted (``trang``)."""
    page, lines = page_of_lines(line_index(dossier), request.POST.get("trang"))
    return page.number, ReviewForm(request.POST, lines=lines, require_all=page.paginator.num_pages == 1)


@require_POST
def dossier_review(request, pk):
    """The review's last step: the verdicts of this page and those kept from the others judge the whole packet;
    any line returned sends it back, otherwise the review is complete."""
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := _review_gate(request, dossier)) is not None:
        return stop
    number, form = _review_form(request, dossier)
    if not form.is_valid():
        return render_detail(request, dossier, forms={"review": form}, page_number=number)
    verdicts, version = form.page_verdicts(), posted_version(request)
    try:
        done = reviews.finish_review(dossier, actor=request.user, verdicts=verdicts,
                                     comment=form.cleaned_data["comment"], expected_version=version)
    except reviews.MissingVerdicts as missing:
        # Nothing moved; what was chosen on this page is kept, and the page names the lines still waiting.
        return _after_review_page(request, dossier, number, verdicts, version, failed=" ".join(missing.messages))
    except dossiers.StaleDossier as error:
        messages.warning(request, " ".join(error.messages))
        return redirect(dossier)
    except ValidationError as error:
        add_service_errors(form, error)
        return render_detail(request, get_object_or_404(visible(request), pk=pk), forms={"review": form},
                             page_number=number)
    messages.success(request, "Đã trả lại các đề nghị cần bổ sung cho đơn vị gửi." if done.status == S.RETURNED
                     else "Đã ghi kết quả thẩm định; hồ sơ chuyển lãnh đạo xem xét.")
    return redirect(dossier)


@require_POST
def dossier_review_draft(request, pk):
    """A page of a long packet's review kept (“Lưu trang này”), then the page asked for (``sang_trang``)."""
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := _review_gate(request, dossier)) is not None:
        return stop
    number, form = _review_form(request, dossier)
    if not form.is_valid():
        return render_detail(request, dossier, forms={"review": form}, page_number=number)
    return _after_review_page(request, dossier, number, form.page_verdicts(), posted_version(request),
                             go_to=int_or_none(request.POST.get("sang_trang")), form=form)


def _after_review_page(request, dossier, number, verdicts, version, *, go_to=None, failed="", form=None):
    """Keep the page's verdicts, then say so (or why the review could not finish) on the page ``go_to``."""
    try:
        reviews.save_review_page(dossier, actor=request.user, verdicts=verdicts, expected_version=version)
    except dossiers.StaleDossier as error:
        messages.warning(request, " ".join(error.messages))
        return redirect(page_url(dossier, number))
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
            return redirect(page_url(dossier, number))
        add_service_errors(form, error)
        return render_detail(request, get_object_or_404(visible(request), pk=dossier.pk), forms={"review": form},
                             page_number=number)
    if failed:
        messages.error(request, f"{failed} Kết quả đã chọn ở trang {number} đã được lưu; các đề nghị chưa có kết "
                                "quả được liệt kê ở mục “Các đề nghị”.")
    else:
        messages.success(request, f"Đã lưu kết quả thẩm định dự kiến của trang {number}.")
    return redirect(page_url(dossier, go_to or number, None))


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
        return back_to_row(line.dossier.get_absolute_url(), line.pk, page=line_page(line))
    try:
        attachment = attachments.attach(proposal.nomination_list, actor=request.user, kind=form.cleaned_data["kind"],
                                        upload=form.cleaned_data["file"], line=proposal)
    except ValidationError as error:
        messages.error(request, f"Chưa tải lên được tài liệu cho {proposal.subject_name}. {' '.join(error.messages)}")
    else:
        messages.success(request, f"Đã tải lên {attachment.get_kind_display()} cho {proposal.subject_name}.")
    return back_to_row(line.dossier.get_absolute_url(), line.pk, page=line_page(line))


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
