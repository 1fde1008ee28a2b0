"""Evidence files of a member's score sheet: PDFs attached to one criterion while the sheet is a draft, checked
as dossier documents are and kept in private storage; removed while it is a draft. Each change writes the
admin's log of the block."""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from units.storage import files_removed_on_rollback

from awards.models import BlockMember, Criterion, ScoreEvidence
from awards.rules import blocks as rules
from awards.rules.uploads import inspect_pdf
from awards.services.blocks import draft_sheet, locked_block
from awards.services.checked_pdfs import save_checked_upload
from awards.services.record_log import CHANGE, log_records
from awards.storage import delete_private_files

# Files one criterion carries at most: the report's pages, a photograph, a decision.
MAX_FILES_PER_CRITERION = 10


def attach_score_evidence(member: BlockMember, *, actor, criterion: Criterion, upload) -> ScoreEvidence:
    """Attach a checked PDF to ``criterion`` of the member's draft sheet (the sheet is started if need be)."""
    if not rules.acts_for_member(actor, member):  # cheap refusal: an outsider's file is never read
        raise PermissionDenied("Chỉ cán bộ, lãnh đạo của đơn vị thành viên thêm minh chứng của đơn vị mình.")
    facts = inspect_pdf(upload)  # reading can take a moment: before the block is locked
    with files_removed_on_rollback("private") as saved:
        block = locked_block(member.block)
        if criterion.group.block_id != block.pk:
            raise ValidationError("Tiêu chí không thuộc bảng điểm của khối.")
        sheet = draft_sheet(member)
        if ScoreEvidence.objects.filter(sheet=sheet, criterion=criterion).count() >= MAX_FILES_PER_CRITERION:
            raise ValidationError({"file": f"Mỗi tiêu chí kèm tối đa {MAX_FILES_PER_CRITERION} tệp minh chứng."})
        evidence = save_checked_upload(ScoreEvidence(sheet=sheet, criterion=criterion), upload, facts=facts,
                                       actor=actor, saved=saved)
        log_records(actor, [block], CHANGE, f"{member.unit.name} thêm minh chứng {evidence.original_name} cho "
                    f"tiêu chí “{criterion.name[:80]}”")
    return evidence


@transaction.atomic
def remove_score_evidence(evidence: ScoreEvidence, *, actor) -> None:
    """Remove an evidence file from the member's draft sheet; the file goes once the removal is committed."""
    member = evidence.sheet.member
    if not rules.acts_for_member(actor, member):
        raise PermissionDenied("Chỉ cán bộ, lãnh đạo của đơn vị thành viên xóa minh chứng của đơn vị mình.")
    block = locked_block(member.block)
    draft_sheet(member)
    row = ScoreEvidence.objects.filter(pk=evidence.pk, sheet__member=member).first()
    if row is None:
        raise ValidationError("Tệp minh chứng này đã được xóa.")
    row.delete()
    log_records(actor, [block], CHANGE, f"{member.unit.name} xóa minh chứng {row.original_name}")
    transaction.on_commit(partial(delete_private_files, [row.file.name]))
