"""The audit chain of dossiers: a SHA-256 of each packet's content, events chained by their hashes.

Each event stores the hash of the packet's content right after the step (its status, round, route,
every line's status, reason and proposal, the packet's own documents) and a hash over its own
fields and the previous event's hash. Verifying a packet walks its events in order, recomputes
every hash, and finally compares the packet as it is now with the content hash of the last event:
an edited or deleted event row, an inserted one, or a line changed behind the services' back
breaks the chain at the first place it happened.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from awards.models import Dossier, DossierAttachment, DossierEvent, DossierLine

GENESIS = "0" * 64


def _digest(payload) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_lines(dossier, *related: str) -> list[DossierLine]:
    """The packet's lines with what its content hash covers (and any ``related`` rows), in one query."""
    return list(DossierLine.objects.filter(dossier=dossier).select_related("nomination_line", *related)
                .order_by("pk"))


def read_attachments(dossier) -> list[DossierAttachment]:
    return list(DossierAttachment.objects.filter(dossier=dossier).order_by("pk"))


def content_of(dossier, lines, attachments) -> dict:
    """What the content hash covers, as plain data."""
    return {
        "dossier": dossier.pk, "sender": dossier.sender_id, "receiver": dossier.receiver_id,
        "list": dossier.nomination_list_id, "title": dossier.title, "status": dossier.status,
        "round": dossier.round, "version": dossier.version, "route": dossier.route,
        "routed_on": dossier.routed_on.isoformat(), "conflicted": sorted(dossier.conflicted_users or []),
        "lines": [
            [line.pk, line.nomination_line_id, line.previous_id, line.status, line.deciding_unit_id, line.reason,
             line.nomination_line.award_id, line.nomination_line.award_class, line.nomination_line.summary,
             *_council_part(line)]
            for line in sorted(lines, key=lambda line: line.pk)
        ],
        "attachments": [[a.pk, a.kind, a.sha256] for a in sorted(attachments, key=lambda a: a.pk)],
    }


def _council_part(line) -> list:
    """What the council resolved (awards.councils); nothing for a line it has not voted on, so the hashes
    of packets recorded before councils existed still hold."""
    if not (line.council_result or line.granted_award_id):
        return []
    return [line.council_result, line.council_session_id, line.granted_award_id, line.granted_class]


def content_hash(dossier, lines=None, attachments=None) -> str:
    lines = read_lines(dossier) if lines is None else lines
    attachments = read_attachments(dossier) if attachments is None else attachments
    return _digest(content_of(dossier, lines, attachments))


def _utc(moment) -> str:
    # The database gives moments back in UTC whatever zone they were written in; hashing the UTC
    # form keeps a chain verifiable however the event's time was first expressed.
    return moment.astimezone(datetime.UTC).isoformat()


def event_hash(event: DossierEvent) -> str:
    """The hash of one event's own fields and the previous event's hash."""
    return _digest({
        "previous": event.previous_hash, "dossier": event.dossier_id, "seq": event.seq, "round": event.round,
        "actor": event.actor_id, "action": event.action, "from_status": event.from_status,
        "to_status": event.to_status, "from_unit": event.from_unit_id, "to_unit": event.to_unit_id,
        "comment": event.comment, "details": event.details, "created_at": _utc(event.created_at),
        "content": event.content_sha256,
    })


@dataclass(frozen=True)
class Break:
    """The first place a packet's chain does not hold."""

    dossier_id: int
    seq: int | None
    reason: str

    def __str__(self):
        where = f"sự kiện thứ {self.seq}" if self.seq is not None else "nội dung hiện tại"
        return f"Hồ sơ số {self.dossier_id}: hỏng tại {where} — {self.reason}"


def verify_dossier(dossier: Dossier, events=None) -> Break | None:
    """The first broken link of ``dossier``'s chain, or None when every hash holds.

    ``events``: the packet's events in order, when the caller has read them already.
    """
    previous, expected_seq, last = GENESIS, 1, None
    if events is None:
        events = DossierEvent.objects.filter(dossier=dossier).order_by("seq", "pk")
    for event in events:
        if event.seq != expected_seq:
            return Break(dossier.pk, event.seq, f"thiếu hoặc thừa sự kiện (mong đợi thứ {expected_seq})")
        if event.previous_hash != previous:
            return Break(dossier.pk, event.seq, "không nối với mã băm của sự kiện trước")
        if event_hash(event) != event.hash:
            return Break(dossier.pk, event.seq, "nội dung sự kiện đã bị sửa")
        previous, expected_seq, last = event.hash, expected_seq + 1, event
    if last is None:
        return Break(dossier.pk, None, "hồ sơ không có sự kiện nào")
    if (dossier.event_count, dossier.last_event_hash) != (last.seq, last.hash):
        return Break(dossier.pk, None, "sự kiện cuối cùng đã bị xóa hoặc thay")
    if content_hash(dossier) != last.content_sha256:
        return Break(dossier.pk, None, "nội dung hồ sơ khác với lần ghi nhận cuối (sửa ngoài quy trình)")
    return None


def verify_all(dossiers=None):
    """Yield (dossier, Break or None) for every packet, oldest first."""
    dossiers = Dossier.objects.order_by("pk") if dossiers is None else dossiers
    for dossier in dossiers.iterator(chunk_size=200):
        yield dossier, verify_dossier(dossier)
