"""Snapshots of a plan for its revision history, and their comparison as text."""

import difflib

from campaigns import markup
from campaigns.models import Plan, PlanRevision

HEADER_FIELDS = [
    "superior_body", "issuer_name", "number", "symbol", "place", "issue_year", "issue_month", "issue_day",
    "doc_type", "title", "preamble", "theme", "closing", "recipients", "sign_prefix", "sign_on_behalf",
    "signer_title", "signer_name",
]
RULE_FIELDS = ["kind", "period_start", "period_end", "dossier_deadline", "dossier_place"]
FIELD_LABELS = {name: str(Plan._meta.get_field(name).verbose_name) for name in HEADER_FIELDS + RULE_FIELDS}


def snapshot(plan) -> dict:
    """Everything a reader of the plan sees, as JSON-ready data."""
    data = {name: getattr(plan, name) for name in HEADER_FIELDS}
    data.update({name: _iso(getattr(plan, name)) for name in RULE_FIELDS})
    data["sections"] = [
        {"level": s.level, "number": s.number, "heading": s.heading, "body": s.body, "kind": s.kind}
        for s in plan.sections.all()
    ]
    data["award_tiers"] = [
        {"award_name": t.award_name, "authority": t.authority, "quota": t.quota, "quota_note": t.quota_note,
         "for_collectives": t.for_collectives, "for_individuals": t.for_individuals,
         "for_households": t.for_households}
        for t in plan.award_tiers.all()
    ]
    return data


def record_revision(plan, *, actor, note="") -> PlanRevision:
    last = plan.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return PlanRevision.objects.create(
        plan=plan, number=last + 1, status=plan.status, content=snapshot(plan), note=note, created_by=actor,
    )


def as_lines(content: dict) -> list[str]:
    """A revision as lines of text, in reading order, for a line-by-line comparison."""
    lines = [f"{FIELD_LABELS[name]}: {content.get(name) or ''}" for name in HEADER_FIELDS[:10]]
    lines += markup.plain(content.get("preamble", "")).splitlines()
    for section in content.get("sections", []):
        lines.append(f"{section['number']} {section['heading']}".strip())
        lines += markup.plain(section["body"]).splitlines()
    lines += markup.plain(content.get("closing", "")).splitlines()
    lines += [f"{FIELD_LABELS[name]}: {_shown(name, content.get(name))}" for name in RULE_FIELDS]
    for tier in content.get("award_tiers", []):
        lines.append(f"Khen thưởng: {tier['award_name']} — {tier['authority']} — {tier['quota_note'] or ''}")
    lines += (content.get("recipients") or "").splitlines()
    lines += [f"{FIELD_LABELS[name]}: {content.get(name) or ''}" for name in HEADER_FIELDS[14:]]
    return [line for line in lines if line.strip()]


def compare(older: PlanRevision, newer: PlanRevision) -> list[tuple[str, str]]:
    """(tag, line) pairs: "-" removed, "+" added, " " unchanged; only changed regions with context."""
    diff = difflib.unified_diff(as_lines(older.content), as_lines(newer.content), lineterm="", n=2)
    out = []
    for line in list(diff)[2:]:
        if line.startswith("@@"):
            out.append(("@", "…"))
        else:
            out.append((line[0], line[1:]))
    return out


def _shown(name, value):
    if name == "kind" and value in Plan.Kind.values:
        return Plan.Kind(value).label
    return value or ""


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else (value or None)
