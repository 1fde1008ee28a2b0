"""The statistics page: every figure against a hand-counted world, the unit filter through the 2025 reform,
the SVG charts, the Excel files and the pinned query count.

The world (on the tree of tests/conftest.py), counted by hand:
  Xã Vô Tranh — a commune of Huyện Hạ Hoà until 30/6/2025, merged into Xã Hạ Hòa on 1/7/2025.
  people: An (Xã Hạ Hòa, Chủ tịch UBND xã, male), Bình (Xã Hạ Hòa, Chuyên viên, female),
          Cường (Xã Vô Tranh, Công nhân, male), Dung (Xã Hiền Lương, Phó trưởng phòng, female),
          Nga (Phường Nha Trang, Chuyên viên, female); ten more people of Xã Hiền Lương with no award.
  awards: An 2024 LDTT, An 2025 BK_TINH; Bình 2025 BK_TINH (and one revoked, not counted);
          Cường 2023 LDTT, Cường 2024 LDTT; Dung 2025 BK_TINH; Xã Hạ Hòa (collective) 2025 BK_TINH;
          a household 2025 BK_TINH; Nga 2025 LDTT.
  packets: Vô Tranh → Huyện Hạ Hoà, received 02/5/2024 (the district's limit: 10 days, so overdue);
           Hạ Hòa → Tỉnh Phú Thọ, submitted 10/9/2025; Hiền Lương → Tỉnh Phú Thọ, closed 2025.
  plans: the province's 2025 plan; Xã Hạ Hòa implements it (1 of the 3 units directly under the province).
"""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from units.models import Unit, UnitSuccession

from awards.documents.charts import bar_chart, line_chart, stacked_bar_chart
from awards.models import (
    AwardRecord,
    AwardType,
    Decision,
    Dossier,
    DossierLine,
    NominationLine,
    NominationList,
    PositionGroupWord,
    ProcessingTimeLimit,
)
from awards.rules import statistics

from tests.conftest import BEFORE_REFORM, REFORM, make_person, make_plan, make_unit

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def at(year, month, day):
    return datetime.datetime(year, month, day, 9, tzinfo=timezone.get_current_timezone())


def record(award, year, *, person=None, collective=None, household="", revoked=False):
    return AwardRecord.objects.create(
        person=person, collective=collective, household=household, award=AwardType.objects.get(code=award),
        year=year, decision_number=f"{AwardRecord.objects.count() + 1}/QĐ-UBND",
        decision_date=datetime.date(year, 12, 1),
        issuing_body="UBND", revoked_on=datetime.date(year, 12, 20) if revoked else None)


def packet(sender, receiver, user, status, when):
    return Dossier.objects.create(sender=sender, receiver=receiver, title=f"Đề nghị của {sender.name}",
                                  status=status, routed_on=when.date(), submitted_by=user, submitted_at=when,
                                  status_changed_at=when)


@pytest.fixture
def world(tree, cast):
    return build_world(tree, cast)


def build_world(tree, cast):
    """The world counted by hand above, on ``tree`` (with Xã Vô Tranh added as ``tree.vo_tranh``)."""
    vo_tranh = make_unit("Xã Vô Tranh", Unit.Kind.COMMUNE, tree.ha_hoa_district, valid_to=BEFORE_REFORM)
    UnitSuccession.objects.create(predecessor=vo_tranh, successor=tree.ha_hoa, kind="merge", effective_date=REFORM)
    an = make_person("Nguyễn Văn An", tree.ha_hoa, position="Chủ tịch UBND xã")
    binh = make_person("Trần Thị Bình", tree.ha_hoa, gender="female")
    cuong = make_person("Lê Văn Cường", vo_tranh, position="Công nhân")
    dung = make_person("Phạm Thị Dung", tree.hien_luong, gender="female", position="Phó trưởng phòng")
    nga = make_person("Võ Thị Nga", tree.nha_trang, gender="female")
    for i in range(10):
        make_person(f"Người thứ {i}", tree.hien_luong)
    record("LDTT", 2024, person=an)
    record("BK_TINH", 2025, person=an)
    record("BK_TINH", 2025, person=binh)
    record("LDTT", 2025, person=binh, revoked=True)
    record("LDTT", 2023, person=cuong)
    record("LDTT", 2024, person=cuong)
    record("BK_TINH", 2025, person=dung)
    record("BK_TINH", 2025, collective=tree.ha_hoa)
    record("BK_TINH", 2025, household="Hộ ông Nguyễn Văn Em, thôn 1")
    record("LDTT", 2025, person=nga)
    ProcessingTimeLimit.objects.all().delete()
    for level in ("district", "province"):
        ProcessingTimeLimit.objects.create(level=level, days=10, day_kind="calendar")
    packet(vo_tranh, tree.ha_hoa_district, cast.alice, "received", at(2024, 5, 2))
    packet(tree.ha_hoa, tree.phu_tho, cast.alice, "submitted", at(2025, 9, 10))
    packet(tree.hien_luong, tree.phu_tho, cast.alice, "closed", at(2025, 10, 1))
    plan = make_plan(tree.phu_tho, status="issued", issue_year=2025)
    make_plan(tree.ha_hoa, status="issued", issue_year=2025, parent_plan=plan)
    tree.vo_tranh = vo_tranh
    return tree


def figures(user, unit=None, years=(2023, 2025)):
    scope = statistics.make_scope(user, unit, *years)
    return {table.key: table for table in statistics.all_tables(scope)}


def as_dict(table):
    return {row[0]: row[table.value_column] for row in table.rows}


def test_every_award_figure_matches_the_hand_count(world, cast):
    t = figures(cast.root)
    assert as_dict(t["khen-thuong-theo-nam"]) == {"2023": 1, "2024": 2, "2025": 6}
    assert as_dict(t["khen-thuong-theo-doi-tuong"]) == {"Cá nhân": 7, "Tập thể": 1, "Hộ gia đình": 1}
    assert as_dict(t["khen-thuong-theo-loai"]) == {"Danh hiệu thi đua": 4, "Bằng khen, Giấy khen": 5}
    by_award = as_dict(t["khen-thuong-theo-hinh-thuc"])
    assert sorted(by_award.values()) == [4, 5]
    assert as_dict(t["khen-thuong-lanh-dao"]) == {"Lãnh đạo, quản lý": 3, "Cán bộ, công chức, viên chức": 2,
                                                  "Công nhân, người lao động": 2}
    assert as_dict(t["khen-thuong-theo-gioi"]) == {"Nam": 4, "Nữ": 3}
    assert as_dict(t["khen-thuong-theo-quy-mo"]) == {"Dưới 10 người": 7, "Từ 10 đến 49 người": 1,
                                                     "Từ 50 đến 199 người": 0, "Từ 200 người trở lên": 0}
    repeats = t["nhan-nhieu-lan"]
    assert [row[:2] for row in repeats.rows] == [["Lê Văn Cường", 2], ["Nguyễn Văn An", 2]]
    assert repeats.note == "Tổng số: 2 người."


def test_the_period_narrows_every_award_figure(world, cast):
    t = figures(cast.root, years=(2024, 2024))
    assert as_dict(t["khen-thuong-theo-nam"]) == {"2024": 2}
    assert t["nhan-nhieu-lan"].rows == []


def test_every_dossier_and_plan_figure_matches_the_hand_count(world, cast):
    t = figures(cast.root)
    status = as_dict(t["ho-so-theo-trang-thai"])
    assert (status["Đang thẩm định"], status["Chờ tiếp nhận"], status["Đã xử lý xong tại cấp nhận"]) == (1, 1, 1)
    today = timezone.localdate()
    assert t["ho-so-theo-cap"].rows == [["Cấp huyện", 1, (today - datetime.date(2024, 5, 2)).days],
                                        ["Cấp tỉnh", 1, (today - datetime.date(2025, 9, 10)).days]]
    stuck = t["ho-so-theo-cap-trang-thai"]
    assert stuck.columns[1:] == ["Chờ tiếp nhận", "Không tiếp nhận, chờ bổ sung", "Đang thẩm định",
                                 "Trả lại để bổ sung", "Đã thẩm định, chờ lãnh đạo", "Tổng"]
    assert stuck.rows == [["Cấp tỉnh", 1, 0, 0, 0, 0, 1], ["Cấp huyện", 0, 0, 1, 0, 0, 1]]
    oldest = t["ho-so-cho-lau-nhat"].rows
    assert [row[4] for row in oldest] == ["Huyện Hạ Hoà", "Tỉnh Phú Thọ"]
    assert oldest[0][1] == (timezone.localdate() - datetime.date(2024, 5, 2)).days
    assert oldest[0][5] == "Quá hạn"
    assert as_dict(t["ho-so-qua-han"]) == {"Cấp tỉnh": 1, "Cấp huyện": 1}
    # The province's plan (1 of its 3 units below implemented it) and the commune's own (its one office not yet).
    assert [row[1:] for row in t["ke-hoach-trien-khai"].rows] == [[0, "Xã Hạ Hòa", 2025, 0, 1],
                                                                  [33, "Tỉnh Phú Thọ", 2025, 1, 3]]


def test_a_district_of_2024_counts_what_happened_under_it_then(world, cast):
    t = figures(cast.dave, world.ha_hoa_district)
    assert as_dict(t["khen-thuong-theo-nam"]) == {"2023": 1, "2024": 1, "2025": 0}
    assert as_dict(t["ho-so-theo-trang-thai"])["Đang thẩm định"] == 1
    assert sum(as_dict(t["ho-so-theo-trang-thai"]).values()) == 1


def test_a_commune_after_the_reform_brings_the_communes_merged_into_it(world, cast):
    t = figures(cast.dave, world.ha_hoa)
    # An's two, Bình's one, Cường's two (Xã Vô Tranh) and the commune's own.
    assert as_dict(t["khen-thuong-theo-nam"]) == {"2023": 1, "2024": 2, "2025": 3}
    assert sum(as_dict(t["ho-so-theo-trang-thai"]).values()) == 2
    assert [row[0] for row in t["nhan-nhieu-lan"].rows] == ["Lê Văn Cường", "Nguyễn Văn An"]


def test_nothing_outside_the_users_scope_is_counted(world, cast):
    t = figures(cast.dave)
    # Nga (Khánh Hòa) and the household (no unit) are outside the province's scope.
    assert as_dict(t["khen-thuong-theo-nam"]) == {"2023": 1, "2024": 2, "2025": 4}


def test_the_page_draws_each_chart_as_clean_svg_with_its_table(world, cast, client):
    client.force_login(cast.dave)
    response = client.get(reverse("awards:statistics"), {"tu_nam": 2023, "den_nam": 2025, "don_vi": world.ha_hoa.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("awards:statutory_form", args=[world.ha_hoa.pk]) in html  # the unit's statutory forms
    assert "style=" not in html and "<script" not in html.split("</main>")[0].split("<main")[-1]
    charts = [chunk.split("</svg>")[0] + "</svg>" for chunk in html.split("<svg")[1:]]
    charts = ["<svg" + c for c in charts if 'class="bieu-do"' in c]
    assert len(charts) == len(statistics.TABLES)
    for svg in charts:
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert not list(root.iter(f"{SVG}script"))
        assert all("style" not in element.attrib for element in root.iter())
    assert html.count("<caption>") == len(statistics.TABLES)
    assert "2023: 1; 2024: 2; 2025: 3" in html


def test_each_table_downloads_as_excel(world, cast, client):
    client.force_login(cast.dave)
    for key in statistics.TABLES:
        response = client.get(reverse("awards:statistics_xlsx", args=[key]),
                              {"tu_nam": 2023, "den_nam": 2025, "don_vi": world.ha_hoa.pk})
        assert response.status_code == 200, key
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[1][0] == "Xã Hạ Hòa, năm 2023–2025"
        table = statistics.TABLES[key](statistics.make_scope(cast.dave, world.ha_hoa, 2023, 2025))
        assert [list(r[:len(table.columns)]) for r in rows[3:3 + len(table.rows)]] == [
            [str(v) if isinstance(v, str) else v for v in row] for row in table.rows]
    sheet = load_workbook(io.BytesIO(client.get(reverse("awards:statistics_xlsx", args=["khen-thuong-theo-nam"]),
                                                {"tu_nam": 2023, "den_nam": 2025, "don_vi": world.ha_hoa.pk}).content))
    assert [r for r in sheet.active.iter_rows(min_row=4, values_only=True)][:3] == [
        ("2023", 1), ("2024", 2), ("2025", 3)]


def test_bad_filters_answer_a_clear_400_and_hidden_units_404(world, cast, client):
    client.force_login(cast.dave)
    url = reverse("awards:statistics")
    assert client.get(url, {"tu_nam": 2026, "den_nam": 2024}).status_code == 400
    assert client.get(url, {"tu_nam": "abc"}).status_code == 400
    assert client.get(url, {"don_vi": world.nha_trang.pk}).status_code == 404
    assert client.get(reverse("awards:statistics_xlsx", args=["khong-co"])).status_code == 404


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_a_fixed_number_of_queries(world, cast, client):
    client.force_login(cast.dave)
    url, params = reverse("awards:statistics"), {"tu_nam": 2023, "den_nam": 2025, "don_vi": world.ha_hoa.pk}
    _queries(client, url, params)
    small = _queries(client, url, params)
    for i in range(30):
        person = make_person(f"Người thêm {i}", world.ha_hoa, position="Trưởng thôn" if i % 2 else "Kế toán")
        record("LDTT", 2024, person=person)
        record("BK_TINH", 2025, person=person)
        packet(world.ha_hoa, world.phu_tho, cast.alice, "received", at(2025, 3, 1 + i % 28))
    large = _queries(client, url, params)
    assert small == large == PINNED_QUERIES


# 23, and one for the position words in force (PositionGroupWord). The award figures read the award tally: one
# query for the year, kind, award, subject and gender figures together, one each for the positions and the unit
# sizes; two for the repeat recipients (how many and who comes first, then their names).
PINNED_QUERIES = 24


def test_a_chart_escapes_the_names_it_draws():
    svg = bar_chart(key="x", title='Tên <script>alert(1)</script> & "ngoặc"',
                    rows=[('<script>alert(1)</script>', 3), ("Đơn vị & tổ", 0)])
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert root.find(f"{SVG}title").text == 'Tên <script>alert(1)</script> & "ngoặc"'
    assert "<script>alert(1)</script>: 3; Đơn vị & tổ: 0" == root.find(f"{SVG}desc").text


def test_an_empty_chart_says_there_is_nothing_to_draw():
    root = ET.fromstring(bar_chart(key="y", title="Trống", rows=[]))
    assert root.find(f"{SVG}desc").text == "Không có số liệu."


def test_a_stacked_chart_names_every_segment_and_hatches_each_series():
    root = ET.fromstring(stacked_bar_chart(key="z", title="Chồng", series=["Chờ", "Đang"],
                                           rows=[("Cấp tỉnh", [2, 1]), ("Cấp xã", [0, 4])]))
    assert root.find(f"{SVG}desc").text == "Cấp tỉnh: Chờ 2, Đang 1 (tổng 3); Cấp xã: Chờ 0, Đang 4 (tổng 4)"
    patterns = list(root.iter(f"{SVG}pattern"))
    assert len(patterns) == 2 and patterns[1].find(f"{SVG}path") is not None
    assert [t.text for t in root.iter(f"{SVG}text")][:2] == ["Chờ", "Đang"]


def test_a_line_chart_marks_and_labels_every_point():
    root = ET.fromstring(line_chart(key="n", title="Theo năm", rows=[("2024", 2), ("2025", 0), ("2026", 4)]))
    assert root.find(f"{SVG}desc").text == "2024: 2; 2025: 0; 2026: 4"
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert len(root.find(f"{SVG}polyline").get("points").split()) == 3
    assert ET.fromstring(line_chart(key="m", title="Một năm", rows=[("2025", 1)])).find(f"{SVG}circle") is not None


def test_a_unit_reached_by_its_id_stays_chosen_in_the_filter(world, cast, client):
    client.force_login(cast.dave)
    response = client.get(reverse("awards:statistics"), {"don_vi": world.van_phong.pk})
    assert f'<option value="{world.van_phong.pk}" selected>' in response.content.decode()


def test_positions_are_sorted_whatever_their_case(world, cast):
    """Vietnamese letters outside ASCII in upper, lower and mixed case: the database alone would miss these."""
    for position in ("CHỦ TỊCH HỘI NÔNG DÂN", "phó bí thư đoàn", "Tổ Trưởng tổ dân phố", "CÔNG NHÂN VẬN HÀNH"):
        record("LDTT", 2024, person=make_person(f"Người giữ {position}", world.ha_hoa, position=position))
    counts = as_dict(figures(cast.root)["khen-thuong-lanh-dao"])
    assert counts == {"Lãnh đạo, quản lý": 6, "Cán bộ, công chức, viên chức": 2, "Công nhân, người lao động": 3}


def test_the_position_words_are_rows_in_force_at_the_end_of_the_period(world, cast):
    # "Chánh" ends before 2025; a new leader word begins in 2024; "Chỉ huy" begins only after the period.
    PositionGroupWord.objects.filter(word="Chánh").update(valid_to=datetime.date(2024, 12, 31))
    PositionGroupWord.objects.create(group="leader", word="Chuyên viên chính", valid_from=datetime.date(2024, 1, 1))
    PositionGroupWord.objects.filter(word="Chỉ huy").update(valid_from=datetime.date(2026, 1, 1))
    record("LDTT", 2025, person=make_person("Hà Văn Chính", world.ha_hoa, position="Chuyên viên chính"))
    table = figures(cast.root)["khen-thuong-lanh-dao"]
    assert as_dict(table)["Lãnh đạo, quản lý"] == 4
    assert table.note == ("Lãnh đạo, quản lý: chức vụ có một trong các từ Chủ tịch, Bí thư, Giám đốc, Trưởng, "
                          "Thủ trưởng, Chuyên viên chính; Công nhân, người lao động: chức vụ có một trong các từ "
                          "Công nhân, Người lao động, Lao động (không phân biệt chữ hoa, chữ thường); còn lại là "
                          "cán bộ, công chức, viên chức.")
    assert as_dict(figures(cast.root, years=(2023, 2023))["khen-thuong-lanh-dao"])["Lãnh đạo, quản lý"] == 0


def test_without_words_everyone_is_staff_and_the_note_says_so(world, cast):
    PositionGroupWord.objects.all().delete()
    table = figures(cast.root)["khen-thuong-lanh-dao"]
    assert as_dict(table) == {"Lãnh đạo, quản lý": 0, "Cán bộ, công chức, viên chức": 7,
                              "Công nhân, người lao động": 0}
    assert table.note.startswith("Lãnh đạo, quản lý: chức vụ có một trong các từ (chưa có từ nào);")


def household_granted(tree, cast, proposer, year):
    """A household's award granted on the portal: proposed by ``proposer``'s list, through its packet."""
    nomination_list = NominationList.objects.create(unit=proposer, year=year, title="Đề nghị hộ gia đình",
                                                    created_by=cast.alice)
    line = NominationLine.objects.create(nomination_list=nomination_list, year=year, household="Hộ bà Lê Thị Hoa",
                                         award=AwardType.objects.get(code="BK_TINH"), summary="Hiến đất làm đường.")
    dossier = packet(proposer, tree.phu_tho, cast.alice, "closed", at(year, 6, 1))
    granted = record("BK_TINH", year, household="Hộ bà Lê Thị Hoa, thôn 3")
    AwardRecord.objects.filter(pk=granted.pk).update(
        dossier_line=DossierLine.objects.create(dossier=dossier, nomination_line=line, deciding_unit=tree.phu_tho))
    return granted


def test_a_household_counts_under_the_unit_that_proposed_it(world, cast):
    """Hand count: the household proposed in 2024 by Xã Vô Tranh (merged into Xã Hạ Hòa) joins An's two, Bình's
    one, Cường's two and the commune's own under Xã Hạ Hòa; the household of the world has no unit and stays
    outside every unit's figures."""
    household_granted(world, cast, world.vo_tranh, 2024)
    t = figures(cast.dave, world.ha_hoa)
    assert as_dict(t["khen-thuong-theo-doi-tuong"]) == {"Cá nhân": 5, "Tập thể": 1, "Hộ gia đình": 1}
    assert as_dict(t["khen-thuong-theo-nam"]) == {"2023": 1, "2024": 3, "2025": 3}
    assert as_dict(figures(cast.dave, world.ha_hoa_district)["khen-thuong-theo-doi-tuong"])["Hộ gia đình"] == 1
    assert as_dict(figures(cast.dave, world.hien_luong)["khen-thuong-theo-doi-tuong"]) == {
        "Cá nhân": 1, "Tập thể": 0, "Hộ gia đình": 0}
    # The province sees the household its commune proposed, not the one without a unit; the root sees both.
    assert as_dict(figures(cast.dave)["khen-thuong-theo-doi-tuong"])["Hộ gia đình"] == 1
    assert as_dict(figures(cast.root)["khen-thuong-theo-doi-tuong"])["Hộ gia đình"] == 2
    assert as_dict(figures(cast.olga)["khen-thuong-theo-doi-tuong"])["Hộ gia đình"] == 0


def test_a_household_counts_under_the_unit_whose_decision_granted_it(world, cast):
    """The commune's own decision for a household, with no proposal on the portal: counted under the commune."""
    decision = Decision.objects.create(issuing_unit=world.hien_luong, place="Hiền Lương", title="Khen thưởng hộ",
                                       authority="UBND xã Hiền Lương", legal_bases="Căn cứ Luật.",
                                       recipients="Như Điều 3.", created_by=cast.alice)
    granted = record("BK_TINH", 2025, household="Hộ ông Đinh Văn Sơn")
    AwardRecord.objects.filter(pk=granted.pk).update(decision=decision)
    assert as_dict(figures(cast.dave, world.hien_luong)["khen-thuong-theo-doi-tuong"]) == {
        "Cá nhân": 1, "Tập thể": 0, "Hộ gia đình": 1}
    assert as_dict(figures(cast.dave, world.ha_hoa)["khen-thuong-theo-doi-tuong"])["Hộ gia đình"] == 0
