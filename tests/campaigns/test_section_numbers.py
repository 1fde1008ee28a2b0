"""A plan's sections are numbered by level (I., 1., a)) and keep their numbers in order when moved."""

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import PlanSection
from campaigns.section_numbers import automatic_numbers, letter, roman

from tests.campaigns.test_import_plan import NINH_THUAN, import_seed
from tests.campaigns.test_plan_views import edit_payload
from tests.conftest import make_plan


@pytest.mark.parametrize("levels, numbers", [
    ([1, 2, 2, 3, 3, 1, 2], ["I.", "1.", "2.", "a)", "b)", "II.", "1."]),
    ([1, 2, 3, 4, 4, 2], ["I.", "1.", "a)", "-", "-", "2."]),
    # A point typed straight under a part reads as the part's first item, and its siblings go on from it.
    ([1, 3, 3, 2], ["I.", "1.", "2.", "3."]),
    ([2, 2, 1], ["I.", "II.", "III."]),
    ([], []),
])
def test_numbers_follow_the_levels_in_order(levels, numbers):
    assert automatic_numbers(levels) == numbers


def test_roman_numerals_and_vietnamese_letters():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1999)] == ["I", "IV", "IX", "XIV", "XL", "MCMXCIX"]
    # The letters of Vietnamese point lists: a, b, c, d, đ, e — and no f, j, w, z.
    assert [letter(n) for n in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert letter(24) == "aa"


@pytest.fixture
def draft(tree):
    return make_plan(tree.ha_hoa)


def numbered(plan):
    return [(s.number, s.heading) for s in plan.sections.order_by("position", "pk")]


@pytest.mark.django_db
def test_a_section_added_between_two_parts_renumbers_those_after_it(login, cast, draft):
    data = edit_payload(draft, number_sections="on", **{
        "sections-TOTAL_FORMS": 4,
        "sections-2-position": 15, "sections-2-level": 1, "sections-2-heading": "NỘI DUNG THI ĐUA",
        "sections-2-kind": "content", "sections-2-body": "",
        "sections-3-position": 16, "sections-3-level": 2, "sections-3-heading": "Thi đua lao động sản xuất",
        "sections-3-kind": "content", "sections-3-body": "Phấn đấu vượt chỉ tiêu.",
    })
    assert login(cast.alice).post(reverse("campaigns:plan_edit", args=[draft.pk]), data).status_code == 302
    assert numbered(draft) == [("I.", "MỤC ĐÍCH, YÊU CẦU"), ("II.", "NỘI DUNG THI ĐUA"),
                               ("1.", "Thi đua lao động sản xuất"), ("III.", "HÌNH THỨC KHEN THƯỞNG")]
    # The printed plan reads the same numbers.
    preview = login(cast.alice).get(draft.get_absolute_url()).content.decode()
    assert "III. HÌNH THỨC KHEN THƯỞNG" in preview


@pytest.mark.django_db
def test_moving_a_section_renumbers_it(login, cast, draft):
    first, second = draft.sections.order_by("position")
    data = edit_payload(draft, number_sections="on", **{"sections-0-position": 30, "sections-1-position": 10})
    assert login(cast.alice).post(reverse("campaigns:plan_edit", args=[draft.pk]), data).status_code == 302
    assert numbered(draft) == [("I.", second.heading), ("II.", first.heading)]


@pytest.mark.django_db
def test_without_automatic_numbering_the_typed_numbers_stay(login, cast, draft):
    data = edit_payload(draft, **{"sections-0-number": "1.", "sections-1-number": "1.1."})
    assert login(cast.alice).post(reverse("campaigns:plan_edit", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert not draft.number_sections
    assert [n for n, _ in numbered(draft)] == ["1.", "1.1."]


@pytest.mark.django_db
def test_a_new_draft_is_numbered_automatically_and_an_imported_plan_keeps_its_numbers(cast, tree):
    plan = services.create_plan(actor=cast.alice, issuing_unit=tree.ha_hoa, title="Phát động thi đua năm 2026")
    assert plan.number_sections
    imported, _ = import_seed(NINH_THUAN)
    assert not imported.number_sections
    assert imported.sections.exclude(number="").exists()


@pytest.mark.django_db
def test_an_implementing_plan_numbers_the_content_it_takes_from_above(cast, tree):
    province_plan = make_plan(tree.phu_tho, status="issued", number=188, issue_day=31, issue_month=5)
    PlanSection.objects.create(plan=province_plan, position=30, level=1, number="III.", heading="NỘI DUNG THI ĐUA",
                               kind="content")
    PlanSection.objects.create(plan=province_plan, position=40, level=2, number="1.", heading="Thi đua sản xuất",
                               kind="content")
    child = services.create_implementing_plan(province_plan, actor=cast.alice, unit=tree.ha_hoa)
    assert numbered(child) == [("I.", "NỘI DUNG THI ĐUA"), ("1.", "Thi đua sản xuất")]
