"""A packet's journal: what happened to it, in its hash chain, the documents filed in it, and who is told.

- ``record_event`` appends a step to the packet's hash chain (awards.rules.hash_chain); every service
  that changes a packet's content calls it in the same transaction, so nothing changes a packet
  outside its chain.
- ``file_document`` stores a PDF in the packet (a generated one, like council minutes, or an upload
  already checked by awards.rules.uploads) and names the stored file for removal should the
  transaction roll back.
- ``notify`` writes in-app notifications once the change they report is committed; they are read on
  the inbox page (email reminders for waiting packets come with the daily reminder command).
"""

import hashlib
import io
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from units.models import Membership

from awards.models import Dossier, DossierAttachment, DossierEvent, DossierLine, Notification
from awards.rules import hash_chain, workflow
from awards.rules.uploads import PdfFacts
from awards.services.checked_pdfs import save_with_file

# The hash chain

def read_lines(dossier) -> list[DossierLine]:
    """The packet's lines with what the services and the content hash read of them, in one query."""
    return hash_chain.read_lines(dossier, "nomination_line__award", "nomination_line__person",
                                 "nomination_line__collective", "nomination_line__nomination_list", "deciding_unit",
                                 "granted_award")


def holder_unit(dossier):
    """The unit that holds the packet at its status (the side the workflow's table names first)."""
    return workflow.side_unit(dossier, workflow.HOLDERS[dossier.status][0])


def record_event(locked, lines, *, actor, action, from_status, from_unit, to_unit=None, comment="",
                 details=None) -> DossierEvent:
    """Append the step to the packet's hash chain; the packet row carries the chain's head.

    ``locked``: the packet under a row lock, already in its new status; ``lines``: its lines as they are now.
    """
    event = DossierEvent(
        dossier=locked, seq=locked.event_count + 1, round=locked.round, actor=actor, action=action,
        from_status=from_status or "", to_status=locked.status, from_unit=from_unit,
        to_unit=to_unit or holder_unit(locked), comment=comment.strip(), details=details or {},
        created_at=timezone.now(), content_sha256=hash_chain.content_hash(locked, lines),
        previous_hash=locked.last_event_hash or hash_chain.GENESIS,
    )
    event.hash = hash_chain.event_hash(event)
    event.save()
    locked.event_count, locked.last_event_hash = event.seq, event.hash
    Dossier.objects.filter(pk=locked.pk).update(event_count=event.seq, last_event_hash=event.hash)
    return event


# Documents filed in a packet

def pdf_facts(pdf: bytes) -> PdfFacts:
    """The facts of a PDF the portal generated itself (it needs no checking, only measuring)."""
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return PdfFacts(size=len(pdf), sha256=hashlib.sha256(pdf).hexdigest(), page_count=pages)


def file_document(packet, *, kind, content, name: str, facts: PdfFacts, actor, stored: list) -> DossierAttachment:
    """Store ``content`` (bytes, or a checked upload) as a document of ``packet``.

    The stored file's name is appended to ``stored``, so that the caller removes it if its transaction
    rolls back.
    """
    if isinstance(content, bytes):
        content = ContentFile(content)
    row = DossierAttachment(dossier=packet, kind=kind, original_name=name[-255:], size=facts.size,
                            sha256=facts.sha256, page_count=facts.page_count, uploaded_by=actor)
    return save_with_file(row, content, saved=stored)


# Notifications


def _recipients(unit_roles, users):
    ids = {user.pk for user in users if user is not None}
    pairs = [(unit.pk, role) for unit, roles in unit_roles for role in roles]
    if pairs:
        memberships = Membership.objects.current().filter(unit_id__in={u for u, _ in pairs},
                                                          role__in={r for _, r in pairs})
        wanted = set(pairs)
        ids.update(user_id for user_id, unit_id, role in memberships.values_list("user_id", "unit_id", "role")
                   if (unit_id, role) in wanted)
    return ids


def _write(verb, text, dossier_id, link, unit_roles, users, skip):
    ids = _recipients(unit_roles, users) - {skip}
    Notification.objects.bulk_create([
        Notification(recipient_id=user_id, verb=verb, text=text[:255], link=link, dossier_id=dossier_id)
        for user_id in sorted(ids)
    ])


def notify(*, verb: str, text: str, dossier=None, link: str = "", unit_roles=(), users=(), actor=None):
    """After commit, tell the holders of ``roles`` at each unit of ``unit_roles`` (and ``users``) about ``dossier``.

    ``unit_roles``: pairs (unit, roles). The actor is never told about their own act. Without a
    dossier (a public comment concerns no single packet), ``link`` says where the news is.
    """
    link = dossier.get_absolute_url() if dossier is not None else link
    transaction.on_commit(partial(_write, verb, text, dossier.pk if dossier is not None else None, link,
                                  list(unit_roles), list(users), actor.pk if actor is not None else None))


def unread_for(user, limit=20):
    return list(Notification.objects.filter(recipient=user, read_at__isnull=True).order_by("-created_at", "-pk")
                [:limit])


@transaction.atomic
def mark_read(*, actor, ids=None) -> int:
    """Mark the actor's notifications read (those in ``ids``, or all); returns how many changed."""
    if not actor.is_authenticated:
        raise PermissionDenied
    rows = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
