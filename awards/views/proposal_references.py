"""The packet page's small form where the sender records the number and date of its Tờ trình."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from units import dates

from awards.forms.dossiers import ProposalReferenceForm
from awards.models import Dossier
from awards.services.proposal_references import record_proposal_reference


@require_POST
def dossier_proposal_reference(request, pk):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), pk=pk)
    form = ProposalReferenceForm(request.POST)
    if not form.is_valid():
        problems = " ".join(" ".join(errors) for errors in form.errors.values())
        messages.error(request, f"Chưa ghi được số Tờ trình. {problems}")
        return redirect(dossier)
    try:
        saved = record_proposal_reference(dossier, actor=request.user, number=form.cleaned_data["proposal_number"],
                                          date=form.cleaned_data["proposal_date"])
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, f"Chưa ghi được số Tờ trình “{form.cleaned_data['proposal_number']}”. "
                                f"{' '.join(error.messages)}")
    else:
        day = dates.in_figures(saved.proposal_date) if saved.proposal_date else "chưa có ngày"
        messages.success(request, f"Đã ghi Tờ trình số {saved.proposal_number or '(để trống)'}, {day}.")
    return redirect(dossier)
