"""The people and lists a load test works with (``manage.py prepare_load_test``, run by ``make loadtest``).

On the real unit tree: in one province, every commune of the first N gets a clerk and a draft list of
four of its people for the province's Bằng khen, with every document attached, ready to send; the
province gets clerks who receive, reviewers who review and leaders who decide. Each account has a
random password, a client address of its own and, for the leaders, an authenticator key (they pass the
second login step as real leaders do) (the load tool sends it as the trusted proxy would),
and everything the load tool needs is written to a JSON file only its owner may read.
"""

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from units.models import Membership, Person, Unit, User
from units.text import fold
from units.two_factor import AUTHENTICATOR_NAME, requires_two_factor

from awards.demo.consultations import attach_generated_documents
from awards.models import AwardType, NominationLine, NominationList
from awards.services.routing import ensure_central_levels

R = Membership.Role
AWARD = "BK_TINH"
SUMMARY = "Hoàn thành xuất sắc nhiệm vụ năm 2026; chủ trì 01 sáng kiến được công nhận hiệu quả áp dụng cấp xã."
PEOPLE_PER_LIST = 4
PROVINCE_STAFF = {"receiver": (R.CLERK, 3), "reviewer": (R.REVIEWER, 12), "approver": (R.APPROVER, 5)}


@dataclass
class LoadAccount:
    role: str
    username: str
    password: str
    address: str
    unit_id: int
    list_id: int | None = None
    totp_key: str = ""  # hex, for the roles that pass the second login step (the load tool computes codes)


def _account(username, full_name, unit, role, index) -> tuple[User, LoadAccount]:
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username=username, password=password, full_name=full_name)
    Membership.objects.create(user=user, unit=unit, role=role)
    # 10.x.y.z: one address per account, as each clerk's own machine behind the province's proxy.
    address = f"10.{20 + index // 65536}.{index // 256 % 256}.{index % 256}"
    key = ""
    if requires_two_factor(user):
        key = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True).key
    return user, LoadAccount(role="", username=username, password=password, address=address, unit_id=unit.pk,
                             totp_key=key)


def _draft_list(commune, clerk, award) -> NominationList:
    names = [f"Người Thử Tải {commune.code}-{i}" for i in range(1, PEOPLE_PER_LIST + 1)]
    people = Person.objects.bulk_create([Person(full_name=name, search_key=fold(name), gender="female", unit=commune)
                                         for name in names])
    nomination_list = NominationList.objects.create(unit=commune, year=2026, created_by=clerk,
                                                    title=f"Đề nghị khen thưởng năm 2026 — {commune.name}")
    NominationLine.objects.bulk_create([NominationLine(nomination_list=nomination_list, year=2026, person=person,
                                                       award=award, summary=SUMMARY) for person in people])
    attach_generated_documents(nomination_list, clerk, rendered=False)
    return nomination_list


@transaction.atomic
def prepare_load_test(*, communes: int, province_code: str = "25") -> dict:
    """Create the load test's accounts and lists; return what the load tool reads."""
    if User.objects.filter(username__startswith="tai.").exists():
        raise ValueError("Dữ liệu thử tải đã có trong cơ sở dữ liệu này; hãy dùng một cơ sở dữ liệu mới.")
    province = Unit.objects.get(kind=Unit.Kind.PROVINCE, code=province_code, valid_to__isnull=True)
    ensure_central_levels()
    chosen = list(Unit.objects.subtree_of(province).filter(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.WARD],
                                                           valid_to__isnull=True).order_by("code")[:communes])
    award = AwardType.objects.get(code=AWARD)
    accounts, index = [], 0
    for commune in chosen:
        index += 1
        clerk, account = _account(f"tai.xa{commune.code}", f"Cán bộ thử tải {commune.name}", commune, R.CLERK, index)
        account.role, account.list_id = "clerk", _draft_list(commune, clerk, award).pk
        accounts.append(account)
    for role_name, (role, count) in PROVINCE_STAFF.items():
        for number in range(1, count + 1):
            index += 1
            _user, account = _account(f"tai.tinh.{role_name}{number}", f"Cán bộ tỉnh thử tải {number}", province,
                                      role, index)
            account.role = role_name
            accounts.append(account)
    return {"province_id": province.pk, "accounts": [asdict(account) for account in accounts]}


def write_accounts(data: dict, path: Path) -> None:
    """The accounts file, readable by its owner only (it holds passwords)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
