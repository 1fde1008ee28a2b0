"""The one rule for what a user may see and act on.

A user sees the subtrees of the units in which they hold a current membership, and the
subtrees of those units' predecessors (a province formed by a merger sees the history of the
provinces it came from; a new commune sees the communes it replaced). A superuser sees
everything. Roles act only on the membership units' own subtrees. Every model's
``visible_to(user)`` comes from ``ScopedQuerySet`` (built on ``unit_scope_q``), every role check
from ``has_role``/``holds_role_at``, and every "where may this user act" from ``acting_in``, so
there is no second copy of the rule anywhere.

This module imports no model: it reads a user's memberships through the user's own relation
(``user.memberships``) and the unit tree's lineage through the membership's unit model, so the
models can build their querysets on it.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

# A unit's materialised path is its ancestors' ids and its own, each zero-padded to this
# width, concatenated. Digits only: range comparisons then order the same under every
# database collation, so a subtree is one indexed range scan (``path_range_q``).
PATH_SEGMENT_WIDTH = 8


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
    grants = [
        Grant(unit_id, path, role)
        for unit_id, path, role in user.memberships.current(on).values_list("unit_id", "unit__path", "role")
    ]
    user._grants_cache = (on, grants)
    return grants


def history_paths_of(user) -> list[str]:
    """Paths of the units that preceded the user's membership units, however many links back."""
    grants = grants_of(user)
    if not grants:
        return []
    cached = getattr(user, "_history_cache", None)
    if cached is not None and cached[0] is grants:
        return cached[1]
    units = user.memberships.model._meta.get_field("unit").related_model
    paths = [path for _id, path in units.objects.predecessors_of(g.unit_id for g in grants)]
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


def ids_above(path: str) -> list[int]:
    """Ids of the units above the unit at ``path``, from the root down, read off the path (no query)."""
    width = PATH_SEGMENT_WIDTH
    return [int(path[i:i + width]) for i in range(0, len(path) - width, width)]


def ancestor_ids_of(user) -> set[int]:
    """Ids of the units above the user's membership units, read off their paths (no query)."""
    ids = set()
    for grant in grants_of(user):
        ids.update(ids_above(grant.unit_path))
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
    """Ids of the units where the user holds one of ``roles`` themselves (memberships only: see ``acting_in``)."""
    return {g.unit_id for g in grants_of(user) if g.role in roles}


def acting_in(user, roles, field: str = "pk") -> Q:
    """A filter on ``field`` (a unit, or a unit's id) to the units where ``user`` acts with one of ``roles``.

    The units where they hold one of ``roles`` themselves; every unit for an active superuser. Pages
    that offer "where may I act" (draft a plan, open a consultation, sign, register a key …) all
    read it here.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    return Q(**{f"{field}__in": sorted(units_with_role(user, roles))})


def acts_somewhere(user, roles) -> bool:
    """Whether ``user`` acts with one of ``roles`` in any unit (a superuser always does)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(units_with_role(user, roles))


class ScopedQuerySet(models.QuerySet):
    """Rows that belong to units: ``visible_to(user)`` keeps those of units in the user's scope.

    ``scope_paths`` names the unit path fields a row is reached through (any one suffices: a packet
    is seen by its sender's and its receiver's people alike).
    """

    scope_paths: tuple[str, ...] = ()

    def visible_to(self, user):
        """The rows the user may see (the one scoping rule; all for superusers)."""
        filters = [unit_scope_q(user, path) for path in self.scope_paths]
        if any(not q for q in filters):  # an empty filter: the user sees every unit
            return self.all()
        combined = filters[0]
        for q in filters[1:]:
            combined |= q
        return self.filter(combined)


def roles_in(user, unit) -> set[str]:
    """The roles the user holds over ``unit`` (through it or a unit above it)."""
    return {g.role for g in grants_of(user) if unit.path.startswith(g.unit_path)}
