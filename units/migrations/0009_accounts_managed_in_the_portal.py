"""Accounts managed on the portal's pages: a folded search key on accounts (filled here for those already
made; the fold is copied, a migration imports nothing from the application) and the log's two new acts."""

import re
import unicodedata

from django.db import migrations, models


def fold(text):
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


def fill_keys(apps, schema_editor):
    User = apps.get_model("units", "User")
    for user in User.objects.only("pk", "full_name", "username"):
        User.objects.filter(pk=user.pk).update(search_key=fold(f"{user.full_name} {user.username}"))


class Migration(migrations.Migration):

    dependencies = [
        ('units', '0008_security_log_second_step'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='search_key',
            field=models.CharField(default='', editable=False, max_length=310),
        ),
        migrations.AlterField(
            model_name='securityevent',
            name='action',
            field=models.CharField(choices=[('login_succeeded', 'Đăng nhập thành công'), ('login_failed', 'Đăng nhập không thành công'), ('access_denied', 'Bị từ chối truy cập'), ('rate_limited', 'Bị chặn vì thao tác quá nhiều lần'), ('account_created', 'Tạo tài khoản'), ('account_deactivated', 'Khóa tài khoản'), ('account_reactivated', 'Mở lại tài khoản'), ('role_granted', 'Cấp vai trò'), ('role_changed', 'Sửa vai trò'), ('role_ended', 'Kết thúc vai trò'), ('password_reset', 'Đặt lại mật khẩu cho tài khoản khác'), ('password_changed', 'Tự đổi mật khẩu'), ('personal_data_exported', 'Xuất dữ liệu cá nhân'), ('second_step_failed', 'Sai mã xác thực hai bước'), ('two_factor_reset', 'Đặt lại xác thực hai bước')], max_length=32, verbose_name='hành động'),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
