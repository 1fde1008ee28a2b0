"""Sending a packet on: again to its receiver after a fix, or up to the next level from here.

Both answer GET with a confirmation page (what goes, to whom, under which Tờ trình: its number and date,
the date today until typed) and act on POST, writing the Tờ trình's reference in the same step.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from units.confirmation import Confirmation
from units.forms import add_service_errors, int_or_none

from awards.forms.dossiers import SENT_WITHOUT_NUMBER, ForwardForm, ResubmitForm, sending_initial, sent_without_number
from awards.models import Dossier, DossierLine
from awards.rules import previews, routing, workflow
from awards.rules.workflow import Action as A
from awards.services import dossiers
from awards.views.dossiers import gate, posted_version, visible

S, L = Dossier.Status, DossierLine.Status
NOT_SENT = "{what}: xem lại các ô được đánh dấu bên dưới; những gì đã nhập vẫn được giữ."


@require_http_methods(["GET", "HEAD", "POST"])
def dossier_resubmit(request, pk):
    """GET: what is sent again, to whom, with the Tờ trình's number and date and a comment box; POST: send it.

    What fails a check shows the same page again with everything typed, and nothing is sent.
    """
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := gate(request, dossier, A.RESUBMIT)) is not None:
        return stop
    if request.method != "POST":
        form = ResubmitForm(prefix="gui-lai", initial=sending_initial(dossier))
        return _resubmit_confirmation(request, dossier, form)
    form = ResubmitForm(request.POST, prefix="gui-lai")
    if not form.is_valid():
        return _resubmit_confirmation(request, dossier, form)
    try:
        dossiers.resubmit_dossier(dossier, actor=request.user, comment=form.cleaned_data["comment"],
                                  expected_version=posted_version(request), reference=form.reference())
    except dossiers.StaleDossier as error:
        messages.warning(request, " ".join(error.messages))
    except ValidationError as error:
        add_service_errors(form, error)
        return _resubmit_confirmation(request, dossier, form)
    else:
        messages.success(request, "Đã gửi lại hồ sơ.")
        if sent_without_number(form):
            messages.info(request, SENT_WITHOUT_NUMBER)
    return redirect(dossier)


def _resubmit_confirmation(request, dossier, form):
    lines = list(DossierLine.objects.filter(dossier=dossier).select_related(
        "nomination_line__award", "granted_award").order_by("pk"))
    back = dossier.get_absolute_url()
    page = Confirmation(
        heading=f"Gửi lại hồ sơ số {dossier.pk}", action=reverse("awards:dossier_resubmit", args=[dossier.pk]),
        confirm_label=f"Xác nhận gửi lại {dossier.receiver.name}", back=back, back_label="Quay lại hồ sơ",
        lead="Các đề nghị đã sửa được thẩm định lại; tài liệu đã bổ sung đi kèm hồ sơ.",
        hidden=[("version", dossier.version)],
    )
    page.add("Nơi nhận", dossier.receiver.name)
    page.add("Số đề nghị trong hồ sơ", f"{len(lines)} đề nghị")
    page.add("Hình thức khen thưởng", previews.by_award([line.nomination_line for line in lines]))
    if form.errors:
        page.warnings.append(NOT_SENT.format(what="Chưa gửi lại hồ sơ"))
    return render(request, "confirmation.html", {
        "confirmation": page, "form": form,
        "breadcrumbs": [("Hồ sơ", reverse("awards:dossier_inbox")), (f"Hồ sơ số {dossier.pk}", back)],
    })


def _forward_candidates(request, dossier):
    """Packets at the same level, reviewed, with lines for the same next unit: they may travel together."""
    above = routing.next_stop(dossier.route, dossier.receiver_id)
    rows = (visible(request).filter(receiver=dossier.receiver, status=S.REVIEWED).order_by("status_changed_at", "pk")
            .select_related("receiver", "sender")
            .prefetch_related(Prefetch("lines", DossierLine.objects.select_related("nomination_line__award",
                                                                                   "granted_award"))))
    return [d for d in rows if routing.next_stop(d.route, d.receiver_id) == above
            and A.FORWARD in workflow.allowed_actions(d, request.user)]


@require_http_methods(["GET", "POST"])
def dossier_forward(request, pk):
    """Choose the packets to bundle, add the level's Tờ trình and minutes, and send them up."""
    dossier = get_object_or_404(visible(request), pk=pk)
    if (stop := gate(request, dossier, A.FORWARD)) is not None:
        return stop
    candidates = _forward_candidates(request, dossier)
    form = ForwardForm(request.POST or None, request.FILES or None, candidates=candidates,
                       initial={"dossiers": [dossier.pk], **sending_initial()})
    if request.method == "POST" and form.is_valid():
        chosen = [d for d in candidates if d.pk in set(form.cleaned_data["dossiers"])]
        versions = {d.pk: int_or_none(request.POST.get(f"version-{d.pk}")) for d in chosen}
        try:
            bundle = dossiers.forward_dossiers(
                chosen, actor=request.user, comment=form.cleaned_data["comment"],
                proposal=form.cleaned_data["proposal"], minutes=form.cleaned_data["minutes"],
                expected_versions={pk: v for pk, v in versions.items() if v is not None},
                reference=form.reference())
        except dossiers.StaleDossier as error:
            messages.warning(request, " ".join(error.messages))
            return redirect(dossier)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã chuyển hồ sơ lên {bundle.receiver.name}.")
            if sent_without_number(form):
                messages.info(request, SENT_WITHOUT_NUMBER)
            return redirect(bundle)
    above = routing.next_stop(dossier.route, dossier.receiver_id)
    return render(request, "awards/dossier_forward.html", {
        "dossier": dossier, "form": form, "candidates": candidates, "above": above,
        "confirmation": _forward_confirmation(dossier, candidates, above, refused=bool(form.errors)),
    })


def _forward_confirmation(dossier, candidates, above, *, refused=False):
    """The forward page as a confirmation: where the packets go and, for each, what goes up and what stays."""
    name = above["name"] if above else "cấp trên"
    page = Confirmation(
        heading=f"Chuyển hồ sơ lên {name}", action=reverse("awards:dossier_forward", args=[dossier.pk]),
        confirm_label=f"Xác nhận chuyển lên {name}", back=dossier.get_absolute_url(), back_label="Quay lại hồ sơ",
        lead=(f"Các đề nghị đã thẩm định đạt mà {dossier.receiver.name} không có thẩm quyền quyết định được gộp thành "
              f"một hồ sơ gửi {name}. Đề nghị thuộc thẩm quyền của {dossier.receiver.name} ở lại chờ quyết định."),
        hidden=[(f"version-{d.pk}", d.version) for d in candidates], multipart=True,
    )
    page.add("Nơi nhận", name)
    for candidate in candidates:
        page.add(f"Hồ sơ số {candidate.pk} — {candidate.sender.name}",
                 previews.forward_summary(candidate, candidate.lines.all(), approved_status=L.APPROVED))
    if refused:
        page.warnings.append(NOT_SENT.format(what="Chưa chuyển hồ sơ lên"))
    return page
