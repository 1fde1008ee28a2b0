"""The one rule for what a user may see and act on.

A user sees the subtrees of the units in which they hold a current membership, and the
subtrees of those units' predecessors (a province formed by a merger sees the history of the
provinces it came from; a new commune sees the communes it replaced). A superuser sees
everything. Roles act only on the membership units' own subtrees. Every model's
``visible_to(user)`` is built from ``unit_scope_q`` and every role check from ``has_role``,
so there is no second copy of the rule anywhere.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q


def path_upper_bound(path: str) -> str:
    """The smallest digit string greater than every path that starts with ``path``."""
    return str(int(path) + 1).zfill(len(path))


def path_range_q(path: str, field: str) -> Q:
    """Rows whose ``field`` is ``path`` or lies below it: a range scan on the path index."""
    return Q(**{f"{field}__gte": path, f"{field}__lt": path_upper_bound(path)})


@dataclass(frozen=True)
class Grant:
    """One current membership, reduced to what checks need."""

    unit_id: int
    unit_path: str
    role: str


def grants_of(user, on=None) -> list[Grant]:
    """The user's current memberships, read once per user object (so once per request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    on = on or datetime.date.today()
    cache = getattr(user, "_grants_cache", None)
    if cache is not None and cache[0] == on:
        return cache[1]
    from units.models import Membership

    grants = [
        Grant(unit_id, path, role)
        for unit_id, path, role in Membership.objects.current(on)
        .filter(user=user)
        .values_list("unit_id", "unit__path", "role")
    ]
    user._grants_cache = (on, grants)
    return grants


# Successions followed backwards from the given units, in one recursive query. The hop
# limit only guards against a cycle typed by hand; real chains are one or two links long.
_LINEAGE_SQL = """
WITH RECURSIVE lineage(id, hops) AS (
    SELECT id, 0 FROM {unit} WHERE id IN ({ids})
    UNION
    SELECT s.predecessor_id, l.hops + 1 FROM {succession} s JOIN lineage l ON s.successor_id = l.id
    WHERE l.hops < 8{kinds}
)
SELECT DISTINCT u.id, u.path FROM {unit} u WHERE u.id IN (SELECT id FROM lineage WHERE hops > 0)
"""


def predecessors_of(unit_ids, kinds=None) -> list[tuple[int, str]]:
    """(id, path) of the units that preceded ``unit_ids``, however many links back.

    With ``kinds``, only successions of those kinds are followed (a unit's own achievements
    pass on through a merger or a rename, not through an abolition).
    """
    return [(row[0], row[1]) for row in _walk_back(_LINEAGE_SQL, unit_ids, kinds)]


# The same walk from many units at once, each row keeping the unit it started from.
_LINEAGES_SQL = """
WITH RECURSIVE lineage(root, id, hops) AS (
    SELECT id, id, 0 FROM {unit} WHERE id IN ({ids})
    UNION
    SELECT l.root, s.predecessor_id, l.hops + 1 FROM {succession} s JOIN lineage l ON s.successor_id = l.id
    WHERE l.hops < 8{kinds}
)
SELECT DISTINCT l.root, u.id, u.path FROM lineage l JOIN {unit} u ON u.id = l.id WHERE l.hops > 0
ORDER BY l.root, u.id
"""


def predecessors_by_unit(unit_ids, kinds=None) -> dict[int, list[tuple[int, str]]]:
    """``predecessors_of`` each of ``unit_ids`` on its own, all in one query: {unit id: [(id, path)]}."""
    found = {}
    for root, pk, path in _walk_back(_LINEAGES_SQL, unit_ids, kinds):
        found.setdefault(root, []).append((pk, path))
    return found


def _walk_back(sql, unit_ids, kinds):
    from units.models import Unit, UnitSuccession

    ids = sorted(set(unit_ids))
    if not ids:
        return []
    kinds = sorted(kinds or [])
    sql = sql.format(
        unit=Unit._meta.db_table, succession=UnitSuccession._meta.db_table, ids=", ".join(["%s"] * len(ids)),
        kinds=f" AND s.kind IN ({', '.join(['%s'] * len(kinds))})" if kinds else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids + kinds)
        return cursor.fetchall()


def history_paths_of(user) -> list[str]:
    """Paths of the units that preceded the user's membership units, however many links back."""
    grants = grants_of(user)
    if not grants:
        return []
    cached = getattr(user, "_history_cache", None)
    if cached is not None and cached[0] is grants:
        return cached[1]
    paths = [path for _id, path in predecessors_of(g.unit_id for g in grants)]
    user._history_cache = (grants, paths)
    return paths


def unit_scope_q(user, path_field: str, roles=None) -> Q:
    """A filter on ``path_field`` (a unit path) limited to what ``user`` may see.

    With ``roles``, limited to the subtrees where the user holds one of them (history is
    for reading, so predecessors are left out).
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    paths = {g.unit_path for g in grants_of(user) if roles is None or g.role in roles}
    if roles is None:
        paths.update(history_paths_of(user))
    paths = _roots(paths)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= path_range_q(path, path_field)
    return q


def _roots(paths):
    """Drop paths that lie under another path of the set (their range is already covered)."""
    ordered = sorted(paths)
    roots = []
    for path in ordered:
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


def ancestor_ids_of(user) -> set[int]:
    """Ids of the units above the user's membership units, read off their paths (no query)."""
    from units.models import PATH_SEGMENT_WIDTH as width

    ids = set()
    for grant in grants_of(user):
        path = grant.unit_path
        ids.update(int(path[i:i + width]) for i in range(0, len(path) - width, width))
    return ids


def has_role(user, unit, roles) -> bool:
    """Whether the user holds one of ``roles`` in ``unit`` or in a unit above it."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(g.role in roles and unit.path.startswith(g.unit_path) for g in grants_of(user))


def holds_role_at(user, unit, roles) -> bool:
    """Whether the user holds one of ``roles`` in ``unit`` itself (not through a unit above).

    Acts that speak for a unit — drafting or signing its documents — belong to its own
    people; a province's approver does not sign for a commune.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(g.role in roles and g.unit_id == unit.pk for g in grants_of(user))


def units_with_role(user, roles) -> set[int]:
    """Ids of the units where the user holds one of ``roles`` themselves."""
    return {g.unit_id for g in grants_of(user) if g.role in roles}


def roles_in(user, unit) -> set[str]:
    """The roles the user holds over ``unit`` (through it or a unit above it)."""
    return {g.role for g in grants_of(user) if unit.path.startswith(g.unit_path)}
