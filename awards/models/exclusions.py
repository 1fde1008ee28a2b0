"""Forms that may not be proposed together for one subject (one achievement, one form)."""

from django.db import models
from django.db.models import Q

from units import fields

from awards.models.base import DatedRule
from awards.models.catalogue import AwardType


class AwardExclusion(DatedRule):
    """Two awards one subject may not be proposed for together, in the same year or the same review.

    The rule works both ways: proposing either award is refused while the other is proposed.
    """

    class Scope(models.TextChoices):
        SAME_YEAR = "same_year", "Cùng năm thành tích (mọi đợt xét)"
        SAME_REVIEW = "same_review", "Cùng đợt xét (cùng kế hoạch; không theo kế hoạch: cùng kỳ tổng kết năm)"

    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="exclusions")
    excluded_award = models.ForeignKey(AwardType, verbose_name="không đề nghị cùng với", on_delete=models.CASCADE,
                                       related_name="excluded_by")
    scope = fields.CharField("phạm vi", max_length=12, choices=Scope.choices, default=Scope.SAME_REVIEW)
    reason = fields.CharField("lý do", max_length=500)
    note = None  # no note column: the reason says it

    class Meta:
        verbose_name = "hình thức không đề nghị đồng thời"
        verbose_name_plural = "hình thức không đề nghị đồng thời"
        ordering = ["award__position", "excluded_award__position"]
        constraints = [
            models.CheckConstraint(condition=~Q(award=models.F("excluded_award")), name="awards_exclusion_two_awards",
                                   violation_error_message="Chọn hai hình thức khác nhau."),
            models.UniqueConstraint(fields=["award", "excluded_award", "scope", "valid_from"],
                                    name="awards_exclusion_unique_pair",
                                    violation_error_message="Cặp hình thức này đã có trong bảng."),
        ]

    def __str__(self):
        return f"{self.award} ✕ {self.excluded_award} ({self.get_scope_display().lower()})"

    def other(self, award_id):
        """The award of the pair that is not ``award_id``."""
        return self.excluded_award if self.award_id == award_id else self.award
