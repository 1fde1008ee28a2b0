"""Writing the number and date of the Tờ trình a packet was sent with, as the sender's office registered it.

The sender types them on the page that sends the packet (a list's first sending, a returned packet sent
again, a bundle forwarded up) and they are written in the same transaction as the sending; afterwards
only the sender corrects them, from the packet page. Every change is a step in the packet's history:
who, what the reference was and what it became.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units import dates
from units.models import Membership
from units.scoping import holds_role_at

from awards.models import Dossier
from awards.rules.workflow import Action as A
from awards.services import journal

R = Membership.Role
SENDER_ROLES = (R.CLERK, R.APPROVER)
REFERENCE_FIELDS = ("proposal_number", "proposal_date")


@dataclass(frozen=True)
class ProposalReference:
    """A Tờ trình's number and date; either may be blank (the decision then prints dots to write in by hand)."""

    number: str = ""
    date: datetime.date | None = None

    def __str__(self):
        number = f"số {self.number}" if self.number else "chưa có số"
        day = f"ngày {dates.in_figures(self.date)}" if self.date else "chưa có ngày"
        return f"{number}, {day}"

    def as_data(self) -> dict:
        return {"number": self.number, "date": self.date.isoformat() if self.date else ""}


def of(dossier) -> ProposalReference:
    """The reference a packet carries now."""
    return ProposalReference(dossier.proposal_number, dossier.proposal_date)


def checked_reference(number: str, date: datetime.date | None) -> ProposalReference:
    """The reference with its number's spaces normalised; refuses a date after today."""
    if date is not None and date > timezone.localdate():
        raise ValidationError({"proposal_date": f"Ngày Tờ trình ({dates.in_figures(date)}) không thể sau ngày hôm "
                                                "nay."})
    return ProposalReference(" ".join((number or "").split()), date)


def write_reference(locked, lines, *, actor, reference: ProposalReference) -> bool:
    """Set the reference of a packet the caller holds locked, in its transaction, and record the step.

    Returns whether anything changed (an unchanged reference writes nothing). ``lines``: the packet's lines.
    """
    before = of(locked)
    if reference == before:
        return False
    locked.proposal_number, locked.proposal_date = reference.number, reference.date
    locked.clean_fields(exclude=[f.name for f in Dossier._meta.concrete_fields if f.name not in REFERENCE_FIELDS])
    locked.save(update_fields=list(REFERENCE_FIELDS))
    if before == ProposalReference():
        comment = f"Ghi Tờ trình {reference}."
    else:
        comment = f"Sửa Tờ trình: {before} → {reference}."
    journal.record_event(locked, lines, actor=actor, action=A.REFERENCE, from_status=locked.status,
                         from_unit=locked.sender, to_unit=locked.sender, comment=comment,
                         details={"proposal_reference": {"from": before.as_data(), "to": reference.as_data()}})
    return True


@transaction.atomic
def record_proposal_reference(dossier, *, actor, number: str, date: datetime.date | None) -> Dossier:
    """Correct the packet's Tờ trình number and date after it was sent (either may stay blank).

    Only the sender's clerk or approver writes them, never the receiver; a date after today is refused.
    """
    reference = checked_reference(number, date)
    # of=("self",): the scope filter joins the unit table, whose rows need no lock.
    locked = (Dossier.objects.visible_to(actor).select_for_update(of=("self",)).select_related("sender", "receiver")
              .filter(pk=dossier.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy hồ sơ này trong phạm vi của bạn.")
    if not holds_role_at(actor, locked.sender, SENDER_ROLES):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc lãnh đạo của {locked.sender.name} mới ghi được số Tờ trình.")
    if reference == of(locked):
        return locked
    locked.version += 1  # a page showing the packet before this is stale
    locked.save(update_fields=["version"])
    write_reference(locked, journal.read_lines(locked), actor=actor, reference=reference)
    return locked
