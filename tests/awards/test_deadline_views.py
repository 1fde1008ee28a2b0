"""The plan's issuing unit extends the dossier deadline on a page; everyone under the plan sees the record."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardType, DeadlineExtension
from awards.services import nominations

from tests.awards.pdf_files import attach_missing
from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def plan(tree):
    return make_plan(tree.phu_tho, status="issued", dossier_deadline=TODAY - datetime.timedelta(days=1))


def url(plan):
    return reverse("awards:deadline_extensions", args=[plan.pk])


def grant(client, plan, **data):
    return client.post(url(plan), {"new_deadline": (TODAY + datetime.timedelta(days=7)).isoformat(),
                                   "reason": "Bão lũ ảnh hưởng việc họp xét.", **data})


@pytest.mark.parametrize("actor, sees, grants", [
    ("alice", 200, 403), ("bob", 200, 403), ("carol", 200, 403), ("dave", 200, 302), ("erin", 200, 302),
    ("olga", 404, 404),
])
def test_only_the_issuing_units_admin_or_approver_may_extend(login, cast, plan, actor, sees, grants):
    client = login(getattr(cast, actor))
    page = client.get(url(plan))
    assert page.status_code == sees
    if sees == 200:
        assert ('id="form-gia-han"' in page.content.decode()) == (grants == 302)
    assert grant(client, plan).status_code == grants
    assert DeadlineExtension.objects.exists() == (grants == 302)


def test_anonymous_users_are_sent_to_log_in(client, plan):
    assert client.get(url(plan)).url.startswith(reverse("login"))


def test_a_commune_late_for_the_deadline_submits_after_the_province_extends_it(login, cast, tree, plan):
    late = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Đề nghị")
    line = nominations.add_line(late, actor=cast.alice, person=make_person("Nguyễn Văn An", tree.ha_hoa),
                                award=AwardType.objects.get(code="GIAY_KHEN"), summary="Tận tụy")
    if not line.eligible:  # no ratings entered: the commune's leader vouches for the line
        nominations.override_eligibility(line, actor=cast.bob, reason="Thành tích đột xuất trong phòng chống lũ.")
    attach_missing(late, actor=cast.alice)
    with pytest.raises(Exception, match="hạn nộp"):
        nominations.submit_list(late, actor=cast.alice)
    response = grant(login(cast.erin), plan, unit=tree.ha_hoa.pk)
    assert response.status_code == 302
    page = login(cast.alice).get(url(plan)).content.decode()
    assert "Xã Hạ Hòa" in page and "Bão lũ ảnh hưởng việc họp xét." in page
    assert nominations.submit_list(late, actor=cast.alice).status == "submitted"


def test_a_deadline_earlier_than_the_plans_is_refused_and_the_reason_kept(login, cast, plan):
    response = grant(login(cast.erin), plan, new_deadline=(TODAY - datetime.timedelta(days=3)).isoformat())
    html = response.content.decode()
    assert response.status_code == 200 and "Hạn mới phải sau hạn nộp của kế hoạch" in html
    assert "Bão lũ ảnh hưởng việc họp xét." in html
    assert not DeadlineExtension.objects.exists()


def test_the_page_costs_the_same_queries_for_one_or_many_extensions(login, cast, tree, plan,
                                                                    django_assert_max_num_queries):
    client = login(cast.erin)
    grant(client, plan)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url(plan))
    for days in range(8, 14):
        grant(client, plan, unit=tree.ha_hoa.pk, new_deadline=(TODAY + datetime.timedelta(days=days)).isoformat())
    with CaptureQueriesContext(connection) as seven:
        assert client.get(url(plan)).content.decode().count("Bão lũ") == 7
    assert len(one) == len(seven)
