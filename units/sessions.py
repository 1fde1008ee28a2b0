"""Ending a user's sessions: when the account is deactivated, a membership of theirs ends, or
their password is set by someone else.

A session stores, at login, a hash that covers the user's password and session generation
(User.get_session_auth_hash); Django compares it on every request and logs out a session whose
hash no longer matches. A new password therefore ends every other session by itself (the user
changing their own keeps the current one: Django's update_session_auth_hash). For the rest,
end_sessions raises the generation: old sessions stop working at their next request and stay
dead after a reactivation, without a table of which sessions belong to whom.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from units.models import User


def end_sessions(user: User) -> None:
    """Every session ``user`` has open stops working at its next request."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    # The caller's copy too, so that saving it again does not bring the old value back.
    user.session_generation = User.objects.values_list("session_generation", flat=True).get(pk=user.pk)


def membership_has_ended(membership, today=None) -> bool:
    """Whether a membership's end date is today or past (its holder's sessions should end)."""
    return membership.valid_to is not None and membership.valid_to <= (today or timezone.localdate())
