"""What the award pages add to every template's context (the unit pages know nothing of awards).

The menu lives here because it is the one place that sees every app: it offers a page only to the roles
that page's own checks let act on it or read it, and its first entry carries the to-do badge. The home
page stays units' own view (``units:dashboard``); its "Việc cần làm" comes from here too, read lazily,
so only the pages that show it pay for it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from units.models import Membership
from units.scoping import acts_somewhere

from awards.rules import todo, workflow
from awards.rules.certificates import ISSUER_ROLES
from awards.services import councils, decisions, ratings, revocations
from awards.services.history_imports import can_import_history

R = Membership.Role


@dataclass(frozen=True)
class MenuEntry:
    """One link of the main menu; ``badge`` counts what waits there (0: none shown)."""

    label: str
    url: str
    badge: int = 0


# (label, URL name, roles that may use the page; None: every signed-in user), in the menu's order.
MENU = [
    ("Tổng quan", "units:dashboard", None),
    ("Kế hoạch", "campaigns:plan_list", None),
    ("Đề nghị khen thưởng", "awards:nomination_lists", None),
    ("Hồ sơ", "awards:dossier_inbox", None),
    # The secretary keeps the sessions; the approvers wait for the council's vote before they forward.
    ("Hội đồng", "awards:council_index", (*councils.SECRETARY, *workflow.WHO[workflow.Action.FORWARD][1])),
    # The clerk drafts, the approver issues; the approver and unit admins revoke awards.
    ("Quyết định", "awards:decision_list", (*decisions.DRAFTERS, *revocations.REVOKERS)),
    ("Giấy khen", "awards:certificate_list", ISSUER_ROLES),
    ("Đơn vị", "units:unit_list", None),
    ("Cá nhân", "units:person_list", None),
    ("Xếp loại, sáng kiến", "awards:record_units", ratings.RATING_EDITORS),
    # Blocks are scoped: organisers see theirs, members the blocks their units belong to.
    ("Khối thi đua", "awards:block_list", None),
    # Every figure is counted within what the user may see.
    ("Thống kê", "awards:statistics", None),
    # The catalogue, the authorities and the standards in force are public knowledge inside the portal.
    ("Danh mục", "awards:catalogue_awards", None),
    ("Tài khoản", "units:account_list", (R.UNIT_ADMIN,)),
    ("Quản trị", "admin:index", (R.UNIT_ADMIN,)),
]
STAFF_ONLY = {"admin:index"}


def menu_entries(user) -> list[MenuEntry]:
    """The menu ``user`` is offered: the pages their roles can use (a superuser sees all), the badge on the first."""
    if not getattr(user, "is_authenticated", False):
        return []
    entries = []
    for label, name, roles in MENU:
        if name in STAFF_ONLY and not user.is_staff:
            continue
        if roles is not None and not acts_somewhere(user, roles):
            continue
        entries.append(MenuEntry(label, reverse(name), todo.total(user) if name == "units:dashboard" else 0))
    return entries


def award_links(request):
    """The menu, the home page's to-do list (lazy), and whether the user may import award history."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_import_history": can_import_history(user),
        "menu": SimpleLazyObject(lambda: menu_entries(user)),
        # Also on the phone's folded menu button; read once per request with the menu's badge.
        "todo_total": SimpleLazyObject(lambda: todo.total(user)),
        "todo": SimpleLazyObject(lambda: {
            "tasks": todo.tasks(user),
            "deadlines": todo.deadlines(user),
            "notifications": todo.latest_notifications(user),
        }),
    }
