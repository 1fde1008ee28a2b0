"""Evidence files of a member's score sheet: attached to a criterion and removed by the member while the sheet is
a draft; opened by whoever may read the sheet's points (the member, then the head and organiser once sent)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from awards.forms.blocks import EvidenceForm
from awards.models import ScoreEvidence
from awards.rules import blocks as rules
from awards.services import block_evidence as services
from awards.views.attachments import uploaded_pdf
from awards.views.blocks import member_or_404


def _sheet_url(member_id, criterion_id):
    return reverse("awards:block_sheet", args=[member_id]) + f"#tieu-chi-{criterion_id}"


@require_POST
def block_evidence_add(request, pk):
    """Attach a PDF to one criterion of the member's draft sheet; a refused file comes back as a message."""
    member = member_or_404(request, pk)
    form = EvidenceForm(request.POST, request.FILES, block=member.block)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("awards:block_sheet", member.pk)
    criterion = form.cleaned_data["criterion"]
    try:
        evidence = services.attach_score_evidence(member, actor=request.user, criterion=criterion,
                                                  upload=form.cleaned_data["file"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã thêm minh chứng {evidence.original_name}.")
    return redirect(_sheet_url(member.pk, criterion.pk))


def _evidence_or_404(request, pk):
    """The file, to those who may read its sheet's points (as ``rules.can_see_scores``); 404 to everyone else."""
    evidence = get_object_or_404(ScoreEvidence.objects.visible_to(request.user).select_related(
        "sheet__member__unit", "sheet__member__block__organiser", "sheet__member__block__head"), pk=pk)
    if not rules.can_see_scores(request.user, evidence.sheet.member, evidence.sheet):
        raise Http404("Không có tệp minh chứng này.")
    return evidence


@require_safe
def block_evidence_file(request, pk):
    """The PDF under its original name; always a download."""
    evidence = _evidence_or_404(request, pk)
    return uploaded_pdf(evidence.file, evidence.original_name)


@require_POST
def block_evidence_remove(request, pk):
    evidence = _evidence_or_404(request, pk)
    try:
        services.remove_score_evidence(evidence, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa minh chứng {evidence.original_name}.")
    return redirect(_sheet_url(evidence.sheet.member_id, evidence.criterion_id))
