"""Where dossiers go above the top of the unit tree, and how long each level may hold one."""

from django.db import models
from django.db.models import Q

from units import fields
from units.models import Unit

from awards.models.base import Certainty, DatedRule, certainty_field
from awards.models.catalogue import AuthorityLevel


class RoutingLink(DatedRule):
    """Where a dossier leaving a unit (or any root unit of a kind) goes next, for a period.

    The unit tree ends at the provinces; the central bodies that receive their proposals are not
    their parents. A link says "above a province, dossiers go to the central emulation body", or
    "above this named unit, to that one", so the level above the provinces is data like the rest.
    """

    source_unit = models.ForeignKey(Unit, verbose_name="từ đơn vị", on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="routing_links_out",
                                    help_text="Để trống khi áp dụng theo loại đơn vị.")
    source_kind = fields.CharField("từ mọi đơn vị gốc loại", max_length=20, choices=Unit.Kind.choices, blank=True,
                                   help_text="Áp dụng cho đơn vị không có đơn vị cấp trên trong cây đơn vị.")
    target = models.ForeignKey(Unit, verbose_name="chuyển đến", on_delete=models.PROTECT,
                               related_name="routing_links_in")

    class Meta:
        verbose_name = "tuyến chuyển hồ sơ"
        verbose_name_plural = "tuyến chuyển hồ sơ lên cấp trên"
        ordering = ["source_kind", "source_unit", "valid_from"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="awards_routinglink_dates")]
        constraints = [
            fields.length_limit("note", fields.NOTE),
            models.CheckConstraint(
                condition=(Q(source_unit__isnull=False) & Q(source_kind=""))
                | (Q(source_unit__isnull=True) & ~Q(source_kind="")),
                name="awards_routinglink_one_source",
                violation_error_message="Chọn đúng một trong hai: một đơn vị, hoặc một loại đơn vị.",
            ),
            models.CheckConstraint(
                condition=~Q(source_unit=models.F("target")), name="awards_routinglink_not_self",
                violation_error_message="Hồ sơ không thể chuyển đến chính đơn vị gửi.",
            ),
        ]

    def __str__(self):
        source = self.source_unit.name if self.source_unit_id else f"mọi {self.get_source_kind_display().lower()}"
        return f"{source} → {self.target}"


class ProcessingTimeLimit(DatedRule):
    """How many days a level may hold a dossier before it is overdue, under the rules of a period."""

    class DayKind(models.TextChoices):
        WORKING = "working", "ngày làm việc"
        CALENDAR = "calendar", "ngày"

    level = fields.CharField("cấp", max_length=12, choices=AuthorityLevel.choices)
    days = models.PositiveSmallIntegerField("số ngày")
    day_kind = fields.CharField("tính theo", max_length=8, choices=DayKind.choices, default=DayKind.WORKING)
    certainty = certainty_field(Certainty.UNCERTAIN)

    class Meta:
        verbose_name = "thời hạn xử lý hồ sơ"
        verbose_name_plural = "thời hạn xử lý hồ sơ"
        ordering = ["level", "valid_from"]
        indexes = [models.Index(fields=["level", "valid_from", "valid_to"], name="awards_timelimit_level")]
        constraints = [
            fields.length_limit("note", fields.NOTE),
            models.CheckConstraint(condition=Q(days__gt=0), name="awards_timelimit_positive",
                                   violation_error_message="Thời hạn phải lớn hơn 0 ngày."),
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {self.days} {self.get_day_kind_display()}"
