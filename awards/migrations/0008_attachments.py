# Dossier documents: checked PDF files attached to a nomination list or to one of its lines.

import awards.models.attachments
import awards.storage
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0007_dossier_rules'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='NominationAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('to_trinh', 'Tờ trình đề nghị khen thưởng'), ('bao_cao', 'Báo cáo thành tích'), ('bien_ban', 'Biên bản họp xét khen thưởng'), ('sang_kien', 'Chứng nhận sáng kiến, đề tài khoa học'), ('xac_nhan', 'Xác nhận thành tích đột xuất của cơ quan có thẩm quyền'), ('khac', 'Tài liệu khác')], max_length=10, verbose_name='loại tài liệu')),
                ('file', models.FileField(max_length=255, storage=awards.storage.private_storage, upload_to=awards.models.attachments.stored_name, verbose_name='tệp')),
                ('original_name', models.CharField(max_length=255, verbose_name='tên tệp gốc')),
                ('size', models.PositiveBigIntegerField(verbose_name='dung lượng (byte)')),
                ('sha256', models.CharField(max_length=64, verbose_name='mã băm SHA-256')),
                ('page_count', models.PositiveIntegerField(verbose_name='số trang')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm tải lên')),
                ('line', models.ForeignKey(blank=True, help_text='Để trống với tài liệu chung của cả danh sách (tờ trình, biên bản).', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='awards.nominationline', verbose_name='đề nghị')),
                ('nomination_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='awards.nominationlist', verbose_name='danh sách')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
            ],
            options={
                'verbose_name': 'tài liệu hồ sơ',
                'verbose_name_plural': 'tài liệu hồ sơ',
                'ordering': ['nomination_list', 'line', 'kind', 'uploaded_at', 'pk'],
                'indexes': [models.Index(fields=['nomination_list', 'line', 'kind'], name='awards_attach_list_line_kind')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('kind__in', ['bao_cao', 'bien_ban', 'to_trinh']), ('line__isnull', True)), fields=('nomination_list', 'kind'), name='awards_attach_one_list_copy'), models.UniqueConstraint(condition=models.Q(('kind__in', ['bao_cao', 'bien_ban', 'to_trinh']), ('line__isnull', False)), fields=('line', 'kind'), name='awards_attach_one_line_copy')],
            },
        ),
    ]
