"""The catalogue pages every signed-in user reads: awards, authorities and standards in force, searched
without diacritics, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Authority, AuthorityLevel, AwardType, RegulationVersion, Standard

pytestmark = pytest.mark.django_db


def names(response):
    return [row.name for row in response.context["page"].object_list]


def test_an_award_is_found_without_diacritics_in_any_case(login, cast):
    client = login(cast.alice)
    for typed in ("chien si thi dua co so", "CHIẾN SĨ THI ĐUA CƠ SỞ", "chiến sĩ thi đua cơ sở"):
        found = names(client.get(reverse("awards:catalogue_awards"), {"q": typed}))
        assert found == ["Chiến sĩ thi đua cơ sở"], typed


def test_an_award_added_in_the_admin_is_found_by_its_folded_name_and_its_code(login, cast):
    AwardType.objects.create(code="GK_DOAN", name="Giấy khen của Đoàn thanh niên", group=AwardType.Group.CERTIFICATE)
    client = login(cast.olga)
    assert names(client.get(reverse("awards:catalogue_awards"), {"q": "giay khen cua doan"})) == [
        "Giấy khen của Đoàn thanh niên"]
    assert names(client.get(reverse("awards:catalogue_awards"), {"q": "gk_doan"})) == ["Giấy khen của Đoàn thanh niên"]


def test_the_group_filter_keeps_one_group(login, cast):
    response = login(cast.alice).get(reverse("awards:catalogue_awards"), {"nhom": AwardType.Group.ORDER})
    assert response.context["page"].paginator.count > 5
    assert {a.group for a in response.context["page"].object_list} == {AwardType.Group.ORDER}


def test_the_authorities_show_who_decides_an_award_now_and_not_before_the_reform(login, cast):
    award = AwardType.objects.get(code="CSTDCS")
    response = login(cast.alice).get(reverse("awards:catalogue_authorities"), {"hinh_thuc": award.pk})
    rows = list(response.context["page"].object_list)
    assert rows and all(a.award == award and a.is_valid_on(datetime.date.today()) for a in rows)
    assert not any(a.level == AuthorityLevel.DISTRICT for a in rows)  # no district level since 1/7/2025
    history = login(cast.alice).get(reverse("awards:catalogue_authorities"), {"hinh_thuc": award.pk, "lich_su": "1"})
    assert any(a.level == AuthorityLevel.DISTRICT for a in history.context["page"].object_list)


def test_the_authorities_are_found_by_level_and_office_without_diacritics(login, cast):
    client = login(cast.alice)
    by_level = client.get(reverse("awards:catalogue_authorities"), {"q": "cap xa"}).context["page"].object_list
    assert by_level and {a.level for a in by_level} == {AuthorityLevel.COMMUNE}
    regulation = RegulationVersion.objects.get(code="L22_D152")
    award = AwardType.objects.get(code="LDTT")
    Authority.objects.create(regulation=regulation, award=award, level=AuthorityLevel.ENTERPRISE,
                             office="Tổng giám đốc Tập đoàn Điện lực")
    found = client.get(reverse("awards:catalogue_authorities"), {"q": "tong giam doc tap doan dien luc"})
    assert [a.office for a in found.context["page"].object_list] == ["Tổng giám đốc Tập đoàn Điện lực"]


def test_the_standards_in_force_are_found_by_their_award_without_diacritics(login, cast):
    response = login(cast.alice).get(reverse("awards:catalogue_standards"), {"q": "chien si thi dua co so"})
    standards = list(response.context["page"].object_list)
    assert standards and {s.award.code for s in standards} == {"CSTDCS"}
    today = datetime.date.today()
    assert all(s.is_valid_on(today) for s in standards)
    assert "Điều kiện kiểm tra" in response.content.decode()


@pytest.mark.parametrize("name", ["awards:catalogue_awards", "awards:catalogue_authorities",
                                  "awards:catalogue_standards"])
def test_each_catalogue_page_runs_a_fixed_number_of_queries(login, cast, name, django_assert_max_num_queries):
    # Every row of the loaded catalogue on one page: a query per row would show here.
    client = login(cast.olga)
    client.get(reverse(name))
    assert Standard.objects.count() > 10 and Authority.objects.count() > 50
    with django_assert_max_num_queries(9):
        response = client.get(reverse(name), {"lich_su": "1"})
    assert response.status_code == 200 and response.context["page"].object_list


def test_the_catalogue_is_closed_to_anonymous_visitors(client):
    response = client.get(reverse("awards:catalogue_awards"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
