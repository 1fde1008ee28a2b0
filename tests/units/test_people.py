import datetime
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from units import services
from units.models import Person

from tests.conftest import make_person

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1980, 5, 17)


def test_it_creates_a_person_with_a_first_posting(cast, tree):
    person = services.create_person(
        actor=cast.alice, full_name="  Nguyễn   Văn An ", gender="male", unit=tree.van_phong,
        date_of_birth=BIRTH, cccd="025080001234", position="Chuyên viên",
    )
    assert person.full_name == "Nguyễn Văn An"
    assert person.cccd == "025080001234"
    posting = person.postings.get()
    assert posting.unit == tree.van_phong and posting.end_date is None


def test_it_keeps_leading_zeros_of_the_cccd(cast, tree):
    person = services.create_person(actor=cast.alice, full_name="Lê Thị Hoa", gender="female", unit=tree.ha_hoa,
                                    cccd="001190000007")
    assert Person.objects.get(pk=person.pk).cccd == "001190000007"


@pytest.mark.parametrize("cccd", ["12345", "0250800012345", "02508000123a"])
def test_it_refuses_a_malformed_cccd(cast, tree, cccd):
    with pytest.raises(ValidationError) as error:
        services.create_person(actor=cast.alice, full_name="Lê Văn Bảy", gender="male", unit=tree.ha_hoa, cccd=cccd)
    assert "12 chữ số" in str(error.value)
    assert not Person.objects.exists()


def test_it_refuses_a_second_person_with_the_same_cccd(cast, tree):
    make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    with pytest.raises(ValidationError, match="Số CCCD này đã có trong hệ thống"):
        services.create_person(actor=cast.alice, full_name="Nguyễn Văn Ân", gender="male", unit=tree.ha_hoa,
                               cccd="025080001234")
    assert Person.objects.count() == 1


def test_several_people_may_have_no_cccd(cast, tree):
    for name in ["Trần Văn Một", "Trần Văn Hai"]:
        services.create_person(actor=cast.alice, full_name=name, gender="male", unit=tree.ha_hoa, cccd="")
    assert Person.objects.filter(cccd__isnull=True).count() == 2


def test_it_finds_the_same_name_and_birth_date_anywhere_in_the_province(cast, tree):
    existing = make_person("Nguyễn Văn An", tree.hien_luong, date_of_birth=BIRTH)
    found = services.find_person_duplicates(viewer=cast.carol, full_name="NGUYEN VAN AN", date_of_birth=BIRTH,
                                            cccd=None, unit=tree.van_phong)
    assert found.same_name_and_birth == [existing]


def test_it_does_not_flag_a_namesake_in_another_province(cast, tree):
    make_person("Nguyễn Văn An", tree.nha_trang, date_of_birth=BIRTH)
    found = services.find_person_duplicates(viewer=cast.root, full_name="Nguyễn Văn An", date_of_birth=BIRTH, cccd=None,
                                            unit=tree.ha_hoa)
    assert not found


def test_it_flags_an_existing_cccd_even_outside_the_clerks_scope_without_saying_whose(cast, tree):
    make_person("Nguyễn Văn An", tree.nha_trang, cccd="056080001234")
    found = services.find_person_duplicates(viewer=cast.alice, full_name="Ai Đó Khác", date_of_birth=None,
                                            cccd="056080001234", unit=tree.ha_hoa)
    assert found and found.cccd_elsewhere and found.same_cccd is None


def test_a_namesake_outside_the_clerks_scope_is_counted_not_shown(cast, tree):
    make_person("Nguyễn Văn An", tree.hien_luong, date_of_birth=BIRTH)
    found = services.find_person_duplicates(viewer=cast.alice, full_name="Nguyễn Văn An", date_of_birth=BIRTH,
                                            cccd=None, unit=tree.ha_hoa)
    assert found.same_name_and_birth == [] and found.similar_elsewhere == 1


def test_a_reviewer_may_not_create_people(cast, tree):
    with pytest.raises(PermissionDenied):
        services.create_person(actor=cast.carol, full_name="Lê Văn Bảy", gender="male", unit=tree.ha_hoa)


def test_a_clerk_may_not_create_people_outside_their_unit(cast, tree):
    with pytest.raises(PermissionDenied):
        services.create_person(actor=cast.alice, full_name="Lê Văn Bảy", gender="male", unit=tree.hien_luong)


def test_moving_a_person_closes_the_old_posting_and_opens_a_new_one(cast, tree):
    person = make_person("Nguyễn Văn An", tree.ha_hoa, position="Chuyên viên")
    services.update_person(person, actor=cast.erin, full_name=person.full_name, gender="male", unit=tree.so_noi_vu,
                           position="Phó Trưởng phòng", change_date=datetime.date(2026, 3, 1))
    postings = list(person.postings.order_by("start_date"))
    assert [(p.unit, p.end_date) for p in postings] == [
        (tree.ha_hoa, datetime.date(2026, 2, 28)), (tree.so_noi_vu, None),
    ]
    person.refresh_from_db()
    assert person.unit == tree.so_noi_vu and person.position == "Phó Trưởng phòng"


def test_correcting_a_name_does_not_start_a_new_posting(cast, tree):
    person = make_person("Nguyen Van An", tree.ha_hoa)
    services.update_person(person, actor=cast.alice, full_name="Nguyễn Văn An", gender="male", unit=tree.ha_hoa,
                           position=person.position)
    assert person.postings.count() == 1


@pytest.mark.parametrize("typed", ["nguyen van a", "NGUYỄN VĂN A", unicodedata.normalize("NFD", "Nguyễn Văn A"),
                                   "văn a"])
def test_person_search_ignores_diacritics_case_and_unicode_form(tree, typed):
    make_person("Nguyễn Văn A", tree.ha_hoa)
    make_person("Trần Thị Bích", tree.ha_hoa)
    assert [p.full_name for p in Person.objects.search(typed)] == ["Nguyễn Văn A"]


def test_a_name_stored_in_decomposed_form_is_found_by_composed_text(tree):
    make_person(unicodedata.normalize("NFD", "Đặng Thị Thủy"), tree.ha_hoa)
    person = Person.objects.search("Đặng Thị Thủy").get()
    assert person.full_name == unicodedata.normalize("NFC", "Đặng Thị Thủy")


def test_people_are_visible_only_within_scope(cast, tree):
    inside = make_person("Nguyễn Văn An", tree.van_phong)
    make_person("Lê Văn Bình", tree.nha_trang)
    assert list(Person.objects.visible_to(cast.alice)) == [inside]
    assert Person.objects.visible_to(cast.root).count() == 2


def test_two_clerks_registering_one_cccd_at_once_get_a_message_not_an_error(cast, tree, monkeypatch):
    make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    # As if the other clerk's row was written between our check and our insert.
    monkeypatch.setattr(services, "_check_cccd_free", lambda cccd, exclude_pk=None: None)
    monkeypatch.setattr(Person, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as error:
        services.create_person(actor=cast.alice, full_name="Nguyễn Văn Ân", gender="male", unit=tree.ha_hoa,
                               cccd="025080001234")
    assert error.value.message_dict == {"cccd": ["Số CCCD này đã có trong hệ thống."]}
    assert Person.objects.count() == 1


def test_person_search_finds_the_text_anywhere_in_the_name_in_name_order_within_scope(login, cast, tree):
    make_person("Nguyễn Văn Hùng", tree.van_phong)
    make_person("Lê Văn Hùng", tree.ha_hoa)
    make_person("Phùng Văn Hưng", tree.ha_hoa)
    make_person("Trần Văn Hùng", tree.hien_luong)  # outside alice's commune
    client = login(cast.alice)
    found = client.get(reverse("units:person_list"), {"q": "van hung"}).context["page"].object_list
    assert [p.full_name for p in found] == ["Lê Văn Hùng", "Nguyễn Văn Hùng", "Phùng Văn Hưng"]
    assert [p.unit for p in found][:1] == [tree.ha_hoa]
    found = client.get(reverse("units:person_list"), {"q": "an hu"}).context["page"].object_list
    assert len(found) == 3  # part of a word too, as the search box always found
    found = client.get(reverse("units:person_list"),
                       {"q": "van hung", "don_vi": tree.van_phong.pk}).context["page"].object_list
    assert [p.full_name for p in found] == ["Nguyễn Văn Hùng"]


@pytest.mark.parametrize("people", [5, 70])
def test_person_search_asks_the_same_number_of_queries_however_many_match(
        login, cast, tree, django_assert_num_queries, people):
    for n in range(people):
        make_person(f"Nguyễn Văn Hùng {n}", tree.ha_hoa)
    client = login(cast.alice)
    client.get(reverse("units:person_list"))
    # session, user, second step, memberships, predecessors, the page's people with the count, those people,
    # the menu badge's two counts
    with django_assert_num_queries(9):
        response = client.get(reverse("units:person_list"), {"q": "van hung"})
    assert response.context["page"].paginator.count == people


def test_person_search_pages_count_every_match_and_a_page_past_the_end_shows_the_last(login, cast, tree):
    for n in range(55):
        make_person(f"Lê Văn Hùng {n:02d}", tree.ha_hoa)
    client = login(cast.alice)
    page = client.get(reverse("units:person_list"), {"q": "hung", "trang": 2}).context["page"]
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 55, 2)
    assert [p.full_name for p in page.object_list] == [f"Lê Văn Hùng {n}" for n in range(50, 55)]
    for beyond in ("9", "0", "x"):
        page = client.get(reverse("units:person_list"), {"q": "hung", "trang": beyond}).context["page"]
        assert page.paginator.count == 55 and page.number == (1 if beyond == "x" else 2), beyond
