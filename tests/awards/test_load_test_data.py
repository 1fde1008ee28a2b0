"""The data `make loadtest` works on: communes with a clerk and a list ready to send, the province's staff,
leaders who pass the second login step, and an accounts file only its owner reads."""

import json
import os

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from units.models import User

from awards.demo.load_test import PEOPLE_PER_LIST, PROVINCE_STAFF, prepare_load_test, write_accounts
from awards.models import Dossier, NominationList
from awards.services import attachments, nominations

pytestmark = pytest.mark.django_db


def test_each_commune_clerk_can_send_the_list_made_ready_for_them(tree):
    data = prepare_load_test(communes=2)

    clerks = [account for account in data["accounts"] if account["role"] == "clerk"]
    assert {account["unit_id"] for account in clerks} == {tree.ha_hoa.pk, tree.hien_luong.pk}
    for account in clerks:
        nomination_list = NominationList.objects.get(pk=account["list_id"])
        assert nomination_list.lines.count() == PEOPLE_PER_LIST
        assert attachments.missing_documents(nomination_list).complete
        nominations.submit_list(nomination_list, actor=User.objects.get(username=account["username"]))
        assert Dossier.objects.get(nomination_list=nomination_list).receiver == tree.phu_tho


def test_the_province_staff_are_there_and_only_the_leaders_have_an_authenticator(tree):
    data = prepare_load_test(communes=1)

    staff = [account for account in data["accounts"] if account["role"] != "clerk"]
    assert len(staff) == sum(count for _role, count in PROVINCE_STAFF.values())
    for account in data["accounts"]:
        user = User.objects.get(username=account["username"])
        assert user.check_password(account["password"])
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True, key=account["totp_key"]).exists()
        assert has_device == (account["role"] == "approver")
    assert len({account["address"] for account in data["accounts"]}) == len(data["accounts"])


def test_the_accounts_file_is_its_owners_alone_and_a_second_run_is_refused(tree, tmp_path):
    data = prepare_load_test(communes=1)
    path = tmp_path / "tai" / "accounts.json"

    write_accounts(data, path)

    assert os.stat(path).st_mode & 0o777 == 0o600
    assert json.loads(path.read_text(encoding="utf-8")) == data
    with pytest.raises(ValueError, match="đã có"):
        prepare_load_test(communes=1)
