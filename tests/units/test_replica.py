"""A read replica (DATABASE_REPLICA_URL) serves the report views' reads, and nothing else."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from units.models import Unit
from units.replica import ReplicaReadsMiddleware, ReplicaRouter, replica_reads


def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_reads_go_to_the_replica_only_inside_replica_reads_and_only_when_there_is_one(settings):
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Unit) is None  # no replica configured: the primary
    with_replica(settings)
    assert router.db_for_read(Unit) is None
    with replica_reads():
        assert router.db_for_read(Unit) == "replica"
        assert router.db_for_write(Unit) is None
    assert router.db_for_read(Unit) is None
    assert router.allow_migrate("default", "units") and not router.allow_migrate("replica", "units")


def read_by(method, path, settings):
    """Which database a view at ``path`` would read from, through the middleware, and after it."""
    seen = {}

    def view(request):
        seen["during"] = ReplicaRouter().db_for_read(Unit)
        return HttpResponse()

    request = getattr(RequestFactory(), method)(path)
    request.resolver_match = resolve(path)
    middleware = ReplicaReadsMiddleware(lambda req: middleware.process_view(req, view, (), {}) or view(req))
    middleware(request)
    return seen["during"], ReplicaRouter().db_for_read(Unit)


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_report_views_read_the_replica_while_they_run_and_workflow_pages_the_primary(settings):
    with_replica(settings)
    assert read_by("get", "/khen-thuong/thong-ke/", settings) == ("replica", None)
    assert read_by("post", "/khen-thuong/thong-ke/", settings) == (None, None)
    assert read_by("get", "/khen-thuong/ho-so/", settings) == (None, None)
