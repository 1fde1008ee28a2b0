"""The gates a packet passes at a level before it is sent on: its council's vote and public comment.

A receiving level with a council in force on the day votes before it forwards or decides (``has_council``).

Which proposals must be published for comment at a level before that level sends them on, and which were.

A line of a packet needs consultation at the receiving level when a ``ConsultationRule`` for its
award and the receiver's level is in force that day; it is covered once a closed consultation of
the receiver lists it. awards.rules.workflow asks ``pending_lines`` before it offers forwarding or
settling. Selectors only: nothing here writes.

The rules in force on a day are read once per user object (one query, like the user's
memberships in units.scoping: so once per request), and only for packets with approved lines:
the page of a packet waiting for intake, or a list of many packets, costs nothing more.
"""

import datetime

from django.utils import timezone

from units.models import Membership

from awards.models import Council, level_of

R = Membership.Role
# Who prepares a level's public listing and answers the comments on it (awards.services.consultations).
CONSULTATION_STAFF = (R.CLERK, R.REVIEWER)


def _rules(holder, on) -> dict:
    """{level: {award id: rule}} in force on ``on`` (the longest when several apply), kept on ``holder``."""
    from awards.models import ConsultationRule

    cache = getattr(holder, "_consultation_rules_cache", None)
    if cache is not None and cache[0] == on:
        return cache[1]
    rules = {}
    for rule in ConsultationRule.objects.in_force(on).order_by("pk"):
        by_award = rules.setdefault(rule.level, {})
        if rule.award_id not in by_award or rule.days > by_award[rule.award_id].days:
            by_award[rule.award_id] = rule
    holder._consultation_rules_cache = (on, rules)
    return rules


def rules_for(dossier, *, user=None, on=None) -> dict:
    """{award id: rule} the packet's receiver must apply on ``on``; read once per ``user`` (else per packet)."""
    return _rules(user if user is not None else dossier, on or timezone.localdate()).get(level_of(dossier.receiver), {})


def lines_needing(dossier, lines, *, user=None, on=None) -> list:
    """The approved lines of the packet that its receiver must publish before sending them on."""
    from awards.models import DossierLine

    approved = [line for line in lines if line.status == DossierLine.Status.APPROVED]
    if not approved:
        return []
    rules = rules_for(dossier, user=user, on=on)
    if not rules:
        return []
    awards = _award_ids(approved)
    return [line for line in approved if awards[line.pk] in rules]


def _award_ids(lines) -> dict:
    """{line pk: award id}, from the nomination lines already read, or in one query when they were not."""
    if all("nomination_line" in line._state.fields_cache for line in lines):
        return {line.pk: line.nomination_line.award_id for line in lines}
    from awards.models import DossierLine

    return dict(DossierLine.objects.filter(pk__in=[line.pk for line in lines])
                .values_list("pk", "nomination_line__award_id"))


def covered_ids(line_ids) -> set:
    """Ids of the lines some closed consultation lists (one query)."""
    from awards.models import ConsultationCandidate, PublicConsultation

    if not line_ids:
        return set()
    return set(ConsultationCandidate.objects.filter(
        line_id__in=line_ids, consultation__status=PublicConsultation.Status.CLOSED).values_list("line_id", flat=True))


def pending_lines(dossier, lines, *, user=None, on=None) -> list:
    """The approved lines still waiting for a closed consultation at the receiver: they hold the packet here."""
    needing = lines_needing(dossier, lines, user=user, on=on)
    if not needing:
        return []
    done = covered_ids([line.pk for line in needing])
    return [line for line in needing if line.pk not in done]


# Councils

def council_of(unit, on: datetime.date | None = None) -> Council | None:
    """The unit's council in force on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return Council.objects.in_force(on).filter(unit=unit).order_by("-valid_from", "-pk").first()


def has_council(unit, *, user=None, on=None) -> bool:
    """Whether ``unit`` has a council in force on ``on``; with ``user``, read once per user object (request)."""
    on = on or timezone.localdate()
    if user is None:
        return Council.objects.in_force(on).filter(unit=unit).exists()
    cache = getattr(user, "_council_units_cache", None)
    if cache is None or cache[0] != on:
        cache = (on, set(Council.objects.in_force(on).values_list("unit_id", flat=True)))
        user._council_units_cache = cache
    return unit.pk in cache[1]
