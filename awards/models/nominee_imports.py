"""Loading a nominee list from Excel, recorded: who loaded which file into which list, and how it went."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from units import fields
from units.models import Job
from units.scoping import ScopedQuerySet

from awards.models.nominations import NominationList
from awards.storage import private_storage


class NomineeImportQuerySet(ScopedQuerySet):
    scope_paths = ("nomination_list__unit__path",)


class NomineeImport(models.Model):
    """One upload of a nominee workbook into a list: its outcome, the annotated file, and for a long file
    the job that loads it (which holds its progress and the upload until read)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang nhập"
        DONE = "done", "Đã nhập"
        FAILED = "failed", "Không nhập được"

    nomination_list = models.ForeignKey(NominationList, verbose_name="danh sách", on_delete=models.CASCADE,
                                        related_name="imports")
    file_name = fields.CharField("tên tệp", max_length=255, blank=True)
    row_count = models.PositiveIntegerField("số dòng", null=True, blank=True)
    status = fields.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.QUEUED)
    message = fields.CharField("thông báo", max_length=255, blank=True)
    lines_created = models.PositiveIntegerField("số đề nghị thêm mới", default=0)
    lines_present = models.PositiveIntegerField("số đề nghị đã có", default=0)
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    # [row, message] pairs, row 0 for the whole file; only the first MAX_STORED_ERRORS are
    # kept, the annotated workbook carries every one of them.
    errors = models.JSONField("lỗi", default=list, blank=True)
    annotated = models.FileField("tệp đánh dấu lỗi", storage=private_storage,
                                 upload_to="nominee-imports/annotated/%Y/", blank=True)
    # A long file is loaded by a job; its progress, its upload and its failure, if the worker dies, are the job's.
    job = models.ForeignKey("units.Job", verbose_name="việc nền", on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
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
        # Read on the job page as what the job is about.
        return f"Tệp {self.file_name or 'Excel'} → danh sách “{self.nomination_list.title}”"

    def get_absolute_url(self):
        return reverse("awards:nomination_list_detail", args=[self.nomination_list_id]) + "#excel"

    @property
    def current_status(self):
        """The outcome once recorded; before that, what the loading job says (failed if its worker died)."""
        if self.status in (self.Status.DONE, self.Status.FAILED) or self.job is None:
            return self.status
        return {Job.State.RUNNING: self.Status.RUNNING, Job.State.FAILED: self.Status.FAILED}.get(
            self.job.state, self.Status.QUEUED)

    def get_current_status_display(self):
        return self.Status(self.current_status).label

    @property
    def current_message(self):
        if self.status in (self.Status.DONE, self.Status.FAILED) or self.job is None:
            return self.message
        return self.job.error or self.job.message

    @property
    def percent(self):
        if self.is_finished:
            return 100
        return self.job.percent if self.job else 0

    @property
    def is_finished(self):
        return self.current_status in (self.Status.DONE, self.Status.FAILED)
