"""The working-day calendar: weekends, the seeded holidays and swapped Saturdays, edits taking effect, the inbox."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Dossier, Holiday
from awards.rules import inbox, working_days

from tests.awards.consultation_factories import fresh_calendar_and_cache
from tests.awards.dossier_factories import make_list, on_day, people, submit

pytestmark = pytest.mark.django_db
__all__ = ["fresh_calendar_and_cache", "on_day"]  # fixtures used by name
d = datetime.date


def test_tet_binh_ngo_2026_takes_a_whole_week_out_of_the_count():
    # Friday 13/02 is the last working day before Tết; Monday 16/02 to Friday 20/02 are off.
    assert not working_days.is_working_day(d(2026, 2, 16))
    assert working_days.add_working_days(d(2026, 2, 13), 1) == d(2026, 2, 23)
    assert working_days.working_days_between(d(2026, 2, 13), d(2026, 2, 23)) == 1
    # Twenty working days from Monday 09/02: 4 before Tết (10–13/02), then 16 from 23/02 → Monday 16/03.
    assert working_days.add_working_days(d(2026, 2, 9), 20) == d(2026, 3, 16)


def test_the_may_holidays_2025_count_the_saturday_worked_in_exchange():
    # 30/4, 1/5 off; Friday 2/5 swapped for Saturday 26/4, which is a working day.
    assert working_days.is_working_day(d(2025, 4, 26))
    assert not working_days.is_working_day(d(2025, 5, 2))
    assert working_days.add_working_days(d(2025, 4, 25), 1) == d(2025, 4, 26)
    assert working_days.add_working_days(d(2025, 4, 29), 1) == d(2025, 5, 5)
    # After Friday 25/4 up to Monday 5/5: Saturday 26/4, Monday 28/4, Tuesday 29/4, Monday 5/5.
    assert working_days.working_days_between(d(2025, 4, 25), d(2025, 5, 5)) == 4


def test_the_may_holidays_2024_swap_monday_29_april_for_saturday_4_may():
    assert not working_days.is_working_day(d(2024, 4, 29))
    assert working_days.is_working_day(d(2024, 5, 4))
    assert working_days.add_working_days(d(2024, 4, 26), 1) == d(2024, 5, 2)


def test_a_holiday_on_a_sunday_gives_the_monday_off_and_plain_weekends_stay_off():
    assert not working_days.is_working_day(d(2026, 4, 27))  # Giỗ Tổ fell on Sunday 26/4/2026
    assert not working_days.is_working_day(d(2026, 3, 7))  # an ordinary Saturday
    assert working_days.is_working_day(d(2026, 3, 9))


def test_a_holiday_added_or_removed_takes_effect_at_once():
    monday = d(2026, 3, 2)
    assert working_days.is_working_day(monday)
    holiday = Holiday.objects.create(date=monday, name="Nghỉ đột xuất", legal_basis="Thông báo của tỉnh")
    assert not working_days.is_working_day(monday)
    holiday.delete()
    assert working_days.is_working_day(monday)


def test_the_admin_edits_the_calendar_and_a_bulk_delete_takes_effect(client, cast):
    client.force_login(cast.root)
    page = client.get(reverse("admin:awards_holiday_changelist"))
    assert page.status_code == 200 and "Tết Nguyên đán Bính Ngọ" in page.content.decode()
    new_year = Holiday.objects.get(date=d(2026, 1, 1))
    assert not working_days.is_working_day(new_year.date)
    client.post(reverse("admin:awards_holiday_changelist"),
                {"action": "delete_selected", "_selected_action": [new_year.pk], "post": "yes"})
    assert not Holiday.objects.filter(pk=new_year.pk).exists()
    assert working_days.is_working_day(new_year.date)


def test_a_loop_over_many_dates_reads_the_table_once(django_assert_num_queries):
    with django_assert_num_queries(1):
        calendar = working_days.read_calendar()
        assert sum(calendar.is_working_day(d(2026, 1, 1) + datetime.timedelta(days=i)) for i in range(365)) > 0
    working_days.working_calendar()
    with django_assert_num_queries(0):
        for i in range(100):
            working_days.add_working_days(d(2026, 1, 1), i)


def test_the_inbox_counts_the_wait_in_working_days_without_tet(cast, tree, central, on_day, province_clerk):
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    sent = on_day(d(2026, 2, 12))  # Thursday before Tết
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    Dossier.objects.filter(pk=packet.pk).update(status_changed_at=sent)  # field defaults keep the real clock
    on_day(d(2026, 2, 26))  # Thursday after: 13/02 and 23–26/02 are working days
    [item], _more = inbox.inbox(province_clerk)
    assert item.dossier == packet and item.waited == 5 and item.waited_label == "5 ngày làm việc"
    # The province has 20 working days: 13/02, then 19 from 23/02 → Thursday 19/03.
    assert item.due == d(2026, 3, 19) and not item.overdue
    assert Dossier.objects.get(pk=packet.pk).status == Dossier.Status.SUBMITTED


def _walked(calendar, start, end):
    """Working days after ``start`` up to ``end``, one day at a time: what the counted answer must equal."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


def test_the_count_by_weeks_equals_walking_day_by_day_across_the_seeded_holidays():
    calendar = working_days.read_calendar()
    assert calendar.days_off and calendar.days_worked
    first = datetime.date(2023, 12, 20)
    for offset in range(0, 1200, 37):
        start = first + datetime.timedelta(days=offset)
        for length in (-3, 0, 1, 2, 5, 6, 7, 8, 13, 30, 200, 900):
            end = start + datetime.timedelta(days=length)
            assert calendar.working_days_between(start, end) == _walked(calendar, start, end), (start, end)
