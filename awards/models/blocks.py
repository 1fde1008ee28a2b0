"""Emulation blocks and clusters (khối, cụm thi đua) of a province or ministry for one year: their members, the
covenant, the scoring table as data, each member's score sheet and the head's cross-check."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from units import fields
from units.models import Unit
from units.scoping import unit_scope_q
from units.storage import RandomName

from awards.models.checked_pdfs import CheckedPdf
from awards.storage import private_storage

# The ways a tie in the total is broken, in the order a block chooses (``EmulationBlock.tie_break``).
TIE_BREAK_RULES = {
    "group1": "Nhiều điểm hơn ở nhóm tiêu chí thứ nhất",
    "deductions": "Ít điểm trừ hơn",
    "vote": "Nhiều phiếu bầu hơn tại cuộc họp của khối",
}
DEFAULT_TIE_BREAK = "group1,deductions,vote"


def tie_break_codes(text: str) -> list[str]:
    """The rule codes of ``text`` ("group1,deductions,vote"); ValidationError in Vietnamese on an unknown code."""
    codes = [code.strip() for code in (text or "").split(",") if code.strip()]
    unknown = [code for code in codes if code not in TIE_BREAK_RULES]
    if unknown or len(set(codes)) != len(codes):
        raise ValidationError({"tie_break": "Thứ tự quy tắc xếp hạng khi bằng điểm không hợp lệ: dùng "
                               + ", ".join(TIE_BREAK_RULES) + ", mỗi quy tắc một lần."})
    return codes


class EmulationBlockQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Blocks organised by a unit in the user's scope, and the blocks their own units belong to."""
        organised = unit_scope_q(user, "organiser__path")
        if not organised:
            return self.all()
        member_of = BlockMember.objects.filter(unit_scope_q(user, "unit__path")).values("block_id")
        return self.filter(organised | Q(pk__in=member_of))


class EmulationBlock(models.Model):
    """A khối or cụm thi đua of a province or ministry for one year: its members, head and deputy, covenant
    and scoring."""

    class Kind(models.TextChoices):
        BLOCK = "block", "Khối thi đua"
        CLUSTER = "cluster", "Cụm thi đua"

    class Status(models.TextChoices):
        SCORING = "scoring", "Đang chấm điểm"
        CLOSED = "closed", "Đã chốt điểm"

    organiser = models.ForeignKey(Unit, verbose_name="tỉnh, bộ tổ chức", on_delete=models.PROTECT,
                                  related_name="organised_blocks")
    year = models.PositiveSmallIntegerField("năm")
    kind = fields.CharField("loại", max_length=8, choices=Kind.choices, default=Kind.BLOCK)
    name = fields.CharField("tên khối, cụm", max_length=255)
    head = models.ForeignKey(Unit, verbose_name="đơn vị trưởng khối", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")
    deputy = models.ForeignKey(Unit, verbose_name="đơn vị phó khối", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    status = fields.CharField("trạng thái chấm điểm", max_length=8, choices=Status.choices, default=Status.SCORING)
    tie_break = fields.CharField("thứ tự quy tắc khi bằng điểm", max_length=100, default=DEFAULT_TIE_BREAK,
                                 help_text="Mã quy tắc cách nhau bởi dấu phẩy: group1, deductions, vote.")
    # The quota of the meeting's vote, as data: how many leading units go forward for the Cờ thi đua (the
    # leader of the block), and the share of the members that may be voted leading units at all (Cờ and Bằng
    # khen together). The share is set by each province or ministry (not fixed by law): 20% is only a start.
    flag_places = models.PositiveSmallIntegerField("số đơn vị đề nghị Cờ thi đua", default=1)
    leading_share = models.PositiveSmallIntegerField(
        "tỷ lệ tối đa đơn vị dẫn đầu (%)", default=20,
        help_text="Số đơn vị được bầu dẫn đầu (Cờ thi đua và Bằng khen) không quá tỷ lệ này của số thành viên "
                  "(ít nhất 1 đơn vị).")
    meeting_on = models.DateField("ngày họp khối", null=True, blank=True)
    meeting_place = fields.CharField("địa điểm họp", max_length=255, blank=True)
    meeting_chair = fields.CharField("người chủ trì", max_length=255, blank=True)
    meeting_secretary = fields.CharField("thư ký", max_length=255, blank=True)
    nomination_list = models.ForeignKey("awards.NominationList", verbose_name="danh sách đề nghị khen thưởng",
                                        on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    covenant_signed_on = models.DateField("ngày ký giao ước thi đua", null=True, blank=True)
    # Kept outside the web root and served only to those who see the block (awards:block_covenant_file).
    covenant_file = models.FileField("bản giao ước (PDF)", storage=private_storage,
                                     upload_to=RandomName("giao-uoc", "pdf"), blank=True, max_length=255)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmulationBlockQuerySet.as_manager()

    class Meta:
        verbose_name = "khối, cụm thi đua"
        verbose_name_plural = "khối, cụm thi đua"
        ordering = ["-year", "organiser", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "year", "name"], name="awards_emulationblock_unique_name",
                                    violation_error_message="Năm này đã có khối, cụm cùng tên."),
        ]

    def __str__(self):
        return f"{self.name} năm {self.year}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("awards:block_detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    def leading_limit(self, member_count: int) -> int:
        """How many members the meeting may vote leading units: the share of the members, rounded down, at least 1."""
        return max(1, member_count * self.leading_share // 100)

    def clean(self):
        tie_break_codes(self.tie_break)


class BlockMemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(block__in=EmulationBlock.objects.visible_to(user))


class BlockMember(models.Model):
    """A unit's place in a block for the year: its order in the block's rotation and its votes at the meeting."""

    block = models.ForeignKey(EmulationBlock, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="block_places")
    # The block's year again, so that the database refuses a unit in two blocks of one year.
    year = models.PositiveSmallIntegerField("năm")
    position = models.PositiveSmallIntegerField("thứ tự luân phiên")
    votes = models.PositiveSmallIntegerField("số phiếu bầu", null=True, blank=True)
    present = models.BooleanField("dự họp khối", null=True, blank=True)
    # The award the block's meeting voted this member forward for (Cờ thi đua, Bằng khen), if any.
    proposed_award = models.ForeignKey("awards.AwardType", verbose_name="đề nghị khen thưởng", on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="+")

    objects = BlockMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "thành viên khối, cụm thi đua"
        verbose_name_plural = "thành viên khối, cụm thi đua"
        ordering = ["block", "position"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="awards_blockmember_one_block_a_year",
                                    violation_error_message="Đơn vị đã thuộc một khối, cụm thi đua của năm này."),
        ]

    def __str__(self):
        return f"{self.unit.name} — {self.block.name}"


class CovenantTarget(models.Model):
    """One target of the block's covenant (giao ước thi đua), signed by its members at the start of the year."""

    block = models.ForeignKey(EmulationBlock, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField("số thứ tự")
    text = fields.TextField("chỉ tiêu", max_length=fields.NOTE)

    class Meta:
        verbose_name = "chỉ tiêu giao ước thi đua"
        verbose_name_plural = "chỉ tiêu giao ước thi đua"
        ordering = ["block", "position"]
        constraints = [fields.length_limit("text", fields.NOTE)]

    def __str__(self):
        return self.text[:80]


class ScoreGroup(models.Model):
    """A group of the block's scoring table: criteria with a maximum, or the bonus or deduction items with a limit."""

    class Kind(models.TextChoices):
        CRITERIA = "criteria", "Nhóm tiêu chí"
        BONUS = "bonus", "Điểm thưởng"
        DEDUCTION = "deduction", "Điểm trừ"

    block = models.ForeignKey(EmulationBlock, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveSmallIntegerField("số thứ tự")
    kind = fields.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.CRITERIA)
    name = fields.CharField("tên nhóm", max_length=500)
    max_points = models.DecimalField("điểm tối đa (giới hạn)", max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = "nhóm tiêu chí chấm điểm"
        verbose_name_plural = "nhóm tiêu chí chấm điểm"
        ordering = ["block", "position"]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """One line of the scoring table, with its maximum points."""

    group = models.ForeignKey(ScoreGroup, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField("số thứ tự")
    name = fields.TextField("tiêu chí", max_length=fields.TITLE)
    max_points = models.DecimalField("điểm tối đa", max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = "tiêu chí chấm điểm"
        verbose_name_plural = "tiêu chí chấm điểm"
        ordering = ["group", "position"]
        constraints = [fields.length_limit("name", fields.TITLE)]

    def __str__(self):
        return self.name[:80]


class ScoreSheet(models.Model):
    """A member's self-scoring sheet (bảng tự chấm điểm): drafted and sent by the member, cross-checked by the head."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang tự chấm"
        SENT = "sent", "Đã gửi trưởng khối"

    member = models.OneToOneField(BlockMember, on_delete=models.CASCADE, related_name="sheet")
    status = fields.CharField("trạng thái", max_length=6, choices=Status.choices, default=Status.DRAFT)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "bảng tự chấm điểm"
        verbose_name_plural = "bảng tự chấm điểm"

    def __str__(self):
        return f"Bảng tự chấm điểm — {self.member.unit.name}"

    @property
    def is_sent(self):
        return self.status == self.Status.SENT


class ScoreEntry(models.Model):
    """A member's points on one criterion: its own, with evidence, and the head's cross-checked points with a reason."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="entries")
    self_points = models.DecimalField("điểm tự chấm", max_digits=7, decimal_places=2)
    evidence = fields.TextField("minh chứng", max_length=fields.NOTE, blank=True)
    checked_points = models.DecimalField("điểm trưởng khối chấm", max_digits=7, decimal_places=2, null=True,
                                         blank=True)
    check_reason = fields.TextField("lý do điều chỉnh", max_length=fields.REASON, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "điểm theo tiêu chí"
        verbose_name_plural = "điểm theo tiêu chí"
        ordering = ["sheet", "criterion__group__position", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="awards_scoreentry_unique_criterion"),
            fields.length_limit("evidence", fields.NOTE),
            fields.length_limit("check_reason", fields.REASON),
        ]

    def __str__(self):
        return f"{self.criterion} — {self.points}"

    @property
    def points(self):
        """The points that count: the head's when cross-checked, the member's own otherwise."""
        return self.self_points if self.checked_points is None else self.checked_points


class ScoreEvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Files of the sheets of the blocks the user sees; whose points the user may read is the view's rule."""
        return self.filter(sheet__member__block__in=EmulationBlock.objects.visible_to(user))


class ScoreEvidence(CheckedPdf):
    """A PDF a member attaches to one criterion of its sheet as evidence, checked as dossier documents are."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name="bảng tự chấm điểm", on_delete=models.CASCADE,
                              related_name="evidence_files")
    criterion = models.ForeignKey(Criterion, verbose_name="tiêu chí", on_delete=models.CASCADE,
                                  related_name="evidence_files")
    # Kept outside the web root and served only to those who may read the sheet (awards:block_evidence_file).
    file = models.FileField("tệp", storage=private_storage, upload_to=RandomName("minh-chung-khoi", "pdf"),
                            max_length=255)

    objects = ScoreEvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = "tệp minh chứng theo tiêu chí"
        verbose_name_plural = "tệp minh chứng theo tiêu chí"
        ordering = ["sheet", "criterion", "uploaded_at", "pk"]


# Migrations name these as the ``upload_to`` of the signed covenant (0036) and of the evidence files (0040).
covenant_stored_name = EmulationBlock._meta.get_field("covenant_file").upload_to
evidence_stored_name = ScoreEvidence._meta.get_field("file").upload_to
