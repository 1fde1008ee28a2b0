"""Loading a nominee list from Excel, recorded: who loaded which file into which list, and how it went."""

from django.conf import settings
from django.db import models

from awards.models.nominations import NominationList
from awards.storage import private_storage


class NomineeImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Imports into the lists the user may see (the one scoping rule)."""
        from units.scoping import unit_scope_q

        return self.filter(unit_scope_q(user, "nomination_list__unit__path"))


class NomineeImport(models.Model):
    """One upload of a nominee workbook into a list: its progress, its outcome, the annotated file."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang nhập"
        DONE = "done", "Đã nhập"
        FAILED = "failed", "Không nhập được"

    nomination_list = models.ForeignKey(NominationList, verbose_name="danh sách", on_delete=models.CASCADE,
                                        related_name="imports")
    file_name = models.CharField("tên tệp", max_length=255, blank=True)
    row_count = models.PositiveIntegerField("số dòng", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    message = models.CharField("thông báo", max_length=255, blank=True)
    lines_created = models.PositiveIntegerField("số đề nghị thêm mới", default=0)
    lines_present = models.PositiveIntegerField("số đề nghị đã có", default=0)
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    # [row, message] pairs, row 0 for the whole file; only the first MAX_STORED_ERRORS are
    # kept, the annotated workbook carries every one of them.
    errors = models.JSONField("lỗi", default=list, blank=True)
    # The upload, kept only until a background run has read it.
    source = models.FileField(storage=private_storage, upload_to="nominee-imports/uploads/%Y/", blank=True)
    annotated = models.FileField("tệp đánh dấu lỗi", storage=private_storage,
                                 upload_to="nominee-imports/annotated/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = NomineeImportQuerySet.as_manager()

    MAX_STORED_ERRORS = 1_000

    class Meta:
        verbose_name = "lượt nhập danh sách đề nghị"
        verbose_name_plural = "lượt nhập danh sách đề nghị"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["nomination_list", "-created_at"], name="awards_nomimport_list")]

    def __str__(self):
        return f"{self.file_name or self.pk} → {self.nomination_list_id} ({self.status})"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
