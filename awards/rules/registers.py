"""The registers: every decision and every paper the user may see, filtered and searched, read only.

A register starts from the scoped queryset (``visible_to``), narrows it by the page's filters and
searches folded keys (units.text.fold), so "nguyen van a" finds "Nguyễn Văn A". What a page of rows
needs besides its own columns (how many people a decision names, which kinds of award) is read for
that page alone in one grouped query each, so a page costs the same whatever the register holds.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from units.text import fold

from awards.models import AwardType, Decision


@dataclass(frozen=True)
class DecisionFilters:
    """What the decision register is narrowed by; None or "" means "any"."""

    year: int | None = None
    unit_id: int | None = None
    status: str = ""
    query: str = ""


def _named_in(key: str, prefix: str) -> Q:
    return (Q(**{f"{prefix}person__search_key__contains": key})
            | Q(**{f"{prefix}collective__search_key__contains": key})
            | Q(**{f"{prefix}household__icontains": key}))


def decision_register(user, filters: DecisionFilters):
    """The decisions ``user`` may see matching ``filters``, newest first."""
    rows = Decision.objects.visible_to(user).select_related("issuing_unit", "issued_by")
    if filters.year:
        rows = rows.filter(signed_on__year=filters.year)
    if filters.unit_id:
        rows = rows.filter(issuing_unit_id=filters.unit_id)
    if filters.status:
        rows = rows.filter(status=filters.status)
    key = fold(filters.query)
    if key:
        lines = Decision.lines.through.objects.filter(_named_in(key, "dossierline__nomination_line__"))
        rows = rows.filter(Q(search_key__contains=key) | Q(pk__in=lines.values("decision_id")))
    return rows.order_by("-signed_on", "-created_at", "-pk")


def decision_issuers(user):
    """The units whose decisions ``user`` may see, for the register's filter: (pk, name), by name."""
    return list(Decision.objects.visible_to(user).order_by("issuing_unit__name")
                .values_list("issuing_unit_id", "issuing_unit__name").distinct())


def decision_years(user):
    """The signing years among the decisions ``user`` may see, newest first."""
    return sorted({d.year for d in Decision.objects.visible_to(user).filter(signed_on__isnull=False)
                   .dates("signed_on", "year")}, reverse=True)


def annotate_decision_lists(decisions):
    """Set on each decision how many people, collectives and households its list names and the kinds of its
    awards (``people``, ``collectives``, ``households``, ``award_kinds``): two queries for the whole page."""
    through = Decision.lines.through.objects.filter(decision_id__in=[d.pk for d in decisions])
    subject = "dossierline__nomination_line__"
    counts = {row["decision_id"]: row for row in through.values("decision_id").annotate(
        people=Count(f"{subject}person", distinct=True),
        collectives=Count(f"{subject}collective", distinct=True),
        households=Count("pk", filter=~Q(**{f"{subject}household": ""})))}
    kinds = defaultdict(set)
    # The award granted when the council changed it, else the one proposed; a record's own kind is not on lines.
    for decision_id, granted, proposed in through.values_list(
            "decision_id", "dossierline__granted_award__kind", f"{subject}award__kind").distinct():
        kinds[decision_id].add(granted or proposed)
    labels = dict(AwardType.Kind.choices)
    for decision in decisions:
        row = counts.get(decision.pk, {})
        decision.people = row.get("people", 0)
        decision.collectives = row.get("collectives", 0)
        decision.households = row.get("households", 0)
        decision.award_kinds = sorted(labels.get(kind, kind) for kind in kinds[decision.pk] if kind)
    return decisions
