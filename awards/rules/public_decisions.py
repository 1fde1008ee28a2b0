"""The public register of decisions: which decisions anyone may read, how they are searched, and what of
each award line is shown.

What is public is what the decision and its attached list publish (Luật TĐKT 2022, Điều 5: công khai,
minh bạch): the decision's number, date, issuing body and trích yếu; of each line the name, position
and unit, the award and the achievement. Never an identity number, a birth date, an address, a phone
number, an e-mail or a document: the rows below carry none of those fields, and what a clerk typed
into an achievement or a household's name is trimmed of anything that looks like one.

Drafts never appear, nor decisions withheld from publication (``Decision.published``, for state-secret
content). A record revoked later stays on its decision's list, marked with the day it was revoked
(never the reason): the decision stays a public act, and a printout of the old list must not pass for
a valid award.
"""

import hashlib
import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from units.models import Unit
from units.text import fold

from awards.models import AwardRecord, Decision

PAGE_SIZE = 20
QUERY_MAX = 100
# The bodies a citizen picks from: a province or a centrally-run city, a ministry or a central body.
BODY_KINDS = (Unit.Kind.PROVINCE, Unit.Kind.CITY, Unit.Kind.MINISTRY, Unit.Kind.CENTRAL, Unit.Kind.STATE)
HIDDEN = "…"

# What looks like a personal identifier inside free text: an e-mail address; a run of nine digits or more
# (a CCCD has twelve, an old CMND nine); a phone number (0 or +84, then nine or ten digits, grouped with
# spaces or dots). An amount ("1.200.000.000 đồng") begins with no 0 and stays.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
DIGIT_RUN = re.compile(r"(?<![\d.,])(?:\d{9,}|(?:\+84|0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4})(?![\d])")
NUMBER_QUERY = re.compile(r"(\d{1,9})(?:\s*/.*)?")


def cache_key(*parts) -> str:
    """The register's cache key for a page's rows: a hash of the cleaned parameters, never what was typed."""
    return "public-decisions:v1:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def detail_cache_key(public_id: str) -> str:
    return cache_key("detail", public_id)


def scrubbed(text: str) -> str:
    """``text`` with anything shaped like an e-mail address, an identity or a phone number replaced by "…"."""
    return DIGIT_RUN.sub(HIDDEN, EMAIL.sub(HIDDEN, text or ""))


def household_name(text: str) -> str:
    """A household as the register names it: its head ("Hộ ông Nguyễn Văn A"), not its address (after the
    first comma, as the proposal form asks it to be written)."""
    return scrubbed(text.split(",", 1)[0].strip())


@dataclass(frozen=True)
class Body:
    """An issuing province or ministry a citizen may filter by."""

    pk: int
    label: str
    path: str


def issuing_bodies() -> list[Body]:
    """The provinces and ministries under which at least one published decision was issued; one query."""
    under = Decision.objects.published().filter(issuing_unit__path__startswith=OuterRef("path"))
    rows = Unit.objects.filter(kind__in=BODY_KINDS).filter(Exists(under)).order_by("name", "valid_from", "pk")
    return [Body(unit.pk, f"{unit.name} (đến {unit.valid_to:%d/%m/%Y})" if unit.valid_to else unit.name,
                 unit.path) for unit in rows]


def search(*, text: str = "", year: int | None = None, body: Body | None = None):
    """Published decisions, newest first, matching ``text`` (without regard to diacritics or case) in the
    number, the trích yếu, a recipient's name or a recipient's unit; of the year and under the body given."""
    rows = Decision.objects.published()
    if year:
        rows = rows.filter(signed_on__year=year)
    if body:
        rows = rows.filter(issuing_unit__path__startswith=body.path)
    key = fold(text)[:QUERY_MAX]
    if key:
        recipients = AwardRecord.objects.filter(
            Q(person__search_key__contains=key) | Q(collective__search_key__contains=key)
            | Q(person__unit__search_key__contains=key)).values("decision_id")
        match = Q(search_key__contains=key) | Q(pk__in=recipients)
        number = NUMBER_QUERY.fullmatch(key)
        if number:
            match |= Q(number=int(number.group(1)))
        rows = rows.filter(match)
    return rows.select_related("issuing_unit").order_by("-signed_on", "-number", "-pk")


def record_counts(decision_ids) -> dict[int, int]:
    """How many award lines each decision lists, in one query."""
    return dict(AwardRecord.objects.filter(decision_id__in=decision_ids).values("decision_id")
                .annotate(n=Count("pk")).values_list("decision_id", "n"))


def published_decision(public_id: str) -> Decision | None:
    return Decision.objects.published().select_related("issuing_unit").filter(public_id=public_id).first()


@dataclass(frozen=True)
class Line:
    """One line of a decision's public list: only fields the law makes public."""

    name: str
    where: str
    award: str
    achievement: str
    revoked_on: object = None


def public_lines(decision) -> list[Line]:
    """The decision's award lines, by award then in order; one query whatever their number."""
    records = (AwardRecord.objects.filter(decision=decision)
               .select_related("award", "person__unit", "collective__parent", "dossier_line__nomination_line")
               .order_by("award__position", "award__code", "award_class", "pk"))
    return [_line(record) for record in records]


def _line(record) -> Line:
    if record.person_id:
        person = record.person
        name = person.full_name
        where = ", ".join(part for part in (person.position, person.unit.name) if part)
    elif record.collective_id:
        parent = record.collective.parent
        name = record.collective.name
        where = f"Thuộc {parent.name}" if parent else "Tập thể"
    else:
        name, where = household_name(record.household), "Hộ gia đình"
    proposal = record.dossier_line.nomination_line if record.dossier_line_id else None
    return Line(name=name, where=scrubbed(where), award=record.award_label,
                achievement=scrubbed(proposal.summary.strip()) if proposal else "", revoked_on=record.revoked_on)
