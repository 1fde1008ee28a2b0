"""The address a request comes from: one answer for login lockout, every rate limit and every log.

Behind a reverse proxy every request arrives from the proxy, so REMOTE_ADDR is the proxy's
address and the client's is in X-Forwarded-For. That header is whatever the client sent plus
what each proxy appended, so it is read only when REMOTE_ADDR is a proxy the deployment names
in TRUSTED_PROXIES, and then from the right: each trusted proxy appended the address that
connected to it, and the first hop from the right that is not a trusted proxy is the client.
Anything further left was written by the client and is ignored. With TRUSTED_PROXIES empty
(the default) the header is never read.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=4)
def trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def parse_address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from a header hop, with a port or brackets some proxies add; None when it is not one."""
    value = value.strip()
    if value.startswith("["):  # "[2001:db8::1]:443"
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket shows as ::ffff:a.b.c.d; count it as itself.
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(request) -> str:
    """The client's address as text: REMOTE_ADDR, or the rightmost untrusted X-Forwarded-For hop
    when REMOTE_ADDR is a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    peer = parse_address(remote)
    if peer is None:
        return remote
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    address = peer
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            # A trusted proxy wrote something that is not an address: fall back to the proxy
            # itself, which a client cannot vary to escape a limit.
            return str(peer)
        if not _is_trusted(address, networks):
            return str(address)
    # Every hop is a trusted proxy (a health check from the proxy itself): the farthest one.
    return str(address)


def _is_trusted(address, networks) -> bool:
    return any(address in network for network in networks)
