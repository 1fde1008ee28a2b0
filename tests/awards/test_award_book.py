"""Sổ vàng: a person's awards across every unit they worked in, a collective's with its predecessors', on
screen and as a Decree 30 PDF opened back."""

import datetime

import pytest
from django.urls import reverse

from units.models import Posting, Unit, UnitSuccession

from awards.models import AwardRecord, AwardType

from tests.awards.certificate_factories import make_record, pdf_pages_text
from tests.conftest import BEFORE_REFORM, make_person, make_unit

pytestmark = pytest.mark.django_db


def imported(subject_field, subject, code, year, number, body="UBND huyện Hạ Hòa", **fields):
    return AwardRecord.objects.create(**{subject_field: subject}, award=AwardType.objects.get(code=code), year=year,
                                      decision_number=number, decision_date=datetime.date(year + 1, 1, 5),
                                      issuing_body=body, **fields)


@pytest.fixture
def huong(tree):
    """Worked at the district until the reform, at the commune since; awarded in both, one award revoked."""
    person = make_person("Đặng Thị Hường", tree.ha_hoa, date_of_birth=datetime.date(1980, 3, 9))
    Posting.objects.create(person=person, unit=tree.ha_hoa_district, position="Chuyên viên",
                           start_date=datetime.date(2015, 1, 1), end_date=BEFORE_REFORM)
    imported("person", person, "GIAY_KHEN", 2019, "12/QĐ-UBND")
    imported("person", person, "BK_TINH", 2021, "88/QĐ-UBND", body="UBND tỉnh Phú Thọ",
             revoked_on=datetime.date(2024, 5, 2), revocation_reason="Khai man thành tích")
    make_record(person, number="125/QĐ-UBND", year=2025)
    return person


@pytest.fixture
def merged(tree):
    """Hạ Hòa continues Xã Âm Hạ (merged in), which continues Xã Ấm Hạ (renamed); an abolished board does not count."""
    K = Unit.Kind
    oldest = make_unit("Xã Ấm Hạ", K.COMMUNE, tree.ha_hoa_district, valid_to=datetime.date(2019, 12, 31))
    renamed = make_unit("Xã Âm Hạ", K.COMMUNE, tree.ha_hoa_district, valid_to=datetime.date(2025, 6, 30))
    abolished = make_unit("Ban quản lý dự án huyện Hạ Hòa", K.ORGANISATION, tree.ha_hoa_district,
                          valid_to=datetime.date(2025, 6, 30))
    UnitSuccession.objects.create(predecessor=oldest, successor=renamed, kind="rename",
                                  effective_date=datetime.date(2020, 1, 1))
    UnitSuccession.objects.create(predecessor=renamed, successor=tree.ha_hoa, kind="merge",
                                  effective_date=datetime.date(2025, 7, 1))
    UnitSuccession.objects.create(predecessor=abolished, successor=tree.ha_hoa, kind="abolish",
                                  effective_date=datetime.date(2025, 7, 1))
    for unit, year in ((oldest, 2018), (renamed, 2023), (abolished, 2024), (tree.ha_hoa, 2025)):
        imported("collective", unit, "TTLDXS", year, f"{year}/XS")
    return tree.ha_hoa


def test_a_persons_book_holds_every_unit_and_year_with_the_unit_of_the_time(client, login, cast, tree, huong):
    html = login(cast.alice).get(reverse("awards:person_award_book", args=[huong.pk])).content.decode()
    assert all(number in html for number in ("12/QĐ-UBND", "88/QĐ-UBND", "125/QĐ-UBND"))
    assert tree.ha_hoa_district.name in html and "Nhập từ quyết định cũ" in html
    assert "Đã hủy bỏ ngày 02/05/2024" in html and "(2 còn hiệu lực)" in html
    assert html.index("12/QĐ-UBND") < html.index("88/QĐ-UBND") < html.index("125/QĐ-UBND")


def test_a_collectives_book_follows_renames_and_mergers_but_not_abolitions(client, login, cast, merged):
    html = login(cast.alice).get(reverse("awards:unit_award_book", args=[merged.pk])).content.decode()
    assert all(number in html for number in ("2018/XS", "2023/XS", "2025/XS")) and "2024/XS" not in html
    assert "Xã Ấm Hạ" in html and "Xã Âm Hạ" in html and "Ban quản lý dự án" not in html


def test_a_persons_book_prints_as_a_decree_30_document(client, login, cast, tree, huong):
    response = login(cast.alice).get(reverse("awards:person_award_book_pdf", args=[huong.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_pages_text(response.content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "SỔ VÀNG" in text
    assert "Đặng Thị Hường" in text and "09/3/1980" in text and "05/01/2020" in text
    assert all(number in text for number in ("12/QĐ-UBND", "88/QĐ-UBND", "125/QĐ-UBND"))
    assert "đã hủy bỏ ngày 02/5/2024" in text and "nhập từ quyết định cũ" in text
    assert "Tổng số: 02 khen thưởng còn hiệu lực; 01 khen thưởng đã bị hủy bỏ." in text


def test_a_collectives_book_prints_with_its_predecessors(client, login, cast, merged):
    response = login(cast.alice).get(reverse("awards:unit_award_book_pdf", args=[merged.pk]))
    text = " ".join(pdf_pages_text(response.content))
    assert "SỔ VÀNG" in text and "Kế thừa thành tích của" in text and "Xã Âm Hạ" in text
    assert "2018/XS" in text and "2025/XS" in text and "2024/XS" not in text


def test_an_empty_book_says_so(client, login, cast, tree):
    person = make_person("Lê Văn Tám", tree.ha_hoa)
    html = login(cast.alice).get(reverse("awards:person_award_book", args=[person.pk])).content.decode()
    assert "Chưa có khen thưởng nào được ghi nhận." in html


@pytest.mark.parametrize("name", ["person_award_book", "person_award_book_pdf"])
@pytest.mark.parametrize("who", ["anonymous", "olga", "alice"])
def test_the_person_pages_answer_the_permission_matrix(client, login, cast, huong, name, who):
    if who != "anonymous":
        login(getattr(cast, who))
    response = client.get(reverse(f"awards:{name}", args=[huong.pk]))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == (404 if who == "olga" else 200)


def test_the_person_and_unit_pages_link_to_their_books(client, login, cast, tree, huong):
    client = login(cast.alice)
    assert reverse("awards:person_award_book", args=[huong.pk]) in \
        client.get(reverse("units:person_detail", args=[huong.pk])).content.decode()
    assert reverse("awards:unit_award_book", args=[tree.ha_hoa.pk]) in \
        client.get(reverse("units:unit_detail", args=[tree.ha_hoa.pk])).content.decode()


def test_the_books_read_a_fixed_number_of_queries_however_many_records(client, login, cast, tree, huong, merged,
                                                                       django_assert_num_queries):
    client = login(cast.alice)
    person_url = reverse("awards:person_award_book", args=[huong.pk])
    unit_url = reverse("awards:unit_award_book", args=[merged.pk])
    client.get(person_url)
    # the request's own (session, user, scope), the person, postings, records, the menu's
    with django_assert_num_queries(10):
        client.get(person_url)
    # the request's own, the unit, its predecessors, records, the predecessors' names, the menu's
    with django_assert_num_queries(11):
        client.get(unit_url)
    for year in range(2000, 2015):
        imported("person", huong, "GIAY_KHEN", year, f"{year}/GK")
        imported("collective", merged, "GIAY_KHEN", year, f"{year}/GK")
    with django_assert_num_queries(10):
        assert "2014/GK" in client.get(person_url).content.decode()
    with django_assert_num_queries(11):
        assert "2014/GK" in client.get(unit_url).content.decode()
