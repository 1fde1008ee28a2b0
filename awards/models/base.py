"""What the dated rules of the portal share: a period in force, a legal basis, how sure we are, a note.

Rules are rows tied to the regulations of a period (domain.md: "never code constants"), so every
rule table carries the same columns. They are declared once here; each rule model inherits them
and keeps its own table and columns (an abstract model adds no table of its own).
"""

from django.db import models

from units import fields
from units.models import valid_on


class Certainty(models.TextChoices):
    """How sure the portal is of a rule; uncertain rules must be checked against the official text."""

    VERIFIED = "V", "Đã đối chiếu văn bản"
    KNOWN = "K", "Quy định phổ biến, chưa đối chiếu lại"
    UNCERTAIN = "U", "Chưa chắc chắn — cần kiểm tra"


def certainty_field(default=Certainty.KNOWN):
    """The certainty column; a rule table whose rows are mostly unverified defaults to U."""
    return fields.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=default)


class DatedRuleQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """Rows in force on ``on`` (today by default), read as units and memberships are (``valid_on``)."""
        return self.filter(valid_on(on))


class Dated(models.Model):
    """A row that holds from ``valid_from`` to ``valid_to``, both days included, either end open."""

    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    objects = DatedRuleQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_valid_on(self, on) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or self.valid_to >= on)


class DatedRule(Dated):
    """A rule in force for a period, with the text it rests on and how sure the portal is of it.

    A rule table without a note column says ``note = None`` (Django removes an inherited field so).
    """

    legal_basis = fields.CharField("căn cứ", max_length=255, blank=True)
    certainty = certainty_field()
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)

    class Meta:
        abstract = True
