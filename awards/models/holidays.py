"""The working-day calendar's exceptions: public holidays and the weekend days worked in exchange.

The government announces them each year; awards.rules.working_days reads the table (and drops the
calendar a process holds when a row changes).
"""

from django.db import models
from django.db.models import Q

from units import fields

from awards.models.catalogue import Certainty


class Holiday(models.Model):
    """A day off for a public holiday (or its compensatory day), or a weekend day worked in exchange."""

    class Kind(models.TextChoices):
        OFF = "off", "Nghỉ lễ, Tết"
        WORK = "work", "Ngày làm việc bù"

    date = models.DateField("ngày", unique=True)
    name = fields.CharField("tên", max_length=150)
    kind = fields.CharField("loại", max_length=4, choices=Kind.choices, default=Kind.OFF)
    legal_basis = fields.CharField("căn cứ", max_length=255, blank=True)
    certainty = fields.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=Certainty.KNOWN)
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)

    class Meta:
        verbose_name = "ngày nghỉ lễ, ngày làm bù"
        verbose_name_plural = "lịch ngày nghỉ lễ, ngày làm bù"
        ordering = ["date"]
        constraints = [
            fields.length_limit("note", fields.NOTE),
            models.CheckConstraint(condition=Q(kind__in=["off", "work"]), name="awards_holiday_kind_valid"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.name}"
