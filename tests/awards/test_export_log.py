"""Every export of personal data is written to the accountability log, naming the document, not the people."""

import pytest
from django.urls import reverse

from units.models import SecurityEvent

from awards.services import decisions

from tests.awards.council_factories import open_session, reviewed_packet, world  # noqa: F401
from tests.awards.decision_factories import draft

pytestmark = pytest.mark.django_db
EXPORTED = SecurityEvent.Action.PERSONAL_DATA_EXPORTED


def exported(response, user, unit):
    """The one export event the download wrote, checked to hold no one's name."""
    assert response.status_code == 200
    event = SecurityEvent.objects.get(action=EXPORTED)
    assert (event.user, event.unit) == (user, unit)
    assert "Nguyễn Văn An" not in event.target and "Trần Thị Bình" not in event.target
    return event


@pytest.mark.parametrize("name", ["nominee_export", "standard_list_export", "proposal_docx"])
def test_a_lists_export_is_logged(login, cast, tree, commune_list, name):
    response = login(cast.alice).get(reverse(f"awards:{name}", args=[commune_list.pk]))
    event = exported(response, cast.alice, tree.ha_hoa)
    assert f"#{commune_list.pk}" in event.target


def test_a_lines_report_export_is_logged(login, cast, tree, commune_list):
    line = commune_list.lines.order_by("pk").first()
    response = login(cast.alice).get(reverse("awards:report_docx", args=[line.pk]))
    assert f"#{line.pk}" in exported(response, cast.alice, tree.ha_hoa).target


def test_a_decisions_export_is_logged(login, cast, tree, central, province_clerk):
    from tests.awards.test_decision_views import settle_lines

    cast.phuong = province_clerk
    settle_lines(cast, tree, 1)
    decision = draft(tree.phu_tho, province_clerk, decisions.ready_lines(tree.phu_tho))
    response = login(province_clerk).get(reverse("awards:decision_docx", args=[decision.pk]))
    assert exported(response, province_clerk, tree.phu_tho).target == f"Quyết định #{decision.pk} (Word)"


def test_a_councils_minutes_export_is_logged(login, world, tree):  # noqa: F811
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(world)
    response = login(world.sarah).get(reverse("awards:council_minutes_docx", args=[session.pk]))
    assert f"#{session.pk}" in exported(response, world.sarah, tree.phu_tho).target


def test_a_plans_registrations_export_is_logged(login, cast, tree, plan):
    response = login(cast.carol).get(reverse("campaigns:plan_registrations_xlsx", args=[plan.pk]))
    assert f"#{plan.pk}" in exported(response, cast.carol, tree.phu_tho).target


def test_a_refused_export_logs_no_export(login, cast, commune_list):
    response = login(cast.olga).get(reverse("awards:nominee_export", args=[commune_list.pk]))
    assert response.status_code == 404
    assert not SecurityEvent.objects.filter(action=EXPORTED).exists()
