"""The words that sort a person's typed position into leaders and workers for the statistics' fairness figures."""

from django.db import models

from units import fields

from awards.models.base import Certainty, DatedRule, certainty_field


class PositionGroupWord(DatedRule):
    """A word which, found in a person's position (any case), puts the person in a group; anyone else is staff.

    Which posts are leadership posts is set by law and changes, so the words are rows with a period of force.
    """

    class Group(models.TextChoices):
        LEADER = "leader", "Lãnh đạo, quản lý"
        WORKER = "worker", "Công nhân, người lao động"

    group = fields.CharField("nhóm", max_length=6, choices=Group.choices)
    word = fields.CharField("từ trong chức vụ", max_length=60,
                            help_text="So không phân biệt chữ hoa, chữ thường; ví dụ “Trưởng” gồm cả "
                                      "Trưởng phòng, Hiệu trưởng, Phó trưởng ban.")
    certainty = certainty_field(Certainty.UNCERTAIN)

    class Meta:
        verbose_name = "từ xếp nhóm chức vụ"
        verbose_name_plural = "từ xếp nhóm chức vụ (thống kê)"
        ordering = ["group", "word", "valid_from"]
        constraints = [
            fields.length_limit("note", fields.NOTE),
            models.CheckConstraint(condition=~models.Q(word=""), name="awards_position_word_not_blank",
                                   violation_error_message="Hãy nhập từ."),
        ]

    def __str__(self):
        return f"{self.get_group_display()}: {self.word}"
