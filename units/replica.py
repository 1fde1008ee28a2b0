"""Reports read from a read replica of the database, when there is one (DATABASE_REPLICA_URL).

The statistics pages, the statutory forms and the yearly roll-ups scan whole provinces' records: on
a replica they leave the primary to the people deciding dossiers. Everything else reads the primary,
because a workflow page must show the step its user has just taken, and a replica lags behind by a
moment. So the choice is made per view (settings.REPLICA_READ_VIEWS, by URL name), for safe methods
only, and only while the view runs: the session and the signed-in user have been read from the
primary already (the login and two-step checks run before the view), and any write in the view goes
to the primary as usual.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading_from_replica = ContextVar("reading_from_replica", default=False)


@contextmanager
def replica_reads():
    """Inside this block, reads go to the replica (if one is configured)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    """Sends reads made inside ``replica_reads`` to the replica; writes and migrations stay on the primary."""

    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: a row read from either may point to one from the other.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Runs the views named in REPLICA_READ_VIEWS inside ``replica_reads`` for GET and HEAD."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "REPLICA_READ_VIEWS", ()))

    def __call__(self, request):
        request._replica_token = None
        try:
            return self.get_response(request)
        finally:
            if (token := request._replica_token) is not None:
                _reading_from_replica.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method in ("GET", "HEAD") and match is not None and match.view_name in self.views:
            request._replica_token = _reading_from_replica.set(True)
        return None
