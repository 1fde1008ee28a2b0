"""Reading the dossier rules: the regulations in force, the documents an award needs, its form and vote rule."""

import datetime

from django.db.models import Q

from awards.models import AwardType, DocumentKind, DocumentRequirement, FormTemplate, RegulationVersion, VoteRule

DOSSIER_ORDER = list(DocumentKind.values)  # the order documents are filed in a dossier


def regulation_on(on: datetime.date) -> RegulationVersion | None:
    """The regulation version a dossier dated ``on`` is judged by."""
    return RegulationVersion.objects.in_force(on).order_by("-valid_from").first()


def subject_of(*, person=None, collective=None, household="") -> str:
    if person is not None:
        return DocumentRequirement.Subject.INDIVIDUAL
    return DocumentRequirement.Subject.COLLECTIVE if collective is not None else DocumentRequirement.Subject.HOUSEHOLD


def required_documents(award: AwardType, subject: str, on: datetime.date) -> list[DocumentRequirement]:
    """The documents in force on ``on`` for ``award`` and this kind of subject, in dossier order."""
    rows = (DocumentRequirement.objects.in_force(on)
            .filter(award=award).filter(Q(subject="") | Q(subject=subject)).order_by("pk"))
    return sorted(rows, key=lambda row: DOSSIER_ORDER.index(row.kind))


def form_for(requirement: DocumentRequirement, on: datetime.date, *, thematic: bool = False) -> FormTemplate | None:
    """The numbered form the document is written on, under the regulations in force on ``on``.

    A report for a campaign (đợt, chuyên đề) uses the campaign form, whatever the award, except
    where the award has its own report form (long service, heroes).
    """
    purpose = form_purpose(requirement, thematic=thematic)
    if not purpose:
        return None
    regulation = regulation_on(on)
    if regulation is None:
        return None
    return FormTemplate.objects.filter(regulation=regulation, purpose=purpose).first()


def form_purpose(requirement: DocumentRequirement, *, thematic: bool = False) -> str:
    """The purpose of the form the document is written on ("" when it has no numbered form)."""
    purpose = requirement.form_purpose
    if thematic and purpose in (FormTemplate.Purpose.REPORT_INDIVIDUAL, FormTemplate.Purpose.REPORT_COLLECTIVE):
        return FormTemplate.Purpose.REPORT_THEMATIC
    return purpose


def vote_rule(award: AwardType | None, level: str, on: datetime.date) -> VoteRule | None:
    """The most specific vote rule in force: for this award at this level, this award, this level, any.

    With ``award`` None, the general rule of the level (or of every level).
    """
    regulation = regulation_on(on)
    rules = list(VoteRule.objects.in_force(on).filter(regulation=regulation)
                 .filter(Q(award=award) | Q(award__isnull=True)).filter(Q(level=level) | Q(level="")))
    if not rules:
        return None
    return max(rules, key=lambda rule: (rule.award_id is not None, rule.level != "", rule.pk))


def vote_rules(award_ids, level: str, on: datetime.date) -> dict:
    """{award id: its vote rule, or None} for every id in ``award_ids`` plus the level's general rule (key None),
    in two queries whatever their number: the same choice as ``vote_rule``, made over rows read once."""
    regulation = regulation_on(on)
    award_ids = set(award_ids)
    rows = list(VoteRule.objects.in_force(on).filter(regulation=regulation)
                .filter(Q(award_id__in=award_ids) | Q(award__isnull=True)).filter(Q(level=level) | Q(level="")))
    out = {}
    for award_id in award_ids | {None}:
        fitting = [rule for rule in rows if rule.award_id in (award_id, None)]
        out[award_id] = max(fitting, key=lambda rule: (rule.award_id is not None, rule.level != "", rule.pk),
                            default=None)
    return out
