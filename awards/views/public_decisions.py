"""The public register of issued decisions: a searchable list and one page per decision, no login.

What each page shows is decided in awards.rules.public_decisions (no identity numbers, birth dates,
addresses, phone numbers, e-mails or documents). The rows of a page are kept in the default cache for
``PUBLIC_DECISIONS_CACHE_SECONDS`` (one minute by default), keyed by a hash of the cleaned parameters,
never by what was typed as such. Only a decision withdrawn from the register has its page forgotten at once
(awards.services.publication); otherwise the rows simply expire, so a decision issued or a record revoked
shows within that time (the certificate check page, uncached, is the one to trust at once). Only plain rows
are cached: the page itself is rendered for each request (the header differs for a signed-in user, and
every page carries its own CSP nonce). Each address may have a limited number of pages built from the
database in ten minutes (``PUBLIC_DECISION_LOOKUPS``); pages answered from the cache are not counted.

Search engines may index the register's list (numbers, dates, bodies, trích yếu: no names) but not a
decision's list of people nor a search's results (``noindex``): a citizen's name should lead to their
award through this register, not through a web search engine.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from units import rate_limits
from units.client_address import client_address
from units.text import fold

from awards.documents.letterhead import body_name
from awards.forms.public_decisions import PublicDecisionSearchForm
from awards.rules import public_decisions as register

SCOPE = "public-decisions"
WINDOW_SECONDS = 600
INDEX = "index, follow"
NO_INDEX = "noindex, nofollow"
MAX_PAGE = 10_000


@dataclass(frozen=True)
class Row:
    """A decision as the register lists it."""

    public_id: str
    number: str
    signed_on: object
    body: str
    title: str
    count: int


def _cached(request, key, build):
    """The rows under ``key``, built (and counted against the address's limit) when the cache has none;
    None when the address has had too many pages built."""
    data = cache.get(key)
    if data is None:
        address = client_address(request)
        if rate_limits.count(SCOPE, address, window=WINDOW_SECONDS) >= settings.PUBLIC_DECISION_LOOKUPS:
            return None
        rate_limits.add_one(SCOPE, address, window=WINDOW_SECONDS)
        data = build()
        cache.set(key, data, settings.PUBLIC_DECISIONS_CACHE_SECONDS)
    return data


def _public(response, robots):
    response["X-Robots-Tag"] = robots
    return response


def _too_many(request):
    response = render(request, "awards/decision_public_limited.html", {"robots": NO_INDEX}, status=429)
    response["Retry-After"] = str(rate_limits.seconds_left(WINDOW_SECONDS))
    return _public(response, NO_INDEX)


def _page_number(request) -> int:
    value = request.GET.get("trang", "")
    return min(int(value), MAX_PAGE) if value.isascii() and value.isdigit() and 0 < len(value) < 7 and int(value) else 1


def _list_page(*, text, year, body, number):
    paginator = Paginator(register.search(text=text, year=year, body=body), register.PAGE_SIZE)
    page = paginator.get_page(number)
    decisions = list(page.object_list)
    counts = register.record_counts([d.pk for d in decisions])
    rows = [Row(d.public_id, d.number_text, d.signed_on, body_name(d.issuing_unit), d.title_one_line,
                counts.get(d.pk, 0)) for d in decisions]
    return {"rows": rows, "count": paginator.count, "number": page.number, "num_pages": paginator.num_pages}


@login_not_required
@require_safe
def decision_public_list(request):
    """Published decisions, newest first, searched and filtered as the citizen asks, twenty a page."""
    bodies = _cached(request, register.cache_key("bodies"), register.issuing_bodies)
    if bodies is None:
        return _too_many(request)
    form = PublicDecisionSearchForm(request.GET or None, bodies=bodies)
    text, year, body = "", None, None
    if form.is_bound and form.is_valid():
        text, year, body = form.cleaned_data["q"], form.cleaned_data["nam"], form.cleaned_data["co_quan"]
    number = _page_number(request)
    status = 400 if form.is_bound and not form.is_valid() else 200
    data = _cached(request, register.cache_key("list", fold(text), year, body.pk if body else None, number),
                   lambda: _list_page(text=text, year=year, body=body, number=number))
    if data is None:
        return _too_many(request)
    # A search's results name what was searched (often a person): kept out of search engines.
    robots = NO_INDEX if text or status != 200 else INDEX
    return _public(render(request, "awards/decision_public_list.html", {
        "form": form, "searched": bool(text or year or body), "robots": robots, **data,
        "previous_query": _query(request, data["number"] - 1), "next_query": _query(request, data["number"] + 1),
    }, status=status), robots)


def _query(request, number):
    params = request.GET.copy()
    params["trang"] = number
    return params.urlencode()


def _detail(public_id):
    decision = register.published_decision(public_id)
    if decision is None:
        return {}  # cached too: a wrong address costs one query per minute, not one per request
    return {
        "decision": Row(decision.public_id, decision.number_text, decision.signed_on, body_name(decision.issuing_unit),
                        decision.title_one_line, 0),
        "lines": register.public_lines(decision),
    }


@login_not_required
@require_safe
def decision_public_detail(request, public_id):
    """One published decision and its list: names, positions, units, awards, achievements."""
    data = _cached(request, register.detail_cache_key(public_id), lambda: _detail(public_id))
    if data is None:
        return _too_many(request)
    if not data:
        raise Http404("Không có quyết định được công khai ở địa chỉ này.")
    lines = data["lines"]
    revoked = sum(1 for line in lines if line.revoked_on)
    return _public(render(request, "awards/decision_public_detail.html", {
        **data, "revoked": revoked, "robots": NO_INDEX,
    }), NO_INDEX)
