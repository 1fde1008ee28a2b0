"""The routing table's defaults: the central emulation body, the State President's level and the links to them.

Written once by ``manage.py load_routing`` (and the demo); the admin edits the rows afterwards.
awards.rules.routing reads them.
"""

from django.db import transaction

from units.models import Unit

from awards.models import RoutingLink

# The central bodies above the provinces and the default links to them (domain.md §2.6, §4):
# a province, a centrally run city or a ministry sends the proposals it may not grant to the
# central emulation body, which has the Prime Minister decide (Bằng khen, Chiến sĩ thi đua toàn
# quốc) or proposes the rest to the State President (orders, medals, state honours). Seed rows,
# editable in the admin; a loader run again changes nothing an administrator edited.
CENTRAL_BODY = {
    "import_key": "central:ban-tdkt-tw", "kind": Unit.Kind.CENTRAL,
    "name": "Ban Thi đua - Khen thưởng Trung ương", "short_name": "Ban TĐKT Trung ương",
    "note": "Cơ quan thường trực của Hội đồng Thi đua - Khen thưởng Trung ương: tiếp nhận, thẩm định hồ sơ của "
            "bộ, ngành, tỉnh; trình Thủ tướng Chính phủ quyết định hoặc đề nghị Chủ tịch nước.",
}
STATE_BODY = {
    "import_key": "central:chu-tich-nuoc", "kind": Unit.Kind.STATE,
    "name": "Chủ tịch nước (Văn phòng Chủ tịch nước)", "short_name": "Văn phòng Chủ tịch nước",
    "note": "Quyết định tặng huân chương, huy chương, danh hiệu vinh dự nhà nước, giải thưởng theo đề nghị của "
            "Thủ tướng Chính phủ (Điều 77, Điều 83 khoản 2 Luật Thi đua, khen thưởng 2022).",
}
CENTRAL_SOURCE_KINDS = (Unit.Kind.PROVINCE, Unit.Kind.CITY, Unit.Kind.MINISTRY)
CENTRAL_BASIS = "Luật Thi đua, khen thưởng 2022, Điều 83 khoản 2"


def _body(spec) -> Unit:
    unit = Unit.objects.filter(import_key=spec["import_key"]).first()
    if unit is None:
        unit = Unit(import_key=spec["import_key"], kind=spec["kind"], name=spec["name"],
                    short_name=spec["short_name"], note=spec["note"], source="Tuyến chuyển hồ sơ mặc định")
        unit.save()
    return unit


@transaction.atomic
def ensure_central_levels() -> tuple[Unit, Unit]:
    """Create the central emulation body, the State President's level and the links to them, once."""
    central, state = _body(CENTRAL_BODY), _body(STATE_BODY)
    for kind in CENTRAL_SOURCE_KINDS:
        if not RoutingLink.objects.filter(source_kind=kind).exists():
            RoutingLink.objects.create(source_kind=kind, target=central, legal_basis=CENTRAL_BASIS,
                                       note="Hồ sơ vượt thẩm quyền của tỉnh, bộ, ngành gửi Ban TĐKT Trung ương.")
    if not RoutingLink.objects.filter(source_unit=central).exists():
        RoutingLink.objects.create(source_unit=central, target=state, legal_basis=CENTRAL_BASIS,
                                   note="Thủ tướng Chính phủ đề nghị Chủ tịch nước tặng thưởng.")
    return central, state
