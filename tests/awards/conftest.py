"""The awards tests' own people, plans, lists and dossiers, on the cast and tree of tests/conftest.py.

  province_clerk    — phuong, clerk (cán bộ TĐKT) of Tỉnh Phú Thọ: receives the communes' dossiers
  hien_luong_clerk  — hana, clerk of Xã Hiền Lương, the commune beside alice's
  plan              — the province's 2026 plan, issued, taking dossiers for ten more days
  an                — Nguyễn Văn An of the Văn phòng of Xã Hạ Hòa, with his CCCD
  annual_list       — alice's list for the 2026 annual review (tổng kết năm), under no plan
  commune_list      — alice's draft list for two people of Xã Hạ Hòa made with it: Nguyễn Văn An for
                      the province's Bằng khen, which the province grants, and Trần Thị Bình for the
                      Prime Minister's, which it sends on to the centre
  submitted_dossier — that list submitted: the dossier waiting for the province clerk
  reviewed_dossier  — that dossier received by the province clerk and approved line by line by carol
  on_postgresql     — for tests on real connections: skipped on SQLite; the rule rows reloaded
"""

import datetime

import pytest
from django.db import connection

from awards.models import Dossier
from awards.services import dossiers, nominations

from tests.awards.dossier_factories import R, approve_all, load_rule_rows, make_list, official, people, submit
from tests.conftest import make_person, make_plan, make_user

TODAY = datetime.date.today()


@pytest.fixture
def province_clerk(tree):
    """The clerk of Tỉnh Phú Thọ, with no end date, whatever era the test plays in."""
    return official("phuong", tree.phu_tho, R.CLERK)


@pytest.fixture
def hien_luong_clerk(tree):
    """The clerk of Xã Hiền Lương, the neighbouring commune."""
    return make_user("hana", tree.hien_luong, R.CLERK)


@pytest.fixture
def plan(tree):
    """The province's 2026 emulation plan, issued, taking dossiers for ten more days."""
    return make_plan(tree.phu_tho, status="issued", dossier_deadline=TODAY + datetime.timedelta(days=10))


@pytest.fixture
def an(tree):
    """Nguyễn Văn An, who works at the Văn phòng of Xã Hạ Hòa, known by his CCCD."""
    return make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")


@pytest.fixture
def annual_list(cast, tree):
    """Alice's list of Xã Hạ Hòa for the 2026 annual review, under no plan."""
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")


@pytest.fixture
def commune_list(cast, tree, central):
    """Alice's draft list: one line the province grants (BK_TINH), one it sends on to the centre (BK_TTG)."""
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    return make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TTG")])


@pytest.fixture
def submitted_dossier(cast, central, commune_list):
    """The commune list submitted by alice: its dossier waits for the province clerk."""
    [dossier] = submit(commune_list, cast.alice)
    return dossier


@pytest.fixture
def reviewed_dossier(cast, central, province_clerk, submitted_dossier):
    """The submitted dossier received by the province clerk and approved line by line by carol."""
    dossiers.receive_dossier(submitted_dossier, actor=province_clerk, comment="Đủ thành phần.")
    approve_all(submitted_dossier, cast.carol)
    return Dossier.objects.get(pk=submitted_dossier.pk)


@pytest.fixture
def on_postgresql(db):
    """Row locks between real connections: exercised on PostgreSQL only, on the reloaded rule rows."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks between real connections are exercised on PostgreSQL")
    load_rule_rows()
