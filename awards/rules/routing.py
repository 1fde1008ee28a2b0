"""Where a submitted list travels: the chain of units above its unit, and the unit that decides each line.

The chain is read from the unit tree in force on the dossier's date: the unit's ancestors, nearest
first, passing over any that had ended or not yet begun (a commune's district before 1/7/2025, none
after); when all of them have ended, the unit that succeeded the nearest one takes over. Above the
top of the tree the routing table (RoutingLink rows) continues it: a province's dossiers go to the
central emulation body, whose own go on to the State President. A link named for a unit wins over
its parent, so an internal chain can be redirected by data too.

Each line stops at the first unit on the chain whose level (``level_of``) holds an Authority row for
its award on that date. No level is named in this module: another tree or other rows give another
route, and both are frozen on the dossier when the list is sent.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from units.models import Unit, UnitSuccession

from awards.models import Authority, RoutingLink, level_of

# Real chains are four or five units long; the cap only stops a cycle typed into the table.
MAX_HOPS = 16


@dataclass(frozen=True)
class Route:
    """The chain of units from the sender upwards, and the unit that decides each line (by line pk)."""

    on: datetime.date
    chain: list[Unit]
    deciding: dict[int, Unit]

    def stops(self) -> list[dict]:
        """The chain as stored on the dossier: what the page shows even if units are renamed later."""
        return [{"unit": unit.pk, "name": unit.name, "level": level_of(unit)} for unit in self.chain]


def _in_force_links(on):
    links = list(RoutingLink.objects.in_force(on).select_related("target").order_by("pk"))
    by_unit = {link.source_unit_id: link for link in links if link.source_unit_id}
    by_kind = {link.source_kind: link for link in links if link.source_kind}
    return by_unit, by_kind


def resolve_chain(unit: Unit, on: datetime.date) -> list[Unit]:
    """``unit`` and the units its dossiers pass through on ``on``, nearest first."""
    by_unit, by_kind = _in_force_links(on)
    ancestors = _AncestorCache()
    chain, seen, current = [], set(), unit
    while current is not None and current.pk not in seen and len(chain) < MAX_HOPS:
        chain.append(current)
        seen.add(current.pk)
        current = _next_unit(current, on, ancestors, by_unit, by_kind)
    return chain


def _next_unit(unit, on, ancestors, by_unit, by_kind):
    if unit.pk in by_unit:
        return by_unit[unit.pk].target
    above = ancestors.of(unit)
    parent = next((a for a in reversed(above) if a.is_in_force(on)), None)
    if parent is not None:
        return parent
    # Every ancestor has ended: the unit that took over the nearest one's duties receives instead
    # (a school left under an abolished district goes to the province that succeeded it).
    for ended in reversed(above):
        successor = _successor_in_force(ended, on)
        if successor is not None:
            return successor
    root = above[0] if above else unit
    link = by_unit.get(root.pk) or by_kind.get(root.kind)
    return link.target if link is not None else None


def _successor_in_force(unit, on):
    successions = (UnitSuccession.objects.filter(predecessor=unit, effective_date__lte=on)
                   .select_related("successor").order_by("-effective_date", "pk"))
    return next((s.successor for s in successions if s.successor.is_in_force(on)), None)


class _AncestorCache:
    """Ancestors read once per tree: those of an ancestor are a prefix of its descendant's."""

    def __init__(self):
        self._known = {}

    def of(self, unit):
        if not unit.parent_id:
            return []
        if unit.pk not in self._known:
            above = unit.ancestors()
            for index, ancestor in enumerate(above):
                self._known.setdefault(ancestor.pk, above[:index])
            self._known[unit.pk] = above
        return self._known[unit.pk]


def _granting(awards, on) -> set[tuple[int, str]]:
    """(award id, level) pairs that may grant, on ``on``, in one query."""
    return set(Authority.objects.in_force(on).filter(award_id__in=awards).values_list("award_id", "level"))


def granted_by(unit: Unit, lines, on: datetime.date) -> set[int]:
    """Pks of the lines ``unit`` grants itself on ``on``: every route starts at its own unit, so these stop there."""
    granting = _granting({line.award_id for line in lines}, on)
    level = level_of(unit)
    return {line.pk for line in lines if (line.award_id, level) in granting}


def route_lines(unit: Unit, lines, on: datetime.date) -> Route:
    """The chain above ``unit`` and each line's deciding unit; refuses lines nobody on the chain may grant."""
    chain = resolve_chain(unit, on)
    granting = _granting({line.award_id for line in lines}, on)
    deciding, orphans = {}, []
    for line in lines:
        unit_for_line = next((u for u in chain if (line.award_id, level_of(u)) in granting), None)
        if unit_for_line is None:
            orphans.append(line)
        else:
            deciding[line.pk] = unit_for_line
    if orphans:
        path = " → ".join(u.name for u in chain)
        awards = {}
        for line in orphans:
            awards.setdefault(line.award.name, []).append(line.subject_name)
        detail = "; ".join(f"{award}: {', '.join(names)}" for award, names in awards.items())
        raise ValidationError(
            f"Không cấp nào trên đường chuyển hồ sơ ({path}) có thẩm quyền quyết định vào ngày {on:%d/%m/%Y} — "
            f"{detail}. Hãy kiểm tra bảng thẩm quyền khen thưởng và tuyến chuyển hồ sơ lên cấp trên.")
    return Route(on=on, chain=chain, deciding=deciding)


def next_stop(route: list[dict], unit_id: int) -> dict | None:
    """The stop after ``unit_id`` on a frozen route, or None at its end."""
    ids = [stop["unit"] for stop in route]
    if unit_id not in ids:
        return None
    index = ids.index(unit_id)
    return route[index + 1] if index + 1 < len(route) else None


def stops_travelled(route: list[dict], deciding_ids) -> list[dict]:
    """The part of a frozen route a packet's lines travel: from its start to the furthest unit deciding one of
    them (a packet of a commune's Bằng khen tỉnh goes no further than the province)."""
    ids = [stop["unit"] for stop in route]
    reached = [ids.index(unit_id) for unit_id in set(deciding_ids) if unit_id in ids]
    return route[:max(reached) + 1] if reached else list(route)


def route_from(route: list[dict], unit_id: int) -> list[dict]:
    """The part of a frozen route that starts at ``unit_id``."""
    ids = [stop["unit"] for stop in route]
    return route[ids.index(unit_id):] if unit_id in ids else []
