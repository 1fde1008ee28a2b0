"""The yearly registration (đăng ký thi đua đầu năm) of a unit, outside any plan: a sheet per unit and period."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from units import fields
from units.dates import in_figures
from units.models import Unit
from units.scoping import ScopedQuerySet

from awards.models.catalogue import AwardType
from awards.models.history import Initiative

# "2026" (a calendar year) or "2026-2027" (a school year).
PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


def period_start(period: str) -> int:
    """The first year of ``period``; ValidationError in Vietnamese when it is neither "2026" nor "2026-2027"."""
    match = PERIOD_RE.match((period or "").strip())
    if not match or (match.group(2) and int(match.group(2)) != int(match.group(1)) + 1):
        raise ValidationError(f"Năm đăng ký “{(period or '')[:20]}” không hợp lệ: ghi năm (2026) hoặc năm học "
                              "(2026-2027).")
    return int(match.group(1))


class YearlySheetQuerySet(ScopedQuerySet):
    scope_paths = ("unit__path",)


class YearlySheet(models.Model):
    """A unit's registration sheet for one year (or school year), drafted by its clerk, sent by its approver."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        SENT = "sent", "Đã gửi"
        ACKNOWLEDGED = "acknowledged", "Cấp trên đã tiếp nhận"

    class TakeBack(models.TextChoices):
        WITHDRAWN = "withdrawn", "Rút lại"
        RETURNED = "returned", "Trả lại"

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="yearly_sheets")
    period = fields.CharField("năm đăng ký", max_length=9, help_text="Năm (2026) hoặc năm học (2026-2027).")
    year = models.PositiveSmallIntegerField("năm bắt đầu")
    status = fields.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # The last time the sheet went back to draft after sending: withdrawn by its unit or returned from above.
    taken_back = fields.CharField("đưa về đang soạn", max_length=10, choices=TakeBack.choices, blank=True)
    taken_back_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    taken_back_at = models.DateTimeField(null=True, blank=True)
    taken_back_reason = fields.TextField("lý do", max_length=fields.REASON, blank=True)

    objects = YearlySheetQuerySet.as_manager()

    class Meta:
        verbose_name = "bảng đăng ký thi đua đầu năm"
        verbose_name_plural = "bảng đăng ký thi đua đầu năm"
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="awards_yearlysheet_unique_unit_period",
                                    violation_error_message="Đơn vị đã có bảng đăng ký của năm này."),
            fields.length_limit("taken_back_reason", fields.REASON),
        ]

    def __str__(self):
        return f"Đăng ký thi đua năm {self.period} — {self.unit.name}"

    @property
    def is_sent(self):
        """Sent up (acknowledged or not): the rows are locked."""
        return self.status != self.Status.DRAFT

    @property
    def shows_take_back(self):
        """The clerk reads why the sheet came back while it is a draft again."""
        return self.status == self.Status.DRAFT and self.taken_back_at is not None


class YearlyEntryQuerySet(ScopedQuerySet):
    scope_paths = ("sheet__unit__path",)


class YearlyEntry(models.Model):
    """One row of a sheet: a person or a collective, the title registered, the form of recognition, an initiative."""

    sheet = models.ForeignKey(YearlySheet, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey("units.Person", verbose_name="cá nhân", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="yearly_entries")
    collective = models.ForeignKey(Unit, verbose_name="tập thể", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="yearly_entries")
    title = models.ForeignKey(AwardType, verbose_name="danh hiệu thi đua", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="yearly_title_entries")
    recognition = models.ForeignKey(AwardType, verbose_name="hình thức khen thưởng", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="yearly_recognition_entries")
    initiative_title = fields.CharField("tên sáng kiến đăng ký", max_length=500, blank=True)
    # The recognised initiative, once the unit's council has recognised it.
    initiative = models.ForeignKey(Initiative, verbose_name="sáng kiến được công nhận", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="yearly_entries")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = YearlyEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "dòng đăng ký thi đua đầu năm"
        verbose_name_plural = "dòng đăng ký thi đua đầu năm"
        ordering = ["sheet", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="awards_yearlyentry_one_subject",
                violation_error_message="Chọn một cá nhân hoặc một tập thể.",
            ),
            models.CheckConstraint(
                condition=~Q(title__isnull=True, recognition__isnull=True, initiative_title=""),
                name="awards_yearlyentry_has_target",
                violation_error_message="Chọn danh hiệu, hình thức khen thưởng hoặc ghi tên sáng kiến.",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} — {self.title.name if self.title_id else self.initiative_title}"

    @property
    def subject_name(self):
        return self.person.full_name if self.person_id else self.collective.name

    @property
    def recognised_note(self):
        """"Đã công nhận: <initiative>, Quyết định số … ngày …" on a row linked to its recognised initiative."""
        if not self.initiative_id:
            return ""
        initiative = self.initiative
        if initiative.decision_number:
            where = f"Quyết định số {initiative.decision_number}"
            if initiative.decision_date:
                where += f" ngày {in_figures(initiative.decision_date)}"
        elif initiative.decision_date:
            where = f"ngày {in_figures(initiative.decision_date)}"
        else:
            where = f"năm {initiative.year}"
        return f"Đã công nhận: {initiative.title}, {where}"
