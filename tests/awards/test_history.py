"""Award history, yearly ratings, initiatives and discipline, kept with people across mergers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import AwardRecord, AwardType, DisciplinePeriod, Initiative, TaskRating

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.van_phong, date_of_birth=datetime.date(1980, 5, 17))


def record(person, code, year, number, **fields):
    values = {"decision_date": datetime.date(year + 1, 1, 15), "issuing_body": "UBND huyện Hạ Hòa", **fields}
    return AwardRecord.objects.create(person=person, award=AwardType.objects.get(code=code), year=year,
                                      decision_number=number, **values)


def test_a_title_from_a_district_that_no_longer_exists_stays_with_the_person(an, tree, login, cast):
    record(an, "CSTDCS", 2023, "125/QĐ-UBND")
    html = login(cast.carol).get(reverse("units:person_detail", args=[an.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in html and "UBND huyện Hạ Hòa" in html and "125/QĐ-UBND, 15/01/2024" in html


def test_an_order_keeps_its_class(an):
    order = record(an, "HC_LAO_DONG", 2025, "88/QĐ-CTN", award_class="Ba", issuing_body="Chủ tịch nước")
    assert order.award_label == "Huân chương Lao động hạng Ba"


def test_a_class_the_award_does_not_have_is_refused(an):
    bad = AwardRecord(person=an, award=AwardType.objects.get(code="HC_LAO_DONG"), award_class="Tư", year=2025,
                      decision_number="1/QĐ", decision_date=datetime.date(2026, 1, 1), issuing_body="Chủ tịch nước")
    with pytest.raises(ValidationError, match="không có hạng “Tư”"):
        bad.full_clean()


def test_the_same_decision_cannot_be_recorded_twice(an):
    record(an, "LDTT", 2024, "12/QĐ-UBND")
    duplicate = AwardRecord(person=an, award=AwardType.objects.get(code="LDTT"), year=2024,
                            decision_number="12/QĐ-UBND", decision_date=datetime.date(2025, 1, 15),
                            issuing_body="UBND huyện Hạ Hòa")
    with pytest.raises(ValidationError, match="đã có"):
        duplicate.full_clean()


def test_a_record_has_exactly_one_subject(an, tree):
    both = AwardRecord(person=an, collective=tree.ha_hoa, award=AwardType.objects.get(code="GIAY_KHEN"), year=2024,
                       decision_number="3/QĐ", decision_date=datetime.date(2025, 1, 1), issuing_body="UBND xã")
    with pytest.raises(ValidationError, match="đúng một đối tượng"):
        both.full_clean()


def test_one_rating_a_year(an):
    TaskRating.objects.create(person=an, year=2024, rating="excellent")
    with pytest.raises(ValidationError, match="đã có xếp loại năm này"):
        TaskRating(person=an, year=2024, rating="good").full_clean()


def test_history_is_seen_only_within_scope(an, tree, cast):
    record(an, "LDTT", 2024, "12/QĐ-UBND")
    assert AwardRecord.objects.visible_to(cast.alice).count() == 1
    assert AwardRecord.objects.visible_to(cast.olga).count() == 0


def test_the_person_page_shows_ratings_initiatives_and_discipline(an, login, cast):
    TaskRating.objects.create(person=an, year=2024, rating="excellent")
    initiative = Initiative.objects.create(title="Số hóa hồ sơ một cửa", year=2024, scope="base",
                                           recognising_body="UBND xã Hạ Hòa")
    initiative.authors.add(an)
    DisciplinePeriod.objects.create(person=an, form="reprimand", start=datetime.date(2025, 3, 1),
                                    end=datetime.date(2026, 2, 28))
    html = login(cast.alice).get(reverse("units:person_detail", args=[an.pk])).content.decode()
    assert "2024: Hoàn thành xuất sắc nhiệm vụ" in html
    assert "Số hóa hồ sơ một cửa" in html and "Khiển trách: từ 01/03/2025 đến 28/02/2026" in html
