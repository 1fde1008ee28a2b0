"""Decisions for the tests: a draft over a level's ready lines, issued in one call."""

import datetime

from awards.models import DossierLine
from awards.services import decisions

SIGNED_ON = datetime.date(2026, 3, 5)


def decision_fields(unit, lines, **overrides):
    """The prefilled fields of a decision of ``unit`` over ``lines``, signed by a named official."""
    fields = decisions.draft_defaults(unit, lines, on=overrides.pop("on", SIGNED_ON))
    fields.update({"signer_name": "Trần Duy Đông", **overrides})
    return fields


def draft(unit, actor, lines, **overrides):
    lines = list(lines)
    return decisions.create_decision(unit, actor=actor, fields=decision_fields(unit, lines, **overrides),
                                     line_ids=[line.pk for line in lines])


def decide(dossier, actor, **overrides):
    """Draft and issue a decision of the packet's receiver over all its ready lines; returns the decision."""
    unit = dossier.receiver
    lines = list(DossierLine.objects.filter(dossier=dossier, status=DossierLine.Status.READY, deciding_unit=unit)
                 .select_related("nomination_line__award", "nomination_line__plan"))
    return decisions.issue_decision(draft(unit, actor, lines, **overrides), actor=actor)
