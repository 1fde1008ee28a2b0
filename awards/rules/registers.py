"""The registers: every decision and every paper the user may see, filtered and searched, read only.

A register starts from the scoped queryset (``visible_to``), narrows it by the page's filters and
searches folded keys (units.text.fold), so "nguyen van a" finds "Nguyễn Văn A". What a page of rows
needs besides its own columns (how many people a decision names, which kinds of award) is read for
that page alone in one grouped query each, so a page costs the same whatever the register holds.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from units.text import fold

from awards.models import AwardType, Certificate, Decision
from awards.rules.certificates import certifiable_records


@dataclass(frozen=True)
class DecisionFilters:
    """What the decision register is narrowed by; None or "" means "any"."""

    year: int | None = None
    unit_id: int | None = None
    status: str = ""
    query: str = ""


def _named_in(query: str, prefix: str) -> Q:
    """Rows naming a person or collective whose folded name holds ``query`` folded, or a household as typed
    (households have no folded key)."""
    key = fold(query)
    return (Q(**{f"{prefix}person__search_key__contains": key})
            | Q(**{f"{prefix}collective__search_key__contains": key})
            | Q(**{f"{prefix}household__icontains": query}))


def decision_register(user, filters: DecisionFilters):
    """The decisions ``user`` may see matching ``filters``, newest first."""
    rows = Decision.objects.visible_to(user).select_related("issuing_unit", "issued_by")
    if filters.year:
        rows = rows.filter(signed_on__year=filters.year)
    if filters.unit_id:
        rows = rows.filter(issuing_unit_id=filters.unit_id)
    if filters.status:
        rows = rows.filter(status=filters.status)
    key = fold(filters.query)
    if key:
        lines = Decision.lines.through.objects.filter(_named_in(filters.query, "dossierline__nomination_line__"))
        rows = rows.filter(Q(search_key__contains=key) | Q(pk__in=lines.values("decision_id")))
    return rows.order_by("-signed_on", "-created_at", "-pk")


def decision_issuers(user):
    """The units whose decisions ``user`` may see, for the register's filter: (pk, name), by name."""
    return list(Decision.objects.visible_to(user).order_by("issuing_unit__name")
                .values_list("issuing_unit_id", "issuing_unit__name").distinct())


def decision_years(user):
    """The signing years among the decisions ``user`` may see, newest first."""
    return sorted({d.year for d in Decision.objects.visible_to(user).filter(signed_on__isnull=False)
                   .dates("signed_on", "year")}, reverse=True)


def annotate_decision_lists(decisions):
    """Set on each decision how many people, collectives and households its list names and the kinds of its
    awards (``people``, ``collectives``, ``households``, ``award_kinds``): two queries for the whole page."""
    through = Decision.lines.through.objects.filter(decision_id__in=[d.pk for d in decisions])
    subject = "dossierline__nomination_line__"
    counts = {row["decision_id"]: row for row in through.values("decision_id").annotate(
        people=Count(f"{subject}person", distinct=True),
        collectives=Count(f"{subject}collective", distinct=True),
        households=Count("pk", filter=~Q(**{f"{subject}household": ""})))}
    kinds = defaultdict(set)
    # The award granted when the council changed it, else the one proposed; a record's own kind is not on lines.
    for decision_id, granted, proposed in through.values_list(
            "decision_id", "dossierline__granted_award__kind", f"{subject}award__kind").distinct():
        kinds[decision_id].add(granted or proposed)
    labels = dict(AwardType.Kind.choices)
    for decision in decisions:
        row = counts.get(decision.pk, {})
        decision.people = row.get("people", 0)
        decision.collectives = row.get("collectives", 0)
        decision.households = row.get("households", 0)
        decision.award_kinds = sorted(labels.get(kind, kind) for kind in kinds[decision.pk] if kind)
    return decisions


class CertificateState:
    """The states a paper of the register may be in, as its filter names them."""

    LIVE, REPLACED, REVOKED = "con-gia-tri", "da-cap-lai", "da-huy-bo"
    CHOICES = [(LIVE, "Đang có giá trị"), (REPLACED, "Đã được thay bằng bản cấp lại"),
               (REVOKED, "Khen thưởng đã bị hủy bỏ")]


@dataclass(frozen=True)
class CertificateFilters:
    """What the certificate register is narrowed by; None or "" means "any"."""

    year: int | None = None
    issuing_body: str = ""
    state: str = ""
    query: str = ""


def certificates_in_scope(user):
    """The papers the units in ``user``'s scope issued: those of the records the user may issue (the one rule)."""
    return Certificate.objects.filter(record__in=certifiable_records(user))


def certificate_register(user, filters: CertificateFilters):
    """The papers of ``certificates_in_scope(user)`` matching ``filters``, newest first, with what a row shows."""
    rows = certificates_in_scope(user).select_related(
        "record__award", "record__person", "record__collective", "series", "replacement")
    if filters.year:
        rows = rows.filter(issued_on__year=filters.year)
    if filters.issuing_body:
        rows = rows.filter(series__issuing_body=filters.issuing_body)
    if filters.state == CertificateState.LIVE:
        rows = rows.filter(replaced_at__isnull=True, record__revoked_on__isnull=True)
    elif filters.state == CertificateState.REPLACED:
        rows = rows.filter(replaced_at__isnull=False)
    elif filters.state == CertificateState.REVOKED:
        rows = rows.filter(record__revoked_on__isnull=False)
    query = filters.query.strip()
    if query:
        rows = rows.filter(Q(serial__icontains=query) | _named_in(query, "record__"))
    return rows.order_by("-issued_at", "-pk")


def certificate_bodies(user):
    """The issuing bodies of the papers in ``user``'s scope, for the register's filter."""
    return list(certificates_in_scope(user).order_by("series__issuing_body")
                .values_list("series__issuing_body", flat=True).distinct())


def certificate_years(user):
    """The years papers in ``user``'s scope were issued, newest first."""
    return sorted({d.year for d in certificates_in_scope(user).dates("issued_on", "year")}, reverse=True)


def certificate_state(certificate) -> str:
    """"Bản chính", "Bản cấp lại lần 1", with what became of it: replaced (by which serial) or revoked."""
    parts = [certificate.copy_label or "Bản chính"]
    if not certificate.is_live:
        replacement = getattr(certificate, "replacement", None)
        parts.append(f"đã được thay bằng số {replacement.serial}" if replacement else "đã được thay")
    if certificate.record.revoked_on:
        parts.append(f"khen thưởng đã bị hủy bỏ ngày {certificate.record.revoked_on:%d/%m/%Y}")
    return "; ".join(parts)
