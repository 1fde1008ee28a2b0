"""Nominations: a unit's list of proposals (under a plan or for the annual review) and its lines."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet

from awards.models.catalogue import AwardType
from awards.models.history import SubjectAward

ONE_SUBJECT = "Chọn đúng một đối tượng: cá nhân, tập thể hoặc hộ gia đình."
DUPLICATE_PERSON = "Cá nhân này đã được đề nghị hình thức khen thưởng này (cùng kế hoạch hoặc cùng năm)."
DUPLICATE_COLLECTIVE = "Tập thể này đã được đề nghị hình thức khen thưởng này (cùng kế hoạch hoặc cùng năm)."


class NominationListQuerySet(ScopedQuerySet):
    scope_paths = ("unit__path",)


class NominationList(models.Model):
    """A unit's list of people and collectives it proposes for awards, under a plan or for a year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SUBMITTED = "submitted", "Đã gửi"

    unit = models.ForeignKey(Unit, verbose_name="đơn vị đề nghị", on_delete=models.PROTECT,
                             related_name="nomination_lists")
    plan = models.ForeignKey("campaigns.Plan", verbose_name="kế hoạch", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="nomination_lists",
                             help_text="Để trống khi đề nghị khen thưởng tổng kết năm.")
    year = models.PositiveSmallIntegerField("năm thành tích")
    title = fields.CharField("tên danh sách", max_length=255)
    status = fields.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("thời điểm gửi", null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped on every change, so a page can tell the list changed under it.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = NominationListQuerySet.as_manager()

    class Meta:
        verbose_name = "danh sách đề nghị khen thưởng"
        verbose_name_plural = "danh sách đề nghị khen thưởng"
        ordering = ["-year", "-pk"]
        indexes = [models.Index(fields=["unit", "plan", "status"], name="awards_nomlist_unit_plan"),
                   # A plan's progress asks, per unit below its issuer, whether lists were sent under the plan.
                   models.Index(fields=["plan", "status", "unit"], name="awards_nomlist_plan_status")]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT


class NominationLineQuerySet(ScopedQuerySet):
    scope_paths = ("nomination_list__unit__path",)

    def counted_against_quota(self):
        """The lines plans' quotas count (per plan, award and unit): those of submitted lists under a plan."""
        return self.filter(plan__isnull=False, nomination_list__status=NominationList.Status.SUBMITTED)


class NominationLine(SubjectAward, models.Model):
    """One proposal of a list: who (a person, a collective or a household), for which award, and why."""

    nomination_list = models.ForeignKey(NominationList, verbose_name="danh sách", on_delete=models.CASCADE,
                                        related_name="lines")
    # Copied from the list so the unique constraints below can guard the whole hierarchy in
    # the database: two communes proposing the same person at the same moment cannot both win.
    plan = models.ForeignKey("campaigns.Plan", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", editable=False)
    year = models.PositiveSmallIntegerField("năm thành tích", editable=False)
    person = models.ForeignKey("units.Person", verbose_name="cá nhân", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="nomination_lines")
    collective = models.ForeignKey(Unit, verbose_name="tập thể", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="nomination_lines")
    household = fields.CharField("hộ gia đình", max_length=255, blank=True,
                                 help_text="Tên chủ hộ và địa chỉ, khi đề nghị khen thưởng hộ gia đình.")
    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.PROTECT,
                              related_name="nomination_lines")
    award_class = fields.CharField("hạng", max_length=20, blank=True)
    summary = fields.TextField("tóm tắt thành tích", blank=True, max_length=fields.SUMMARY)
    # None: the engine does not judge this line (households; awards without a standard for the
    # subject) — nothing to override.
    eligible = models.BooleanField("đủ tiêu chuẩn", null=True, blank=True, editable=False)
    eligibility = models.JSONField("kết quả xét tiêu chuẩn", default=dict, blank=True, editable=False)
    override_reason = fields.TextField("lý do đề nghị khi chưa đủ tiêu chuẩn", max_length=fields.REASON,
                                       blank=True, editable=False)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", editable=False)
    override_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NominationLineQuerySet.as_manager()

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["nomination_list", "pk"]
        constraints = [
            fields.length_limit("summary", fields.SUMMARY),
            fields.length_limit("override_reason", fields.REASON),
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True) & Q(household=""))
                | (Q(person__isnull=True) & Q(collective__isnull=False) & Q(household=""))
                | (Q(person__isnull=True) & Q(collective__isnull=True) & ~Q(household="")),
                name="awards_nomination_one_subject", violation_error_message=ONE_SUBJECT,
            ),
            models.UniqueConstraint(
                fields=["person", "award", "plan"], condition=Q(person__isnull=False, plan__isnull=False),
                name="awards_nomination_unique_person_plan_award", violation_error_message=DUPLICATE_PERSON,
            ),
            models.UniqueConstraint(
                fields=["person", "award", "year"], condition=Q(person__isnull=False, plan__isnull=True),
                name="awards_nomination_unique_person_year_award", violation_error_message=DUPLICATE_PERSON,
            ),
            models.UniqueConstraint(
                fields=["collective", "award", "plan"], condition=Q(collective__isnull=False, plan__isnull=False),
                name="awards_nomination_unique_unit_plan_award", violation_error_message=DUPLICATE_COLLECTIVE,
            ),
            models.UniqueConstraint(
                fields=["collective", "award", "year"], condition=Q(collective__isnull=False, plan__isnull=True),
                name="awards_nomination_unique_unit_year_award", violation_error_message=DUPLICATE_COLLECTIVE,
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} — {self.award_label}"

    @property
    def needs_override(self):
        return self.eligible is False and not self.override_reason


class DeadlineExtension(models.Model):
    """A later dossier deadline granted by the plan's issuer, to one unit or to all units."""

    plan = models.ForeignKey("campaigns.Plan", verbose_name="kế hoạch", on_delete=models.CASCADE,
                             related_name="deadline_extensions")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị được gia hạn", on_delete=models.CASCADE, null=True,
                             blank=True, related_name="deadline_extensions", help_text="Để trống: mọi đơn vị.")
    new_deadline = models.DateField("hạn nộp mới")
    reason = fields.TextField("lý do gia hạn", max_length=fields.REASON)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gia hạn nộp hồ sơ"
        verbose_name_plural = "gia hạn nộp hồ sơ"
        ordering = ["plan", "-created_at", "-pk"]
        constraints = [fields.length_limit("reason", fields.REASON)]

    def __str__(self):
        return f"{self.plan_id}: đến {self.new_deadline:%d/%m/%Y}"
