"""Demo accounts and people on the real unit tree, for trying the portal out.

Everything is keyed on natural keys (user names, CCCD numbers, unit names under their
parent), so running it again changes nothing.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from units.models import PROVINCE_KINDS, Membership, Person, Posting, Unit, User

DEMO_PASSWORD = "ThiDua@2025"
DEMO_SOURCE = "Dữ liệu mẫu"

# Family names, middle names and given names, combined in Vietnamese order.
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Ngô", "Đinh"]
MIDDLE_NAMES = {
    "male": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân"],
    "female": ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng"],
}
GIVEN_NAMES = {
    "male": ["Hùng", "Dũng", "Tuấn", "Thắng", "Long", "Nam", "Sơn", "Hải", "Quyết", "Tiến"],
    "female": ["Lan", "Hương", "Hoa", "Mai", "Hằng", "Thủy", "Linh", "Nga", "Yến", "Phượng"],
}
POSITIONS = ["Chuyên viên", "Phó Trưởng phòng", "Trưởng phòng", "Cán sự", "Chuyên viên chính"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit: str


def _province(code):
    return Unit.objects.get(code=code, kind__in=PROVINCE_KINDS, valid_to__isnull=True)


def _commune(province, code):
    return Unit.objects.subtree_of(province).get(code=code, valid_to__isnull=True)


def _child(parent, name, kind):
    unit = Unit.objects.filter(parent=parent, name=name).first()
    if unit is None:
        unit = Unit(parent=parent, name=name, short_name=name, kind=kind, source=DEMO_SOURCE,
                    valid_from=datetime.date(2025, 7, 1))
        unit.save()
    return unit


def _user(username, full_name, *, password, staff=False, superuser=False):
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "is_staff": staff or superuser, "is_superuser": superuser},
    )
    # An account made earlier with the published password does not keep it once another is asked for.
    if created or (password != DEMO_PASSWORD and user.check_password(DEMO_PASSWORD)):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _grant(user, unit, role):
    Membership.objects.get_or_create(
        user=user, unit=unit, role=role, valid_from=datetime.date(2025, 7, 1),
    )


def _people(unit, offices, count, rng, cccd_prefix):
    for i in range(count):
        gender = "male" if i % 2 == 0 else "female"
        name = " ".join([rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES[gender]), rng.choice(GIVEN_NAMES[gender])])
        birth = datetime.date(1965 + rng.randrange(35), rng.randrange(1, 13), rng.randrange(1, 29))
        # CCCD: province of registration, century-and-sex digit, two-digit year, six digits.
        sex_digit = ("0" if birth.year < 2000 else "2") if gender == "male" else ("1" if birth.year < 2000 else "3")
        cccd = f"{cccd_prefix}{sex_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        office = offices[i % len(offices)]
        position = rng.choice(POSITIONS)
        person, created = Person.objects.get_or_create(
            cccd=cccd,
            defaults={"full_name": name, "gender": gender, "date_of_birth": birth, "position": position,
                      "unit": office},
        )
        if created:
            Posting.objects.create(person=person, unit=office, position=position, start_date=datetime.date(2025, 7, 1))


@transaction.atomic
def load_demo(central=None, *, password=DEMO_PASSWORD) -> list[DemoLogin]:
    """Create the demo offices, accounts and people; return the logins to print.

    ``central``: the central emulation body, when the routing above the provinces is loaded; its
    clerk, reviewer and approver receive what the province forwards. ``password``: the demo accounts'
    password (the published one on a developer's machine, a random one on a server).
    """
    phu_tho, khanh_hoa = _province("25"), _province("56")
    ha_hoa = _commune(phu_tho, "08053")
    outsider_commune = (Unit.objects.subtree_of(khanh_hoa).filter(valid_to__isnull=True).exclude(pk=khanh_hoa.pk)
                        .order_by("code").first())

    so_noi_vu = _child(phu_tho, "Sở Nội vụ tỉnh Phú Thọ", Unit.Kind.DEPARTMENT)
    ban_tdkt = _child(so_noi_vu, "Phòng Thi đua – Khen thưởng", Unit.Kind.OFFICE)
    ha_hoa_offices = [
        _child(ha_hoa, "Văn phòng HĐND và UBND xã Hạ Hòa", Unit.Kind.OFFICE),
        _child(ha_hoa, "Phòng Kinh tế xã Hạ Hòa", Unit.Kind.OFFICE),
        _child(ha_hoa, "Phòng Văn hóa – Xã hội xã Hạ Hòa", Unit.Kind.OFFICE),
    ]

    cast = [
        ("quantri", "Quản trị hệ thống", None, None, {"superuser": True}),
        ("phutho.quantri", "Đỗ Thu Hà", phu_tho, Membership.Role.UNIT_ADMIN, {"staff": True}),
        ("phutho.canbo", "Vũ Thị Phương", phu_tho, Membership.Role.CLERK, {}),
        ("phutho.thamdinh", "Nguyễn Văn Bình", phu_tho, Membership.Role.REVIEWER, {}),
        ("phutho.lanhdao", "Trần Quang Minh", phu_tho, Membership.Role.APPROVER, {}),
        ("phutho.thuky", "Lê Thị Hồng", phu_tho, Membership.Role.SECRETARY, {}),
        ("hahoa.canbo", "Phạm Thị Lan", ha_hoa, Membership.Role.CLERK, {}),
        ("hahoa.chutich", "Hà Đức Thắng", ha_hoa, Membership.Role.APPROVER, {}),
        ("khanhhoa.canbo", "Ngô Thanh Mai", outsider_commune, Membership.Role.CLERK, {}),
    ]
    if central is not None:
        cast += [
            ("tw.canbo", "Đặng Văn Hùng", central, Membership.Role.CLERK, {}),
            ("tw.thamdinh", "Bùi Thị Thu", central, Membership.Role.REVIEWER, {}),
            ("tw.lanhdao", "Hoàng Minh Tuấn", central, Membership.Role.APPROVER, {}),
        ]
    logins = []
    for username, full_name, unit, role, flags in cast:
        user = _user(username, full_name, password=password, **flags)
        if unit is not None:
            _grant(user, unit, role)
        logins.append(DemoLogin(username, Membership.Role(role).label if role else "Quản trị hệ thống",
                                unit.name if unit else "Toàn quốc"))

    rng = random.Random(2025)
    _people(ha_hoa, ha_hoa_offices, 24, rng, "025")
    _people(so_noi_vu, [so_noi_vu, ban_tdkt], 8, rng, "025")
    return logins


def demo_plan_units():
    """The province and commune the demo campaign runs in."""
    phu_tho = _province("25")
    return phu_tho, _commune(phu_tho, "08053")
