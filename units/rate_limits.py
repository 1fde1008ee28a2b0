"""Counts of what one client address did in a recent window, kept in the shared cache.

Every web worker and every server must see the same count, or a limit is multiplied by their
number: the default cache is Redis (REDIS_URL) or a table in the portal's database, never a
process's own memory (config/settings.py). Windows are fixed stretches of time (a count belongs
to the quarter of an hour, say, it was made in), so a count never outlives its window whatever
the cache does with expiry times. Only a hash of the address is stored.
"""

import hashlib
import ipaddress
import time

from django.core.cache import cache


def subject(address: str) -> str:
    """What a limit counts: an IPv4 address as it is, an IPv6 address by its /64 network (one line's
    subscriber holds a whole /64 and could otherwise change address at every attempt)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def now() -> float:
    return time.time()


def address_key(scope: str, address: str) -> str:
    digest = hashlib.sha256(subject(address).encode()).hexdigest()[:32]
    return f"limit:{scope}:{digest}"


def window_key(scope: str, address: str, window: int) -> str:
    return f"{address_key(scope, address)}:{int(now() // window)}"


def first_in(scope: str, address: str, *, seconds: int) -> bool:
    """Whether this is ``address``'s first time in ``scope`` for ``seconds`` (counted from that first time,
    not in fixed windows): for doing something once per stretch, such as logging one entry per flood."""
    return cache.add(address_key(scope, address), 1, seconds)


def count(scope: str, address: str, *, window: int) -> int:
    """How many times ``address`` was counted in ``scope`` during the current window."""
    return cache.get(window_key(scope, address, window), 0)


def add_one(scope: str, address: str, *, window: int) -> int:
    """Count one more for ``address`` in ``scope``; return the count of the current window.

    Redis adds atomically; the database cache reads and writes, so two requests at the same
    instant may count once: a limit is reached an attempt or two later, never missed.
    """
    key = window_key(scope, address, window)
    cache.add(key, 0, window)
    try:
        value = cache.incr(key)
    except ValueError:  # the entry expired or was culled between the two calls
        cache.set(key, 1, window)
        return 1
    # Some caches rewrite the entry with their default timeout when adding: keep it for the window.
    cache.touch(key, window)
    return value


def seconds_left(window: int) -> int:
    """Seconds until the current window ends (for a Retry-After header)."""
    return max(1, int(window - now() % window))
