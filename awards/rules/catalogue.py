"""The catalogue as every signed-in user reads it: awards, who decides them, the standards in force.

Read only; each list is one query for its rows (related rows joined or prefetched), whatever its length.
"""

import datetime

from django.db.models import Prefetch, Q

from units.text import fold

from awards.models import Authority, AwardType, Condition, Standard


def awards_matching(text="", *, group=""):
    """The catalogue in its order, narrowed to ``text`` (without diacritics) and a group."""
    awards = AwardType.objects.search(text)
    return awards.filter(group=group) if group else awards


def authorities_matching(text="", *, award=None, on=None, history=False):
    """Who decides which award, at which level, under which regulations: those in force on ``on`` (today) unless
    ``history`` asks for every period."""
    authorities = Authority.objects.select_related("award", "regulation").search(text)
    if not history:
        authorities = authorities.in_force(on or datetime.date.today())
    if award is not None:
        authorities = authorities.filter(award=award)
    return authorities.order_by("award__position", "award__code", "level", "valid_from", "pk")


def standards_matching(text="", *, award=None, on=None, history=False):
    """The standards in force on ``on`` (today), with their conditions, narrowed to an award's name or code."""
    standards = Standard.objects.select_related("award").prefetch_related(
        Prefetch("conditions", queryset=Condition.objects.order_by("group", "position", "pk")))
    if not history:
        standards = standards.in_force(on or datetime.date.today())
    key = fold(text)
    if key:
        standards = standards.filter(Q(award__search_key__contains=key) | Q(award__name__icontains=text))
    if award is not None:
        standards = standards.filter(award=award)
    return standards.order_by("award__position", "award__code", "subject", "valid_from", "pk")
