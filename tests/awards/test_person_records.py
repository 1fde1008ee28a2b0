"""Initiatives and discipline entered on the person's page and many rows at once on a unit's page."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from awards.models import AwardRecord, AwardType, DisciplinePeriod, Initiative, TaskRating
from awards.rules.eligibility import check

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def records_url(person):
    return reverse("awards:person_records", args=[person.pk])


def initiative_data(**changes):
    return {"loai": "sang_kien", "sk-title": "Số hóa hồ sơ một cửa", "sk-year": "2026", "sk-scope": "base",
            "sk-recognising_body": "UBND xã Hạ Hòa", "sk-decision_number": "15/QĐ-UBND",
            "sk-decision_date": "2026-11-20"} | changes


def discipline_data(**changes):
    return {"loai": "ky_luat", "kl-form": "reprimand", "kl-start": "2026-03-01", "kl-end": "2026-12-31",
            "kl-decision": "07/QĐ-UBND"} | changes


def test_the_person_page_offers_the_forms_to_the_clerk_only(login, cast, an):
    page = login(cast.alice).get(an.get_absolute_url()).content.decode()
    assert "Thêm sáng kiến" in page and "Thêm thời hạn kỷ luật" in page and 'id="id_sk-title"' in page
    assert "Thêm sáng kiến" not in login(cast.bob).get(an.get_absolute_url()).content.decode()


def test_the_clerk_adds_an_initiative_that_the_verdict_then_uses(login, cast, an):
    AwardRecord.objects.create(person=an, award=AwardType.objects.get(code="LDTT"), year=2026,
                               decision_number="1/QĐ", decision_date=datetime.date(2026, 12, 1),
                               issuing_body="UBND xã Hạ Hòa")
    TaskRating.objects.create(person=an, year=2026, rating="good")
    assert not check(an, AwardType.objects.get(code="CSTDCS"), 2026).eligible
    answer = login(cast.alice).post(records_url(an), initiative_data(), follow=True)
    assert "Đã lưu sáng kiến." in answer.content.decode()
    initiative = Initiative.objects.get()
    assert list(initiative.authors.all()) == [an] and initiative.decision_number == "15/QĐ-UBND"
    assert "Số hóa hồ sơ một cửa" in answer.content.decode()
    assert check(an, AwardType.objects.get(code="CSTDCS"), 2026).eligible
    assert LogEntry.objects.get(user=cast.alice).change_message == "Nhập sáng kiến cho Nguyễn Văn An"


def test_a_refused_initiative_comes_back_with_what_was_typed(login, cast, an):
    page = login(cast.alice).post(records_url(an), initiative_data(**{"sk-decision_date": "2024-01-05"}))
    text = page.content.decode()
    assert page.status_code == 200 and "trước năm công nhận 2026" in text
    assert 'value="Số hóa hồ sơ một cửa"' in text
    assert not Initiative.objects.exists()


def test_the_clerk_adds_and_removes_a_discipline_period(login, cast, an):
    client = login(cast.alice)
    assert "Đã lưu thời hạn kỷ luật." in client.post(records_url(an), discipline_data(), follow=True).content.decode()
    period = DisciplinePeriod.objects.get(person=an)
    assert (period.form, period.end) == ("reprimand", datetime.date(2026, 12, 31))
    answer = client.post(reverse("awards:discipline_remove", args=[period.pk]), follow=True)
    assert "Đã xóa kỷ luật khiển trách của Nguyễn Văn An." in answer.content.decode()
    assert not DisciplinePeriod.objects.exists()
    assert list(LogEntry.objects.filter(user=cast.alice).order_by("pk").values_list("change_message", flat=True)) == [
        "Nhập kỷ luật của Nguyễn Văn An", "Xóa kỷ luật của Nguyễn Văn An"]


def test_a_period_ending_before_it_starts_is_refused_in_vietnamese(login, cast, an):
    page = login(cast.alice).post(records_url(an), discipline_data(**{"kl-end": "2026-01-01"})).content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page and 'value="07/QĐ-UBND"' in page
    assert not DisciplinePeriod.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("bob", 403), ("carol", 403), ("olga", 404)])
def test_others_cannot_enter_records(login, cast, an, who, status):
    client = login(getattr(cast, who))
    assert client.post(records_url(an), initiative_data()).status_code == status
    assert not Initiative.objects.exists()


def test_an_initiative_is_removed_only_by_who_enters_for_its_author(login, cast, an):
    initiative = Initiative.objects.create(title="Phần mềm một cửa", year=2025, recognising_body="UBND xã")
    initiative.authors.add(an)
    url = reverse("awards:initiative_remove", args=[initiative.pk])
    assert login(cast.olga).post(url).status_code == 404
    assert login(cast.bob).post(url).status_code == 403
    login(cast.alice).post(url)
    assert not Initiative.objects.exists()


def unit_rows(people, initiatives=(), discipline=()):
    data = {"sk-TOTAL_FORMS": "5", "sk-INITIAL_FORMS": "0", "kl-TOTAL_FORMS": "5", "kl-INITIAL_FORMS": "0"}
    for i in range(5):
        data[f"sk-{i}-scope"] = "base"
    for i, (person, title, year) in enumerate(initiatives):
        data |= {f"sk-{i}-person": person.pk, f"sk-{i}-title": title, f"sk-{i}-year": year,
                 f"sk-{i}-recognising_body": "UBND xã Hạ Hòa"}
    for i, (person, start, end) in enumerate(discipline):
        data |= {f"kl-{i}-person": person.pk, f"kl-{i}-form": "warning", f"kl-{i}-start": start, f"kl-{i}-end": end}
    return data


def test_the_unit_page_saves_several_rows_at_once(login, cast, tree, an):
    binh = make_person("Trần Thị Bình", tree.ha_hoa, gender="female")
    url = reverse("awards:unit_records", args=[tree.ha_hoa.pk])
    data = unit_rows([an, binh], initiatives=[(an, "Sổ tay điện tử", "2025"), (binh, "Bản đồ số thôn", "2026")],
                     discipline=[(binh, "2024-02-01", "2024-12-31")])
    answer = login(cast.alice).post(url, data, follow=True)
    assert "Đã lưu 2 sáng kiến và 1 thời hạn kỷ luật." in answer.content.decode()
    assert {(i.title, i.authors.get()) for i in Initiative.objects.all()} == {("Sổ tay điện tử", an),
                                                                              ("Bản đồ số thôn", binh)}
    assert DisciplinePeriod.objects.get().person == binh


def test_one_bad_row_of_the_unit_page_saves_nothing_and_keeps_the_rows(login, cast, tree, an):
    url = reverse("awards:unit_records", args=[tree.ha_hoa.pk])
    data = unit_rows([an], initiatives=[(an, "Sổ tay điện tử", "2025")], discipline=[(an, "2024-02-01", "2023-12-31")])
    page = login(cast.alice).post(url, data).content.decode()
    assert "Chưa lưu dòng nào: 1 dòng có lỗi" in page and "Ngày kết thúc phải sau ngày bắt đầu." in page
    assert 'value="Sổ tay điện tử"' in page
    assert not Initiative.objects.exists() and not DisciplinePeriod.objects.exists()


def test_the_unit_page_offers_only_the_units_people(login, cast, tree, an):
    make_person("Phạm Văn Dũng", tree.hien_luong)
    client = login(cast.alice)
    page = client.get(reverse("awards:unit_records", args=[tree.ha_hoa.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Phạm Văn Dũng" not in page
    assert client.get(reverse("awards:unit_records", args=[tree.nha_trang.pk])).status_code == 404
    assert login(cast.bob).get(reverse("awards:unit_records", args=[tree.ha_hoa.pk])).status_code == 403


def test_the_unit_page_runs_a_fixed_number_of_queries(login, cast, tree, an, django_assert_max_num_queries):
    client = login(cast.alice)
    url = reverse("awards:unit_records", args=[tree.ha_hoa.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for i in range(40):
        make_person(f"Người Số {i:02d}", tree.ha_hoa if i % 2 else tree.van_phong)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Người Số 39" in client.get(url).content.decode()


def test_the_person_page_runs_a_fixed_number_of_queries_with_many_records(login, cast, an,
                                                                          django_assert_max_num_queries):
    client = login(cast.alice)
    client.get(an.get_absolute_url())
    with django_assert_max_num_queries(30) as few:
        client.get(an.get_absolute_url())
    for i in range(20):
        initiative = Initiative.objects.create(title=f"Sáng kiến {i}", year=2020 + i % 6, recognising_body="UBND xã")
        initiative.authors.add(an)
        DisciplinePeriod.objects.create(person=an, form="reprimand", start=datetime.date(2000 + i, 1, 1),
                                        end=datetime.date(2000 + i, 6, 30))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Sáng kiến 19" in client.get(an.get_absolute_url()).content.decode()
