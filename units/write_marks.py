"""A mark in the shared cache that changes whenever something may have been written through the portal.

Summaries a page shows on every request (the menu's to-do badge) are kept per user in the shared cache
with the mark they were counted under, and are counted again once the mark has moved. The mark moves
after every request that may write (any method but GET, HEAD, OPTIONS and TRACE, whoever sends it and
whatever the answer) and at the end of every job, always after the write has been committed. It is a
random token, not a counter: a summary counted before a write, even one saved after it, carries a token
that never comes back.
"""

import logging
import secrets

from django.core.cache import cache

log = logging.getLogger("thidua.faults")

MARK_KEY = "portal-write-mark"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def mark_written() -> str:
    """Move the mark: every summary counted before now is counted again."""
    mark = secrets.token_hex(8)
    cache.set(MARK_KEY, mark, None)
    return mark


def read_with_mark(key):
    """``(value stored at key or None, the current mark)`` in one read of the cache.

    A mark lost from the cache (evicted, the cache emptied) is made anew, so no summary is ever kept
    under a missing mark.
    """
    found = cache.get_many([key, MARK_KEY])
    mark = found.get(MARK_KEY)
    if mark is None:
        mark = mark_written()
    return found.get(key), mark


class WriteMarkMiddleware:
    """Moves the mark after each request that may have written, once its transactions are committed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            try:
                mark_written()
            except Exception:  # the cache or its database is gone: the answer stands (a 503 stays a 503)
                # The kept counts then lag by TODO_CACHE_SECONDS at most.
                log.exception("the write mark could not move after %s %s", request.method, request.path)
        return response
