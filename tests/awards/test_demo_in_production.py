"""The demo data, with its published password, never reaches a real server by accident."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from units.models import User

from awards.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_tree():
    call_command("load_units", stdout=StringIO())


def test_it_refuses_to_load_the_demo_on_a_server_with_debug_off(settings, real_tree):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG đang tắt.*--force"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(username="quantri").exists()


def test_forced_on_a_server_it_gives_every_demo_account_a_random_password_printed_once(settings, real_tree):
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    printed = re.search(r"chỉ in lần này: (\S+) —", out.getvalue())
    assert printed and DEMO_PASSWORD not in out.getvalue()
    password = printed.group(1)
    assert len(password) >= 16 and password != DEMO_PASSWORD
    superuser = User.objects.get(username="quantri")
    assert superuser.is_superuser and superuser.check_password(password)
    assert not superuser.check_password(DEMO_PASSWORD)
    assert not any(user.check_password(DEMO_PASSWORD) for user in User.objects.all())

    again = StringIO()
    call_command("load_demo", "--force", stdout=again)
    # A second run does not change the passwords it printed the first time.
    assert User.objects.get(username="quantri").check_password(password)


def test_forced_on_a_server_it_takes_the_published_password_away_from_earlier_demo_accounts(settings, real_tree):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert User.objects.get(username="quantri").check_password(DEMO_PASSWORD)
    settings.DEBUG = False
    call_command("load_demo", "--force", stdout=StringIO())
    assert not any(user.check_password(DEMO_PASSWORD) for user in User.objects.all())


def test_on_a_developers_machine_it_keeps_the_published_password(settings, real_tree):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert DEMO_PASSWORD in out.getvalue()
    assert User.objects.get(username="quantri").check_password(DEMO_PASSWORD)
