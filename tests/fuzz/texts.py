"""What a careless user or an attacker types, as Hypothesis strategies, and the checks every answer must pass.

The texts: empty, very long, mixed scripts, Vietnamese in NFC and NFD, control characters and bidi
overrides, HTML and script payloads, SQL-ish strings, formula starts, huge numbers and dates out of range.
The checks: never a 500; a stored payload is never rendered unescaped; a refusal speaks Vietnamese.
"""

import re
import unicodedata

from django.contrib.messages import get_messages
from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, Phase, example, settings, strategies as st

# Fixed examples: the same inputs on every machine and in CI, no example database. No shrinking: each
# example is a request or an import, and a failure reports the whole input as it was sent.
FUZZ = settings(max_examples=12, deadline=None, database=None, derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = [
    SCRIPT, IMG, "<svg/onload=alert(1)>", "javascript:alert(1)", "{{ 7|add:7 }}{% debug %}",
    "'; DROP TABLE units_person; --", "' OR '1'='1", "1; SELECT * FROM auth_user", "%' OR 1=1 --",
    "=1+2", "=HYPERLINK(\"http://x\",\"bấm\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
]
# Markers that exist in no template: seen raw in a page, a payload went out unescaped.
RAW_MARKERS = ["<script>alert(1)", "<img src=x onerror", "<svg/onload"]
VIETNAMESE_NFC = ["Nguyễn Văn Ánh", "Trần Thị Bảo Ngọc", "Ủy ban nhân dân xã Hạ Hòa", "Đặng Thị Trâm",
                  "Hoàn thành xuất sắc nhiệm vụ năm 2026"]
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068" \
           "\u2069\ufeff\ufffe"
MIXED = "Nguyễn 李小龍 Иван محمد 🇻🇳 ñ ß Ω ا"



def _spellings(phrase):
    return st.sampled_from([phrase, unicodedata.normalize("NFD", phrase), phrase.upper(), f"  {phrase}  "])


def long_text(length):
    return ("Thành tích xuất sắc " * length)[:length]


def joined(*parts):
    return "".join(parts)


def framed(phrase, around):
    return f"{around}{phrase}{around}"


def two_words(first, rest):
    return f"{first} {rest}"


vietnamese = st.sampled_from(VIETNAMESE_NFC).flatmap(_spellings)
controls = st.text(alphabet=CONTROLS, min_size=1, max_size=6)
payload = st.sampled_from(PAYLOADS)
text = st.one_of(
    st.just(""),
    st.just(" \t\n "),
    vietnamese,
    payload,
    st.builds(joined, vietnamese, controls, payload),
    st.builds(framed, vietnamese, controls),
    st.just(MIXED),
    st.integers(min_value=256, max_value=200_000).map(long_text),
    st.text(max_size=80),
)
# Two words at least where the form asks for a full name, so the rest of the text gets checked too.
name = st.one_of(text, st.builds(two_words, vietnamese, text))
number = st.one_of(
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30).map(str),
    st.sampled_from(["", "-1", "0", "2147483648", "9223372036854775808", "1e309", "NaN", "٣", "1,5", " 7 ", "0x1F"]),
)
date = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "0000-00-00", "2026-02-30", "9999-12-31", "10000-01-01", "0001-01-01", "31/12/2026",
                     "1900-01-01", "-2026-01-01", "2026-13-01", "hôm nay"]),
)

# The input every form also gets, whatever Hypothesis draws: two words (so a name passes), a bell, an escape,
# a right-to-left override and a script. Refused or stored, it must come back safe in pages and files.
HOSTILE = "Nguyễn Văn\x07\x1b\u202e Ánh <script>alert(1)</script>"


def hostile(*names, **others):
    """An explicit example giving ``HOSTILE`` to each of ``names`` (and ``others`` as they are)."""
    return example(**dict.fromkeys(names, HOSTILE), **others)


VIETNAMESE_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def problems_in(response, where):
    """What is wrong with one answer: a 500, a raw payload, or a refusal not in Vietnamese."""
    if response.status_code >= 500:
        error = getattr(response, "exc_info", None)
        return [f"{where}: {response.status_code} {error[1]!r}" if error else f"{where}: {response.status_code}"]
    found = []
    if "html" in response.get("Content-Type", ""):
        html = _body(response)
        found += [f"{where}: {marker!r} rendered unescaped" for marker in RAW_MARKERS if marker in html]
    context = getattr(response, "context", None)
    form = context.get("form") if context is not None and hasattr(context, "get") else None
    errors = [str(m) for field in (form.errors.values() if getattr(form, "errors", None) else []) for m in field]
    if response.wsgi_request is not None:
        errors += [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    found += [f"{where}: message not in Vietnamese: {message!r}" for message in errors
              if not VIETNAMESE_LETTER.search(message)]
    return found


def exchange(client, method, url, data=None, *, shown="", page=None, also=(), also_after=(), **extra):
    """One request, and the page it leads to, in a savepoint rolled back after it; returns the problems found.

    ``shown``: a typed value the page after an accepted form displays (a name, a title); holding the
    script payload, the page must show it escaped. ``page``: that page, when it is not where the form
    redirects to. ``also``: files that print what was stored (exports), fetched after the form; ``also_after``:
    the same, as paths under the page the form redirects to.
    """
    with transaction.atomic():
        response = getattr(client, method)(url, data or {}, **extra)
        where = f"{method.upper()} {url}"
        found = problems_in(response, where)
        after = page or (response["Location"] if response.status_code in (301, 302) else None)
        if after and after.startswith("/"):
            follow = client.get(after)
            found += problems_in(follow, f"GET {after} after {where}")
            # A form refused with a message and a redirect (some pages do that) stored nothing to show.
            refused = response.wsgi_request is not None and any(
                message.level_tag == "error" for message in get_messages(response.wsgi_request))
            if SCRIPT in shown and response.status_code == 302 and follow.status_code == 200 and not refused:
                if escape(SCRIPT) not in _body(follow):
                    found.append(f"GET {after} after {where}: the typed script is not shown escaped")
        if response.status_code == 302:
            also = [*also, *(response["Location"].split("#")[0] + suffix for suffix in also_after)]
        for document in also:
            found += problems_in(client.get(document), f"GET {document} after {where}")
        transaction.set_rollback(True)
    return found, response
