"""The statutory statistical forms: every figure against a hand count, the records behind each figure, the
workbook in the form's layout, a fixed number of queries however many records."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import AwardRecord, AwardType, Decision, StatisticalForm
from awards.rules.statutory_forms import fill_form, measure_q

from tests.conftest import make_person

YEAR = 2025


def record(subject, code, *, year=YEAR, kind="", number=None, **fields):
    if isinstance(subject, str):
        key = "household"
    else:
        key = "person" if subject.__class__.__name__ == "Person" else "collective"
    record.counter = getattr(record, "counter", 0) + 1
    return AwardRecord.objects.create(**{key: subject}, award=AwardType.objects.get(code=code), year=year, kind=kind,
                                      decision_number=number or f"{record.counter}/QĐ",
                                      decision_date=datetime.date(year + 1, 1, 15), issuing_body="Cơ quan", **fields)


@pytest.fixture
def world(tree, cast):
    return build_world(tree, cast)


def build_world(tree, cast):
    """Award records of 2025 in Phú Thọ (its communes, its office, a district before 1/7/2025, a household),
    and records that must not count: revoked, of 2024, of Khánh Hòa, a Giấy khen."""
    lan = make_person("Nguyễn Thị Lan", tree.ha_hoa, gender="female")
    mai = make_person("Trần Thị Mai", tree.van_phong, gender="female")
    minh = make_person("Lê Văn Minh", tree.hien_luong)
    hoa = make_person("Phạm Thị Hoa", tree.nha_trang, gender="female")
    decision = Decision.objects.create(issuing_unit=tree.phu_tho, place="Phú Thọ", title="Khen thưởng",
                                       authority="Ủy ban nhân dân tỉnh", legal_bases="Luật", recipients="Lưu",
                                       created_by=cast.root)
    r = {
        "lan_hc": record(lan, "HC_LAO_DONG", award_class="Ba"),
        "minh_bk_ttg": record(minh, "BK_TTG", kind="ad_hoc"),
        "ha_hoa_co_cp": record(tree.ha_hoa, "CO_CP"),
        "district_bk_ttg": record(tree.ha_hoa_district, "BK_TTG", kind="thematic"),
        "household_bk_tinh": record("Hộ ông Nguyễn Văn Tư, thôn 3", "BK_TINH", decision=decision),
        "lan_bk_tinh": record(lan, "BK_TINH"),
        "mai_cstd": record(mai, "CSTD_BT"),
        "office_ttldxs": record(tree.van_phong, "TTLDXS"),
        "mai_ngut": record(mai, "NGUT"),
        # none of these count
        "revoked": record(minh, "HC_LAO_DONG", award_class="Ba", revoked_on=datetime.date(2026, 5, 1)),
        "last_year": record(lan, "BK_TTG", year=YEAR - 1),
        "elsewhere": record(hoa, "HC_LAO_DONG", award_class="Nhì"),
        "commune_gk": record(lan, "GIAY_KHEN"),
    }
    return r


def form(number):
    return StatisticalForm.objects.get(number=number)


def figures(filled):
    """{(row code, column code): count}."""
    return {(row.code, column.code): count for row, cells in filled.table for column, count in cells}


# Hand counts, every figure of each form: {row code: [column 1, column 2, …]}. 0702 (cấp Nhà nước) for the
# province: Lan's HC (regular), Minh's BK TTg (ad hoc), Hạ Hòa's Cờ CP, the old district's BK TTg (thematic), Mai's
# NGƯT (an honour title) — five. Columns: total, Huân chương, Huy chương, GT HCM, GT NN, Danh hiệu vinh dự, Cờ CP,
# BK TTg, CSTĐ toàn quốc.
STATE_PROVINCE = {
    "01": [5, 1, 0, 0, 0, 1, 1, 2, 0],
    "02": [2, 0, 0, 0, 0, 0, 1, 1, 0],  # collectives: Hạ Hòa (Cờ CP), the old district (BK TTg)
    "03": [3, 1, 0, 0, 0, 1, 0, 1, 0],  # persons: Lan (HC), Mai (NGƯT), Minh (BK TTg)
    "04": [2, 1, 0, 0, 0, 1, 0, 0, 0],  # of which women: Lan, Mai
    "05": [0] * 9,  # the household's award is the province's
    "06": [3, 1, 0, 0, 0, 1, 1, 0, 0],  # regular: Lan, Mai, Hạ Hòa
    "07": [1, 0, 0, 0, 0, 0, 0, 1, 0],  # thematic: the old district
    "08": [1, 0, 0, 0, 0, 0, 0, 1, 0],  # ad hoc: Minh
    "09": [0] * 9,
    "10": [0] * 9,
}
# 0703 (bộ, ngành, tỉnh) for the province: the household's and Lan's Bằng khen, Mai's CSTĐ, the office's TTLĐXS,
# all regular. Columns: total, Cờ thi đua, Bằng khen, Chiến sĩ thi đua, TTLĐXS, other.
PROVINCIAL_PROVINCE = {
    "01": [4, 0, 2, 1, 1, 0],
    "02": [1, 0, 0, 0, 1, 0],  # the office
    "03": [2, 0, 1, 1, 0, 0],  # Lan, Mai
    "04": [2, 0, 1, 1, 0, 0],  # both women
    "05": [1, 0, 1, 0, 0, 0],  # the household
    "06": [4, 0, 2, 1, 1, 0],
    "07": [0] * 6, "08": [0] * 6, "09": [0] * 6, "10": [0] * 6,
}


def check(found, expected):
    """Every figure of the form equals its hand count: no cell is left out, none is extra."""
    wanted = {(row, str(column)): count for row, counts in expected.items()
              for column, count in enumerate(counts, 1)}
    wrong = {key: (found.get(key), count) for key, count in wanted.items() if found.get(key) != count}
    assert not wrong, f"ô (dòng, cột): (đếm được, đếm tay) {wrong}"
    assert set(found) == set(wanted)


def test_it_counts_every_figure_of_the_state_awards_form_for_the_province(world, tree):
    filled = fill_form(form("0702.N/BNV-TĐKT"), tree.phu_tho, YEAR)
    found = figures(filled)
    check(found, STATE_PROVINCE)
    assert sum(found[row, "1"] for row in ("02", "03", "05")) == found["01", "1"]


def test_it_counts_every_figure_of_the_provincial_awards_form_for_the_province(world, tree):
    found = figures(fill_form(form("0703.N/BNV-TĐKT"), tree.phu_tho, YEAR))
    check(found, PROVINCIAL_PROVINCE)
    assert sum(found[row, "1"] for row in ("02", "03", "05")) == found["01", "1"]


def test_a_commune_counts_its_own_subtree_only(world, tree):
    state = figures(fill_form(form("0702.N/BNV-TĐKT"), tree.ha_hoa, YEAR))
    # Lan's HC, Hạ Hòa's Cờ CP, Mai's NGƯT (the commune's office); not Minh (Hiền Lương) nor the old district.
    assert (state["01", "1"], state["02", "1"], state["03", "1"], state["04", "1"]) == (3, 1, 2, 2)
    provincial = figures(fill_form(form("0703.N/BNV-TĐKT"), tree.ha_hoa, YEAR))
    # Lan's Bằng khen, Mai's CSTĐ, the office's TTLĐXS; the household's decision is the province's.
    assert (provincial["01", "1"], provincial["05", "1"]) == (3, 0)


def test_the_old_province_counts_through_its_successor_and_not_the_other_way(world, tree):
    assert figures(fill_form(form("0702.N/BNV-TĐKT"), tree.ha_hoa_district, YEAR))["01", "1"] == 1
    assert figures(fill_form(form("0702.N/BNV-TĐKT"), tree.khanh_hoa, YEAR))["01", "1"] == 1


def test_an_unknown_measure_is_refused_in_vietnamese():
    with pytest.raises(ValidationError, match="Không có phép đếm"):
        measure_q("gioi_tinh=nu")
    with pytest.raises(ValidationError, match="không có giá trị"):
        measure_q("subject=animal")


def cell_url(unit, f, row_code, column_code, year=YEAR):
    row, column = f.rows.get(code=row_code), f.columns.get(code=column_code)
    return (reverse("awards:statutory_form_records", args=[unit.pk])
            + f"?bieu={f.pk}&nam={year}&dong={row.pk}&cot={column.pk}")


def listed(response):
    return list(response.context["page"].object_list)


def test_each_figure_lists_exactly_the_records_behind_it(client, login, cast, tree, world):
    client = login(cast.root)
    state = form("0702.N/BNV-TĐKT")
    assert set(listed(client.get(cell_url(tree.phu_tho, state, "01", "8")))) == {
        world["minh_bk_ttg"], world["district_bk_ttg"]}
    assert set(listed(client.get(cell_url(tree.phu_tho, state, "04", "1")))) == {world["lan_hc"], world["mai_ngut"]}
    provincial = form("0703.N/BNV-TĐKT")
    assert listed(client.get(cell_url(tree.phu_tho, provincial, "05", "3"))) == [world["household_bk_tinh"]]


def test_a_commune_clerk_sees_the_records_of_the_commune_only(client, login, cast, tree, world):
    client = login(cast.alice)
    state = form("0702.N/BNV-TĐKT")
    assert set(listed(client.get(cell_url(tree.ha_hoa, state, "01", "1")))) == {
        world["lan_hc"], world["ha_hoa_co_cp"], world["mai_ngut"]}
    assert client.get(cell_url(tree.phu_tho, state, "01", "1")).status_code == 404
    assert client.get(cell_url(tree.nha_trang, state, "01", "1")).status_code == 404


def test_the_page_shows_the_form_with_linked_figures(client, login, cast, tree, world):
    client = login(cast.carol)
    state = form("0702.N/BNV-TĐKT")
    page = client.get(reverse("awards:statutory_form", args=[tree.phu_tho.pk]) + f"?bieu={state.pk}&nam={YEAR}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Biểu số: 0702.N/BNV-TĐKT" in html and "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC".lower() in html.lower()
    assert 'colspan="8"' in html and "Chia ra" in html
    assert cell_url(tree.phu_tho, state, "01", "8").replace("&", "&amp;") in html
    assert "Chưa chắc chắn" in html  # the form's certainty is shown
    # a year without records: zeros, no links
    empty = client.get(reverse("awards:statutory_form", args=[tree.phu_tho.pk]) + f"?bieu={state.pk}&nam=2000")
    records_path = reverse("awards:statutory_form_records", args=[tree.phu_tho.pk])
    assert records_path in html and records_path not in empty.content.decode()


def test_a_bad_year_is_a_clear_message_not_an_error(client, login, cast, tree):
    client = login(cast.carol)
    response = client.get(reverse("awards:statutory_form", args=[tree.phu_tho.pk]) + "?nam=abc")
    assert response.status_code == 400


def test_the_workbook_has_the_forms_layout(client, login, cast, tree, world):
    client = login(cast.carol)
    state = form("0702.N/BNV-TĐKT")
    response = client.get(reverse("awards:statutory_form_xlsx", args=[tree.phu_tho.pk])
                          + f"?bieu={state.pk}&nam={YEAR}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Biểu số: 0702.N/BNV-TĐKT"
    assert sheet["A2"].value == "Ban hành theo Thông tư 03/2018/TT-BNV ngày 06/3/2018"
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Đơn vị báo cáo: Tỉnh Phú Thọ" in texts
    assert any(t.startswith("Đơn vị nhận báo cáo: Bộ Nội vụ") for t in texts)
    assert sheet["A5"].value == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" and sheet["A6"].value == "Năm 2025"
    merged = {str(m) for m in sheet.merged_cells.ranges}
    # stub, code and the total span both header rows; "Chia ra" spans the eight columns under it
    assert {"A8:A9", "B8:B9", "C8:C9", "D8:K8", "A5:K5"} <= merged
    assert sheet["D8"].value == "Chia ra" and sheet["D9"].value == "Huân chương" and sheet["K9"].value.startswith(
        "Chiến sĩ thi đua")
    assert [sheet.cell(10, c).value for c in range(1, 5)] == ["A", "B", "1", "2"]
    rows = {sheet.cell(r, 2).value: [sheet.cell(r, c).value for c in range(3, 12)] for r in range(11, 21)}
    found = figures(fill_form(state, tree.phu_tho, YEAR))
    for code, values in rows.items():
        assert values == [found[code, str(c)] for c in range(1, 10)]
    assert rows["01"][0] == 5 and rows["04"][0] == 2
    assert sheet.cell(11, 1).value == "Tổng số" and sheet.cell(14, 1).value == "Trong đó: nữ"
    assert "Người lập biểu" in texts and "THỦ TRƯỞNG ĐƠN VỊ" in texts and "(Ký, đóng dấu, ghi rõ họ tên)" in texts


def test_the_page_and_the_lists_read_a_fixed_number_of_queries(client, login, cast, tree, world,
                                                               django_assert_num_queries):
    client = login(cast.carol)
    state = form("0702.N/BNV-TĐKT")
    page = reverse("awards:statutory_form", args=[tree.phu_tho.pk]) + f"?bieu={state.pk}&nam={YEAR}"
    cell = cell_url(tree.phu_tho, state, "01", "1")
    client.get(page)
    client.get(cell)
    with django_assert_num_queries(PAGE_QUERIES) as small_page:
        client.get(page)
    with django_assert_num_queries(CELL_QUERIES) as small_cell:
        client.get(cell)
    people = [make_person(f"Nguyễn Văn {i:03d}", tree.hien_luong) for i in range(60)]
    for person in people:
        record(person, "HC_LAO_DONG", award_class="Ba")
        record(person, "BK_TTG")
    with django_assert_num_queries(len(small_page)):
        assert client.get(page).status_code == 200
    with django_assert_num_queries(len(small_cell)):
        assert client.get(cell).context["page"].paginator.count == 125


# The request's own (session, user, second step, memberships, their history), the unit, the forms, the rows, the
# columns, the unit's lineage, one aggregate for every cell, the menu's two.
PAGE_QUERIES = 13
# The same up to the forms, the row, the column, the lineage, the count and the page of records, the menu's two.
CELL_QUERIES = 14


def test_a_superuser_adds_a_column_to_a_form_in_the_admin_and_a_bad_measure_is_refused(login, cast, tree):
    client = login(cast.root)
    state = form("0702.N/BNV-TĐKT")
    url = reverse("admin:awards_statisticalform_change", args=[state.pk])
    page = client.get(url)
    assert page.status_code == 200 and "subject=person;women" in page.content.decode()
    from awards.admin.statutory_forms import MeasureForm  # the inline's form, checked on its own

    class ColumnForm(MeasureForm):
        class Meta:
            model = state.columns.model
            fields = ["order", "code", "label", "group", "measure"]

    bad = ColumnForm(data={"order": 10, "code": "10", "label": "Khác", "group": "", "measure": "hang=Nhat"})
    assert not bad.is_valid() and "Không có phép đếm “hang”" in bad.errors["measure"][0]
    good = ColumnForm(data={"order": 10, "code": "10", "label": "Kỷ niệm chương", "group": "Chia ra",
                            "measure": " award=KNC "})
    assert good.is_valid() and good.cleaned_data["measure"] == "award=KNC"


@pytest.fixture
def proposals_form():
    """A form of the province's own: proposals received this year, by award and by status, and the records."""
    f = StatisticalForm.objects.create(number="TK-01", title="Đề nghị khen thưởng tiếp nhận", legal_basis="Quy chế")
    f.rows.create(order=1, code="01", label="Số đề nghị tiếp nhận", measure="from=proposals")
    f.rows.create(order=2, code="02", label="Trong đó: cá nhân", indent=1, measure="from=proposals;subject=person")
    f.columns.create(order=1, code="1", label="Tổng số")
    f.columns.create(order=2, code="2", label="Bằng khen của Thủ tướng", group="Theo hình thức", measure="award=BK_TTG")
    f.columns.create(order=3, code="3", label="Bằng khen của tỉnh", group="Theo hình thức", measure="award=BK_TINH")
    f.columns.create(order=4, code="4", label="Chờ tiếp nhận", measure="status=pending")
    f.columns.create(order=5, code="5", label="Đã quyết định", measure="status=decided")
    return f


def test_it_counts_the_proposals_received_in_the_subtree(tree, submitted_dossier, proposals_form,
                                                         django_assert_num_queries):
    year = submitted_dossier.submitted_at.year
    with django_assert_num_queries(4):  # rows, columns, the lineage, one aggregate over the proposals
        filled = fill_form(proposals_form, tree.phu_tho, year)
    found = figures(filled)
    assert [found["01", str(c)] for c in range(1, 6)] == [2, 1, 1, 2, 0]
    assert [found["02", str(c)] for c in range(1, 6)] == [2, 1, 1, 2, 0]
    # the commune sent the dossier, it did not receive it; another year has none
    assert figures(fill_form(proposals_form, tree.ha_hoa, year))["01", "1"] == 0
    assert figures(fill_form(proposals_form, tree.phu_tho, year - 1))["01", "1"] == 0


def test_a_proposals_figure_lists_its_proposals_for_those_who_see_the_dossier(client, login, cast, tree,
                                                                               submitted_dossier, proposals_form):
    year = submitted_dossier.submitted_at.year
    url = cell_url(tree.phu_tho, proposals_form, "01", "2", year=year)
    response = login(cast.carol).get(url)
    [line] = listed(response)
    assert line.nomination_line.award.code == "BK_TTG" and line.dossier == submitted_dossier
    assert "Hồ sơ số" in response.content.decode() and response.context["proposals"]
    assert login(cast.olga).get(url).status_code == 404


def test_a_status_term_is_refused_on_award_records():
    with pytest.raises(ValidationError, match="chỉ dùng cùng"):
        measure_q("status=decided")


def test_a_form_mixing_a_status_column_with_record_rows_says_so_on_the_page(client, login, cast, tree,
                                                                            proposals_form):
    from awards.rules.statutory_forms import check_measure

    check_measure("status=decided")  # a column read with proposal rows: accepted in the admin
    proposals_form.rows.create(order=3, code="03", label="Khen thưởng đã nhận", measure="")
    base = f"?bieu={proposals_form.pk}&nam={YEAR}"
    page = login(cast.carol).get(reverse("awards:statutory_form", args=[tree.phu_tho.pk]) + base)
    assert page.status_code == 200 and "chỉ dùng cùng" in page.content.decode()
    assert login(cast.carol).get(reverse("awards:statutory_form_xlsx", args=[tree.phu_tho.pk]) + base
                                 ).status_code == 400


@pytest.fixture
def movements(tree):
    """Plans issued in 2025: the province's yearly one, Hạ Hòa's and the old province's thematic ones; and plans
    that do not count: a draft, one of Khánh Hòa, one of 2024."""
    from tests.conftest import make_plan

    return {
        "province": make_plan(tree.phu_tho, status="issued", issue_year=YEAR, kind="regular", number=1),
        "commune": make_plan(tree.ha_hoa, status="in_progress", issue_year=YEAR, kind="thematic", number=2),
        "old_province": make_plan(tree.old_phu_tho, status="reviewed", issue_year=YEAR, kind="thematic", number=3),
        "draft": make_plan(tree.hien_luong, status="draft", issue_year=YEAR, kind="thematic"),
        "elsewhere": make_plan(tree.khanh_hoa, status="issued", issue_year=YEAR, kind="regular", number=4),
        "last_year": make_plan(tree.phu_tho, status="issued", issue_year=YEAR - 1, kind="regular", number=5),
    }


def test_it_counts_every_figure_of_the_movements_form(tree, movements):
    movement_form = form("0701.N/BNV-TĐKT")
    assert figures(fill_form(movement_form, tree.phu_tho, YEAR)) == {("01", "1"): 3, ("02", "1"): 1, ("03", "1"): 2}
    assert figures(fill_form(movement_form, tree.ha_hoa, YEAR)) == {("01", "1"): 1, ("02", "1"): 0, ("03", "1"): 1}
    assert figures(fill_form(movement_form, tree.khanh_hoa, YEAR))["01", "1"] == 1


def test_a_movements_figure_lists_its_plans(client, login, cast, tree, movements):
    movement_form = form("0701.N/BNV-TĐKT")
    response = login(cast.carol).get(cell_url(tree.phu_tho, movement_form, "03", "1"))
    assert set(listed(response)) == {movements["commune"], movements["old_province"]}
    assert response.context["plans"] and "Loại phong trào" in response.content.decode()
    assert listed(login(cast.alice).get(cell_url(tree.ha_hoa, movement_form, "01", "1"))) == [movements["commune"]]


def test_a_plan_measure_refuses_the_award_terms():
    with pytest.raises(ValidationError, match="from=plans"):
        measure_q("from=plans;group=order", "plans")
    from awards.rules.statutory_forms import source_of

    with pytest.raises(ValidationError, match="một nguồn"):
        source_of("from=plans", "from=proposals")


def test_a_form_without_column_groups_has_a_one_row_head_in_the_workbook(client, login, cast, tree, movements):
    movement_form = form("0701.N/BNV-TĐKT")
    response = login(cast.carol).get(reverse("awards:statutory_form_xlsx", args=[tree.phu_tho.pk])
                                     + f"?bieu={movement_form.pk}&nam={YEAR}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [sheet.cell(8, c).value for c in (1, 2, 3)] == ["Chỉ tiêu", "Mã số", "Số phong trào thi đua"]
    assert [sheet.cell(9, c).value for c in (1, 2, 3)] == ["A", "B", "1"]
    assert [(sheet.cell(r, 1).value, sheet.cell(r, 3).value) for r in (10, 11, 12)] == [
        ("Tổng số", 3), ("Phong trào thi đua thường xuyên (hằng năm)", 1),
        ("Phong trào thi đua theo chuyên đề, theo đợt", 2)]
    assert sheet.cell(11, 1).alignment.indent == 2
    assert "A8:A9" not in {str(m) for m in sheet.merged_cells.ranges}


# The forms by circular: 03/2018 until 9/5/2023, 02/2023 from 10/5/2023. The forms of Thông tư 18/2025/TT-BNV
# were not found, so none is added: a 2026 date still reads the 2023 forms.
FORMS_2018 = {"0701.N/BNV-TĐKT", "0702.N/BNV-TĐKT", "0703.N/BNV-TĐKT"}
FORMS_2023 = {"0601.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0603.N/BNV-TĐKT"}


@pytest.mark.parametrize("on, numbers", [
    (datetime.date(2018, 4, 22), set()),
    (datetime.date(2020, 12, 31), FORMS_2018),
    (datetime.date(2023, 5, 9), FORMS_2018),
    (datetime.date(2023, 5, 10), FORMS_2023),
    (datetime.date(2024, 12, 31), FORMS_2023),
    (datetime.date(2026, 6, 30), FORMS_2023),
])
def test_the_forms_in_force_follow_the_circulars(db, on, numbers):
    assert set(StatisticalForm.objects.in_force(on).values_list("number", flat=True)) == numbers


def test_the_2023_forms_come_first_with_their_sources_and_certainty(db):
    forms = list(StatisticalForm.objects.all())
    assert [f.number for f in forms[:3]] == ["0601.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0603.N/BNV-TĐKT"]
    for f in forms:
        if f.number in FORMS_2023:
            assert (f.certainty, f.legal_basis) == ("K", "Thông tư 02/2023/TT-BNV ngày 23/3/2023")
            assert "18/2025/TT-BNV" in f.note and "Cổng chưa đếm" in f.note
        else:
            assert (f.certainty, f.valid_to) == ("U", datetime.date(2023, 5, 9))
            assert f.legal_basis == "Thông tư 03/2018/TT-BNV ngày 06/3/2018"
    assert form("0703.N/BNV-TĐKT").title.endswith("và tỉnh, thành phố trực thuộc Trung ương")


# 0602 for the province: the same five state awards as 0702. Columns: total, Huân chương and Huy chương, GT HCM,
# GT NN, Danh hiệu vinh dự, Cờ CP, BK TTg, CSTĐ toàn quốc, other.
STATE_2023 = {
    "01": [5, 1, 0, 0, 1, 1, 2, 0, 0],
    "06": [2, 0, 0, 0, 0, 1, 1, 0, 0],  # Hạ Hòa, the old district
    "08": [0] * 9,
    "09": [3, 1, 0, 0, 1, 0, 1, 0, 0],  # Lan, Mai, Minh
    "15": [3, 1, 0, 0, 1, 1, 0, 0, 0],  # regular: Lan, Mai, Hạ Hòa
    "16": [1, 0, 0, 0, 0, 0, 1, 0, 0],  # thematic: the old district
    "17": [1, 0, 0, 0, 0, 0, 1, 0, 0],  # ad hoc: Minh
    "18": [0] * 9, "19": [0] * 9, "20": [0] * 9,
}
# 0603 for the province: the household's and Lan's Bằng khen, Mai's CSTĐ; the office's TTLĐXS is on no column.
# Columns: total, Bằng khen, CSTĐ, Cờ thi đua, Huy hiệu.
PROVINCIAL_2023 = {
    "01": [3, 2, 1, 0, 0],
    "02": [0] * 5,
    "04": [1, 1, 0, 0, 0],  # the household
    "05": [2, 1, 1, 0, 0],  # Lan, Mai
    "11": [3, 2, 1, 0, 0],
    "12": [0] * 5, "13": [0] * 5, "14": [0] * 5, "15": [0] * 5, "16": [0] * 5,
}


def test_it_counts_every_figure_of_the_2023_state_awards_form(world, tree):
    found = figures(fill_form(form("0602.N/BNV-TĐKT"), tree.phu_tho, YEAR))
    check(found, STATE_2023)
    assert sum(found[row, "1"] for row in ("06", "08", "09")) == found["01", "1"]
    assert sum(found["01", column] for column in "23456789") == found["01", "1"]


def test_it_counts_every_figure_of_the_2023_provincial_awards_form(world, tree):
    found = figures(fill_form(form("0603.N/BNV-TĐKT"), tree.phu_tho, YEAR))
    check(found, PROVINCIAL_2023)
    assert sum(found[row, "1"] for row in ("02", "04", "05")) == found["01", "1"]
    assert sum(found["01", column] for column in "2345") == found["01", "1"]


def test_it_counts_every_figure_of_the_2023_movements_form(tree, movements):
    movement_form = form("0601.N/BNV-TĐKT")
    assert figures(fill_form(movement_form, tree.phu_tho, YEAR)) == {("01", "1"): 3, ("11", "1"): 2, ("12", "1"): 1}
    assert figures(fill_form(movement_form, tree.ha_hoa, YEAR)) == {("01", "1"): 1, ("11", "1"): 1, ("12", "1"): 0}


def test_the_2023_provincial_form_opens_as_a_workbook_with_its_codes(client, login, cast, tree, world):
    provincial = form("0603.N/BNV-TĐKT")
    response = login(cast.carol).get(reverse("awards:statutory_form_xlsx", args=[tree.phu_tho.pk])
                                     + f"?bieu={provincial.pk}&nam={YEAR}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    assert sheet["A2"].value == "Ban hành theo Thông tư 02/2023/TT-BNV ngày 23/3/2023"
    assert sheet["D9"].value == "Bằng khen" and sheet["G9"].value.startswith("Huy hiệu (kỷ niệm chương)")
    rows = {sheet.cell(r, 2).value: [sheet.cell(r, c).value for c in range(3, 8)] for r in range(11, 21)}
    assert list(rows) == ["01", "02", "04", "05", "11", "12", "13", "14", "15", "16"]
    assert rows["01"] == [3, 2, 1, 0, 0] and rows["05"] == [2, 1, 1, 0, 0]


@pytest.mark.parametrize(("year", "number"), [(2022, "0701.N/BNV-TĐKT"), (2024, "0601.N/BNV-TĐKT")])
def test_the_page_opens_on_a_form_in_force_in_the_year_asked(client, login, cast, tree, year, number):
    page = login(cast.carol).get(reverse("awards:statutory_form", args=[tree.phu_tho.pk]) + f"?nam={year}")
    assert f"Biểu số: {number}" in page.content.decode()
