"""Public consultation (công khai, lấy ý kiến) before state-level awards go up.

``ConsultationRule`` says which awards a level must publish, for
how many working days. A ``PublicConsultation`` lists the candidates of a unit for public comment;
``ConsultationComment`` is one comment and the unit's answer. Only awards.services.consultations writes them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet

from awards.models.base import Certainty, DatedRule, certainty_field
from awards.models.catalogue import AuthorityLevel, AwardType
from awards.models.dossiers import DossierLine


class ConsultationRule(DatedRule):
    """Which award a level must publish for public comment before sending it up, and for how many working days."""

    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="consultation_rules")
    level = fields.CharField("cấp công khai", max_length=12, choices=AuthorityLevel.choices)
    days = models.PositiveSmallIntegerField("số ngày làm việc lấy ý kiến")
    certainty = certainty_field(Certainty.UNCERTAIN)

    class Meta:
        verbose_name = "quy định công khai, lấy ý kiến"
        verbose_name_plural = "quy định công khai, lấy ý kiến"
        ordering = ["award__position", "level", "valid_from"]
        constraints = [
            fields.length_limit("note", fields.NOTE),
            models.CheckConstraint(condition=Q(days__gt=0), name="awards_consultationrule_days_positive",
                                   violation_error_message="Thời gian lấy ý kiến phải lớn hơn 0 ngày."),
        ]

    def __str__(self):
        return f"{self.award} — {self.get_level_display()}: {self.days} ngày làm việc"


class PublicConsultationQuerySet(ScopedQuerySet):
    scope_paths = ("unit__path",)

    def public(self):
        """What the public page lists: open consultations."""
        return self.filter(status=PublicConsultation.Status.OPEN)


class PublicConsultation(models.Model):
    """A unit's public listing of candidates for state-level awards, open for comment for some working days."""

    class Status(models.TextChoices):
        OPEN = "open", "Đang lấy ý kiến"
        CLOSED = "closed", "Đã kết thúc"

    unit = models.ForeignKey(Unit, verbose_name="đơn vị công khai", on_delete=models.PROTECT,
                             related_name="consultations")
    title = fields.CharField("tiêu đề", max_length=255)
    where_published = fields.CharField("nơi công khai", max_length=255,
                                       default="Cổng thông tin điện tử và trụ sở cơ quan")
    opens_on = models.DateField("ngày bắt đầu")
    closes_on = models.DateField("ngày kết thúc")
    days = models.PositiveSmallIntegerField("số ngày làm việc")
    status = fields.CharField("trạng thái", max_length=6, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("thời điểm lập", auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người kết thúc", on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField("thời điểm kết thúc", null=True, blank=True)

    objects = PublicConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "đợt công khai, lấy ý kiến"
        verbose_name_plural = "đợt công khai, lấy ý kiến"
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["status", "opens_on"], name="awards_consultation_status")]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")),
                                   name="awards_consultation_closes_after_opening"),
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="awards_consultation_status_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("awards:consultation_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("public:consultation_public_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class ConsultationCandidate(models.Model):
    """One proposal (a line of a packet the unit received) listed in a consultation."""

    consultation = models.ForeignKey(PublicConsultation, verbose_name="đợt lấy ý kiến", on_delete=models.CASCADE,
                                     related_name="candidates")
    line = models.ForeignKey(DossierLine, verbose_name="đề nghị", on_delete=models.PROTECT,
                             related_name="consultation_candidates")

    class Meta:
        verbose_name = "đối tượng lấy ý kiến"
        verbose_name_plural = "đối tượng lấy ý kiến"
        ordering = ["consultation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "line"], name="awards_consultcandidate_once"),
        ]

    def __str__(self):
        return str(self.line.nomination_line)


class ConsultationComment(models.Model):
    """A comment anyone sent on a consultation (optionally on one candidate), and the unit's answer."""

    consultation = models.ForeignKey(PublicConsultation, verbose_name="đợt lấy ý kiến", on_delete=models.CASCADE,
                                     related_name="comments")
    candidate = models.ForeignKey(ConsultationCandidate, verbose_name="về đối tượng", on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="comments")
    name = fields.CharField("họ và tên người góp ý", max_length=100)
    contact = fields.CharField("địa chỉ liên hệ", max_length=150, blank=True)
    text = fields.TextField("nội dung góp ý", max_length=3000)
    created_at = models.DateTimeField("thời điểm gửi")
    answer = fields.TextField("nội dung trả lời", blank=True, max_length=3000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người trả lời", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField("thời điểm trả lời", null=True, blank=True)

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["consultation", "created_at", "pk"]
        indexes = [models.Index(fields=["consultation", "answered_at"], name="awards_consultcomment_answer")]
        constraints = [fields.length_limit("text", 3000), fields.length_limit("answer", 3000)]

    def __str__(self):
        return f"{self.name}: {self.text[:50]}"

    @property
    def is_answered(self):
        return self.answered_at is not None
