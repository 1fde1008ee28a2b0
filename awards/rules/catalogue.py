"""Reading the catalogue: which award a plan's wording names, and who may grant it where."""

import datetime

from units.text import fold

from awards.models import Authority, AwardType


def match_award(name: str, awards=None) -> AwardType | None:
    """The catalogue award that ``name`` (as a plan words it) names, or None.

    "Giấy khen của Chủ tịch UBND huyện" names the Giấy khen; "Bằng khen của Thủ tướng Chính
    phủ" the Prime Minister's. The longest catalogue name found in the wording wins, so the
    specific form is preferred to a generic one.
    """
    key = fold(name)
    candidates = [(len(fold(a.name)), a) for a in (awards if awards is not None else AwardType.objects.all())
                  if fold(a.name) and fold(a.name) in key]
    return max(candidates, key=lambda pair: pair[0])[1] if candidates else None


def grantable_by(unit, on: datetime.date | None = None):
    """Awards the unit's level may grant on ``on`` (its own authority, without proposing upwards)."""
    return AwardType.objects.filter(pk__in=Authority.objects.granting_at(unit, on).values("award_id")).distinct()
