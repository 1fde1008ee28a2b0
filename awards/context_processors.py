"""What the award pages add to every template's context (the unit pages know nothing of awards).

The menu lives here because it is the one place that sees every app: it offers a page only to the roles
that page's own checks let act on it or read it, and its first entry carries the to-do badge. The home
page stays units' own view (``units:dashboard``); its "Việc cần làm" comes from here too, read lazily,
so only the pages that show it pay for it.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
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
    """One link of the main menu, or a group of links (``children``) opened from one button.

    ``badge`` counts what waits there (0: none shown); ``current`` marks the page being shown, or for a
    group the group holding it.
    """

    label: str
    url: str = ""
    badge: int = 0
    current: bool = False
    children: tuple["MenuEntry", ...] = ()


# (label, URL name, roles that may use the page; None: every signed-in user), in the menu's order; a
# (label, [entries]) pair is a group. The pages a user opens every day stay one click away; the rest are
# grouped by what they are about, so the bar fits one line on a laptop.
MENU = [
    ("Tổng quan", "units:dashboard", None),
    ("Kế hoạch", "campaigns:plan_list", None),
    ("Đề nghị khen thưởng", "awards:nomination_lists", None),
    ("Hồ sơ", "awards:dossier_inbox", None),
    ("Xét, quyết định", [
        # The secretary keeps the sessions; the approvers wait for the council's vote before they forward.
        ("Hội đồng", "awards:council_index", (*councils.SECRETARY, *workflow.WHO[workflow.Action.FORWARD][1])),
        # The clerk drafts, the approver issues; the approver and unit admins revoke awards.
        ("Quyết định", "awards:decision_list", (*decisions.DRAFTERS, *revocations.REVOKERS)),
        ("Giấy khen", "awards:certificate_list", ISSUER_ROLES),
    ]),
    ("Đơn vị, cá nhân", [
        ("Đơn vị", "units:unit_list", None),
        ("Cá nhân", "units:person_list", None),
        ("Xếp loại, sáng kiến", "awards:record_units", ratings.RATING_EDITORS),
        # Blocks are scoped: organisers see theirs, members the blocks their units belong to.
        ("Khối thi đua", "awards:block_list", None),
    ]),
    # Every figure is counted within what the user may see.
    ("Thống kê", "awards:statistics", None),
    # The catalogue, the authorities and the standards in force are public knowledge inside the portal.
    ("Danh mục", "awards:catalogue_awards", None),
]
# Under the user's name, beside their own account page and "Đăng xuất": the unit admin's pages.
ACCOUNT_MENU = [
    ("Tài khoản người dùng", "units:account_list", (R.UNIT_ADMIN,)),
    ("Trang quản trị", "admin:index", (R.UNIT_ADMIN,)),
]
STAFF_ONLY = {"admin:index"}


def menu_entries(user, path: str = "") -> list[MenuEntry]:
    """The menu ``user`` is offered on the page at ``path``: the pages their roles can use (a superuser sees
    all), the to-do badge on the first. A group left with one page shows as that page's own link."""
    if not getattr(user, "is_authenticated", False):
        return []
    entries = []
    for label, target, *roles in MENU:
        if isinstance(target, list):
            children = tuple(_offered(user, path, target))
            if len(children) > 1:
                entries.append(MenuEntry(label, current=any(c.current for c in children), children=children))
            else:
                entries.extend(children)
        else:
            entries.extend(_offered(user, path, [(label, target, *roles)]))
    return entries


def _offered(user, path, rows):
    for label, name, roles in rows:
        if name in STAFF_ONLY and not user.is_staff:
            continue
        if roles is not None and not acts_somewhere(user, roles):
            continue
        url = _address(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        yield MenuEntry(label, url, todo.total(user) if name == "units:dashboard" else 0, current=url == path)


def account_entries(user, path: str = "") -> list[MenuEntry]:
    """The unit admin's pages ``user`` is offered in the menu under their name."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(_offered(user, path, ACCOUNT_MENU))


def menu_labels(entries) -> list[str]:
    """The labels of the pages in ``entries``, groups opened, in the menu's order."""
    return [leaf.label for entry in entries for leaf in (entry.children or (entry,))]


def award_links(request):
    """The menu, the home page's to-do list (lazy), and whether the user may import award history."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_import_history": can_import_history(user),
        "menu": SimpleLazyObject(lambda: menu_entries(user, request.path)),
        "account_menu": SimpleLazyObject(lambda: account_entries(user, request.path)),
        # Also on the phone's folded menu button; read once per request with the menu's badge.
        "todo_total": SimpleLazyObject(lambda: todo.total(user)),
        "todo": SimpleLazyObject(lambda: {
            "tasks": todo.tasks(user),
            "deadlines": todo.deadlines(user),
            "notifications": todo.latest_notifications(user),
        }),
    }


@lru_cache(maxsize=256)
def _address(name, _prefix, _urlconf):
    """The menu's addresses, found once per process for each script prefix and URLconf (a page's menu names
    fifteen of them)."""
    return reverse(name)
