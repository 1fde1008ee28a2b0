"""The person picker's answer: people the user may see, found by part of a name typed without diacritics or
by the last digits of a CCCD, with what tells namesakes apart — and never anyone outside the user's scope."""

import datetime

import pytest
from django.urls import reverse

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def pick(client, q, **params):
    response = client.get(reverse("units:person_picker"), {"q": q, **params})
    assert response.status_code == 200
    return response.json()


def names(answer):
    return [row["name"] for row in answer["results"]]


def test_it_finds_people_by_the_beginnings_of_their_name_typed_without_diacritics(login, cast, tree):
    make_person("Lê Minh Nam", tree.ha_hoa)
    make_person("Lê Minh Quyết", tree.van_phong)
    make_person("Lê Văn Minh", tree.ha_hoa)
    make_person("Nguyễn Lê Minh", tree.ha_hoa)
    client = login(cast.alice)
    # Names that begin with the text first, then those with the words further on.
    assert names(pick(client, "le minh")) == ["Lê Minh Nam", "Lê Minh Quyết", "Lê Văn Minh", "Nguyễn Lê Minh"]
    assert names(pick(client, "LÊ MI")) == ["Lê Minh Nam", "Lê Minh Quyết", "Lê Văn Minh", "Nguyễn Lê Minh"]
    assert names(pick(client, "minh q")) == ["Lê Minh Quyết"]
    assert names(pick(client, "le m n")) == ["Lê Minh Nam"]
    assert names(pick(client, "minh le")) == []
    # What is typed is text, never a pattern.
    assert names(pick(client, "l%")) == [] and names(pick(client, "l_ minh")) == []


def test_it_folds_d_with_stroke(login, cast, tree):
    make_person("Đặng Đức Độ", tree.ha_hoa)
    assert names(pick(login(cast.alice), "dang duc")) == ["Đặng Đức Độ"]


def test_it_finds_a_person_by_the_last_digits_of_the_cccd_or_the_whole_number(login, cast, tree):
    an = make_person("Nguyễn Văn An", tree.ha_hoa, cccd="025080001234")
    make_person("Trần Văn Bảo", tree.ha_hoa, cccd="025080005678")
    client = login(cast.alice)
    assert names(pick(client, "1234")) == ["Nguyễn Văn An"]
    assert names(pick(client, "025 080 001 234")) == ["Nguyễn Văn An"]
    assert pick(client, "1234")["results"][0]["id"] == an.pk
    assert pick(client, "234")["results"] == []  # fewer than four digits say too little


def test_namesakes_come_with_birth_date_unit_and_position_and_only_the_cccds_last_digits(login, cast, tree):
    make_person("Lê Văn Cường", tree.ha_hoa, date_of_birth=datetime.date(1980, 3, 15), cccd="025080001111",
                position="Chủ tịch Hội Nông dân")
    make_person("Lê Văn Cường", tree.van_phong, date_of_birth=datetime.date(1992, 7, 2), position="Văn thư")
    rows = pick(login(cast.alice), "le van cuong")["results"]
    assert [(r["born"], r["unit"], r["position"], r["cccd_tail"]) for r in rows] == [
        ("15/03/1980", "Xã Hạ Hòa", "Chủ tịch Hội Nông dân", "1111"),
        ("02/07/1992", "Văn phòng HĐND và UBND xã Hạ Hòa", "Văn thư", ""),
    ]
    assert "025080001111" not in str(rows)


def test_people_outside_the_users_scope_are_never_answered_by_name_or_cccd(login, cast, tree):
    make_person("Lê Minh Nam", tree.hien_luong, cccd="025080009999")
    make_person("Lê Minh Nha", tree.nha_trang, cccd="056080009998")
    client = login(cast.alice)
    for typed in ("le minh", "9999", "025080009999", "9998"):
        answer = client.get(reverse("units:person_picker"), {"q": typed}).content.decode()
        assert "Lê Minh" not in answer and "999" not in answer, typed
    # The province's reviewer sees both communes of the province, not Khánh Hòa.
    assert names(pick(login(cast.carol), "le minh")) == ["Lê Minh Nam"]


def test_a_unit_narrows_the_answer_to_its_subtree_and_a_unit_out_of_scope_is_not_found(login, cast, tree):
    make_person("Lê Minh Nam", tree.ha_hoa)
    make_person("Lê Minh Quyết", tree.hien_luong)
    client = login(cast.carol)
    assert names(pick(client, "le minh", don_vi=tree.hien_luong.pk)) == ["Lê Minh Quyết"]
    assert login(cast.alice).get(reverse("units:person_picker"),
                                 {"q": "le minh", "don_vi": tree.hien_luong.pk}).status_code == 404


def test_it_answers_at_most_twenty_and_says_there_are_more_in_a_fixed_number_of_queries(
        login, cast, tree, django_assert_num_queries):
    for n in range(25):
        make_person(f"Lê Minh {chr(ord('A') + n)}", tree.ha_hoa, cccd=f"0250800{n:05d}")
    client = login(cast.alice)
    pick(client, "warm up the session")
    # Session, user, second-step device; the user's memberships and their units' predecessors; the unit;
    # the people.
    with django_assert_num_queries(7):
        answer = pick(client, "le minh", don_vi=tree.ha_hoa.pk)
    assert len(answer["results"]) == 20 and answer["more"] is True
    with django_assert_num_queries(7):
        assert len(pick(client, "0001", don_vi=tree.ha_hoa.pk)["results"]) == 1


def test_names_further_on_follow_those_that_begin_with_the_text_when_too_few_begin_with_it(login, cast, tree):
    for n in range(3):
        make_person(f"Lê Minh {chr(ord('A') + n)}", tree.ha_hoa)
    for n in range(25):
        make_person(f"Trần Lê Minh {chr(ord('A') + n)}", tree.ha_hoa)
    make_person("Võ Lê Minh Xa", tree.hien_luong)  # outside alice's commune
    answer = pick(login(cast.alice), "le minh")
    assert names(answer) == (["Lê Minh A", "Lê Minh B", "Lê Minh C"]
                             + [f"Trần Lê Minh {chr(ord('A') + n)}" for n in range(17)])
    assert answer["more"] is True


@pytest.mark.parametrize("people", [25, 60])
def test_it_asks_the_same_number_of_queries_however_many_people_match(
        login, cast, tree, django_assert_num_queries, people):
    for n in range(people):
        make_person(f"Lê Minh {n}", tree.ha_hoa)
        make_person(f"Phạm Lê Minh {n}", tree.ha_hoa)
    client = login(cast.alice)
    pick(client, "warm up the session")
    # Session, user, second-step device; memberships and predecessors; names that begin with the text.
    with django_assert_num_queries(6):
        assert len(pick(client, "le minh")["results"]) == 20
    # ... and, when fewer than twenty begin with it, the names with the words further on.
    with django_assert_num_queries(7):
        assert names(pick(client, "minh"))[:2] == ["Lê Minh 0", "Lê Minh 1"]
