"""The yearly registration pages: the clerk drafts, the chairman sends, the province reads the roll-up."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from awards.models import AwardType, YearlySheet
from awards.services.yearly_registrations import (
    add_yearly_entry,
    link_yearly_initiative,
    return_yearly_sheet,
    send_yearly_sheet,
)

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
    # Once the sheet exists: the sheet, its rows, its history and the unit above it (who acknowledges), once each.
    with django_assert_max_num_queries(len(few.captured_queries) + 4):
        page = client.get(sheet_url(tree.ha_hoa)).content.decode()
    assert "Người Số 19" in page


# A registered initiative linked to the recognised one

def recognised(title, *authors, year=2026, **fields):
    from awards.models import Initiative

    initiative = Initiative.objects.create(title=title, year=year, recognising_body="UBND xã Hạ Hòa", **fields)
    initiative.authors.add(*authors)
    return initiative


def link_url(entry):
    return f"/khen-thuong/dang-ky-dau-nam/dong/{entry.pk}/sang-kien/"


@pytest.fixture
def registered(cast, tree, an):
    """An's row registering an initiative, and the initiative recognised for him in November."""
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=an, title=award("CSTDCS"),
                             initiative_title="Số hóa hồ sơ một cửa")
    return entry, recognised("Số hóa hồ sơ một cửa cấp xã", an, decision_number="15/QĐ-UBND",
                             decision_date=datetime.date(2026, 11, 20))


NOTE = "Đã công nhận: Số hóa hồ sơ một cửa cấp xã, Quyết định số 15/QĐ-UBND ngày 20/11/2026"


def test_the_clerk_links_a_sent_sheets_row_and_the_sheet_says_it_was_recognised(login, cast, tree, registered):
    entry, initiative = registered
    send_yearly_sheet(entry.sheet, actor=cast.bob)
    client = login(cast.alice)
    page = client.get(sheet_url(tree.ha_hoa)).content.decode()
    assert f'<option value="{initiative.pk}">Số hóa hồ sơ một cửa cấp xã (2026)</option>' in page
    page = client.post(link_url(entry), {"initiative": initiative.pk}, follow=True).content.decode()
    assert "Đã gắn sáng kiến “Số hóa hồ sơ một cửa cấp xã” cho Nguyễn Văn An." in page
    assert NOTE in page
    entry.refresh_from_db()
    assert entry.initiative == initiative
    page = client.post(link_url(entry), {"initiative": ""}, follow=True).content.decode()
    assert "Đã bỏ gắn sáng kiến được công nhận của Nguyễn Văn An." in page and NOTE not in page


def test_a_forged_initiative_of_another_unit_is_refused_in_vietnamese(login, cast, tree, registered):
    entry, _initiative = registered
    elsewhere = recognised("Sáng kiến của Nha Trang", make_person("Lê Văn Xa", tree.nha_trang))
    page = login(cast.alice).post(link_url(entry), {"initiative": elsewhere.pk}, follow=True).content.decode()
    assert ("Chưa gắn được sáng kiến cho Nguyễn Văn An: Sáng kiến được chọn không phải sáng kiến được công nhận của "
            "đơn vị (và của cá nhân) trong năm đăng ký.") in page
    entry.refresh_from_db()
    assert entry.initiative is None


@pytest.mark.parametrize(("who", "status"), [("olga", 404), ("carol", 403), ("alice", 302)])
def test_who_links_a_row(login, cast, registered, who, status):
    entry, initiative = registered
    assert login(getattr(cast, who)).post(link_url(entry), {"initiative": initiative.pk}).status_code == status


def test_linking_asks_to_log_in_first(client, registered):
    entry, initiative = registered
    response = client.post(link_url(entry), {"initiative": initiative.pk})
    assert response.status_code == 302 and "?next=" in response["Location"]


def test_the_printed_list_and_the_roll_up_show_the_recognised_initiative(login, cast, tree, registered):
    entry, initiative = registered
    link_yearly_initiative(entry, actor=cast.alice, initiative=initiative)
    client = login(cast.dave)
    text = " ".join(pdf_pages_text(client.get(
        f"/khen-thuong/dang-ky-dau-nam/{tree.ha_hoa.pk}/danh-sach.pdf?ky={PERIOD}").content))
    assert "Số hóa hồ sơ một cửa" in text
    assert "Đã công nhận: Số hóa hồ sơ một cửa cấp xã, Quyết định số 15/QĐ-UBND ngày 20/11/2026" in " ".join(
        text.split())
    page = client.get(f"/khen-thuong/dang-ky-dau-nam/{tree.phu_tho.pk}/tong-hop/?ky={PERIOD}").content.decode()
    assert f"Số hóa hồ sơ một cửa (Nguyễn Văn An) — <span class=\"text-success da-cong-nhan\">{NOTE}</span>" in page
    book = load_workbook(io.BytesIO(client.get(
        f"/khen-thuong/dang-ky-dau-nam/{tree.phu_tho.pk}/tong-hop.xlsx?ky={PERIOD}").content))
    rows = list(book["Sáng kiến đăng ký"].iter_rows(values_only=True))
    assert rows[0] == ("STT", "Đơn vị", "Cá nhân / tập thể", "Sáng kiến đăng ký", "Công nhận")
    assert rows[1] == (1, "Xã Hạ Hòa", "Nguyễn Văn An", "Số hóa hồ sơ một cửa", NOTE)


# Taking a sent sheet back

def withdraw_url(unit):
    return f"/khen-thuong/dang-ky-dau-nam/{unit.pk}/rut-lai/?ky={PERIOD}"


def return_url(unit):
    return f"/khen-thuong/dang-ky-dau-nam/{unit.pk}/tra-lai/?ky={PERIOD}"


@pytest.fixture
def sent(cast, tree, an):
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=an, title=award("LDTT"))
    return send_yearly_sheet(entry.sheet, actor=cast.bob)


def test_the_approver_confirms_withdrawing_with_a_reason_and_the_clerk_reads_it(login, cast, tree, sent):
    client = login(cast.bob)
    page = client.get(sheet_url(tree.ha_hoa)).content.decode()
    assert "Rút lại bảng đăng ký</a>" in page and "Trả lại bảng đăng ký" not in page
    page = client.get(withdraw_url(tree.ha_hoa)).content.decode()
    assert "Rút lại bảng đăng ký thi đua năm 2026" in page and "Xác nhận rút lại" in page
    assert YearlySheet.objects.get(pk=sent.pk).status == YearlySheet.Status.SENT  # the GET changes nothing
    response = client.post(withdraw_url(tree.ha_hoa), {"ky": PERIOD, "reason": ""})
    assert response.status_code == 400
    assert "Ghi lý do để cán bộ TĐKT của đơn vị biết cần sửa gì." in response.content.decode()
    response = client.post(withdraw_url(tree.ha_hoa), {"ky": PERIOD, "reason": "Bổ sung tập thể Văn phòng."},
                           follow=True)
    assert "Đã rút lại bảng đăng ký thi đua năm 2026 về đang soạn." in response.content.decode()
    page = login(cast.alice).get(sheet_url(tree.ha_hoa)).content.decode()
    assert "Bảng đăng ký đã được rút lại</strong>" in page and "bởi Bob" in page
    assert "Lý do: Bổ sung tập thể Văn phòng." in page and "Thêm vào bảng" in page
    history = page[page.index('id="lich-su-bang"'):]
    assert history.index("Bob: Gửi bảng đăng ký năm 2026") < history.index(
        "Bob: Rút lại bảng đăng ký năm 2026: Bổ sung tập thể Văn phòng.")


def test_the_province_acknowledges_then_returns_the_sheet_with_a_reason(login, cast, tree, sent):
    client = login(cast.carol)
    page = client.get(sheet_url(tree.ha_hoa)).content.decode()
    assert "Tiếp nhận bảng đăng ký" in page and "Rút lại bảng đăng ký" not in page
    client.post(f"/khen-thuong/dang-ky-dau-nam/{tree.ha_hoa.pk}/tiep-nhan/", {"ky": PERIOD})
    assert YearlySheet.objects.get(pk=sent.pk).status == YearlySheet.Status.ACKNOWLEDGED
    # Acknowledged: the commune's approver no longer withdraws it.
    response = login(cast.bob).get(withdraw_url(tree.ha_hoa), follow=True)
    assert "Bảng đăng ký đang ở tình trạng “Cấp trên đã tiếp nhận”." in response.content.decode()
    client = login(cast.dave)
    assert "Xác nhận trả lại" in client.get(return_url(tree.ha_hoa)).content.decode()
    client.post(return_url(tree.ha_hoa), {"ky": PERIOD, "reason": "Ghi rõ tên sáng kiến."})
    sheet = YearlySheet.objects.get(pk=sent.pk)
    assert (sheet.status, sheet.taken_back, sheet.taken_back_by) == (YearlySheet.Status.DRAFT, "returned", cast.dave)
    page = login(cast.alice).get(sheet_url(tree.ha_hoa)).content.decode()
    assert "Bảng đăng ký đã được trả lại</strong>" in page and "Lý do: Ghi rõ tên sáng kiến." in page


@pytest.mark.parametrize(("who", "withdraw", "give_back"), [
    ("olga", 404, 404), ("alice", 403, 403), ("bob", 200, 403), ("dave", 403, 200),
])
def test_who_opens_the_confirmation_pages(login, cast, tree, sent, who, withdraw, give_back):
    client = login(getattr(cast, who))
    assert client.get(withdraw_url(tree.ha_hoa)).status_code == withdraw
    assert client.get(return_url(tree.ha_hoa)).status_code == give_back


def test_taking_back_asks_to_log_in_first(client, tree, sent):
    for url in (withdraw_url(tree.ha_hoa), return_url(tree.ha_hoa)):
        response = client.get(url)
        assert response.status_code == 302 and "?next=" in response["Location"]


def test_a_sheet_the_province_returned_meanwhile_is_not_withdrawn_twice(login, cast, tree, sent):
    client = login(cast.bob)
    client.get(withdraw_url(tree.ha_hoa))
    return_yearly_sheet(sent, actor=cast.dave, reason="Trả lại.")
    response = client.post(withdraw_url(tree.ha_hoa), {"ky": PERIOD, "reason": "Rút lại."}, follow=True)
    assert "Bảng đăng ký đang ở tình trạng “Đang soạn”." in response.content.decode()
    assert YearlySheet.objects.get(pk=sent.pk).taken_back_by == cast.dave


def test_the_linked_sheet_runs_a_fixed_number_of_queries(login, cast, tree, django_assert_max_num_queries):
    client = login(cast.alice)
    first = make_person("Người Đầu", tree.ha_hoa)
    entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=first, initiative_title="Sáng kiến")
    link_yearly_initiative(entry, actor=cast.alice, initiative=recognised("Sáng kiến đầu", first))
    client.get(sheet_url(tree.ha_hoa))
    with django_assert_max_num_queries(30) as few:
        client.get(sheet_url(tree.ha_hoa))
    for i in range(20):
        person = make_person(f"Người Số {i:02d}", tree.ha_hoa)
        entry = add_yearly_entry(tree.ha_hoa, actor=cast.alice, period=PERIOD, person=person,
                                 initiative_title=f"Sáng kiến số {i:02d}")
        link_yearly_initiative(entry, actor=cast.alice,
                               initiative=recognised(f"Sáng kiến được công nhận {i:02d}", person))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(sheet_url(tree.ha_hoa)).content.decode()
    assert "Đã công nhận: Sáng kiến được công nhận 19, năm 2026" in page


def test_a_link_made_before_the_authors_changed_stays_selected_and_is_kept_on_saving(login, cast, tree, registered,
                                                                                      an):
    entry, initiative = registered
    link_yearly_initiative(entry, actor=cast.alice, initiative=initiative)
    initiative.authors.set([make_person("Trần Thị Bình", tree.ha_hoa)])
    client = login(cast.alice)
    assert f'<option value="{initiative.pk}" selected>' in client.get(sheet_url(tree.ha_hoa)).content.decode()
    client.post(link_url(entry), {"initiative": initiative.pk})
    entry.refresh_from_db()
    assert entry.initiative == initiative


def test_the_clerk_is_offered_no_move_of_a_sent_sheet(login, cast, tree, sent):
    page = login(cast.alice).get(sheet_url(tree.ha_hoa)).content.decode()
    for button in ("Gửi bảng đăng ký lên cấp trên", "Rút lại bảng đăng ký", "Trả lại bảng đăng ký",
                   "Tiếp nhận bảng đăng ký"):
        assert button not in page


def test_an_acknowledged_sheet_counts_as_sent_in_the_roll_up(login, cast, tree, sent):
    from awards.services.yearly_registrations import acknowledge_yearly_sheet

    acknowledge_yearly_sheet(sent, actor=cast.carol)
    page = login(cast.dave).get(f"/khen-thuong/dang-ky-dau-nam/{tree.phu_tho.pk}/tong-hop/?ky={PERIOD}")
    text = page.content.decode()
    assert "Số đơn vị chưa gửi: <strong>2</strong> / 3" in text and "Cấp trên đã tiếp nhận" in text
