"""Withdrawing an issued decision from the public register, or publishing it again: one function, one trail row."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from units import fields
from units.models import Membership
from units.scoping import holds_role_at
from units.text import checked_text

from awards.models import Decision, DecisionPublication
from awards.rules.public_decisions import detail_cache_key

PUBLISHERS = (Membership.Role.APPROVER,)


def may_change_publication(decision, user) -> bool:
    """Only the head of the issuing unit, as for issuing, decides whether an issued decision is public."""
    return not decision.is_draft and holds_role_at(user, decision.issuing_unit, PUBLISHERS)


@transaction.atomic
def set_decision_publication(decision, *, actor, published: bool, reason: str) -> Decision:
    """Withdraw ``decision`` from the public register (``published=False``) or publish it again, with a reason.

    The row is locked: two approvers acting at once write two trail rows in order, never a lost one.
    The decision's own public page is forgotten by the cache once this commits; the register's cached
    lists show the change within ``PUBLIC_DECISIONS_CACHE_SECONDS``.
    """
    locked = Decision.objects.visible_to(actor).select_for_update(of=("self",)).select_related("issuing_unit").get(
        pk=decision.pk)
    if not may_change_publication(locked, actor):
        raise PermissionDenied(f"Chỉ lãnh đạo của {locked.issuing_unit.name} mới quyết định việc công khai quyết "
                               "định đã ban hành.")
    reason = checked_text(reason, multiline=True, max_length=fields.REASON, label="Lý do")
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do."})
    if locked.published == published:
        raise ValidationError("Quyết định đã được công khai trên cổng." if published
                              else "Quyết định đã không công khai trên cổng.")
    locked.published = published
    locked.save(update_fields=["published"])
    DecisionPublication.objects.create(decision=locked, published=published, reason=reason, actor=actor)
    public_id = locked.public_id
    transaction.on_commit(lambda: cache.delete(detail_cache_key(public_id)))
    return locked
