"""Registration (đăng ký thi đua) under an issued plan: who aims at what, and the roll-up."""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from units.models import Membership, Person, Unit
from units.scoping import has_role, unit_scope_q

from campaigns.models import Plan, Registration

OPEN = (Plan.Status.ISSUED, Plan.Status.IN_PROGRESS)
REGISTRARS = (Membership.Role.CLERK, Membership.Role.APPROVER)


def registering_units(plan: Plan, user):
    """Units acting under the plan's issuer (itself included) for which ``user`` may register."""
    if plan.status not in OPEN:
        return Unit.objects.none()
    return (Unit.objects.subtree_of(plan.issuing_unit).acting()
            .filter(unit_scope_q(user, "path", REGISTRARS)).order_by("path"))


@transaction.atomic
def register(plan: Plan, *, actor, unit: Unit, person: Person | None = None, collective: Unit | None = None,
             award_tier=None, target="", initiative_title="") -> Registration:
    """Record that ``person`` or ``collective`` of ``unit`` aims at an award of ``plan``."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not registering_units(plan, actor).filter(pk=unit.pk).exists():
        raise PermissionDenied("Đơn vị này không đăng ký được theo kế hoạch này.")
    subject_unit = person.unit if person else collective
    if subject_unit is None or not subject_unit.path.startswith(unit.path):
        raise ValidationError("Cá nhân hoặc tập thể phải thuộc đơn vị đăng ký.")
    if award_tier is not None and award_tier.plan_id != plan.pk:
        raise ValidationError({"award_tier": "Hình thức này không thuộc kế hoạch."})
    registration = Registration(plan=plan, unit=unit, person=person, collective=collective, award_tier=award_tier,
                                target=target, initiative_title=initiative_title, created_by=actor)
    registration.full_clean()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError("Đăng ký này đã có.") from None
    return registration


@transaction.atomic
def withdraw(registration: Registration, *, actor) -> None:
    if not has_role(actor, registration.unit, REGISTRARS) or registration.plan.status not in OPEN:
        raise PermissionDenied("Bạn không rút được đăng ký này.")
    registration.delete()


def roll_up(registrations) -> list[tuple[str, list[tuple[str, int]]]]:
    """(unit name, [(award name, count)]) per registering unit, for the issuing unit's summary."""
    by_unit: dict[str, Counter] = {}
    for r in registrations:
        by_unit.setdefault(r.unit.name, Counter())[r.target_name or "Sáng kiến"] += 1
    return [(unit, sorted(counts.items())) for unit, counts in sorted(by_unit.items())]
