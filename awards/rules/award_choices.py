"""Which awards a nomination line may name: what the list's plan offers, or in the annual review what
the list's unit decides itself and what the level it sends to decides (the Authority rows in force).

A commune's annual list thus offers the commune's and the province's awards, never the State's orders:
those are proposed by the level that sends to the State.
"""

from awards.models import Authority, AwardType, level_of
from awards.rules.required_documents import dossier_date
from awards.rules.routing import resolve_chain


def award_choices(nomination_list):
    """The awards a line of ``nomination_list`` may propose, in catalogue order."""
    plan = nomination_list.plan
    awards = AwardType.objects.order_by("position", "name")
    if plan is not None:
        offered = list(plan.award_tiers.filter(award__isnull=False).values_list("award_id", flat=True))
        # A plan whose tiers name no award of the catalogue (written as free text only) limits nothing
        # the portal can read: its lists are offered what the levels may decide, as in the annual review.
        if offered:
            return awards.filter(pk__in=offered)
    on = dossier_date(nomination_list)
    # The unit itself and the unit its dossiers go to first.
    levels = {level_of(unit) for unit in resolve_chain(nomination_list.unit, on)[:2]}
    return awards.filter(pk__in=Authority.objects.in_force(on).filter(level__in=levels).values("award_id"))


SUBJECT_GROUPS = (
    ("for_individuals", "Cá nhân"),
    ("for_collectives", "Tập thể"),
    ("for_households", "Hộ gia đình"),
)


def grouped_by_subject(awards) -> list[tuple[str, list[tuple[str, str]]]]:
    """``awards`` as select choices in groups by the kind of subject they are for (an award for both
    individuals and collectives is offered in both groups)."""
    groups = []
    for flag, label in SUBJECT_GROUPS:
        options = [(str(award.pk), award.name) for award in awards if getattr(award, flag)]
        if options:
            groups.append((label, options))
    return groups
