"""The review of a packet too long for one page: the verdicts chosen on each page are kept on its lines as drafts,
and finishing the review judges the whole packet at once from them.

A draft is no decision: it moves nothing, writes no event and is not part of the packet's content hash. Keeping a
page bumps the packet's version all the same, so a second reviewer's page posted over it is stale and says who
kept theirs first (``dossiers.stale``) instead of silently overwriting it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from awards.models import DossierLine
from awards.rules import workflow
from awards.rules.workflow import Action as A
from awards.services import dossiers

L = DossierLine.Status


class MissingVerdicts(ValidationError):
    """Finishing the review found lines still waiting for a verdict; ``lines``: those lines, in the packet's order."""

    def __init__(self, lines):
        names = ", ".join(line.nomination_line.subject_name for line in lines[:10])
        more = f" và {len(lines) - 10} đề nghị khác" if len(lines) > 10 else ""
        super().__init__(f"Chưa ghi được kết quả thẩm định: {len(lines)} đề nghị chưa có kết quả ({names}{more}).",
                         code="missing_verdicts")
        self.lines = lines


def _page_verdicts(lines, verdicts):
    """The posted verdicts {line pk: (verdict, reason)}, checked: open lines of this packet, reasons where needed."""
    open_pks = {line.pk for line in lines if line.status in workflow.OPEN_LINES}
    if set(verdicts) - open_pks:
        raise ValidationError("Có đề nghị không còn chờ thẩm định trong hồ sơ này; hãy tải lại trang.")
    dossiers.check_verdicts(lines, {pk: (v, reason) for pk, (v, reason) in verdicts.items() if v}, allow_return=True)
    return {pk: (v, reason.strip() if v else "") for pk, (v, reason) in verdicts.items()}


@transaction.atomic
def save_review_page(dossier, *, actor, verdicts: dict, expected_version=None):
    """Keep the verdicts chosen on one page: ``verdicts`` {line pk: (verdict, reason)} for each open line it showed,
    verdict "" for a line left without one. The packet's version goes up; nothing else moves."""
    locked, lines = dossiers.lock_dossier(dossier, actor, A.RETURN, expected_version)
    groups = {}
    for pk, chosen in _page_verdicts(lines, verdicts).items():
        groups.setdefault(chosen, []).append(pk)
    for (verdict, reason), pks in groups.items():  # one UPDATE per (verdict, reason): usually a few per page
        DossierLine.objects.filter(pk__in=pks).update(draft_verdict=verdict, draft_reason=reason)
    locked.draft_by, locked.draft_saved_at = actor, timezone.now()
    locked.version += 1
    locked.save(update_fields=["draft_by", "draft_saved_at", "version"])
    return locked


@transaction.atomic
def finish_review(dossier, *, actor, verdicts: dict, comment: str = "", expected_version=None):
    """Judge the whole packet: the verdicts kept from its pages, those posted with this page taking precedence.

    Any line returned sends the packet back (the other verdicts are kept, as ``return_dossier`` does); otherwise
    every line waiting for review needs a verdict, or nothing moves and ``MissingVerdicts`` names the lines.
    """
    locked, lines = dossiers.lock_dossier(dossier, actor, A.RETURN, expected_version)
    chosen = {line.pk: (line.draft_verdict, line.draft_reason) for line in lines
              if line.draft_verdict and line.status in workflow.OPEN_LINES}
    chosen.update(_page_verdicts(lines, verdicts))
    chosen = {pk: verdict for pk, verdict in chosen.items() if verdict[0]}
    if any(verdict == A.RETURN for verdict, _reason in chosen.values()):
        return dossiers.return_dossier(locked, actor=actor, reason=comment, verdicts=chosen)
    missing = [line for line in lines if line.status == L.ACCEPTED and line.pk not in chosen]
    if missing:
        raise MissingVerdicts(missing)
    return dossiers.approve_dossier(locked, actor=actor, verdicts=chosen, comment=comment)
