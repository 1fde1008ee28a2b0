"""In-app notifications: written once the change they report is committed, read on the inbox page.

Email reminders for waiting dossiers come with the daily reminder command; these rows are what a
user sees the next time they open the portal.
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from units.models import Membership

from awards.models import Notification


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


def notify(*, verb: str, text: str, dossier, unit_roles=(), users=(), actor=None):
    """After commit, tell the holders of ``roles`` at each unit of ``unit_roles`` (and ``users``) about ``dossier``.

    ``unit_roles``: pairs (unit, roles). The actor is never told about their own act.
    """
    transaction.on_commit(partial(_write, verb, text, dossier.pk, dossier.get_absolute_url(), list(unit_roles),
                                  list(users), actor.pk if actor is not None else None))


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
