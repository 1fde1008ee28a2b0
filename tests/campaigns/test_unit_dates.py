"""Which units may draft, implement and register: the unit tree's own dates say, not their kind.

Vietnam's districts ended on 1/7/2025, but that is a fact of the tree's rows (their end dates and
successions), not of the code: here a district of another tree still acts until a later date of its
own, and a commune ended by an abolition recorded only as a succession no longer acts.
"""

import datetime

import pytest
from django.urls import reverse

from units.models import Unit, UnitSuccession
from units.services import units_for_people

from campaigns import registrations, services

from tests.conftest import make_plan, make_unit

pytestmark = pytest.mark.django_db
K = Unit.Kind
TODAY = datetime.date.today()


@pytest.fixture
def later_reform(tree):
    """A district whose level, in this tree, ends two months from now, with a commune under it, and
    a commune abolished yesterday (the abolition recorded as a succession, no end date on the row)."""
    district = make_unit("Huyện Lâm Thao", K.DISTRICT, tree.phu_tho, code="234",
                         valid_to=TODAY + datetime.timedelta(60))
    commune = make_unit("Xã Sơn Vi", K.COMMUNE, district, code="08230")
    abolished = make_unit("Xã Xuân Lũng", K.COMMUNE, tree.phu_tho, code="08224")
    UnitSuccession.objects.create(predecessor=abolished, successor=tree.ha_hoa, kind=UnitSuccession.Kind.ABOLISH,
                                  effective_date=TODAY - datetime.timedelta(1))
    return district, commune, abolished


def test_a_district_acts_until_its_own_end_date(tree, later_reform):
    district, commune, abolished = later_reform
    assert {district, commune} <= set(Unit.objects.acting())
    assert abolished not in set(Unit.objects.acting())
    assert district not in set(Unit.objects.acting(TODAY + datetime.timedelta(61)))
    assert abolished in set(Unit.objects.acting(TODAY - datetime.timedelta(2)))  # the day before it took effect
    # Vietnam's district of the shared tree ended with its row.
    assert tree.ha_hoa_district not in set(Unit.objects.acting())


def test_a_split_leaves_the_old_unit_acting(tree):
    UnitSuccession.objects.create(predecessor=tree.hien_luong, successor=tree.ha_hoa, kind=UnitSuccession.Kind.SPLIT,
                                  effective_date=TODAY - datetime.timedelta(1))
    assert tree.hien_luong in set(Unit.objects.acting())


def test_a_district_still_acting_implements_the_province_plan(cast, tree, later_reform):
    district, commune, abolished = later_reform
    plan = make_plan(tree.phu_tho, status="issued", number=7, issue_day=2)
    units = set(services.implementing_units(plan, cast.root))
    assert {district, commune} <= units and abolished not in units


def test_a_district_still_acting_registers_under_the_province_plan(cast, tree, later_reform):
    district, _commune, abolished = later_reform
    plan = make_plan(tree.phu_tho, status="issued", number=7, issue_day=2)
    units = set(registrations.registering_units(plan, cast.dave))
    assert district in units and abolished not in units


def test_people_are_registered_in_a_district_still_acting(cast, tree, later_reform):
    district, _commune, abolished = later_reform
    units = set(units_for_people(cast.erin))
    assert district in units and abolished not in units


def test_the_new_plan_page_offers_the_acting_district_to_a_superuser(login, cast, tree, later_reform):
    district, _commune, abolished = later_reform
    page = login(cast.root).get(reverse("campaigns:plan_create"))
    assert f'value="{district.pk}"' in page.content.decode()
    assert f'value="{abolished.pk}"' not in page.content.decode()
