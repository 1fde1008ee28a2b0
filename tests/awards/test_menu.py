"""The main menu offers each user the pages their roles can use, and shows the to-do count as a badge."""

import pytest
from django.urls import reverse

from units.models import Membership

from awards.context_processors import account_entries, menu_entries, menu_labels

from tests.conftest import make_user

pytestmark = pytest.mark.django_db
R = Membership.Role
EVERYONE = ["Tổng quan", "Kế hoạch", "Đề nghị khen thưởng", "Hồ sơ", "Đơn vị", "Cá nhân", "Khối thi đua", "Thống kê",
            "Danh mục"]


def labels(user):
    return menu_labels(menu_entries(user)) + [entry.label for entry in account_entries(user)]


@pytest.mark.parametrize(("who", "extra"), [
    # a commune clerk drafts decisions, prints papers and enters ratings; no council
    ("alice", ["Quyết định", "Giấy khen", "Xếp loại, sáng kiến"]),
    ("bob", ["Hội đồng", "Quyết định", "Giấy khen"]),  # the commune's approver
    ("carol", []),  # a reviewer reviews packets only
    # a unit admin revokes awards, enters ratings and manages accounts
    ("erin", ["Quyết định", "Xếp loại, sáng kiến", "Tài khoản người dùng", "Trang quản trị"]),
    # a superuser sees everything
    ("root", ["Hội đồng", "Quyết định", "Giấy khen", "Xếp loại, sáng kiến", "Tài khoản người dùng", "Trang quản trị"]),
])
def test_the_menu_offers_the_pages_the_users_roles_can_use(cast, who, extra):
    order = ["Tổng quan", "Kế hoạch", "Đề nghị khen thưởng", "Hồ sơ", "Hội đồng", "Quyết định", "Giấy khen", "Đơn vị",
             "Cá nhân", "Xếp loại, sáng kiến", "Khối thi đua", "Thống kê", "Danh mục", "Tài khoản người dùng",
             "Trang quản trị"]
    assert labels(getattr(cast, who)) == [label for label in order if label in EVERYONE + extra]


def test_the_council_secretary_is_offered_the_council(cast, tree):
    sam = make_user("sam", tree.phu_tho, R.SECRETARY)
    assert "Hội đồng" in labels(sam)
    assert "Quyết định" not in labels(sam)


def test_the_commune_clerks_page_has_no_council_link(client, login, cast):
    html = login(cast.alice).get(reverse("units:person_list")).content.decode()
    assert reverse("awards:council_index") not in html
    assert reverse("awards:decision_list") in html
    html = login(cast.bob).get(reverse("units:person_list")).content.decode()
    assert reverse("awards:council_index") in html


def test_the_badge_counts_the_work_and_says_so_to_screen_readers(client, login, province_clerk, submitted_dossier):
    html = login(province_clerk).get(reverse("units:person_list")).content.decode()
    assert ('<span aria-hidden="true">1</span><span class="visually-hidden">1 việc cần làm</span>') in html
    assert 'aria-label="Mở menu, 1 việc cần làm"' in html  # the phone's folded menu button says it too


def test_an_anonymous_visitor_gets_no_menu(client, cast):
    html = client.get(reverse("login")).content.decode()
    assert reverse("awards:dossier_inbox") not in html
    assert "việc cần làm" not in html


def test_pages_used_less_often_are_grouped_and_a_group_of_one_is_a_plain_link(cast):
    groups = {entry.label: [child.label for child in entry.children] for entry in menu_entries(cast.bob)
              if entry.children}
    assert groups == {"Xét, quyết định": ["Hội đồng", "Quyết định", "Giấy khen"],
                      "Đơn vị, cá nhân": ["Đơn vị", "Cá nhân", "Khối thi đua"]}
    # A reviewer has no decision pages; a unit admin has one only: shown as its own link, no group.
    assert "Xét, quyết định" not in [entry.label for entry in menu_entries(cast.carol)]
    top = {entry.label: entry for entry in menu_entries(cast.erin)}
    assert "Quyết định" in top and not top["Quyết định"].children


def test_the_page_shown_and_its_group_are_marked(client, login, cast):
    html = login(cast.bob).get(reverse("awards:decision_list")).content.decode()
    assert 'class="nav-link dropdown-toggle active"' in html
    assert (f'<a class="dropdown-item active" href="{reverse("awards:decision_list")}" aria-current="page">'
            "Quyết định</a>") in html
    assert html.count('aria-current="page"') == 1
