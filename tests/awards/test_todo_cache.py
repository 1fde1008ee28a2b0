"""The to-do badge is counted once and kept per user under the portal's write mark: every write through the
portal, by anyone, and the end of every job have it counted afresh on the next page."""

import datetime

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from units import jobs, write_marks
from units.models import Job

from campaigns.models import Plan

from awards.models import Dossier
from awards.rules import todo

from tests.awards.test_todo import HOME, badge
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db
PLANS = reverse("campaigns:plan_list")


@pytest.fixture(autouse=True)
def kept(settings):
    settings.TODO_CACHE_SECONDS = 60


def dossier_queries(client, path=PLANS):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content.decode()
    return html, [q["sql"] for q in queries.captured_queries if "awards_dossier" in q["sql"]]


def test_the_badge_is_counted_on_the_first_page_and_read_from_the_cache_on_the_next(login, province_clerk,
                                                                                    submitted_dossier):
    client = login(province_clerk)
    html, counted = dossier_queries(client)
    assert badge(html) and badge(html)[0] == "1" and counted
    html, counted = dossier_queries(client)
    assert badge(html)[0] == "1" and counted == []


def test_a_page_with_the_kept_badge_runs_one_query_for_it(login, province_clerk, submitted_dossier,
                                                          django_assert_num_queries, settings):
    client = login(province_clerk)
    client.get(PLANS)
    with CaptureQueriesContext(connection) as kept_queries:
        client.get(PLANS)
    settings.TODO_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as counted_queries:
        client.get(PLANS)
    # The two counting queries become one read of the cache.
    assert len(kept_queries) == len(counted_queries) - 1


def test_any_write_through_the_portal_has_the_badge_counted_afresh(login, client, province_clerk,
                                                                   submitted_dossier):
    clerk = login(province_clerk)
    assert badge(clerk.get(PLANS).content.decode())[0] == "1"
    # Written behind the portal's back: the kept count stands (as it would for TODO_CACHE_SECONDS at most).
    Dossier.objects.filter(pk=submitted_dossier.pk).update(status=Dossier.Status.RETURNED)
    assert badge(clerk.get(PLANS).content.decode())[0] == "1"
    # Any request that may write, by anyone, even a refused login, moves the mark.
    Client().post(reverse("login"), {"username": "nobody", "password": "sai"})
    assert badge(clerk.get(PLANS).content.decode()) is None


def test_the_end_of_a_job_moves_the_mark(cast):
    before = write_marks.read_with_mark("anything")[1]
    job = Job.objects.create(kind=Job.Kind.PLAN_PDF, owner=cast.alice, state=Job.State.QUEUED)
    jobs.run_job(job.pk, lambda job, progress: jobs.JobResult(message="Xong"), failure_message="Không làm được.")
    assert write_marks.read_with_mark("anything")[1] != before


def test_counts_kept_under_an_older_mark_are_passed_over(cast):
    key = f"todo-tasks:{cast.alice.pk}:{timezone.localdate().isoformat()}"
    mark = write_marks.read_with_mark(key)[1]
    cache.set(key, (mark, [("receive", 5, "/khen-thuong/ho-so/")]), 60)
    assert [(t.kind.key, t.count) for t in todo.tasks(type(cast.alice).objects.get(pk=cast.alice.pk))] == [
        ("receive", 5)]
    write_marks.mark_written()
    assert todo.tasks(type(cast.alice).objects.get(pk=cast.alice.pk)) == []
    assert cache.get(key)[0] == write_marks.read_with_mark(key)[1]


def test_a_lost_mark_is_made_anew():
    cache.delete(write_marks.MARK_KEY)
    _value, mark = write_marks.read_with_mark("anything")
    assert mark and cache.get(write_marks.MARK_KEY) == mark


def test_the_home_page_keeps_its_deadlines_too(login, cast, tree, client):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    plan = make_plan(tree.phu_tho, title="Kế hoạch có hạn", status="issued", dossier_deadline=soon)
    alice = login(cast.alice)
    assert "Kế hoạch có hạn" in alice.get(HOME).content.decode()
    with CaptureQueriesContext(connection) as kept_queries:
        assert "Kế hoạch có hạn" in alice.get(HOME).content.decode()
    assert not [q for q in kept_queries.captured_queries if "campaigns_plan" in q["sql"]]
    # The deadline is dropped, then anyone writes through the portal: it leaves the home page on its next showing.
    Plan.objects.filter(pk=plan.pk).update(dossier_deadline=None)
    Client().post(reverse("login"), {"username": "nobody", "password": "sai"})
    assert "Kế hoạch có hạn" not in alice.get(HOME).content.decode()


def test_a_mark_that_cannot_move_leaves_the_answer_as_it_was(client, monkeypatch):
    def gone(*args, **kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr(write_marks, "mark_written", gone)
    response = client.post(reverse("login"), {"username": "nobody", "password": "sai"})
    assert response.status_code == 200 and "login" in response.templates[0].name
