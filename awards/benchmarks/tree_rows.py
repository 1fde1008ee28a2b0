"""The benchmark's units and accounts: the real tree, a few departments and offices under each province and
commune (as the demo's people loader makes them), and the officials of every role who act on the data."""

import datetime
from dataclasses import dataclass, field

from units.models import PROVINCE_KINDS, Membership, Unit, User
from units.models.tree import PATH_SEGMENT_WIDTH, path_depth
from units.text import fold
from units.tree_loader import load_administrative_tree

from awards.benchmarks.rows import Table, next_id
from awards.services.routing import ensure_central_levels

SOURCE = "Dữ liệu đo tốc độ"
REFORM = datetime.date(2025, 7, 1)
COMMUNE_KINDS = (Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE)
DEPARTMENTS = ["Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Tài chính"]
DEPARTMENT_OFFICES = ["Văn phòng Sở", "Phòng Tổ chức cán bộ"]
COMMUNE_OFFICES = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội"]
# The province whose officials' pages are timed: Phú Thọ, as in the demo, else the first by code.
MAIN_PROVINCE_CODE = "25"
R = Membership.Role


@dataclass
class Tree:
    """What the later steps need of the tree: each unit people work in, with its commune (or department) and
    province, and the accounts acting at each province."""

    central: Unit
    provinces: list = field(default_factory=list)  # (id, name)
    # unit id -> (deciding unit id for the unit's own awards, province id)
    homes: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)  # unit id -> name
    kinds: dict = field(default_factory=dict)  # unit id -> kind
    work_units: list = field(default_factory=list)  # the units people are spread over, in a fixed order
    communes: dict = field(default_factory=dict)  # province id -> [commune ids]
    departments: dict = field(default_factory=dict)  # province id -> [department ids]
    officials: dict = field(default_factory=dict)  # (province id, role) -> user id
    main_province: int = 0
    main_commune: int = 0


def _official(username, full_name, unit, role, **flags):
    user = User.objects.create_user(username=username, password=None, full_name=full_name, **flags)
    if unit is not None:
        Membership.objects.create(user=user, unit=unit, role=role, valid_from=REFORM)
    return user


def build_tree(rng) -> Tree:
    if not Unit.objects.filter(kind__in=PROVINCE_KINDS, valid_to__isnull=True).exists():
        load_administrative_tree()
    central, _state = ensure_central_levels()
    provinces = list(Unit.objects.filter(kind__in=PROVINCE_KINDS, valid_to__isnull=True).order_by("code", "pk"))
    tree = Tree(central=central)
    tree.names[central.pk], tree.kinds[central.pk] = central.name, central.kind
    by_path = {p.path: p for p in provinces}
    communes = (Unit.objects.filter(kind__in=COMMUNE_KINDS, valid_to__isnull=True)
                .order_by("code", "pk").values_list("pk", "path", "name"))
    table = Table(Unit, ["id", "name", "short_name", "kind", "parent_id", "path", "depth", "valid_from",
                         "search_key", "source"])
    rows, next_pk = [], next_id(Unit)

    def add(name, kind, parent_pk, parent_path):
        nonlocal next_pk
        pk, next_pk = next_pk, next_pk + 1
        path = parent_path + str(pk).zfill(PATH_SEGMENT_WIDTH)
        rows.append((pk, name, name, kind, parent_pk, path, path_depth(path), REFORM, fold(name), SOURCE))
        tree.names[pk], tree.kinds[pk] = name, kind
        return pk, path

    for province in provinces:
        tree.provinces.append((province.pk, province.name))
        tree.names[province.pk], tree.kinds[province.pk] = province.name, province.kind
        tree.homes[province.pk] = (province.pk, province.pk)
        tree.work_units.append(province.pk)
        tree.communes[province.pk], tree.departments[province.pk] = [], []
        for department_name in DEPARTMENTS:
            department, path = add(f"{department_name} {province.name}", Unit.Kind.DEPARTMENT, province.pk,
                                   province.path)
            tree.departments[province.pk].append(department)
            tree.homes[department] = (department, province.pk)
            tree.work_units.append(department)
            for office_name in DEPARTMENT_OFFICES:
                office, _ = add(office_name, Unit.Kind.OFFICE, department, path)
                tree.homes[office] = (department, province.pk)
                tree.work_units.append(office)
    for pk, path, name in communes:
        province = by_path.get(path[:PATH_SEGMENT_WIDTH])
        if province is None:
            continue
        tree.communes[province.pk].append(pk)
        tree.names[pk], tree.kinds[pk] = name, Unit.Kind.COMMUNE
        tree.homes[pk] = (pk, province.pk)
        tree.work_units.append(pk)
        for office_name in COMMUNE_OFFICES:
            office, _ = add(f"{office_name} {name}", Unit.Kind.OFFICE, pk, path)
            tree.homes[office] = (pk, province.pk)
            tree.work_units.append(office)
    table.write(rows)
    _accounts(tree, provinces)
    return tree


def _accounts(tree, provinces):
    main = next((p for p in provinces if p.code == MAIN_PROVINCE_CODE), provinces[0])
    tree.main_province = main.pk
    tree.main_commune = tree.communes[main.pk][0] if tree.communes[main.pk] else main.pk
    for number, province in enumerate(provinces, start=1):
        for role, label in ((R.CLERK, "canbo"), (R.REVIEWER, "thamdinh"), (R.APPROVER, "lanhdao")):
            username = f"nat.tinh{number:02d}.{label}"
            tree.officials[(province.pk, role)] = _official(username, f"Cán bộ đo {label} {province.name}",
                                                            province, role).pk
    # The accounts whose pages are timed: every role at the main province, a commune's clerk and chairman,
    # the central body's clerk, and an administrator of the whole system.
    main_commune = Unit.objects.get(pk=tree.main_commune)
    _official("nat.tinh.thuky", "Thư ký Hội đồng đo", main, R.SECRETARY)
    _official("nat.tinh.quantri", "Quản trị tỉnh đo", main, R.UNIT_ADMIN, is_staff=True)
    tree.officials[("commune", R.CLERK)] = _official("nat.xa.canbo", "Cán bộ xã đo", main_commune, R.CLERK).pk
    tree.officials[("commune", R.APPROVER)] = _official("nat.xa.chutich", "Chủ tịch xã đo", main_commune,
                                                        R.APPROVER).pk
    tree.officials[("central", R.CLERK)] = _official("nat.tw.canbo", "Cán bộ Trung ương đo", tree.central,
                                                     R.CLERK).pk
    tree.officials[("central", R.REVIEWER)] = _official("nat.tw.thamdinh", "Chuyên viên Trung ương đo",
                                                        tree.central, R.REVIEWER).pk
    _official("nat.quantri", "Quản trị hệ thống đo", None, None, is_staff=True, is_superuser=True)
