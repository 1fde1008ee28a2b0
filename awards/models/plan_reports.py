"""A unit's report of what it did under a plan (báo cáo sơ kết, tổng kết, kết quả thực hiện), owed by a milestone."""

from django.conf import settings
from django.db import models

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet
from units.storage import RandomName

from campaigns.models import Milestone, PlanSection

from awards.models.checked_pdfs import CheckedPdf
from awards.storage import private_storage


class PlanReportQuerySet(ScopedQuerySet):
    scope_paths = ("unit__path",)


class PlanReport(models.Model):
    """The report one implementing unit owes the plan's issuer by one milestone: drafted by its clerk, sent
    (and then locked) by its approver, returned with a reason by the issuer."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        SENT = "sent", "Đã gửi"

    milestone = models.ForeignKey(Milestone, verbose_name="mốc báo cáo", on_delete=models.CASCADE,
                                  related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị báo cáo", on_delete=models.PROTECT,
                             related_name="plan_reports")
    status = fields.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The figures as the unit states them: its own, or, when it consolidated the units under it, theirs
    # and its own together — the level above then counts them once, through this report.
    units_taking_part = models.PositiveIntegerField("số tập thể tham gia", default=0)
    people_taking_part = models.PositiveIntegerField("số người tham gia", default=0)
    awards_given = models.PositiveIntegerField("số khen thưởng ở cấp mình", default=0)
    proposals_made = models.PositiveIntegerField("số đề nghị cấp trên khen thưởng", default=0)
    consolidated = models.BooleanField("đã tổng hợp báo cáo của các đơn vị trực thuộc", default=False)
    summary = fields.TextField("đánh giá chung", max_length=fields.SUMMARY, blank=True)
    recommendations = fields.TextField("kiến nghị, đề xuất", max_length=fields.NOTE, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    sent_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = fields.TextField("lý do trả lại", max_length=fields.REASON, blank=True)

    objects = PlanReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo kết quả thực hiện kế hoạch"
        verbose_name_plural = "báo cáo kết quả thực hiện kế hoạch"
        ordering = ["milestone", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["milestone", "unit"], name="awards_planreport_unique_milestone_unit",
                                    violation_error_message="Đơn vị đã có báo cáo cho mốc này."),
            fields.length_limit("summary", fields.SUMMARY),
            fields.length_limit("recommendations", fields.NOTE),
            fields.length_limit("return_reason", fields.REASON),
        ]

    def __str__(self):
        return f"Báo cáo {self.milestone} — {self.unit.name}"

    @property
    def is_sent(self):
        return self.status == self.Status.SENT


class PlanReportResult(models.Model):
    """What the unit did under one content section of the plan, in its own words."""

    report = models.ForeignKey(PlanReport, on_delete=models.CASCADE, related_name="results")
    section = models.ForeignKey(PlanSection, verbose_name="nội dung của kế hoạch", on_delete=models.CASCADE,
                                related_name="+")
    text = fields.TextField("kết quả", max_length=fields.SUMMARY, blank=True)

    class Meta:
        verbose_name = "kết quả theo nội dung"
        verbose_name_plural = "kết quả theo nội dung"
        ordering = ["report", "section__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="awards_planreportresult_unique_section"),
            fields.length_limit("text", fields.SUMMARY),
        ]

    def __str__(self):
        return f"{self.section} — {self.report}"


class PlanReportAttachmentQuerySet(ScopedQuerySet):
    scope_paths = ("report__unit__path",)


class PlanReportAttachment(CheckedPdf):
    """A PDF sent with a report (tables, photographs, the signed scan), checked as dossier documents are."""

    report = models.ForeignKey(PlanReport, verbose_name="báo cáo", on_delete=models.CASCADE,
                               related_name="attachments")
    file = models.FileField("tệp", storage=private_storage, upload_to=RandomName("bao-cao", "pdf"), max_length=255)

    objects = PlanReportAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "tài liệu kèm báo cáo"
        verbose_name_plural = "tài liệu kèm báo cáo"
        ordering = ["report", "uploaded_at", "pk"]


# Migration 0033 names this as the ``upload_to`` of a report's files.
report_stored_name = PlanReportAttachment._meta.get_field("file").upload_to
