"""The yearly registration pages: the clerk drafts, the chairman sends, the province reads the roll-up."""

import io

import pytest
from openpyxl import load_workbook

from awards.models import AwardType, YearlySheet
from awards.services.yearly_registrations import add_yearly_entry, send_yearly_sheet

from tests.awards.certificate_factories import pdf_pages_text
from tests.conftest import make_person, make_unit

PERIOD = "2026"


def sheet_url(unit, period=PERIOD):
    return f"/khen-thuong/dang-ky-dau-nam/{unit.pk}/?ky={period}"


def award(code):
    return AwardType.objects.get(code=code)


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.ha_hoa, position="Công chức văn hóa")


def test_the_clerk_adds_a_person_by_name(login, cast, tree, an):
    client = login(cast.alice)
    response = client.post(sheet_url(tree.ha_hoa), {"person_query": "nguyen van an", "title": award("LDTT").pk})
    assert response.status_code == 302
    sheet = YearlySheet.objects.get(unit=tree.ha_hoa, period=PERIOD)
    assert [e.person for e in sheet.entries.all()] == [an]


def test_a_second_registration_is_refused_naming_the_row_and_keeping_what_was_typed(login, cast, tree, an):
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=an, title=award("LDTT"))
    page = login(cast.alice).post(sheet_url(tree.ha_hoa), {
        "person_query": "Nguyễn Văn An", "title": award("LDTT").pk, "initiative_title": "Số hóa hồ sơ một cửa",
    }).content.decode()
    assert "Nguyễn Văn An đã được đăng ký danh hiệu “Lao động tiên tiến” năm 2026 ở dòng 1" in page
    assert 'value="Số hóa hồ sơ một cửa"' in page


def test_a_bad_period_answers_400_in_vietnamese(login, cast, tree):
    response = login(cast.alice).get(sheet_url(tree.ha_hoa, "2026-2030"))
    assert response.status_code == 400


def test_the_clerk_cannot_send_and_the_chairman_can(login, cast, tree, an):
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=an, title=award("LDTT"))
    url = f"/khen-thuong/dang-ky-dau-nam/{tree.ha_hoa.pk}/gui/"
    assert login(cast.alice).post(url, {"ky": PERIOD}).status_code == 403
    assert login(cast.bob).post(url, {"ky": PERIOD}).status_code == 302
    assert YearlySheet.objects.get(unit=tree.ha_hoa).status == YearlySheet.Status.SENT
    # Sent: the form is gone and a post is refused.
    assert "Thêm vào bảng" not in login(cast.alice).get(sheet_url(tree.ha_hoa)).content.decode()
    assert login(cast.alice).post(sheet_url(tree.ha_hoa), {"person_query": "x"}).status_code == 403


def test_another_province_gets_404(login, cast, tree):
    client = login(cast.olga)
    assert client.get(sheet_url(tree.ha_hoa)).status_code == 404
    assert client.get(f"/khen-thuong/dang-ky-dau-nam/{tree.phu_tho.pk}/tong-hop/").status_code == 404


def test_the_printed_list_reads_back_with_its_header_rows_and_signature(login, cast, tree, an):
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=an, title=award("LDTT"),
                     initiative_title="Số hóa hồ sơ một cửa")
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, collective=tree.van_phong, title=award("TTLDTT"))
    response = login(cast.alice).get(f"/khen-thuong/dang-ky-dau-nam/{tree.ha_hoa.pk}/danh-sach.pdf?ky={PERIOD}")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_pages_text(response.content))
    for expected in ("ỦY BAN NHÂN DÂN", "XÃ HẠ HÒA", "DANH SÁCH ĐĂNG KÝ THI ĐUA", "Năm 2026", "Nguyễn Văn An",
                     "Lao động tiên tiến", "Số hóa hồ sơ một cửa", "Văn phòng HĐND và UBND xã Hạ Hòa",
                     "Tập thể lao động tiên tiến", "CHỦ TỊCH", "01 cá nhân, 01 tập thể"):
        assert expected in text, expected


def test_the_roll_up_counts_titles_and_names_the_units_that_have_not_sent(login, cast, tree, an):
    add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=an, title=award("LDTT"))
    sheet = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, collective=tree.van_phong,
                             title=award("TTLDTT")).sheet
    send_yearly_sheet(sheet, actor=cast.bob)
    client = login(cast.dave)
    page = client.get(f"/khen-thuong/dang-ky-dau-nam/{tree.phu_tho.pk}/tong-hop/?ky={PERIOD}").content.decode()
    assert "Lao động tiên tiến: <strong>1</strong>" in page
    assert "Số đơn vị chưa gửi: <strong>2</strong> / 3" in page  # Hiền Lương and the Sở have not sent
    book = load_workbook(io.BytesIO(client.get(
        f"/khen-thuong/dang-ky-dau-nam/{tree.phu_tho.pk}/tong-hop.xlsx?ky={PERIOD}").content))
    rows = list(book.active.iter_rows(values_only=True))
    header = rows[2]
    assert header[:3] == ("STT", "Đơn vị", "Tình trạng") and "Lao động tiên tiến" in header
    by_unit = {row[1]: row for row in rows[3:]}
    assert by_unit["Xã Hạ Hòa"][2] == "Đã gửi" and by_unit["Xã Hạ Hòa"][-1] == 2
    assert by_unit["Xã Hiền Lương"][2] == "Chưa lập"
    assert by_unit["Cộng"][header.index("Lao động tiên tiến")] == 1


def test_the_roll_up_runs_a_fixed_number_of_queries(login, cast, tree, django_assert_max_num_queries):
    client = login(cast.dave)
    url = f"/khen-thuong/dang-ky-dau-nam/{tree.phu_tho.pk}/tong-hop/?ky={PERIOD}"
    client.get(url)
    with django_assert_max_num_queries(15) as few:  # with the registered initiatives of the page's units
        client.get(url)
    for i in range(30):
        commune = make_unit(f"Xã Số {i:02d}", tree.ha_hoa.kind, tree.phu_tho)
        person = make_person(f"Người Số {i:02d}", commune)
        add_yearly_entry(commune, actor=cast.dave, period=PERIOD, person=person, title=award("LDTT"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Xã Số 29" in page


def test_the_sheet_runs_a_fixed_number_of_queries(login, cast, tree, django_assert_max_num_queries):
    client = login(cast.alice)
    client.get(sheet_url(tree.ha_hoa))
    with django_assert_max_num_queries(20) as few:
        client.get(sheet_url(tree.ha_hoa))
    for i in range(20):
        person = make_person(f"Người Số {i:02d}", tree.ha_hoa)
        add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=person, title=award("LDTT"))
    with django_assert_max_num_queries(len(few.captured_queries) + 2):  # the sheet and its rows, once each
        page = client.get(sheet_url(tree.ha_hoa)).content.decode()
    assert "Người Số 19" in page
