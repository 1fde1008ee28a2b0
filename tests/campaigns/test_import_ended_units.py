"""The import page offers, beside the units where the user drafts, the ended units that came before
them (a province merged in 2025, a district abolished on 1/7/2025), labelled with their last day;
an old plan is filed under the unit that issued it, and only when it is dated in that unit's life."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from units.models import Membership

from campaigns import workflow
from campaigns.forms import ImportForm
from campaigns.models import Plan
from campaigns.plan_import import importable_units, last_day

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ENDED = "— đã kết thúc, hoạt động đến hết ngày 30/6/2025"
DISTRICT_2022 = """ỦY BAN NHÂN DÂN
HUYỆN HẠ HÒA

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 35/KH-UBND

Hạ Hòa, ngày 14 tháng 4 năm 2022

KẾ HOẠCH

Phát động phong trào thi đua năm 2022

I. THỜI GIAN

Từ ngày 15/4/2022 đến ngày 30/11/2022.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Nam
"""


def _form(user, data=None):
    return ImportForm(data, unit_queryset=importable_units(user, workflow.drafting_roles()))


def _labels(form):
    return [label.replace("\u00a0", "") for value, label in form.fields["issuing_unit"].choices if value]


def test_a_province_drafter_is_offered_the_merged_province_and_the_abolished_district_labelled_ended(cast, tree):
    labels = _labels(_form(cast.dave))
    assert labels == ["Tỉnh Phú Thọ", f"Tỉnh Phú Thọ {ENDED}", f"{tree.ha_hoa_district.name} {ENDED}"]
    assert (last_day(tree.ha_hoa_district), last_day(tree.phu_tho)) == (datetime.date(2025, 6, 30), None)


def test_no_unit_outside_the_users_scope_is_offered_or_accepted(cast, tree):
    assert _labels(_form(cast.olga)) == ["Phường Nha Trang"]  # Khánh Hòa: nothing of Phú Thọ's history
    assert _labels(_form(cast.alice)) == ["Xã Hạ Hòa"]  # a new commune without predecessors of its own
    form = _form(cast.olga, {"issuing_unit": tree.ha_hoa_district.pk})
    assert not form.is_valid() and form.errors["issuing_unit"]


def test_a_user_who_still_holds_a_role_in_an_ended_unit_is_offered_it(tree):
    clerk = make_user("hung", tree.ha_hoa_district, Membership.Role.CLERK)
    assert _labels(_form(clerk)) == [f"{tree.ha_hoa_district.name} {ENDED}"]


def test_an_old_district_plan_is_imported_under_the_ended_district(login, cast, tree):
    client = login(cast.dave)
    page = client.get(reverse("campaigns:plan_import")).content.decode()
    assert f"{tree.ha_hoa_district.name} {ENDED}" in page
    response = client.post(reverse("campaigns:plan_import"), {
        "issuing_unit": tree.ha_hoa_district.pk,
        "file": SimpleUploadedFile("ha-hoa-2022.txt", DISTRICT_2022.encode(), "text/plain")})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.issuing_unit, plan.issue_year, plan.period_start) == (
        tree.ha_hoa_district, 2022, datetime.date(2022, 4, 15))


def test_a_plan_dated_after_the_unit_ended_is_refused_with_a_message(login, cast, tree):
    text = DISTRICT_2022.replace("ngày 14 tháng 4 năm 2022", "ngày 20 tháng 9 năm 2025")
    response = login(cast.dave).post(reverse("campaigns:plan_import"), {
        "issuing_unit": tree.ha_hoa_district.pk,
        "file": SimpleUploadedFile("ha-hoa-2025.txt", text.encode(), "text/plain")})
    assert response.status_code == 200 and not Plan.objects.exists()
    assert response.context["form"].errors["issuing_unit"] == [
        f"Kế hoạch ban hành ngày 20/9/2025, sau khi {tree.ha_hoa_district.name} đã kết thúc (hoạt động đến hết ngày "
        "30/6/2025): không nhập được dưới đơn vị này. Hãy chọn đơn vị đang hoạt động đã ban hành kế hoạch, hoặc kiểm "
        "tra lại ngày tháng ghi trên kế hoạch."]


def test_the_outside_users_post_of_an_ended_unit_imports_nothing(login, cast, tree):
    response = login(cast.olga).post(reverse("campaigns:plan_import"), {
        "issuing_unit": tree.old_phu_tho.pk,
        "file": SimpleUploadedFile("ha-hoa-2022.txt", DISTRICT_2022.encode(), "text/plain")})
    assert response.status_code == 200 and response.context["form"].errors["issuing_unit"]
    assert not Plan.objects.exists()


def test_the_import_page_reads_its_units_in_a_fixed_number_of_queries(login, cast, tree, django_assert_num_queries):
    from units.models import Unit, UnitSuccession

    client = login(cast.dave)
    # session, user, second step, memberships, lineage, units (counted, then listed), the menu badge's two counts
    with django_assert_num_queries(9):
        client.get(reverse("campaigns:plan_import"))
    for name in ("Huyện Thanh Ba", "Huyện Cẩm Khê", "Huyện Yên Lập"):
        district = Unit.objects.create(name=name, kind=Unit.Kind.DISTRICT, parent=tree.old_phu_tho,
                                       valid_to=datetime.date(2025, 6, 30))
        UnitSuccession.objects.create(predecessor=district, successor=tree.phu_tho, kind="abolish",
                                      effective_date=datetime.date(2025, 7, 1))
    with django_assert_num_queries(9):
        page = client.get(reverse("campaigns:plan_import")).content.decode()
    assert f"Huyện Yên Lập {ENDED}" in page


@pytest.mark.parametrize("date_line, message", [
    # No date line: the year is taken from the plan's own dates, and said so.
    ("", "Kế hoạch ban hành năm 2026 (theo thời gian thi đua của văn bản, vì văn bản không ghi ngày ban hành), sau "
         "khi"),
    ("Hạ Hòa, ngày 02 tháng 7 năm 2025", "Kế hoạch ban hành ngày 02/7/2025, sau khi"),
])
def test_an_undated_or_late_plan_under_an_ended_unit_says_which_date_it_went_by(cast, tree, date_line, message):
    from campaigns.plan_import import PlanDateOutsideUnit, import_plan_file

    text = DISTRICT_2022.replace("Hạ Hòa, ngày 14 tháng 4 năm 2022", date_line).replace("2022", "2026")
    with pytest.raises(PlanDateOutsideUnit, match=re.escape(message)):
        import_plan_file(data=text.encode(), filename="kh.txt", unit=tree.ha_hoa_district, within_lifetime=True)


def test_a_plan_with_no_date_at_all_under_an_ended_unit_is_refused_with_a_message(cast, tree):
    from campaigns.plan_import import PlanDateOutsideUnit, import_plan_file

    text = "KẾ HOẠCH\n\nThi đua\n\nI. MỤC ĐÍCH\n\nĐộng viên cán bộ.\n"
    with pytest.raises(PlanDateOutsideUnit, match="Kế hoạch không ghi ngày tháng nào, nên không biết"):
        import_plan_file(data=text.encode(), filename="kh.txt", unit=tree.ha_hoa_district, within_lifetime=True)
    # Under a unit still acting the same file is taken, its year guessed and flagged (as before).
    plan, _ = import_plan_file(data=text.encode(), filename="kh.txt", unit=tree.phu_tho, within_lifetime=True)
    assert plan.issuing_unit == tree.phu_tho


def test_a_predecessor_still_acting_after_a_split_is_not_offered(cast, tree):
    from units.models import Unit, UnitSuccession

    # Part of Xã Hiền Lương went to Xã Hạ Hòa: Hiền Lương goes on, and alice does not draft there.
    UnitSuccession.objects.create(predecessor=tree.hien_luong, successor=tree.ha_hoa, kind="split",
                                  effective_date=datetime.date(2025, 7, 1))
    assert _labels(_form(cast.alice)) == ["Xã Hạ Hòa"]
    assert Unit.objects.predecessors_of([tree.ha_hoa.pk])  # it is in the lineage all the same
