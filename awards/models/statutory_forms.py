"""Statutory statistical forms (biểu mẫu báo cáo thống kê) as data: a form, its rows and its columns.

Each row and column names a ``measure``: a filter over the award records written in the small
vocabulary of awards.rules.statutory_forms. A cell counts the records matching its row's and its
column's measures, so a new circular is new rows here, not new code.
"""

from django.db import models

from units import fields

from awards.models.base import Certainty, DatedRule, certainty_field


class StatisticalForm(DatedRule):
    """One form of a circular on statistical reporting, e.g. "Biểu số 0702.N/BNV-TĐKT"."""

    class Period(models.TextChoices):
        YEARLY = "yearly", "Năm"

    number = fields.CharField("biểu số", max_length=40, unique=True)
    title = fields.CharField("tên biểu", max_length=255)
    period = fields.CharField("kỳ báo cáo", max_length=10, choices=Period.choices, default=Period.YEARLY)
    receiving_unit = fields.CharField("đơn vị nhận báo cáo", max_length=255, blank=True)
    stub_label = fields.CharField("tiêu đề cột chỉ tiêu", max_length=100, default="Chỉ tiêu")
    position = models.PositiveIntegerField("thứ tự", default=0)
    certainty = certainty_field(Certainty.UNCERTAIN)

    class Meta:
        verbose_name = "biểu mẫu thống kê"
        verbose_name_plural = "biểu mẫu thống kê"
        ordering = ["position", "number"]
        constraints = [fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        return f"Biểu số {self.number} — {self.title}"


class StatisticalLine(models.Model):
    """What a row and a column share: a label, a code, a place and the measure it counts."""

    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    code = fields.CharField("mã số", max_length=10, blank=True)
    label = fields.CharField("tên", max_length=255)
    measure = fields.CharField("phép đếm", max_length=255, blank=True,
                               help_text="Ví dụ: subject=person;women — xem awards/rules/statutory_forms.py.")

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label


class StatisticalRow(StatisticalLine):
    """A row of a form (an indicator), indented under the row above it when ``indent`` > 0."""

    form = models.ForeignKey(StatisticalForm, on_delete=models.CASCADE, related_name="rows")
    indent = models.PositiveSmallIntegerField("thụt lề", default=0)

    class Meta(StatisticalLine.Meta):
        verbose_name = "dòng"
        verbose_name_plural = "các dòng"


class StatisticalColumn(StatisticalLine):
    """A column of a form; columns with the same ``group`` sit under one merged header cell."""

    form = models.ForeignKey(StatisticalForm, on_delete=models.CASCADE, related_name="columns")
    group = fields.CharField("nhóm cột", max_length=100, blank=True, help_text="Ví dụ: Chia ra.")

    class Meta(StatisticalLine.Meta):
        verbose_name = "cột"
        verbose_name_plural = "các cột"
