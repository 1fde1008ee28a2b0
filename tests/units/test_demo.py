from io import StringIO

import pytest
from django.core.management import call_command

from units.models import Membership, Person, User

from campaigns.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def developer_machine(settings):
    # The demo loads only where DEBUG is on (tests run with it off), or with --force.
    settings.DEBUG = True


def counts():
    return (User.objects.count(), Membership.objects.count(), Person.objects.count(), Plan.objects.count())


def test_demo_data_loads_on_the_real_tree_and_a_second_run_changes_nothing():
    call_command("load_units", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    assert "hahoa.canbo" in out.getvalue() and "ThiDua@2025" in out.getvalue()
    [two_step] = [line for line in out.getvalue().splitlines() if "xác thực hai bước" in line]
    assert "phutho.lanhdao" in two_step and "quantri" in two_step and "hahoa.canbo" not in two_step
    province_plan = Plan.objects.get(status="issued")
    assert province_plan.issuing_unit.name == "Tỉnh Phú Thọ" and province_plan.issued_pdf_sha256
    assert province_plan.period_start.isoformat() == "2026-03-02"  # from the issue date
    assert province_plan.implementing_plans.get().issuing_unit.name == "Xã Hạ Hòa"
    assert User.objects.get(username="hahoa.canbo").check_password("ThiDua@2025")


def test_demo_data_needs_the_unit_tree_first():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="load_units"):
        call_command("load_demo", stdout=StringIO())
