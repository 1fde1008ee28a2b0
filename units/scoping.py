"""The one rule for what a user may see and act on.

A user sees the subtrees of the units in which they hold a current membership; a superuser
sees everything. Every model's ``visible_to(user)`` is built from ``unit_scope_q`` and every
role check from ``has_role``, so there is no second copy of the rule anywhere.
"""

import datetime
from dataclasses import dataclass

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
    from .models import Membership

    grants = [
        Grant(unit_id, path, role)
        for unit_id, path, role in Membership.objects.current(on)
        .filter(user=user)
        .values_list("unit_id", "unit__path", "role")
    ]
    user._grants_cache = (on, grants)
    return grants


def unit_scope_q(user, path_field: str, roles=None) -> Q:
    """A filter on ``path_field`` (a unit path) limited to what ``user`` may see.

    With ``roles``, limited further to the subtrees where the user holds one of them.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    paths = _roots({g.unit_path for g in grants_of(user) if roles is None or g.role in roles})
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


def has_role(user, unit, roles) -> bool:
    """Whether the user holds one of ``roles`` in ``unit`` or in a unit above it."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(g.role in roles and unit.path.startswith(g.unit_path) for g in grants_of(user))


def roles_in(user, unit) -> set[str]:
    """The roles the user holds over ``unit`` (through it or a unit above it)."""
    return {g.role for g in grants_of(user) if unit.path.startswith(g.unit_path)}
