"""What a dossier must contain and how a council votes on it: numbered forms, required documents, vote rules.

All three change with the regulations (the numbering of forms moved between Decree 91/2017 and
Decree 98/2023; vote thresholds are set by councils), so they are rows with dates, not constants.
"""

from django.db import models

from units import fields

from awards.models.base import Certainty, DatedRule, certainty_field
from awards.models.catalogue import AuthorityLevel, AwardType, RegulationVersion


class DocumentKind(models.TextChoices):
    """Kinds of dossier documents; the first and third belong to a whole list, the others to one line."""

    PROPOSAL = "to_trinh", "Tờ trình đề nghị khen thưởng"
    ACHIEVEMENT_REPORT = "bao_cao", "Báo cáo thành tích"
    MINUTES = "bien_ban", "Biên bản họp xét khen thưởng"
    INITIATIVE_PROOF = "sang_kien", "Chứng nhận sáng kiến, đề tài khoa học"
    AD_HOC_CONFIRMATION = "xac_nhan", "Xác nhận thành tích đột xuất của cơ quan có thẩm quyền"
    OTHER = "khac", "Tài liệu khác"


# Documents made once for a whole list (one Tờ trình, one set of minutes); the rest are per nominee.
LIST_DOCUMENTS = frozenset({DocumentKind.PROPOSAL, DocumentKind.MINUTES})


class FormTemplate(models.Model):
    """A numbered form (Mẫu số NN) annexed to a decree, and what it is used for."""

    class Purpose(models.TextChoices):
        PROPOSAL = "proposal", "Tờ trình, văn bản đề nghị"
        REPORT_COLLECTIVE = "report_collective", "Báo cáo thành tích của tập thể"
        REPORT_INDIVIDUAL = "report_individual", "Báo cáo thành tích của cá nhân"
        REPORT_LONG_SERVICE = "report_long_service", "Báo cáo thành tích đề nghị tặng thưởng quá trình cống hiến"
        REPORT_HERO_COLLECTIVE = "report_hero_collective", "Báo cáo thành tích đề nghị danh hiệu Anh hùng (tập thể)"
        REPORT_HERO_INDIVIDUAL = "report_hero_individual", "Báo cáo thành tích đề nghị danh hiệu Anh hùng (cá nhân)"
        REPORT_AD_HOC = "report_ad_hoc", "Báo cáo thành tích đột xuất"
        REPORT_THEMATIC = "report_thematic", "Báo cáo thành tích theo đợt thi đua, chuyên đề"

    regulation = models.ForeignKey(RegulationVersion, verbose_name="phiên bản quy định", on_delete=models.CASCADE,
                                   related_name="forms")
    purpose = fields.CharField("dùng cho", max_length=24, choices=Purpose.choices)
    number = fields.CharField("mẫu số", max_length=10, help_text="Ví dụ: 02.")
    decree = fields.CharField("ban hành kèm theo", max_length=120,
                              help_text="Ví dụ: Nghị định số 98/2023/NĐ-CP.")
    certainty = fields.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=Certainty.KNOWN)
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)

    class Meta:
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản theo quy định"
        ordering = ["regulation__valid_from", "number"]
        constraints = [models.UniqueConstraint(fields=["regulation", "purpose"], name="awards_form_one_per_purpose"),
                       fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        return f"Mẫu số {self.number} ({self.decree})"

    @property
    def citation(self):
        """How a document cites the form: "Mẫu số 08 ban hành kèm theo Nghị định số 98/2023/NĐ-CP"."""
        return f"Mẫu số {self.number} ban hành kèm theo {self.decree}"


class DocumentRequirement(DatedRule):
    """A document the dossier of an award must contain, for which subjects, in which period."""

    class Subject(models.TextChoices):
        ANY = "", "Mọi đối tượng"
        INDIVIDUAL = "individual", "Cá nhân"
        COLLECTIVE = "collective", "Tập thể"
        HOUSEHOLD = "household", "Hộ gia đình"

    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="document_requirements")
    kind = fields.CharField("loại tài liệu", max_length=10, choices=DocumentKind.choices)
    subject = fields.CharField("đối tượng", max_length=10, choices=Subject.choices, blank=True)
    required = models.BooleanField("bắt buộc", default=True)
    copies = models.PositiveSmallIntegerField("số bản", default=1)
    form_purpose = fields.CharField("mẫu dùng", max_length=24, choices=FormTemplate.Purpose.choices, blank=True,
                                    help_text="Mẫu văn bản theo phiên bản quy định áp dụng cho tài liệu này.")
    note = None  # no note column

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ theo hình thức"
        ordering = ["award__position", "kind", "valid_from"]
        indexes = [models.Index(fields=["award", "valid_from", "valid_to"], name="awards_docreq_award")]

    def __str__(self):
        return f"{self.award}: {self.get_kind_display()}"

    @property
    def per_line(self):
        return self.kind not in LIST_DOCUMENTS


class VoteRule(DatedRule):
    """How a council votes on an award: quorum, the share needed and of whom.

    Rows with no award or no level are defaults; the most specific rule in force applies.
    """

    class Base(models.TextChoices):
        ALL_MEMBERS = "all", "Tổng số thành viên hội đồng"
        PRESENT = "present", "Số thành viên dự họp"

    regulation = models.ForeignKey(RegulationVersion, verbose_name="phiên bản quy định", on_delete=models.PROTECT,
                                   related_name="vote_rules")
    level = fields.CharField("cấp hội đồng", max_length=12, choices=AuthorityLevel.choices, blank=True,
                             help_text="Để trống: mọi cấp.")
    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE, null=True,
                              blank=True, related_name="vote_rules", help_text="Để trống: mọi hình thức.")
    base = fields.CharField("tính trên", max_length=8, choices=Base.choices, default=Base.ALL_MEMBERS)
    min_ratio = models.DecimalField("tỷ lệ phiếu đồng ý tối thiểu", max_digits=4, decimal_places=3,
                                    help_text="Ví dụ: 0.800 là từ 80% trở lên.")
    quorum_ratio = models.DecimalField("tỷ lệ thành viên dự họp tối thiểu", max_digits=4, decimal_places=3,
                                       default="0.667", help_text="Mặc định hai phần ba.")
    secret_ballot = models.BooleanField("bỏ phiếu kín", default=True)
    certainty = certainty_field(Certainty.UNCERTAIN)

    class Meta:
        verbose_name = "quy tắc biểu quyết"
        verbose_name_plural = "quy tắc biểu quyết"
        ordering = ["regulation__valid_from", "award__position", "level"]
        constraints = [fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        target = self.award.name if self.award_id else "mọi hình thức"
        return f"{target}: từ {self.min_ratio:.0%} {self.get_base_display().lower()}"
