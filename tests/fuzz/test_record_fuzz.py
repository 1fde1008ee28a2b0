"""The ratings grid, the records forms and the bulk confirmation, fed what a careless user or an attacker types."""

import pytest
from django.urls import reverse
from hypothesis import given

from tests.fuzz.texts import FUZZ, date, exchange, hostile, number, text

pytestmark = pytest.mark.django_db


def no_problems(found):
    assert found == [], "\n".join(found)


@FUZZ
@given(title=text, body=text, decision=text, year=number, decided=date)
@hostile("title", "body", "decision", year="2025", decided="")
def test_adding_an_initiative_never_breaks(office, as_user, title, body, decision, year, decided):
    data = {"loai": "sang_kien", "sk-title": title, "sk-year": year, "sk-scope": "base", "sk-recognising_body": body,
            "sk-decision_number": decision, "sk-decision_date": decided}
    found, _ = exchange(as_user(office.alice), "post", reverse("awards:person_records", args=[office.an.pk]), data,
                        shown=title)
    no_problems(found)


@FUZZ
@given(decision=text, start=date, end=date)
@hostile("decision", start="2024-01-01", end="")
def test_adding_a_discipline_period_never_breaks(office, as_user, decision, start, end):
    data = {"loai": "ky_luat", "kl-form": "warning", "kl-start": start, "kl-end": end, "kl-decision": decision}
    found, _ = exchange(as_user(office.alice), "post", reverse("awards:person_records", args=[office.an.pk]), data,
                        shown=decision)
    no_problems(found)


@FUZZ
@given(rating=text, year=number)
@hostile("rating", year="2025")
def test_the_ratings_grid_never_breaks(office, as_user, rating, year):
    url = f"{reverse('awards:unit_ratings', args=[office.tree.ha_hoa.pk])}?nam=2025"
    data = {"ca_nhan": [office.an.pk, year], f"xl-{office.an.pk}": rating}
    found, _ = exchange(as_user(office.alice), "post", url, data)
    no_problems(found)


@FUZZ
@given(reason=text)
@hostile("reason")
def test_confirming_lines_at_once_never_breaks(office, as_user, reason):
    office.draft_list.lines.update(eligible=False)
    data = {"line": [office.draft_line.pk, "x", "99999999999999999999"], "reason": reason}
    found, _ = exchange(as_user(office.bob), "post", reverse("awards:nomination_lines_override",
                                                             args=[office.draft_list.pk]), data, shown=reason)
    no_problems(found)
