"""The award counts the statistics page sums: records in force, counted once per unit, year, award and subject."""

from django.db import models

from units import fields
from units.models import Unit

from awards.models.catalogue import AwardType

# A position folded (awards.rules.award_tallies.folded) may grow: full case folding writes "ß" as "ss".
POSITION_KEY = 600


class AwardTally(models.Model):
    """How many awards in force (not revoked) of one award a unit's people, or the unit itself, hold for one year,
    by the people's gender and position: a copy of what ``AwardRecord`` says, kept by
    ``awards.services.award_tallies`` and checked against a fresh count by ``check_consistency``.

    A person's awards are counted under the person's unit; a collective's under the collective. Households, whose
    awards belong to two units at once, are not counted here: the page counts their records directly.
    """

    class Subject(models.TextChoices):
        PERSON = "person", "Cá nhân"
        COLLECTIVE = "collective", "Tập thể"

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+",
                             db_index=False)
    year = models.PositiveSmallIntegerField("năm thành tích")
    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="+")
    subject = fields.CharField("đối tượng", max_length=10, choices=Subject.choices)
    # A person's (Person.Gender); blank for a collective.
    gender = fields.CharField("giới tính", max_length=6, blank=True)
    # A person's position folded for comparison (case and Unicode form ignored); blank for a collective.
    position = fields.CharField("chức vụ (đã chuẩn hóa)", max_length=POSITION_KEY, blank=True)
    n = models.PositiveIntegerField("số khen thưởng")

    class Meta:
        verbose_name = "số khen thưởng đã cộng"
        verbose_name_plural = "số khen thưởng đã cộng (thống kê)"
        indexes = [
            # The page reads the units of a scope, then their years, from this index alone (the count included).
            models.Index(fields=["unit", "year", "award", "subject", "gender", "position", "n"],
                         name="awards_tally_unit_counts"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "award", "subject", "gender", "position"],
                                    name="awards_tally_unique_slice"),
            models.CheckConstraint(condition=models.Q(n__gt=0), name="awards_tally_positive"),
        ]

    def __str__(self):
        return f"{self.unit_id}, {self.year}, {self.award_id}: {self.n}"
