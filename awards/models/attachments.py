"""Dossier documents attached to a nomination list or to one of its lines, kept as checked PDF files."""

from django.db import models
from django.db.models import Q

from units import fields
from units.scoping import ScopedQuerySet
from units.storage import RandomName

from awards.models.checked_pdfs import CheckedPdf
from awards.models.dossier_rules import DocumentKind
from awards.models.nominations import NominationLine, NominationList
from awards.storage import private_storage

# One current copy each: a new upload replaces the old one. Evidence and other papers may
# be several files.
SINGLE_COPY_KINDS = frozenset({DocumentKind.PROPOSAL, DocumentKind.ACHIEVEMENT_REPORT, DocumentKind.MINUTES})
_SINGLE = sorted(kind.value for kind in SINGLE_COPY_KINDS)


class NominationAttachmentQuerySet(ScopedQuerySet):
    scope_paths = ("nomination_list__unit__path",)


class NominationAttachment(CheckedPdf):
    """A PDF document of a nomination dossier: a list's Tờ trình or minutes, or a nominee's report or evidence."""

    nomination_list = models.ForeignKey(NominationList, verbose_name="danh sách", on_delete=models.CASCADE,
                                        related_name="attachments")
    line = models.ForeignKey(NominationLine, verbose_name="đề nghị", on_delete=models.CASCADE, null=True,
                             blank=True, related_name="attachments",
                             help_text="Để trống với tài liệu chung của cả danh sách (tờ trình, biên bản).")
    kind = fields.CharField("loại tài liệu", max_length=10, choices=DocumentKind.choices)
    file = models.FileField("tệp", storage=private_storage, upload_to=RandomName("ho-so", "pdf"), max_length=255)

    objects = NominationAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "tài liệu hồ sơ"
        verbose_name_plural = "tài liệu hồ sơ"
        ordering = ["nomination_list", "line", "kind", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["nomination_list", "line", "kind"], name="awards_attach_list_line_kind")]
        constraints = [
            # The service replaces the old copy; these back it up when two uploads meet.
            models.UniqueConstraint(
                fields=["nomination_list", "kind"], condition=Q(line__isnull=True, kind__in=_SINGLE),
                name="awards_attach_one_list_copy",
            ),
            models.UniqueConstraint(
                fields=["line", "kind"], condition=Q(line__isnull=False, kind__in=_SINGLE),
                name="awards_attach_one_line_copy",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


# Migrations 0008 and 0011 name this as the ``upload_to`` of the attachments' files (0011 for a dossier's).
stored_name = NominationAttachment._meta.get_field("file").upload_to
