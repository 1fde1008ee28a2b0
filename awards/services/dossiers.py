"""The only code that writes dossiers: one function per state change, each in one transaction.

Every function takes the acting user, re-reads the packet with its row locked through the actor's
scoped queryset, refuses unless awards.rules.workflow allows the action now, writes the change and its
own DossierEvent (hash-chained, awards.services.journal), and queues notifications for after the commit.

Two people acting on one packet at once are applied one after the other: the second finds the
packet already moved and gets ``StaleDossier`` naming who acted; a page that posts the version it
showed is caught the same way when anything changed since it loaded. Any failure rolls the whole
step back, so a packet is always exactly as one of its events left it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Membership, Unit
from units.storage import files_removed_on_rollback

from awards.models import DocumentKind, Dossier, DossierAttachment, DossierEvent, DossierLine
from awards.rules import routing, workflow
from awards.rules.required_documents import missing_documents
from awards.rules.uploads import PdfFacts, inspect_pdf
from awards.rules.workflow import Action as A
from awards.services import journal
from awards.services.proposal_references import ProposalReference, checked_reference, write_reference

S, L, R = Dossier.Status, DossierLine.Status, Membership.Role
SENDER_ROLES = (R.CLERK, R.APPROVER)


class StaleDossier(ValidationError):
    """The packet moved since the actor last saw it: someone else acted first."""


def stale(locked) -> StaleDossier:
    """The error telling an actor that someone else moved the packet first, naming who and when."""
    last = locked.events.select_related("actor").order_by("-seq").first()
    if locked.draft_saved_at is not None and (last is None or locked.draft_saved_at > last.created_at):
        when = timezone.localtime(locked.draft_saved_at)
        return StaleDossier(f"Hồ sơ vừa được {locked.draft_by} lưu kết quả thẩm định dự kiến (lúc {when:%H:%M} ngày "
                            f"{when:%d/%m/%Y}); trang đã tải lại trạng thái mới.", code="stale")
    if last is None:
        return StaleDossier("Hồ sơ vừa thay đổi; trang đã tải lại trạng thái mới.", code="stale")
    when = timezone.localtime(last.created_at)
    return StaleDossier(f"Hồ sơ vừa được {last.actor} xử lý ({A(last.action).label.lower()}, lúc {when:%H:%M} ngày "
                        f"{when:%d/%m/%Y}); trang đã tải lại trạng thái mới.", code="stale")


def lock_dossier(dossier, actor, action, expected_version=None):
    """The packet re-read under a row lock from what the actor may see, and its lines; refuses unless allowed."""
    # of=("self",): the scope filter joins the unit table, whose rows need no lock.
    locked = (Dossier.objects.visible_to(actor).select_for_update(of=("self",))
              .select_related("sender", "receiver").filter(pk=dossier.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy hồ sơ này trong phạm vi của bạn.")
    if expected_version is not None and locked.version != expected_version:
        raise stale(locked)
    if workflow.next_status(locked.status, action) is None:
        raise stale(locked)
    lines = journal.read_lines(locked)
    if action not in workflow.allowed_actions(locked, actor, lines):
        raise PermissionDenied(workflow.refusal(locked, actor, action))
    return locked, lines


def _move(locked, action):
    """Set the packet's next status from the table and bump its version."""
    status = workflow.next_status(locked.status, action)
    if status != locked.status:
        locked.status_changed_at = timezone.now()
    locked.status = status
    locked.version += 1
    locked.save()


def _move_lines(lines, action, receiver_id, *, only=None, reasons=None) -> list[DossierLine]:
    """Move the lines ``action`` touches (``only``: those pks) by the table; returns the moved lines."""
    now, moved = timezone.now(), []
    for line in lines:
        if only is not None and line.pk not in only:
            continue
        status = workflow.next_line_status(line, action, receiver_id)
        if status is None:
            continue
        line.status, line.status_changed_at = status, now
        if reasons is not None:
            line.reason = reasons.get(line.pk, "")
        moved.append(line)
    # One UPDATE per (status, reason): a 200-line packet usually moves in one or two statements.
    groups = {}
    for line in moved:
        groups.setdefault((line.status, line.reason), []).append(line.pk)
    for (status, reason), pks in groups.items():
        DossierLine.objects.filter(pk__in=pks).update(status=status, reason=reason, status_changed_at=now)
    return moved


def _count(n, what="đề nghị"):
    return f"{n} {what}"


# The first step: a submitted list leaves its unit

def open_dossiers(nomination_list, *, actor, lines) -> list[Dossier]:
    """Route a list being submitted and open its packets (inside ``submit_list``'s transaction).

    Lines the submitting unit may grant itself stay there, ready for its decision; the others go in
    one packet to the next unit on the route.
    """
    unit = nomination_list.unit
    route = routing.route_lines(unit, lines, timezone.localdate())
    up = [line for line in lines if route.deciding[line.pk].pk != unit.pk]
    here = [line for line in lines if route.deciding[line.pk].pk == unit.pk]
    opened = []
    if up:
        opened.append(_open(nomination_list, actor, route.chain[1], up, route, A.SUBMIT))
    if here:
        opened.append(_open(nomination_list, actor, unit, here, route, A.RETAIN))
    return opened


def _open(nomination_list, actor, receiver, lines, route, action):
    unit = nomination_list.unit
    dossier = Dossier(sender=unit, receiver=receiver, nomination_list=nomination_list, title=nomination_list.title,
                      status=workflow.next_status(None, action), route=route.stops(), routed_on=route.on,
                      submitted_by=actor, conflicted_users=[actor.pk] if action == A.SUBMIT else [])
    dossier.full_clean(exclude=["route", "conflicted_users"])
    dossier.save()
    line_status = workflow.LINE_TRANSITIONS[(None, action)]
    rows = DossierLine.objects.bulk_create([
        DossierLine(dossier=dossier, nomination_line=line, status=line_status, deciding_unit=route.deciding[line.pk])
        for line in lines])
    if action == A.SUBMIT:
        comment = f"Gửi {_count(len(rows))} lên {receiver.name}."
        journal.notify(verb=action, dossier=dossier, actor=actor, unit_roles=[(receiver, (R.CLERK,))],
                       text=f"Hồ sơ mới từ {unit.name}: {dossier.title} ({_count(len(rows))}).")
    else:
        comment = f"{_count(len(rows))} thuộc thẩm quyền của {unit.name}: chờ quyết định tại đơn vị."
        journal.notify(verb=action, dossier=dossier, actor=actor, unit_roles=[(unit, (R.APPROVER,))],
                       text=f"{_count(len(rows))} của “{dossier.title}” chờ quyết định tại {unit.name}.")
    journal.record_event(dossier, rows, actor=actor, action=action, from_status=None, from_unit=unit, to_unit=receiver,
                         comment=comment)
    return dossier


# At the receiving level: intake

@transaction.atomic
def receive_dossier(dossier, *, actor, comment: str = "", expected_version=None) -> Dossier:
    """The receiving clerk takes the packet in; its sender sees it at once."""
    locked, lines = lock_dossier(dossier, actor, A.RECEIVE, expected_version)
    before = locked.status
    _move_lines(lines, A.RECEIVE, locked.receiver_id)
    locked.received_by = actor
    _move(locked, A.RECEIVE)
    journal.record_event(locked, lines, actor=actor, action=A.RECEIVE, from_status=before, from_unit=locked.receiver,
                         comment=comment)
    journal.notify(verb=A.RECEIVE, dossier=locked, actor=actor,
                   unit_roles=[(locked.sender, SENDER_ROLES)],
                   text=f"{locked.receiver.name} đã tiếp nhận hồ sơ “{locked.title}”.")
    journal.notify(verb=A.RECEIVE, dossier=locked, actor=actor, unit_roles=[(locked.receiver, (R.REVIEWER,))],
                   text=f"Hồ sơ cần thẩm định: “{locked.title}” của {locked.sender.name}.")
    return locked


@transaction.atomic
def refuse_dossier(dossier, *, actor, missing: str, expected_version=None) -> Dossier:
    """The receiving clerk refuses an incomplete packet, listing what is missing; it goes back to its sender."""
    if not missing.strip():
        raise ValidationError({"missing": "Ghi rõ thành phần hồ sơ còn thiếu để đơn vị gửi bổ sung."})
    locked, lines = lock_dossier(dossier, actor, A.REFUSE, expected_version)
    before = locked.status
    _move(locked, A.REFUSE)
    journal.record_event(locked, lines, actor=actor, action=A.REFUSE, from_status=before, from_unit=locked.receiver,
                         comment=missing)
    journal.notify(verb=A.REFUSE, dossier=locked, actor=actor, unit_roles=[(locked.sender, SENDER_ROLES)],
                   text=f"{locked.receiver.name} chưa tiếp nhận “{locked.title}”, còn thiếu: {missing.strip()}")
    return locked


# At the receiving level: review

REVIEW_VERDICTS = (A.APPROVE, A.REJECT, A.RETURN)


def check_verdicts(lines, verdicts, *, allow_return):
    """Verdicts {line pk: (action, reason)} on the packet's own open lines, with the reasons they need."""
    by_pk = {line.pk: line for line in lines}
    errors = []
    for pk, (verdict, reason) in verdicts.items():
        line = by_pk.get(pk)
        if line is None or line.status not in workflow.OPEN_LINES:
            errors.append("Có đề nghị không còn chờ thẩm định trong hồ sơ này; hãy tải lại trang.")
        elif verdict not in REVIEW_VERDICTS or (verdict == A.RETURN and not allow_return):
            errors.append(f"Kết quả thẩm định của {line.nomination_line.subject_name} không hợp lệ.")
        elif verdict in (A.REJECT, A.RETURN) and not reason.strip():
            what = "không đạt" if verdict == A.REJECT else "trả lại"
            errors.append(f"Ghi lý do {what} đối với {line.nomination_line.subject_name}.")
        elif verdict != A.RETURN and line.status != L.ACCEPTED:
            errors.append(f"{line.nomination_line.subject_name} đã được thẩm định đạt ở lần trước.")
    if errors:
        raise ValidationError(sorted(set(errors), key=errors.index))


def _apply_verdicts(locked, lines, verdicts):
    """Move the lines by their verdicts; the drafts kept page by page (awards.services.reviews) are spent."""
    DossierLine.objects.filter(dossier=locked).exclude(draft_verdict="", draft_reason="").update(
        draft_verdict="", draft_reason="")
    receiver_id = locked.receiver_id
    for verdict in REVIEW_VERDICTS:
        chosen = {pk: reason.strip() for pk, (v, reason) in verdicts.items() if v == verdict}
        if chosen:
            _move_lines(lines, verdict, receiver_id, only=set(chosen), reasons=chosen)


@transaction.atomic
def approve_dossier(dossier, *, actor, verdicts: dict, comment: str = "", expected_version=None) -> Dossier:
    """A reviewer finishes the review: each line passed (đạt) or not (không đạt, with a reason)."""
    locked, lines = lock_dossier(dossier, actor, A.APPROVE, expected_version)
    check_verdicts(lines, verdicts, allow_return=False)
    waiting = [line for line in lines if line.status == L.ACCEPTED and line.pk not in verdicts]
    if waiting:
        names = ", ".join(line.nomination_line.subject_name for line in waiting)
        raise ValidationError(f"Chưa có kết quả thẩm định của: {names}.")
    before = locked.status
    _apply_verdicts(locked, lines, verdicts)
    locked.reviewed_by = actor
    _move(locked, A.APPROVE)
    rejected = {str(pk): reason.strip() for pk, (v, reason) in verdicts.items() if v == A.REJECT}
    passed = sum(1 for v, _ in verdicts.values() if v == A.APPROVE)
    journal.record_event(locked, lines, actor=actor, action=A.APPROVE, from_status=before, from_unit=locked.receiver,
                         comment=comment, details={"approved": passed, "rejected": rejected})
    journal.notify(verb=A.APPROVE, dossier=locked, actor=actor, unit_roles=[(locked.receiver, (R.APPROVER,))],
                   text=f"Hồ sơ đã thẩm định, chờ lãnh đạo: “{locked.title}” ({passed} đạt, {len(rejected)} "
                        "không đạt).")
    return locked


@transaction.atomic
def return_dossier(dossier, *, actor, reason: str = "", verdicts: dict | None = None, expected_version=None) -> Dossier:
    """A reviewer sends the packet back for supplement: whole (one reason) or single lines (a reason each).

    Other verdicts given in the same review (đạt, không đạt) are kept: the next round reviews only
    what comes back.
    """
    locked, lines = lock_dossier(dossier, actor, A.RETURN, expected_version)
    verdicts = dict(verdicts or {})
    if not any(v == A.RETURN for v, _ in verdicts.values()):
        if not reason.strip():
            raise ValidationError({"reason": "Ghi rõ lý do trả lại hồ sơ để đơn vị gửi bổ sung."})
        verdicts.update({line.pk: (A.RETURN, reason) for line in lines
                         if line.status in workflow.OPEN_LINES and line.pk not in verdicts})
    check_verdicts(lines, verdicts, allow_return=True)
    before = locked.status
    _apply_verdicts(locked, lines, verdicts)
    locked.reviewed_by = actor
    _move(locked, A.RETURN)
    returned = {str(pk): why.strip() for pk, (v, why) in verdicts.items() if v == A.RETURN}
    journal.record_event(locked, lines, actor=actor, action=A.RETURN, from_status=before, from_unit=locked.receiver,
                         comment=reason, details={"returned": returned})
    journal.notify(verb=A.RETURN, dossier=locked, actor=actor, unit_roles=[(locked.sender, SENDER_ROLES)],
                   text=f"{locked.receiver.name} trả lại “{locked.title}” để bổ sung ({_count(len(returned))}).")
    return locked


# Back with the sender: fix and send again

def _packet_back_home(nomination_list) -> Dossier | None:
    """The packet of a submitted list that its receiver sent back (returned or refused), if any."""
    return (Dossier.objects.filter(nomination_list=nomination_list, status__in=(S.RETURNED, S.REFUSED))
            .exclude(receiver=nomination_list.unit).first())


def open_for_fixing(nomination_list, line=None) -> bool:
    """Whether a submitted list is back with its unit: for ``line`` (returned), or for the list's documents."""
    dossier = _packet_back_home(nomination_list)
    if dossier is None:
        return False
    if line is None or dossier.status == S.REFUSED:
        return True
    return dossier.lines.filter(nomination_line=line, status=L.RETURNED).exists()


@transaction.atomic
def edit_returned_line(dossier_line, *, actor, summary: str, expected_version=None) -> DossierLine:
    """The sender rewrites the achievement summary of a line that came back."""
    locked, lines = lock_dossier(dossier_line.dossier, actor, A.EDIT, expected_version)
    line = next((row for row in lines if row.pk == dossier_line.pk), None)
    if line is None or (line.status != L.RETURNED and locked.status != S.REFUSED):
        raise ValidationError("Chỉ sửa được đề nghị bị trả lại.")
    proposal = line.nomination_line
    proposal.summary = summary.strip()
    proposal.full_clean(validate_unique=False, validate_constraints=False)
    proposal.save(update_fields=["summary"])
    before = locked.status
    _move(locked, A.EDIT)
    journal.record_event(locked, lines, actor=actor, action=A.EDIT, from_status=before, from_unit=locked.sender,
                         comment=f"Sửa tóm tắt thành tích của {proposal.subject_name}.", details={"line": line.pk})
    return line


@transaction.atomic
def record_fixed_document(nomination_list, *, actor, change: str, document) -> Dossier | None:
    """A document attached to, or removed from, a list whose packet came back: a step in the packet's chain.

    ``change``: "attached" or "removed". The event names the file and its SHA-256, so the packet's
    history proves which papers the unit added while fixing it. Nothing is recorded for a draft.
    """
    dossier = _packet_back_home(nomination_list)
    if dossier is None:
        return None
    locked, lines = lock_dossier(dossier, actor, A.EDIT)
    before = locked.status
    _move(locked, A.EDIT)
    verb = "Bổ sung" if change == "attached" else "Gỡ bỏ"
    whose = f" của {document.line.subject_name}" if document.line_id else ""
    journal.record_event(locked, lines, actor=actor, action=A.EDIT, from_status=before, from_unit=locked.sender,
                         comment=f"{verb} tài liệu “{document.original_name}” ({document.get_kind_display()}){whose}.",
                         details={"document": change, "attachment": document.pk, "kind": document.kind,
                                  "line": document.line_id, "name": document.original_name,
                                  "sha256": document.sha256})
    return locked


@transaction.atomic
def resubmit_dossier(dossier, *, actor, comment: str = "", expected_version=None,
                     reference: ProposalReference | None = None) -> Dossier:
    """The sender sends a returned or refused packet again; returned lines wait for review, the round counts up.

    ``reference``: the number and date of the Tờ trình it goes with now, written in the same step (None: kept).
    """
    reference = checked_reference(reference.number, reference.date) if reference is not None else None
    locked, lines = lock_dossier(dossier, actor, A.RESUBMIT, expected_version)
    if locked.nomination_list_id is not None:
        contents = missing_documents(locked.nomination_list, lines=[line.nomination_line for line in lines])
        if not contents.complete:
            raise ValidationError(contents.message())
    before = locked.status
    _move_lines(lines, A.RESUBMIT, locked.receiver_id, reasons={})
    locked.round += 1
    if actor.pk not in locked.conflicted_users:
        locked.conflicted_users = [*locked.conflicted_users, actor.pk]
    _move(locked, A.RESUBMIT)
    journal.record_event(locked, lines, actor=actor, action=A.RESUBMIT, from_status=before, from_unit=locked.sender,
                         comment=comment)
    if reference is not None:
        write_reference(locked, lines, actor=actor, reference=reference)
    journal.notify(verb=A.RESUBMIT, dossier=locked, actor=actor, unit_roles=[(locked.receiver, (R.CLERK,))],
                   text=f"{locked.sender.name} gửi lại “{locked.title}” (lần {locked.round}).")
    return locked


# The approver at the receiving level: forward, settle, decide

def _store_pdfs(uploads, actor):
    """Inspect the uploaded PDFs before any lock is taken (reading them takes a moment)."""
    return [(kind, upload, inspect_pdf(upload)) for kind, upload in uploads if upload is not None]


def _attach(bundle, checked, actor, stored):
    return [journal.file_document(bundle, kind=kind, content=upload, name=upload.name.rsplit("/", 1)[-1], facts=facts,
                                  actor=actor, stored=stored)
            for kind, upload, facts in checked]


def forward_dossiers(dossiers, *, actor, comment: str = "", proposal=None, minutes=None,
                     expected_versions: dict | None = None, reference: ProposalReference | None = None) -> Dossier:
    """Bundle the approved lines of one or several packets at this level into one packet to the next level.

    Lines this level may grant stay here, ready for its decision. ``proposal`` and ``minutes`` are
    the level's own Tờ trình and council minutes (PDF); without a Tờ trình the portal's generated
    one stands for it. ``reference``: that Tờ trình's number and date, written on the bundle.
    """
    if not dossiers:
        raise ValidationError("Chọn ít nhất một hồ sơ để chuyển lên.")
    reference = checked_reference(reference.number, reference.date) if reference is not None else None
    checked = _store_pdfs([(DocumentKind.PROPOSAL, proposal), (DocumentKind.MINUTES, minutes)], actor)
    with files_removed_on_rollback("private") as stored:
        return _forward(dossiers, actor, comment, checked, stored, expected_versions or {}, reference)


def _forward(dossiers, actor, comment, checked, stored, expected_versions, reference):
    sources = [lock_dossier(d, actor, A.FORWARD, expected_versions.get(d.pk))
               for d in sorted(dossiers, key=lambda d: d.pk)]
    here = sources[0][0].receiver
    if any(source.receiver_id != here.pk for source, _ in sources):
        raise ValidationError("Chỉ gộp được các hồ sơ cùng gửi đến một cấp.")
    above = {(routing.next_stop(source.route, here.pk) or {}).get("unit") for source, _ in sources}
    if len(above) != 1 or None in above:
        raise ValidationError("Các hồ sơ đã chọn không cùng tuyến chuyển lên; hãy chuyển riêng từng hồ sơ.")
    receiver = Unit.objects.get(pk=above.pop())
    moving, settled = [], []
    for _source, lines in sources:
        up = {line.pk for line in lines if line.status == L.APPROVED and line.deciding_unit_id != here.pk}
        # Forwarded rows first: a proposal has one live row, and the new one is created below.
        moved = _move_lines(lines, A.FORWARD, here.pk, only={line.pk for line in lines if line.status == L.APPROVED})
        moving += [line for line in moved if line.pk in up]
        settled += [line for line in moved if line.pk not in up]
    bundle = Dossier(
        sender=here, receiver=receiver, title=_bundle_title(here, sources, moving),
        status=workflow.next_status(None, A.SUBMIT), route=routing.route_from(sources[0][0].route, here.pk),
        routed_on=min(source.routed_on for source, _ in sources), submitted_by=actor,
        conflicted_users=sorted({actor.pk} | {s.reviewed_by_id for s, _ in sources if s.reviewed_by_id}),
    )
    bundle.save()
    new_lines = DossierLine.objects.bulk_create([
        DossierLine(dossier=bundle, nomination_line=line.nomination_line, previous=line,
                    deciding_unit=line.deciding_unit, granted_award_id=line.granted_award_id,
                    granted_class=line.granted_class,  # a council's lower award
                    status=workflow.LINE_TRANSITIONS[(None, A.SUBMIT)]) for line in moving], batch_size=500)
    _attach(bundle, checked, actor, stored)
    _carry_minutes(bundle, [source for source, _ in sources], checked, actor, stored)
    for source, lines in sources:
        before = source.status
        _move(source, A.FORWARD)
        sent = sum(1 for line in lines if line.status == L.FORWARDED)
        kept = sum(1 for line in lines if line.status == L.READY and line.deciding_unit_id == here.pk)
        journal.record_event(source, lines, actor=actor, action=A.FORWARD, from_status=before, from_unit=here,
                             to_unit=receiver, comment=comment,
                             details={"bundle": bundle.pk, "forwarded": sent, "ready": kept})
        journal.notify(verb=A.FORWARD, dossier=source, actor=actor, unit_roles=[(source.sender, SENDER_ROLES)],
                       text=f"{here.name} đã chuyển {_count(sent)} của “{source.title}” lên {receiver.name}"
                            + (f"; {_count(kept)} chờ quyết định tại {here.name}." if kept else "."))
    journal.record_event(bundle, new_lines, actor=actor, action=A.SUBMIT, from_status=None, from_unit=here,
                         to_unit=receiver, comment=comment, details={"sources": [source.pk for source, _ in sources]})
    if reference is not None:
        write_reference(bundle, new_lines, actor=actor, reference=reference)
    journal.notify(verb=A.SUBMIT, dossier=bundle, actor=actor, unit_roles=[(receiver, (R.CLERK,))],
                   text=f"Hồ sơ mới từ {here.name}: {bundle.title}.")
    if settled:
        journal.notify(verb=A.SETTLE, dossier=sources[0][0], actor=actor, unit_roles=[(here, (R.APPROVER,))],
                       text=f"{_count(len(settled))} chờ quyết định tại {here.name}.")
    return bundle


def _carry_minutes(bundle, sources, checked, actor, stored):
    """Without minutes uploaded, the bundle carries the minutes this level's council filed on its sources."""
    if any(kind == DocumentKind.MINUTES for kind, _upload, _facts in checked):
        return
    filed = [event.details.get("minutes") for event in DossierEvent.objects.filter(dossier__in=sources, action=A.VOTE)]
    seen = set()
    for row in DossierAttachment.objects.filter(pk__in=[pk for pk in filed if pk]).order_by("pk"):
        if row.sha256 in seen:  # one session's minutes are filed on each of its packets
            continue
        seen.add(row.sha256)
        facts = PdfFacts(size=row.size, sha256=row.sha256, page_count=row.page_count)
        with row.file.open("rb") as source:
            journal.file_document(bundle, kind=row.kind, content=source, name=row.original_name, facts=facts,
                                  actor=actor, stored=stored)


def _bundle_title(here, sources, moving):
    if len(sources) == 1:
        return sources[0][0].title
    return f"Hồ sơ đề nghị khen thưởng của {here.name} ({_count(len(moving))} từ {len(sources)} hồ sơ)"


@transaction.atomic
def settle_dossier(dossier, *, actor, comment: str = "", expected_version=None) -> Dossier:
    """The approver keeps every approved line at this level, where it waits for the decision."""
    locked, lines = lock_dossier(dossier, actor, A.SETTLE, expected_version)
    before = locked.status
    moved = _move_lines(lines, A.SETTLE, locked.receiver_id)
    _move(locked, A.SETTLE)
    journal.record_event(locked, lines, actor=actor, action=A.SETTLE, from_status=before, from_unit=locked.receiver,
                         comment=comment, details={"ready": len(moved)})
    journal.notify(verb=A.SETTLE, dossier=locked, actor=actor, unit_roles=[(locked.sender, SENDER_ROLES)],
                   text=f"{_count(len(moved))} của “{locked.title}” chờ quyết định tại {locked.receiver.name}.")
    return locked


def decide_locked(locked, lines, *, actor, chosen: set, comment: str = "", details=None) -> list[DossierLine]:
    """Move the ``chosen`` ready lines of a packet locked by the caller to DECIDED and record it.

    Called by awards.services.decisions.issue_decision, inside its transaction, for each packet a decision
    touches, after it has checked ``allowed_actions`` and written the award records.
    """
    before = locked.status
    moved = _move_lines(lines, A.DECIDE, locked.receiver_id, only=chosen)
    _move(locked, A.DECIDE)
    journal.record_event(locked, lines, actor=actor, action=A.DECIDE, from_status=before, from_unit=locked.receiver,
                         comment=comment, details={**(details or {}), "decided": sorted(line.pk for line in moved)})
    submitters = {line.nomination_line.nomination_list.submitted_by for line in moved}
    journal.notify(verb=A.DECIDE, dossier=locked, actor=actor, users=submitters,
                   unit_roles=[(locked.sender, SENDER_ROLES)],
                   text=f"{locked.receiver.name} đã quyết định {_count(len(moved))} của “{locked.title}”"
                        + (f" ({comment})." if comment else "."))
    return moved
