"""In-app notifications: a line in a user's inbox saying what happened to which dossier."""

from django.conf import settings
from django.db import models

from units import fields


class Notification(models.Model):
    """Something a user should know: a dossier arrived, was returned, forwarded or decided."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE,
                                  related_name="notifications")
    verb = fields.CharField("việc", max_length=10)
    text = fields.CharField("nội dung", max_length=255)
    link = fields.CharField("đường dẫn", max_length=255, blank=True)
    dossier = models.ForeignKey("awards.Dossier", verbose_name="hồ sơ", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="notifications")
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"], name="awards_notification_inbox")]

    def __str__(self):
        return self.text
