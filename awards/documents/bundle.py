"""The Tờ trình of a bundle: a level forwards the lines it approved, from several lists, to the next level.

It is the list's Tờ trình, written by the forwarding unit over the bundle's lines and addressed to
the packet's receiver; the plan is cited when every line answers the same one.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from awards.documents.proposal import proposal_document
from awards.models import NominationLine


@dataclass
class BundleAsList:
    """What the Tờ trình reads of a list, taken from a bundle."""

    unit: object
    plan: object
    plan_id: int | None
    year: int
    submitted_at: object
    lines: QuerySet


def bundle_proposal_document(dossier):
    lines = NominationLine.objects.filter(dossier_lines__dossier=dossier)
    facts = list(lines.values_list("plan_id", "year").distinct())
    plan_ids = {plan_id for plan_id, _year in facts}
    plan = None
    if len(plan_ids) == 1 and None not in plan_ids:
        plan = lines.select_related("plan__issuing_unit").first().plan
    bundle = BundleAsList(unit=dossier.sender, plan=plan, plan_id=plan.pk if plan else None,
                          year=max((year for _plan, year in facts), default=dossier.routed_on.year),
                          submitted_at=dossier.submitted_at, lines=lines)
    return proposal_document(bundle, receiver=dossier.receiver, number=dossier.proposal_number,
                             dated=dossier.proposal_date)
