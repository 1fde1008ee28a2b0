from io import StringIO

import pytest
from django.core.management import call_command

from units.models import Membership

from awards.models import Council, CouncilMember

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def developer_machine(settings):
    # The demo loads only where DEBUG is on (tests run with it off), or with --force.
    settings.DEBUG = True


def test_the_demo_province_has_a_council_and_a_secretary_and_a_second_run_changes_nothing():
    call_command("load_units", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=StringIO())
    council = Council.objects.get()
    assert council.name == "Hội đồng Thi đua - Khen thưởng tỉnh Phú Thọ" and council.unit.code == "25"
    assert CouncilMember.objects.count() == 11
    assert council.members.filter(role=CouncilMember.Role.CHAIR).get().position == "Chủ tịch UBND tỉnh"
    assert Membership.objects.get(user__username="phutho.thuky").role == Membership.Role.SECRETARY
    assert "11 thành viên; thư ký ghi phiên họp: phutho.thuky" in out.getvalue()
