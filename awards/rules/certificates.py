"""Who may issue an award's paper, and what the paper says: reads only.

``certifiable_records(user)`` is the one rule for who may issue: the clerks and approvers over the unit
the record's subject belongs to (the commune's own people, or the province's above it). Records do not
yet name the unit whose decision made them; when they do, only this function changes.
"""

from django.db.models import F, Q

from units.models import Membership
from units.scoping import unit_scope_q

from awards.models import AwardRecord, CertificateWording

R = Membership.Role
ISSUER_ROLES = (R.CLERK, R.APPROVER)


def certifiable_records(user):
    """Award records whose papers ``user`` may issue, print and reissue (the one rule for it).

    A paper bears the authority of whoever decided the award: for a decision issued on the portal,
    the clerks and approvers of its issuing unit (or above it) print it; for a decision entered from
    the archive, which names no unit of the tree, those over the recipient's unit do.
    """
    by_decision = Q(decision__isnull=False) & unit_scope_q(user, "decision__issuing_unit__path", roles=ISSUER_ROLES)
    by_subject = Q(decision__isnull=True) & (unit_scope_q(user, "person__unit__path", roles=ISSUER_ROLES)
                                             | unit_scope_q(user, "collective__path", roles=ISSUER_ROLES))
    return AwardRecord.objects.visible_to(user).filter(by_decision | by_subject)


def may_issue(user, record) -> bool:
    return certifiable_records(user).filter(pk=record.pk).exists()


def wording_for(record) -> CertificateWording | None:
    """The award's wording in force on the decision date, the most recently dated first (None: the paper
    prints the catalogue name)."""
    return (CertificateWording.objects.in_force(record.decision_date).filter(award_id=record.award_id)
            .order_by(F("valid_from").desc(nulls_last=True), "-pk").first())


def decision_records(user, *, decision_number: str, issuing_body: str):
    """The award records one decision made that ``user`` may issue papers for, in the decision's order."""
    return (certifiable_records(user)
            .filter(Q(decision_number__iexact=decision_number.strip()) & Q(issuing_body__iexact=issuing_body.strip()))
            .order_by("pk"))
