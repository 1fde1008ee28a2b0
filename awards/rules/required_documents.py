"""What a nomination list's dossier holds and still lacks.

The documents an award asks for are DocumentRequirement rows in force on the list's date (the
plan's issue date, or today for the annual review). Documents made once for the whole list
(Tờ trình, minutes) are owed by the list when any of its lines' awards asks for them; the rest
are owed by each line. Everything is read in a fixed number of queries, whatever the number of
lines, so the list page and the submit check cost the same for 3 lines or 300. A page of a
long list details only the lines it shows: what the list owes and whether any line lacks a
document are asked of the database, without reading every line.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from awards.models import LIST_DOCUMENTS, DocumentKind, DocumentRequirement, FormTemplate, NominationAttachment
from awards.rules import regulations as dossier_rules

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
    lines_lacking: bool = False  # some line of the list (shown or not) lacks a required document

    @property
    def complete(self) -> bool:
        return not self.list_missing and not self.lines_lacking

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


# The kind of subject of a line, in SQL, as dossier_rules.subject_of says it.
_LINE_SUBJECT = Case(
    When(person__isnull=False, then=Value(DocumentRequirement.Subject.INDIVIDUAL)),
    When(collective__isnull=False, then=Value(DocumentRequirement.Subject.COLLECTIVE)),
    default=Value(DocumentRequirement.Subject.HOUSEHOLD), output_field=CharField(),
)


def _subject(line):
    # Ids stand in for the objects: subject_of only asks which one is set.
    return dossier_rules.subject_of(person=line.person_id, collective=line.collective_id)


def missing_documents(nomination_list, *, lines=None, shown=None) -> DossierContents:
    """What each line of ``nomination_list`` and the list itself still lack (``lines`` when already read).

    With ``shown`` (the page of lines on screen) only those lines are detailed; the rest of the
    list is judged in the database.
    """
    on = dossier_date(nomination_list)
    # A report written for a campaign (a thematic plan) uses the campaign form (see dossier_rules.form_for).
    thematic = nomination_list.plan is not None and nomination_list.plan.is_thematic
    if shown is not None:
        lines = list(shown)
        groups = sorted(nomination_list.lines.order_by().annotate(subject=_LINE_SUBJECT)
                        .values_list("award_id", "subject").distinct())
    else:
        if lines is None:
            lines = list(nomination_list.lines.select_related("person", "collective", "award"))
        groups = list(dict.fromkeys((line.award_id, _subject(line)) for line in lines))
    rows = (DocumentRequirement.objects.in_force(on).filter(award_id__in={award for award, _subject in groups})
            .order_by("pk"))
    by_award = defaultdict(list)
    for row in rows:
        by_award[row.award_id].append(row)
    regulation = dossier_rules.regulation_on(on)
    forms = {form.purpose: form for form in FormTemplate.objects.filter(regulation=regulation)} if regulation else {}
    attachments = nomination_list.attachments.order_by("uploaded_at", "pk")
    if shown is not None:
        attachments = attachments.filter(Q(line__isnull=True) | Q(line__in=[line.pk for line in lines]))
    attachments = sorted(attachments, key=lambda a: ORDER[a.kind])
    held = {(a.line_id, a.kind) for a in attachments}

    def missing(row):
        return MissingDocument(row.kind, forms.get(dossier_rules.form_purpose(row, thematic=thematic)))

    owed_by_group = {}
    for award, subject in groups:
        list_rows, owed = [], {}
        for row in by_award[award]:
            if row.subject not in ("", subject):
                continue
            if row.kind in LIST_DOCUMENTS:
                list_rows.append(row)
            elif row.kind not in owed or row.required:
                owed[row.kind] = row
        owed_by_group[award, subject] = (list_rows, owed)
    list_owed = {}
    for list_rows, _owed in owed_by_group.values():
        for row in list_rows:
            if row.required and (None, row.kind) not in held:
                list_owed.setdefault(row.kind, missing(row))
    line_missing, line_kinds = {}, {}
    for line in lines:
        owed = owed_by_group[line.award_id, _subject(line)][1]
        line_kinds[line.pk] = _in_dossier_order(owed)
        line_missing[line.pk] = [missing(owed[kind]) for kind in line_kinds[line.pk]
                                 if owed[kind].required and (line.pk, kind) not in held]
    if shown is None:
        lacking = any(line_missing.values())
    else:
        lacking = _any_line_lacking(nomination_list, {group: owed for group, (_rows, owed) in owed_by_group.items()})
    return DossierContents(
        on=on, lines=lines, attachments=attachments,
        list_missing=[list_owed[kind] for kind in _in_dossier_order(list_owed)],
        line_missing=line_missing, line_kinds=line_kinds, lines_lacking=lacking,
    )


def _any_line_lacking(nomination_list, owed_by_group) -> bool:
    """Whether a line of the list lacks a document its award requires: one query, whatever the lines."""
    wanted = Q(pk__in=[])
    for (award, subject), owed in owed_by_group.items():
        for kind, row in owed.items():
            if row.required:
                held = NominationAttachment.objects.filter(line=OuterRef("pk"), kind=kind)
                wanted |= Q(award_id=award, subject=subject) & ~Exists(held)
    return nomination_list.lines.annotate(subject=_LINE_SUBJECT).filter(wanted).exists()
