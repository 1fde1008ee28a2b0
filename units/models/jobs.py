"""Background jobs: one record for every long task (plan PDF, nominee import, certificate pack …)."""


from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units import fields
from units.models.accounts import User


def private_storage():
    """The "private" storage alias: job files carry personal data and have no public address."""
    from django.core.files.storage import storages

    return storages["private"]


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job is its owner's alone (and the superuser's): it may hold a whole list's personal data."""
        if user.is_superuser:
            return self
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def of(self, subject):
        """The jobs whose subject is this record."""
        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


class Job(models.Model):
    """One long piece of work done by the task worker: who asked, how far it has got, how it ended."""

    class Kind(models.TextChoices):
        PLAN_PDF = "plan_pdf", "In kế hoạch"
        NOMINEE_IMPORT = "nominee_import", "Nhập danh sách đề nghị từ Excel"
        CERTIFICATE_PACK = "certificate_pack", "In giấy khen, bằng khen của quyết định"
        COUNCIL_MINUTES = "council_minutes", "Lập biên bản họp Hội đồng TĐKT"
        NOMINEE_EXPORT = "nominee_export", "Xuất danh sách đề nghị ra Excel"

    class State(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        SUCCEEDED = "succeeded", "Đã xong"
        FAILED = "failed", "Không thành công"

    kind = fields.CharField("loại việc", max_length=32, choices=Kind.choices)
    owner = models.ForeignKey(User, verbose_name="người yêu cầu", on_delete=models.CASCADE, related_name="jobs")
    state = fields.CharField("trạng thái", max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField("đã làm", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    message = fields.CharField("thông báo", max_length=255, blank=True)
    error = fields.TextField("lỗi", blank=True, max_length=fields.RECORD)
    # The record the work is about (a plan, a decision, an import), whatever its app: units may
    # not import campaigns or awards, and each of them links its own records the same way.
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # What the work needs beyond its subject (a plan's version, a pack's paper ids); JSON only.
    payload = models.JSONField("tham số", default=dict, blank=True)
    # An upload the work reads, kept only until the job ends.
    input = models.FileField("tệp đầu vào", storage=private_storage, upload_to="jobs/input/%Y/", max_length=255,
                             blank=True)
    result = models.FileField("tệp kết quả", storage=private_storage, upload_to="jobs/result/%Y/", max_length=255,
                              blank=True)
    result_name = fields.CharField("tên tệp tải về", max_length=255, blank=True)
    task_id = fields.CharField("mã việc trong hàng đợi", max_length=64, blank=True)
    heartbeat_at = models.DateTimeField("lần báo còn chạy gần nhất", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "việc nền"
        verbose_name_plural = "việc nền"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "heartbeat_at"], name="units_job_state_heartbeat"),
            models.Index(fields=["subject_type", "subject_id", "kind"], name="units_job_subject"),
            models.Index(fields=["owner", "-created_at"], name="units_job_owner"),
        ]
        constraints = [
            fields.length_limit("error", fields.RECORD),
            models.CheckConstraint(condition=Q(done__lte=models.F("total")) | Q(total=0),
                                   name="units_job_done_within_total"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("units:job_detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

    @property
    def percent(self):
        if self.state == self.State.SUCCEEDED:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
