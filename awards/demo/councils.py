"""The demo province's emulation council (Hội đồng Thi đua - Khen thưởng) and its members.

Keyed on the council's name and the members' names, so running it again changes nothing. The
secretary who records its sessions is the demo account ``phutho.thuky`` (units.demo).
"""

import datetime

from django.db import transaction

from units.models import User

from awards.models import Council, CouncilMember

TERM_START = datetime.date(2025, 7, 1)
R = CouncilMember.Role
# Eleven seats as a province council commonly has them (D98 Art. 48): the province chair presides,
# the director of Home Affairs is the standing vice chair; invented names, real offices.
MEMBERS = [
    ("Trần Duy Đông", "Chủ tịch UBND tỉnh", R.CHAIR),
    ("Nguyễn Thanh Hải", "Giám đốc Sở Nội vụ", R.STANDING_VICE),
    ("Phạm Thị Thu Hương", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", R.VICE),
    ("Lê Văn Quyết", "Chủ tịch Liên đoàn Lao động tỉnh", R.VICE),
    ("Đỗ Minh Sơn", "Giám đốc Sở Tài chính", R.MEMBER),
    ("Hoàng Thị Mai", "Giám đốc Sở Giáo dục và Đào tạo", R.MEMBER),
    ("Vũ Đức Tiến", "Giám đốc Sở Y tế", R.MEMBER),
    ("Bùi Văn Long", "Giám đốc Công an tỉnh", R.MEMBER),
    ("Ngô Thị Yến", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", R.MEMBER),
    ("Đinh Quang Nam", "Bí thư Tỉnh đoàn", R.MEMBER),
    ("Hà Thị Lan", "Trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ", R.MEMBER),
]


@transaction.atomic
def load_demo_council(province) -> Council:
    """The council of ``province`` with its eleven members, from the 2025 reform on."""
    council, _created = Council.objects.get_or_create(
        unit=province, name=f"Hội đồng Thi đua - Khen thưởng {province.name[:1].lower()}{province.name[1:]}",
        defaults={"valid_from": TERM_START, "note": "Dữ liệu mẫu"})
    for full_name, position, role in MEMBERS:
        CouncilMember.objects.get_or_create(council=council, full_name=full_name,
                                            defaults={"position": position, "role": role, "valid_from": TERM_START})
    secretary = User.objects.filter(username="phutho.thuky").first()
    if secretary is not None:
        # The secretary attends and keeps the minutes; she is not a voting member.
        council.note = f"Dữ liệu mẫu. Thư ký Hội đồng: {secretary.full_name} (tài khoản phutho.thuky)."
        council.save(update_fields=["note"])
    return council
