"""One packet's page: its lines, route, documents, history and the acts the user may take on it.

Every dossier page module reads packets through ``visible`` (another province's packet is "not found"),
and every act passes ``gate`` before its form is read and ``after`` around its service call: a stale page
gets the news, typed text that fails a check is shown again with the reason, never lost.
"""

from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_safe

from units.downloads import download_stored
from units.forms import add_service_errors, int_or_none
from units.scoping import holds_role_at
from units.security_log import record_export

from awards.forms.dossiers import (
    VERDICTS,
    CommentForm,
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
from awards.rules import inbox, routing, workflow
from awards.rules.duplicate_files import mark_duplicates
from awards.rules.workflow import Action as A
from awards.services import dossiers, proposal_references
from awards.views.attachments import download_name
from awards.views.rows import page_of, row_context

# What a returned line may take: its own documents (the list's Tờ trình and minutes stay on the list page).
LINE_KINDS = [(kind.value, kind.label) for kind in DocumentKind if kind not in LIST_DOCUMENTS]
LIST_KINDS = [(kind.value, kind.label) for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES, DocumentKind.OTHER)]
S, L = Dossier.Status, DossierLine.Status
# A packet's page shows its lines this many at a time: a bundle may hold hundreds or thousands, and a page of
# 25 review rows keeps the reviewer's page within its time budget (50 did not, on the national benchmark).
LINES_PER_PAGE = 25
# What the parts of the page about the whole packet (route, buttons, counts, history, consultation) read of every
# line: a few columns, with the names and awards they print.
INDEX_FIELDS = ("dossier_id", "status", "deciding_unit_id", "council_result", "draft_verdict", "nomination_line",
                "nomination_line__person", "nomination_line__person__full_name", "nomination_line__collective",
                "nomination_line__collective__name", "nomination_line__household", "nomination_line__award",
                "nomination_line__award__name", "nomination_line__award_class")
# Lines still waiting for a verdict named on the page of a long packet, with a link to their page.
WAITING_SHOWN = 20


def visible(request):
    """The packets the user may see, with what every dossier page shows of them."""
    return Dossier.objects.visible_to(request.user).select_related("sender", "receiver", "nomination_list",
                                                                   "submitted_by")


def posted_version(request):
    """The packet's version the page showed, when it posted one."""
    return int_or_none(request.POST.get("version"))


def line_index(dossier) -> list[DossierLine]:
    """Every line of the packet with INDEX_FIELDS only, in the page's order (one query)."""
    return list(dossier.lines.select_related("nomination_line__person", "nomination_line__collective",
                                             "nomination_line__award").only(*INDEX_FIELDS).order_by("pk"))


def page_of_lines(index, number):
    """(page, lines): page ``number`` (the last when past it) of the packet's lines, and its lines read in full."""
    page = Paginator(index, LINES_PER_PAGE).get_page(number)
    lines = list(DossierLine.objects.filter(pk__in=[line.pk for line in page.object_list]).select_related(
        "nomination_line__person__unit", "nomination_line__collective", "nomination_line__award",
        "deciding_unit", "granted_award").order_by("pk"))
    return page, lines


def line_page(line) -> int:
    """The page of its packet that shows ``line``."""
    return page_of(DossierLine.objects.filter(dossier_id=line.dossier_id, pk__lte=line.pk).count(), LINES_PER_PAGE)


def page_url(dossier, number, row=None) -> str:
    """The packet's page ``number`` (at ``row``)."""
    query = urlencode({"trang": number}) if number and number > 1 else ""
    return dossier.get_absolute_url() + (f"?{query}" if query else "") + (f"#dong-{row}" if row else "")


def _counts(index, paged_review):
    """The whole packet's lines by status and, while a long packet is reviewed page by page, by kept verdict."""
    by_status = Counter(line.status for line in index)
    counts = {"statuses": [(label, by_status[value]) for value, label in L.choices if by_status[value]]}
    if paged_review:
        open_lines = [(i, line) for i, line in enumerate(index) if line.status in workflow.OPEN_LINES]
        kept = Counter(line.draft_verdict for _i, line in open_lines if line.draft_verdict)
        counts["verdicts"] = [(text, kept[value]) for value, text in VERDICTS if kept[value]]
        waiting = [(line, i // LINES_PER_PAGE + 1) for i, line in open_lines
                   if line.status == L.ACCEPTED and not line.draft_verdict]
        counts["waiting"], counts["waiting_shown"] = len(waiting), waiting[:WAITING_SHOWN]
        counts["waiting_more"] = max(0, len(waiting) - WAITING_SHOWN)
    return counts


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


def _documents(index, lines):
    """The proposals' own documents (uploaded with the list), grouped by proposal, in one query.

    Those of the page's ``lines`` are shown; the same file given for two proposals of the packet is flagged beside
    the later one, wherever in the packet (``index``) the earlier one is.
    """
    by_line = {}
    rows = list(NominationAttachment.objects.filter(line_id__in=[line.nomination_line_id for line in index])
                .order_by("kind", "uploaded_at", "pk"))
    owners = {line.nomination_line_id: line.nomination_line.subject_name for line in index}
    shown = {line.nomination_line_id for line in lines}
    page_rows = [row for row in rows if row.line_id in shown]
    mark_duplicates(page_rows, rows, owner_of=lambda row: owners.get(row.line_id, ""))
    for attachment in page_rows:
        by_line.setdefault(attachment.line_id, []).append(attachment)
    return by_line


def _related(dossier, user):
    """The packets below this one (its lines came from them) and above it (its lines went on in them).

    Their ids come from this packet's own lines through the line indexes (previous, dossier) as one subquery,
    so the packets' table is read by primary key, never scanned for the visibility filter.
    """
    below = (DossierLine.objects.filter(dossier=dossier, previous__isnull=False).order_by()
             .values("previous__dossier_id"))
    above = DossierLine.objects.filter(previous__dossier=dossier).order_by().values("dossier_id")
    return list(Dossier.objects.visible_to(user).select_related("sender", "receiver")
                .filter(pk__in=below.union(above)).exclude(pk=dossier.pk).order_by("pk"))


def _packet_documents(dossier):
    documents = list(dossier.attachments.order_by("kind", "pk"))
    mark_duplicates(documents, documents)
    return documents


def _list_documents(dossier):
    return list(NominationAttachment.objects.filter(nomination_list_id=dossier.nomination_list_id, line__isnull=True)
                .order_by("kind", "pk"))


def render_detail(request, dossier, *, forms=None, page_number=None):
    """The packet page, its lines a page at a time (``page_number``, else ?trang=); ``forms``: bound forms to show
    again with their errors.

    What speaks of the whole packet (route, buttons, counts, history) reads the light index of every line; only
    the page's own lines are read in full, with their documents and where each is now.
    """
    forms = forms or {}
    user = request.user
    index = line_index(dossier)
    page, lines = page_of_lines(index, page_number or request.GET.get("trang"))
    paged = page.paginator.num_pages > 1
    actions = set(workflow.allowed_actions(dossier, user, index))
    holder_unit, holder_role, holder_words = workflow.holder(dossier, index)
    documents, positions = _documents(index, lines), inbox.latest_positions(lines)
    review = None
    if actions & {A.RETURN, A.APPROVE}:
        review = forms.get("review") or ReviewForm(lines=lines, require_all=not paged)
    edit_forms = {}
    if A.EDIT in actions:
        edit_forms = {
            line.pk: forms.get(("edit", line.pk)) or LineEditForm(initial={"summary": line.nomination_line.summary})
            for line in lines if line.status == L.RETURNED or dossier.status == S.REFUSED}
    cells = review.verdict_rows() if review else {}
    for line in lines:
        line.documents = documents.get(line.nomination_line_id, [])
        now_at = positions.get(line.nomination_line_id)
        line.now_at = now_at if now_at is not None and now_at.dossier_id != dossier.pk else None
        line.edit_form = edit_forms.get(line.pk)
        line.review = cells.get(line.pk)
    related = _related(dossier, user)
    approver_barred = (dossier.status in (S.REVIEWED, S.CLOSED) and not actions & workflow.APPROVING
                       and workflow.barred(dossier, user)
                       and holds_role_at(user, dossier.receiver, workflow.WHO[A.FORWARD][1]))
    rounds = _rounds(dossier, index)
    awaiting_council = dossier.status == S.REVIEWED and workflow.awaiting_council(dossier, index, user)
    sent_back = [e for _round, events in rounds for e in events if e.action in (A.RETURN, A.REFUSE)]
    last = sent_back[-1] if sent_back else None
    return render(request, "awards/dossier_detail.html", {
        **row_context(request),
        "dossier": dossier, "lines": lines, "all_lines": index, "page": page, "paged_review": review and paged,
        "counts": _counts(index, review is not None and paged), "rounds": rounds,
        "why_back": last if last is not None and dossier.status in (S.RETURNED, S.REFUSED) else None,
        "actions": actions, "A": {a.name: a.value for a in A},
        "holder_unit": holder_unit, "holder_role": holder_role, "holder_words": holder_words,
        "stops": _route_stops(dossier, index, holder_unit),
        "attachments": _packet_documents(dossier),
        "related": related,
        "review": review, "upload_kinds": LINE_KINDS, "list_upload_kinds": LIST_KINDS,
        "list_documents": _list_documents(dossier) if A.EDIT in actions else [],
        "attachment_max_bytes": settings.ATTACHMENT_MAX_BYTES,
        "receive_form": forms.get("receive") or CommentForm(prefix="tiep-nhan"),
        "refuse_form": forms.get("refuse") or RefuseForm(),
        "return_form": forms.get("return") or ReturnForm(),
        "settle_form": forms.get("settle") or CommentForm(prefix="trinh"),
        "reference_form": (ProposalReferenceForm(initial={"proposal_number": dossier.proposal_number,
                                                          "proposal_date": dossier.proposal_date})
                           if holds_role_at(user, dossier.sender, dossiers.SENDER_ROLES) else None),
        "reference_text": str(proposal_references.of(dossier)) if dossier.proposal_number or dossier.proposal_date
        else "",
        "approver_barred": workflow.barred(dossier, user) if approver_barred else "",
        "awaiting_council": awaiting_council,
        "where": workflow.where_text(dossier, index, awaiting_council=awaiting_council),
    })


def _rounds(dossier, lines):
    """The packet's events grouped by round, each with the lines it returned or rejected named."""
    names = {line.pk: line.nomination_line.subject_name for line in lines}
    labels, statuses = dict(A.choices), dict(S.choices)
    rounds = {}
    for event in dossier.events.select_related("actor", "from_unit", "to_unit").order_by("seq"):
        event.label = labels.get(event.action, event.action)
        event.from_label, event.to_label = statuses.get(event.from_status, ""), statuses.get(event.to_status, "")
        if event.from_status == event.to_status:  # a step that moves nothing (a Tờ trình's number, a consultation)
            event.from_label = ""
        reasons = {**event.details.get("rejected", {}), **event.details.get("returned", {})}
        event.line_reasons = [(names.get(int(pk), f"Đề nghị {pk}"), reason) for pk, reason in reasons.items()]
        rounds.setdefault(event.round, []).append(event)
    return sorted(rounds.items())


@require_GET
def dossier_detail(request, pk):
    return render_detail(request, get_object_or_404(visible(request), pk=pk))


def gate(request, dossier, action):
    """None when the user may take ``action`` now; a redirect with the news when the page was stale.

    Checked before the form is read, so someone without the role gets 403 whatever they typed.
    """
    posted = posted_version(request)
    if action in workflow.allowed_actions(dossier, request.user) and posted in (None, dossier.version):
        return None
    if (posted is not None and posted != dossier.version) or workflow.next_status(dossier.status, action) is None:
        messages.warning(request, " ".join(dossiers.stale(dossier).messages))
        return redirect(dossier)
    raise PermissionDenied(workflow.refusal(dossier, request.user, action))


def after(request, dossier, call, done, *, form_key=None, form=None):
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
            return render_detail(request, get_object_or_404(visible(request), pk=dossier.pk), forms={form_key: form})
    else:
        messages.success(request, done)
    return redirect(dossier)


@require_safe
def dossier_attachment_download(request, pk):
    """A packet's own PDF, to anyone who may see the packet; the storage path never shows."""
    attachment = get_object_or_404(DossierAttachment.objects.filter(dossier__in=visible(request)), pk=pk)
    return download_stored(attachment.file, download_name(attachment.original_name), content_type="application/pdf")


@require_GET
def dossier_proposal_pdf(request, pk):
    """The Tờ trình the portal writes for a bundle, for the forwarding level to complete and sign."""
    from awards.documents import render_bundle_proposal_pdf  # WeasyPrint loads only in processes that print
    from awards.views.dossier_documents import PDF, ascii_download

    dossier = get_object_or_404(visible(request).filter(nomination_list__isnull=True), pk=pk)
    record_export(request, unit=dossier.sender, target=f"Tờ trình của bó hồ sơ #{dossier.pk}")
    return ascii_download(render_bundle_proposal_pdf(dossier), PDF, f"to-trinh-{dossier.sender.name}-{dossier.pk}",
                          "pdf")
