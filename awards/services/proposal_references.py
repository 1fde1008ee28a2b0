"""Writing the number and date of the Tờ trình a packet was sent with, as the sender's office registered it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Membership
from units.scoping import holds_role_at

from awards.models import Dossier

R = Membership.Role
SENDER_ROLES = (R.CLERK, R.APPROVER)


@transaction.atomic
def record_proposal_reference(dossier, *, actor, number: str, date: datetime.date | None) -> Dossier:
    """Set the packet's Tờ trình number and date (either may stay blank: the decision prints it dotted).

    Only the sender's clerk or approver writes them; a date after today is refused.
    """
    locked = (Dossier.objects.visible_to(actor).select_for_update(of=("self",)).select_related("sender")
              .filter(pk=dossier.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy hồ sơ này trong phạm vi của bạn.")
    if not holds_role_at(actor, locked.sender, SENDER_ROLES):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc lãnh đạo của {locked.sender.name} mới ghi được số Tờ trình.")
    if date is not None and date > timezone.localdate():
        raise ValidationError({"proposal_date": f"Ngày Tờ trình ({date:%d/%m/%Y}) không thể sau ngày hôm nay."})
    locked.proposal_number = " ".join((number or "").split())
    locked.proposal_date = date
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.version += 1
    locked.save(update_fields=["proposal_number", "proposal_date", "version"])
    return locked
