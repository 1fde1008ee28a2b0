"""Dossier pages: the inbox, every packet a user may see, one packet with its allowed acts, and the acts.

Each act is a short view: fetch the packet through the scoped queryset (another province's is "not
found"), bind the form, call the service with the version the page showed, then redirect with a
message; typed text that fails a check is shown again with the reason, never lost.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from units.confirmation import Confirmation
from units.downloads import download
from units.forms import add_service_errors, int_or_none
from units.params import id_param
from units.scoping import holds_role_at
from units.security_log import record_export

from awards.forms.attachments import AttachmentForm
from awards.forms.dossiers import (
    CommentForm,
    ForwardForm,
    LineEditForm,
    ProposalReferenceForm,
    RefuseForm,
    ReturnForm,
    ReviewForm,
)
from awards.models import (
    LIST_DOCUMENTS,
    AuthorityLevel,
    DocumentKind,
    Dossier,
    DossierAttachment,
    DossierLine,
    NominationAttachment,
)
from awards.rules import inbox, previews, routing, workflow
from awards.rules.duplicate_files import mark_duplicates
from awards.rules.workflow import Action as A
from awards.services import attachments, dossiers, journal
from awards.views.attachments import download_name
from awards.views.rows import back_to_row, row_context

PAGE_SIZE = 50
# What a returned line may take: its own documents (the list's Tờ trình and minutes stay on the list page).
LINE_KINDS = [(kind.value, kind.label) for kind in DocumentKind if kind not in LIST_DOCUMENTS]
LIST_KINDS = [(kind.value, kind.label) for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES, DocumentKind.OTHER)]
S, L = Dossier.Status, DossierLine.Status


def _visible(request):
    return Dossier.objects.visible_to(request.user).select_related("sender", "receiver", "nomination_list",
                                                                   "submitted_by")


def _version(request):
    return int_or_none(request.POST.get("version"))


@require_GET
def dossier_inbox(request):
    """What waits for the user, oldest first, against the level's time limit; and their unread notifications."""
    items, more = inbox.inbox(request.user)
    for item in items:
        item.dossier.where = workflow.where_text(item.dossier, has_ready=item.dossier.has_ready,
                                                 awaiting_council=item.dossier.awaiting_vote)
    return render(request, "awards/dossier_inbox.html", {
        "items": items, "more": more, "notifications": journal.unread_for(request.user),
    })


@require_POST
def notifications_read(request):
    journal.mark_read(actor=request.user)
    return redirect("awards:dossier_inbox")


@require_GET
def dossier_list(request):
    """Every packet the user may see, newest change first, optionally of one status."""
    status = request.GET.get("trang_thai", "")
    status = status if status in S.values else ""
    list_id = id_param(request, "danh_sach")
    rows = inbox.visible_dossiers(request.user, status=status)
    if list_id is not None:
        rows = rows.filter(nomination_list_id=list_id)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    for row in page.object_list:
        row.where = workflow.where_text(row, has_ready=row.has_ready)
    return render(request, "awards/dossier_list.html", {"page": page, "status": status, "statuses": S.choices,
                                                        "list_id": list_id})


def _route_stops(dossier, lines, holder_unit):
    deciding = {}
    for line in lines:
        deciding[line.deciding_unit_id] = deciding.get(line.deciding_unit_id, 0) + 1
    # Only the levels this packet goes through: up to the furthest unit deciding one of its lines.
    route = routing.stops_travelled(dossier.route, deciding)
    ids = [stop["unit"] for stop in route]
    here = ids.index(holder_unit.pk) if holder_unit.pk in ids else -1
    return [{**stop, "level_label": AuthorityLevel(stop["level"]).label, "deciding": deciding.get(stop["unit"], 0),
             "state": "here" if i == here else ("past" if i < here else "ahead")}
            for i, stop in enumerate(route)]


def _documents(dossier, lines):
    """The proposals' own documents (uploaded with the list), grouped by proposal, in one query."""
    by_line = {}
    rows = list(NominationAttachment.objects.filter(line_id__in=[line.nomination_line_id for line in lines])
                .order_by("kind", "uploaded_at", "pk"))
    # The same file given for two proposals of the packet is flagged beside the later one.
    owners = {line.nomination_line_id: line.nomination_line.subject_name for line in lines}
    mark_duplicates(rows, rows, owner_of=lambda row: owners.get(row.line_id, ""))
    for attachment in rows:
        by_line.setdefault(attachment.line_id, []).append(attachment)
    return by_line


def _packet_documents(dossier):
    documents = list(dossier.attachments.order_by("kind", "pk"))
    mark_duplicates(documents, documents)
    return documents


def _list_documents(dossier):
    return list(NominationAttachment.objects.filter(nomination_list_id=dossier.nomination_list_id, line__isnull=True)
                .order_by("kind", "pk"))


def _render_detail(request, dossier, *, forms=None):
    """The packet page; ``forms``: bound forms to show again with their errors."""
    forms = forms or {}
    user = request.user
    lines = list(dossier.lines.select_related(
        "nomination_line__person__unit", "nomination_line__collective", "nomination_line__award",
        "nomination_line__nomination_list", "deciding_unit", "granted_award").order_by("pk"))
    actions = set(workflow.allowed_actions(dossier, user, lines))
    holder_unit, holder_role, holder_words = workflow.holder(dossier, lines)
    documents, positions = _documents(dossier, lines), inbox.latest_positions(lines)
    review = None
    if actions & {A.RETURN, A.APPROVE}:
        review = forms.get("review") or ReviewForm(lines=lines)
    edit_forms = {}
    if A.EDIT in actions:
        edit_forms = {
            line.pk: forms.get(("edit", line.pk)) or LineEditForm(initial={"summary": line.nomination_line.summary})
            for line in lines if line.status == L.RETURNED or dossier.status == S.REFUSED}
    pairs = {line.pk: (verdict, reason) for line, verdict, reason in review.bound_pairs()} if review else {}
    for line in lines:
        line.documents = documents.get(line.nomination_line_id, [])
        now_at = positions.get(line.nomination_line_id)
        line.now_at = now_at if now_at is not None and now_at.dossier_id != dossier.pk else None
        line.edit_form = edit_forms.get(line.pk)
        line.review = pairs.get(line.pk)
    visible = Dossier.objects.visible_to(user).select_related("sender", "receiver")
    related = list(visible.filter(Q(lines__next_lines__dossier=dossier) | Q(lines__previous__dossier=dossier))
                   .distinct().order_by("pk"))
    approver_barred = (dossier.status in (S.REVIEWED, S.CLOSED) and not actions & workflow.APPROVING
                       and workflow.barred(dossier, user)
                       and holds_role_at(user, dossier.receiver, workflow.WHO[A.FORWARD][1]))
    rounds = _rounds(dossier, lines)
    awaiting_council = dossier.status == S.REVIEWED and workflow.awaiting_council(dossier, lines, user)
    sent_back = [e for _round, events in rounds for e in events if e.action in (A.RETURN, A.REFUSE)]
    last = sent_back[-1] if sent_back else None
    return render(request, "awards/dossier_detail.html", {
        **row_context(request),
        "dossier": dossier, "lines": lines, "rounds": rounds,
        "why_back": last if last is not None and dossier.status in (S.RETURNED, S.REFUSED) else None,
        "actions": actions, "A": {a.name: a.value for a in A},
        "holder_unit": holder_unit, "holder_role": holder_role, "holder_words": holder_words,
        "stops": _route_stops(dossier, lines, holder_unit),
        "attachments": _packet_documents(dossier),
        "related": [d for d in related if d.pk != dossier.pk],
        "review": review, "upload_kinds": LINE_KINDS, "list_upload_kinds": LIST_KINDS,
        "list_documents": _list_documents(dossier) if A.EDIT in actions else [],
        "attachment_max_bytes": settings.ATTACHMENT_MAX_BYTES,
        "receive_form": forms.get("receive") or CommentForm(prefix="tiep-nhan"),
        "refuse_form": forms.get("refuse") or RefuseForm(),
        "return_form": forms.get("return") or ReturnForm(),
        "resubmit_form": forms.get("resubmit") or CommentForm(prefix="gui-lai"),
        "settle_form": forms.get("settle") or CommentForm(prefix="trinh"),
        "reference_form": (ProposalReferenceForm(initial={"proposal_number": dossier.proposal_number,
                                                          "proposal_date": dossier.proposal_date})
                           if holds_role_at(user, dossier.sender, dossiers.SENDER_ROLES) else None),
        "approver_barred": workflow.barred(dossier, user) if approver_barred else "",
        "awaiting_council": awaiting_council,
        "where": workflow.where_text(dossier, lines, awaiting_council=awaiting_council),
    })


def _rounds(dossier, lines):
    """The packet's events grouped by round, each with the lines it returned or rejected named."""
    names = {line.pk: line.nomination_line.subject_name for line in lines}
    labels, statuses = dict(A.choices), dict(S.choices)
    rounds = {}
    for event in dossier.events.select_related("actor", "from_unit", "to_unit").order_by("seq"):
        event.label = labels.get(event.action, event.action)
        event.from_label, event.to_label = statuses.get(event.from_status, ""), statuses.get(event.to_status, "")
        reasons = {**event.details.get("rejected", {}), **event.details.get("returned", {})}
        event.line_reasons = [(names.get(int(pk), f"Đề nghị {pk}"), reason) for pk, reason in reasons.items()]
        rounds.setdefault(event.round, []).append(event)
    return sorted(rounds.items())


@require_GET
def dossier_detail(request, pk):
    return _render_detail(request, get_object_or_404(_visible(request), pk=pk))


def _gate(request, dossier, action):
    """None when the user may take ``action`` now; a redirect with the news when the page was stale.

    Checked before the form is read, so someone without the role gets 403 whatever they typed.
    """
    posted = _version(request)
    if action in workflow.allowed_actions(dossier, request.user) and posted in (None, dossier.version):
        return None
    if (posted is not None and posted != dossier.version) or workflow.next_status(dossier.status, action) is None:
        messages.warning(request, " ".join(dossiers.stale(dossier).messages))
        return redirect(dossier)
    raise PermissionDenied(workflow.refusal(dossier, request.user, action))


def _after(request, dossier, call, done, *, form_key=None, form=None):
    """Call the service; on success a message and back to the page, on a stale page the news, else the errors."""
    try:
        call()
    except dossiers.StaleDossier as error:
        messages.warning(request, " ".join(error.messages))
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            add_service_errors(form, error)
            return _render_detail(request, get_object_or_404(_visible(request), pk=dossier.pk), forms={form_key: form})
    else:
        messages.success(request, done)
    return redirect(dossier)


@require_POST
def dossier_receive(request, pk):
    dossier = get_object_or_404(_visible(request), pk=pk)
    if (gate := _gate(request, dossier, A.RECEIVE)) is not None:
        return gate
    form = CommentForm(request.POST, prefix="tiep-nhan")
    if not form.is_valid():
        return _render_detail(request, dossier, forms={"receive": form})
    return _after(request, dossier, lambda: dossiers.receive_dossier(
        dossier, actor=request.user, comment=form.cleaned_data["comment"], expected_version=_version(request)),
        "Đã tiếp nhận hồ sơ; đơn vị gửi đã được báo.", form_key="receive", form=form)


@require_POST
def dossier_refuse(request, pk):
    dossier = get_object_or_404(_visible(request), pk=pk)
    if (gate := _gate(request, dossier, A.REFUSE)) is not None:
        return gate
    form = RefuseForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, dossier, forms={"refuse": form})
    return _after(request, dossier, lambda: dossiers.refuse_dossier(
        dossier, actor=request.user, missing=form.cleaned_data["missing"], expected_version=_version(request)),
        "Đã báo đơn vị gửi bổ sung hồ sơ.", form_key="refuse", form=form)


@require_POST
def dossier_review(request, pk):
    """The reviewer's verdicts: any line returned sends the packet back, otherwise the review is complete."""
    dossier = get_object_or_404(_visible(request), pk=pk)
    if (gate := _gate(request, dossier, A.APPROVE if A.APPROVE in workflow.allowed_actions(dossier, request.user)
                      else A.RETURN)) is not None:
        return gate
    form = ReviewForm(request.POST, lines=list(dossier.lines.select_related("nomination_line__person",
                                                                            "nomination_line__collective")))
    if not form.is_valid():
        return _render_detail(request, dossier, forms={"review": form})
    if form.returning:
        call = lambda: dossiers.return_dossier(  # noqa: E731
            dossier, actor=request.user, reason=form.cleaned_data["comment"], verdicts=form.verdicts(),
            expected_version=_version(request))
        done = "Đã trả lại các đề nghị cần bổ sung cho đơn vị gửi."
    else:
        call = lambda: dossiers.approve_dossier(  # noqa: E731
            dossier, actor=request.user, verdicts=form.verdicts(), comment=form.cleaned_data["comment"],
            expected_version=_version(request))
        done = "Đã ghi kết quả thẩm định; hồ sơ chuyển lãnh đạo xem xét."
    return _after(request, dossier, call, done, form_key="review", form=form)


@require_POST
def dossier_return(request, pk):
    dossier = get_object_or_404(_visible(request), pk=pk)
    if (gate := _gate(request, dossier, A.RETURN)) is not None:
        return gate
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, dossier, forms={"return": form})
    return _after(request, dossier, lambda: dossiers.return_dossier(
        dossier, actor=request.user, reason=form.cleaned_data["reason"], expected_version=_version(request)),
        "Đã trả lại hồ sơ cho đơn vị gửi.", form_key="return", form=form)


@require_http_methods(["GET", "HEAD", "POST"])
def dossier_resubmit(request, pk):
    """GET: what is sent again, to whom, with a comment box; POST: send it again."""
    dossier = get_object_or_404(_visible(request), pk=pk)
    if (gate := _gate(request, dossier, A.RESUBMIT)) is not None:
        return gate
    if request.method != "POST":
        return _resubmit_confirmation(request, dossier)
    form = CommentForm(request.POST, prefix="gui-lai")
    if not form.is_valid():
        return _render_detail(request, dossier, forms={"resubmit": form})
    return _after(request, dossier, lambda: dossiers.resubmit_dossier(
        dossier, actor=request.user, comment=form.cleaned_data["comment"], expected_version=_version(request)),
        "Đã gửi lại hồ sơ.", form_key="resubmit", form=form)


@require_POST
def dossier_line_edit(request, pk):
    line = get_object_or_404(DossierLine.objects.filter(dossier__in=_visible(request)).select_related("dossier"),
                             pk=pk)
    if (gate := _gate(request, line.dossier, A.EDIT)) is not None:
        return gate
    form = LineEditForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, line.dossier, forms={("edit", line.pk): form})
    return _after(request, line.dossier, lambda: dossiers.edit_returned_line(
        line, actor=request.user, summary=form.cleaned_data["summary"], expected_version=_version(request)),
        "Đã sửa tóm tắt thành tích.", form_key=("edit", line.pk), form=form)


@require_POST
def dossier_line_upload(request, pk):
    """A document added to a returned line, from the packet page (the list's own upload rules apply)."""
    line = get_object_or_404(DossierLine.objects.filter(dossier__in=_visible(request)).select_related(
        "dossier", "nomination_line__nomination_list__unit", "nomination_line__award", "nomination_line__person",
        "nomination_line__collective"), pk=pk)
    if (gate := _gate(request, line.dossier, A.EDIT)) is not None:
        return gate
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
    dossier = get_object_or_404(_visible(request).filter(nomination_list__isnull=False), pk=pk)
    if (gate := _gate(request, dossier, A.EDIT)) is not None:
        return gate
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
    dossier = get_object_or_404(_visible(request), pk=pk)
    if (gate := _gate(request, dossier, A.SETTLE)) is not None:
        return gate
    form = CommentForm(request.POST, prefix="trinh")
    if not form.is_valid():
        return _render_detail(request, dossier, forms={"settle": form})
    return _after(request, dossier, lambda: dossiers.settle_dossier(
        dossier, actor=request.user, comment=form.cleaned_data["comment"], expected_version=_version(request)),
        "Các đề nghị đã được trình quyết định tại cấp này.", form_key="settle", form=form)


def _resubmit_confirmation(request, dossier):
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
    return render(request, "confirmation.html", {
        "confirmation": page, "form": CommentForm(prefix="gui-lai"),
        "breadcrumbs": [("Hồ sơ", reverse("awards:dossier_inbox")), (f"Hồ sơ số {dossier.pk}", back)],
    })


def _forward_candidates(request, dossier):
    """Packets at the same level, reviewed, with lines for the same next unit: they may travel together."""
    above = routing.next_stop(dossier.route, dossier.receiver_id)
    rows = (_visible(request).filter(receiver=dossier.receiver, status=S.REVIEWED).order_by("status_changed_at", "pk")
            .select_related("receiver", "sender")
            .prefetch_related(Prefetch("lines", DossierLine.objects.select_related("nomination_line__award",
                                                                                   "granted_award"))))
    return [d for d in rows if routing.next_stop(d.route, d.receiver_id) == above
            and A.FORWARD in workflow.allowed_actions(d, request.user)]


@require_http_methods(["GET", "POST"])
def dossier_forward(request, pk):
    """Choose the packets to bundle, add the level's Tờ trình and minutes, and send them up."""
    dossier = get_object_or_404(_visible(request), pk=pk)
    if (gate := _gate(request, dossier, A.FORWARD)) is not None:
        return gate
    candidates = _forward_candidates(request, dossier)
    form = ForwardForm(request.POST or None, request.FILES or None, candidates=candidates,
                       initial={"dossiers": [dossier.pk]})
    if request.method == "POST" and form.is_valid():
        chosen = [d for d in candidates if d.pk in set(form.cleaned_data["dossiers"])]
        versions = {d.pk: int_or_none(request.POST.get(f"version-{d.pk}")) for d in chosen}
        try:
            bundle = dossiers.forward_dossiers(
                chosen, actor=request.user, comment=form.cleaned_data["comment"],
                proposal=form.cleaned_data["proposal"], minutes=form.cleaned_data["minutes"],
                expected_versions={pk: v for pk, v in versions.items() if v is not None})
        except dossiers.StaleDossier as error:
            messages.warning(request, " ".join(error.messages))
            return redirect(dossier)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã chuyển hồ sơ lên {bundle.receiver.name}.")
            return redirect(bundle)
    above = routing.next_stop(dossier.route, dossier.receiver_id)
    return render(request, "awards/dossier_forward.html", {
        "dossier": dossier, "form": form, "candidates": candidates, "above": above,
        "confirmation": _forward_confirmation(dossier, candidates, above),
    })


def _forward_confirmation(dossier, candidates, above):
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
    return page


@require_safe
def dossier_attachment_download(request, pk):
    """A packet's own PDF, to anyone who may see the packet; the storage path never shows."""
    attachment = get_object_or_404(DossierAttachment.objects.filter(dossier__in=_visible(request)), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp của tài liệu này không còn trên máy chủ.") from None
    response = download(handle, download_name(attachment.original_name), content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def dossier_proposal_pdf(request, pk):
    """The Tờ trình the portal writes for a bundle, for the forwarding level to complete and sign."""
    from awards.documents import render_bundle_proposal_pdf  # WeasyPrint loads only in processes that print
    from awards.views.dossier_documents import PDF, ascii_download

    dossier = get_object_or_404(_visible(request).filter(nomination_list__isnull=True), pk=pk)
    record_export(request, unit=dossier.sender, target=f"Tờ trình của bó hồ sơ #{dossier.pk}")
    return ascii_download(render_bundle_proposal_pdf(dossier), PDF, f"to-trinh-{dossier.sender.name}-{dossier.pk}",
                          "pdf")
