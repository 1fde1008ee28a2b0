"""What a nomination list's dossier holds and still lacks.

The documents an award asks for are DocumentRequirement rows in force on the list's date (the
plan's issue date, or today for the annual review). Documents made once for the whole list
(Tờ trình, minutes) are owed by the list when any of its lines' awards asks for them; the rest
are owed by each line. Everything is read in a fixed number of queries, whatever the number of
lines, so the list page and the submit check cost the same for 3 lines or 300.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from . import dossier_rules
from .models import LIST_DOCUMENTS, DocumentKind, DocumentRequirement, FormTemplate, NominationAttachment

ORDER = {kind: position for position, kind in enumerate(dossier_rules.DOSSIER_ORDER)}


@dataclass(frozen=True)
class MissingDocument:
    """A document the dossier still lacks, with the numbered form it is written on (if any)."""

    kind: str
    form: FormTemplate | None = None

    @property
    def label(self):
        return DocumentKind(self.kind).label

    def __str__(self):
        return f"{self.label} ({self.form.citation})" if self.form else self.label


@dataclass
class DossierContents:
    """A list's documents and gaps, for the list as a whole and for each line (by the line's pk)."""

    on: datetime.date
    lines: list
    attachments: list[NominationAttachment]
    list_missing: list[MissingDocument]
    line_missing: dict[int, list[MissingDocument]]
    line_kinds: dict[int, list[str]]  # per-line kinds each line's award asks for, required or optional

    @property
    def complete(self) -> bool:
        return not self.list_missing and not any(self.line_missing.values())

    def message(self) -> str:
        """ "Còn thiếu: Tờ trình …; Nguyễn Văn A — Báo cáo thành tích (Mẫu số 03 …)." or "" when complete."""
        parts = [str(missing) for missing in self.list_missing]
        for line in self.lines:
            if self.line_missing.get(line.pk):
                parts.append(f"{line.subject_name} — {', '.join(map(str, self.line_missing[line.pk]))}")
        return f"Còn thiếu: {'; '.join(parts)}." if parts else ""


def dossier_date(nomination_list) -> datetime.date:
    """The day whose rules the dossier is judged by: the plan's issue date, else today."""
    plan = nomination_list.plan
    if plan is not None and plan.issue_date:
        return plan.issue_date
    return timezone.localdate()


def _in_dossier_order(kinds):
    return sorted(kinds, key=ORDER.__getitem__)


def missing_documents(nomination_list, *, lines=None) -> DossierContents:
    """What each line of ``nomination_list`` and the list itself still lack (``lines`` when already read)."""
    on = dossier_date(nomination_list)
    # A report written for a campaign uses the campaign form (see dossier_rules.form_for).
    thematic = nomination_list.plan_id is not None
    if lines is None:
        lines = list(nomination_list.lines.select_related("person", "collective", "award"))
    rows = (DocumentRequirement.objects.in_force(on).filter(award_id__in={line.award_id for line in lines})
            .order_by("pk"))
    by_award = defaultdict(list)
    for row in rows:
        by_award[row.award_id].append(row)
    regulation = dossier_rules.regulation_on(on)
    forms = {form.purpose: form for form in FormTemplate.objects.filter(regulation=regulation)} if regulation else {}
    attachments = list(nomination_list.attachments.order_by("uploaded_at", "pk"))
    attachments.sort(key=lambda a: ORDER[a.kind])
    held = {(a.line_id, a.kind) for a in attachments}

    def missing(row):
        return MissingDocument(row.kind, forms.get(dossier_rules.form_purpose(row, thematic=thematic)))

    list_owed, line_missing, line_kinds = {}, {}, {}
    for line in lines:
        # Ids stand in for the objects: subject_of only asks which one is set.
        subject = dossier_rules.subject_of(person=line.person_id, collective=line.collective_id)
        owed = {}
        for row in by_award[line.award_id]:
            if row.subject not in ("", subject):
                continue
            if row.kind in LIST_DOCUMENTS:
                if row.required and (None, row.kind) not in held:
                    list_owed.setdefault(row.kind, missing(row))
            elif row.kind not in owed or row.required:
                owed[row.kind] = row
        line_kinds[line.pk] = _in_dossier_order(owed)
        line_missing[line.pk] = [missing(owed[kind]) for kind in line_kinds[line.pk]
                                 if owed[kind].required and (line.pk, kind) not in held]
    return DossierContents(
        on=on, lines=lines, attachments=attachments,
        list_missing=[list_owed[kind] for kind in _in_dossier_order(list_owed)],
        line_missing=line_missing, line_kinds=line_kinds,
    )
