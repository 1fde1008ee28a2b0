"""Who may grant which role where, and whose accounts a unit admin manages.

The rule (the admin's pages and their tests follow it; nothing else grants roles):

- Nobody grants, changes or ends a role on their own account, superusers included: every role
  comes from a second person, who answers for it in the accountability log.
- A superuser grants any role in any unit, and manages every account.
- A unit admin grants the working roles — clerk, reviewer, approver, council secretary — in every
  unit of the subtrees they administer, their own unit included (a province's admin staffs the
  province's offices), and the unit-admin role only *strictly below* their own unit (a province's
  admin appoints a commune's admin; a second admin of the province comes from above). So an
  admin can never widen their own powers, nor hand them on at their own level.
- A unit admin manages an account (sees it, edits it, resets its password) only when it belongs to
  their units: it holds a role in their subtrees and every role it still holds (current or to come)
  is one they could have granted. An account that holds no role yet is managed only by whoever
  created it (``User.created_by``) and by superusers. Superuser accounts, and the admin's own
  account, are never in the list: the admin changes their own password on the portal's page.
"""

import datetime

from django.db.models import Q

from units.models import Membership, User
from units.scoping import grants_of, path_range_q, path_upper_bound, unit_scope_q

ADMIN_ROLE = (Membership.Role.UNIT_ADMIN,)

SELF_GRANT_REFUSED = ("Không ai được tự cấp, sửa hoặc kết thúc vai trò cho chính tài khoản của mình. "
                      "Hãy đề nghị quản trị cấp trên thực hiện.")
OUTSIDE_SUBTREE = "Bạn chỉ cấp vai trò trong các đơn vị mình quản trị."
ADMIN_ONLY_BELOW = ("Vai trò Quản trị đơn vị chỉ được cấp cho đơn vị cấp dưới đơn vị mình quản trị; "
                    "quản trị cùng cấp do cấp trên cấp.")


def _admin_paths(actor) -> list[str]:
    return sorted({g.unit_path for g in grants_of(actor) if g.role in ADMIN_ROLE})


def _is_superuser(actor) -> bool:
    return bool(getattr(actor, "is_superuser", False) and actor.is_active)


def grant_refusal(actor, *, user, unit, role) -> str:
    """Why ``actor`` may not give ``user`` the ``role`` in ``unit`` ("" when they may)."""
    if user is not None and user.pk is not None and user.pk == actor.pk:
        return SELF_GRANT_REFUSED
    if _is_superuser(actor) or unit is None or not role:
        return ""
    paths = [p for p in _admin_paths(actor) if unit.path.startswith(p)]
    if not paths:
        return OUTSIDE_SUBTREE
    if role in ADMIN_ROLE and all(unit.path == p for p in paths):
        return ADMIN_ONLY_BELOW
    return ""


def grantable_q(actor, path_field: str = "unit__path", role_field: str = "role") -> Q:
    """A filter on memberships to those ``actor`` could have granted (everything for a superuser)."""
    if _is_superuser(actor):
        return Q()
    q = Q(pk__in=[])
    for path in _admin_paths(actor):
        working = path_range_q(path, path_field) & ~Q(**{f"{role_field}__in": ADMIN_ROLE})
        below = Q(**{f"{path_field}__gt": path, f"{path_field}__lt": path_upper_bound(path)})
        q |= working | below
    return q


def may_manage_membership(actor, membership) -> bool:
    """Whether ``actor`` may change or end this existing membership (never one of their own)."""
    return membership.user_id != actor.pk and not grant_refusal(
        actor, user=membership.user, unit=membership.unit, role=membership.role)


def manageable_users(actor):
    """The accounts ``actor`` manages (see the rule above)."""
    users = User.objects.all()
    if _is_superuser(actor):
        return users
    inside = Membership.objects.filter(unit_scope_q(actor, "unit__path", ADMIN_ROLE)).values("user_id")
    today = datetime.date.today()
    beyond = (Membership.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
              .exclude(grantable_q(actor)).values("user_id"))
    return (
        users.filter(is_superuser=False)
        .filter(Q(pk__in=inside) | Q(memberships__isnull=True, created_by=actor.pk))
        .exclude(pk__in=beyond)
        .exclude(pk=actor.pk)
        .distinct()
    )
