"""Dossiers on their way up: packets, lines, the hash-chained history, routing links, time limits, notifications.

The time limits are loaded as data from domain.md §2.4, marked as uncertain where the source is: a
province's procedures set its own limits (often 20 working days), and the central body's 15 days
come from a record of the procedure before 2024. Administrators correct them in the admin.
"""

import datetime

import awards.models.attachments
import awards.storage
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


TIME_LIMITS = [
    # (level, days, day kind, valid_from, valid_to, certainty, legal basis, note)
    ("government", 15, "working", None, None, "U", "Thủ tục tặng Bằng khen của Thủ tướng Chính phủ (hồ sơ thủ tục trước 2024)",
     "Ban Thi đua - Khen thưởng Trung ương thẩm định, trình Thủ tướng: 15 ngày; 30 ngày khi cần lấy ý kiến hiệp y. "
     "Số ngày lấy từ hồ sơ thủ tục trước năm 2024 — cần kiểm tra thủ tục hiện hành và cách tính ngày."),
    ("province", 20, "working", None, None, "U", "Quyết định công bố thủ tục hành chính của tỉnh",
     "Thời hạn phổ biến của thủ tục khen thưởng cấp tỉnh; mỗi tỉnh công bố thời hạn riêng — cần kiểm tra."),
    ("district", 20, "working", None, datetime.date(2025, 6, 30), "U", "Quyết định công bố thủ tục hành chính của tỉnh",
     "Thẩm định cấp huyện (đến 30/6/2025) theo thủ tục tỉnh công bố — cần kiểm tra."),
    ("commune", 20, "working", None, None, "U", "Quyết định công bố thủ tục hành chính của tỉnh",
     "Thẩm định cấp xã theo thủ tục tỉnh công bố — cần kiểm tra."),
]


def load_time_limits(apps, schema_editor):
    ProcessingTimeLimit = apps.get_model("awards", "ProcessingTimeLimit")
    db = schema_editor.connection.alias
    for level, days, kind, valid_from, valid_to, certainty, basis, note in TIME_LIMITS:
        ProcessingTimeLimit.objects.using(db).get_or_create(level=level, valid_from=valid_from, defaults={
            "days": days, "day_kind": kind, "valid_to": valid_to, "certainty": certainty, "legal_basis": basis,
            "note": note})


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0010_nominee_imports'),
        ('units', '0003_state_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Dossier',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='trích yếu')),
                ('status', models.CharField(choices=[('submitted', 'Chờ tiếp nhận'), ('refused', 'Không tiếp nhận, chờ bổ sung'), ('received', 'Đang thẩm định'), ('returned', 'Trả lại để bổ sung'), ('reviewed', 'Đã thẩm định, chờ lãnh đạo'), ('closed', 'Đã xử lý xong tại cấp nhận')], default='submitted', max_length=10, verbose_name='trạng thái')),
                ('round', models.PositiveSmallIntegerField(default=1, verbose_name='lần gửi')),
                ('route', models.JSONField(default=list, verbose_name='tuyến chuyển')),
                ('routed_on', models.DateField(verbose_name='ngày xác định tuyến và thẩm quyền')),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm gửi')),
                ('conflicted_users', models.JSONField(blank=True, default=list, verbose_name='người đã gửi, thẩm định ở cấp dưới')),
                ('status_changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm chuyển trạng thái')),
                ('version', models.PositiveIntegerField(default=1)),
                ('event_count', models.PositiveIntegerField(default=0)),
                ('last_event_hash', models.CharField(blank=True, max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('nomination_list', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='dossiers', to='awards.nominationlist', verbose_name='danh sách đề nghị')),
                ('received_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tiếp nhận')),
                ('receiver', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossiers_received', to='units.unit', verbose_name='đơn vị nhận')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thẩm định')),
                ('sender', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossiers_sent', to='units.unit', verbose_name='đơn vị gửi')),
                ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi')),
            ],
            options={
                'verbose_name': 'hồ sơ đề nghị khen thưởng',
                'verbose_name_plural': 'hồ sơ đề nghị khen thưởng',
                'ordering': ['-status_changed_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='DossierAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('to_trinh', 'Tờ trình đề nghị khen thưởng'), ('bao_cao', 'Báo cáo thành tích'), ('bien_ban', 'Biên bản họp xét khen thưởng'), ('sang_kien', 'Chứng nhận sáng kiến, đề tài khoa học'), ('xac_nhan', 'Xác nhận thành tích đột xuất của cơ quan có thẩm quyền'), ('khac', 'Tài liệu khác')], max_length=10, verbose_name='loại tài liệu')),
                ('file', models.FileField(max_length=255, storage=awards.storage.private_storage, upload_to=awards.models.attachments.stored_name, verbose_name='tệp')),
                ('original_name', models.CharField(max_length=255, verbose_name='tên tệp gốc')),
                ('size', models.PositiveBigIntegerField(verbose_name='dung lượng (byte)')),
                ('sha256', models.CharField(max_length=64, verbose_name='mã băm SHA-256')),
                ('page_count', models.PositiveIntegerField(verbose_name='số trang')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm tải lên')),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='awards.dossier', verbose_name='hồ sơ')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
            ],
            options={
                'verbose_name': 'tài liệu của hồ sơ',
                'verbose_name_plural': 'tài liệu của hồ sơ',
                'ordering': ['dossier', 'kind', 'uploaded_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='DossierEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveIntegerField(verbose_name='thứ tự')),
                ('round', models.PositiveSmallIntegerField(verbose_name='lần gửi')),
                ('action', models.CharField(max_length=10, verbose_name='thao tác')),
                ('from_status', models.CharField(blank=True, max_length=10, verbose_name='từ trạng thái')),
                ('to_status', models.CharField(max_length=10, verbose_name='sang trạng thái')),
                ('comment', models.TextField(blank=True, verbose_name='ý kiến')),
                ('details', models.JSONField(blank=True, default=dict, verbose_name='chi tiết')),
                ('created_at', models.DateTimeField(verbose_name='thời điểm')),
                ('content_sha256', models.CharField(max_length=64, verbose_name='mã băm nội dung hồ sơ')),
                ('previous_hash', models.CharField(max_length=64, verbose_name='mã băm sự kiện trước')),
                ('hash', models.CharField(max_length=64, verbose_name='mã băm sự kiện')),
                ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='awards.dossier', verbose_name='hồ sơ')),
                ('from_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='từ đơn vị')),
                ('to_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='đến đơn vị')),
            ],
            options={
                'verbose_name': 'diễn biến hồ sơ',
                'verbose_name_plural': 'diễn biến hồ sơ',
                'ordering': ['dossier', 'seq'],
            },
        ),
        migrations.CreateModel(
            name='DossierLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Chờ tiếp nhận'), ('accepted', 'Đã tiếp nhận, chờ thẩm định'), ('returned', 'Trả lại để bổ sung'), ('approved', 'Thẩm định đạt'), ('rejected', 'Không đạt'), ('forwarded', 'Đã chuyển lên cấp trên'), ('ready', 'Chờ quyết định'), ('decided', 'Đã quyết định')], default='pending', max_length=10, verbose_name='trạng thái')),
                ('reason', models.TextField(blank=True, verbose_name='lý do')),
                ('status_changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm chuyển trạng thái')),
                ('deciding_unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='cấp quyết định')),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='awards.dossier', verbose_name='hồ sơ')),
                ('nomination_line', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossier_lines', to='awards.nominationline', verbose_name='đề nghị')),
                ('previous', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='next_lines', to='awards.dossierline', verbose_name='trong hồ sơ cấp dưới')),
            ],
            options={
                'verbose_name': 'đề nghị trong hồ sơ',
                'verbose_name_plural': 'đề nghị trong hồ sơ',
                'ordering': ['dossier', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('verb', models.CharField(max_length=10, verbose_name='việc')),
                ('text', models.CharField(max_length=255, verbose_name='nội dung')),
                ('link', models.CharField(blank=True, max_length=255, verbose_name='đường dẫn')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='đã đọc lúc')),
                ('dossier', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='awards.dossier', verbose_name='hồ sơ')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='người nhận')),
            ],
            options={
                'verbose_name': 'thông báo',
                'verbose_name_plural': 'thông báo',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ProcessingTimeLimit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(choices=[('state', 'Chủ tịch nước'), ('government', 'Chính phủ, Thủ tướng Chính phủ'), ('ministry', 'Bộ, ban, ngành Trung ương'), ('province', 'Cấp tỉnh'), ('department', 'Sở, ban, ngành cấp tỉnh'), ('district', 'Cấp huyện'), ('commune', 'Cấp xã'), ('unit_head', 'Thủ trưởng cơ quan, đơn vị'), ('enterprise', 'Doanh nghiệp, hợp tác xã')], max_length=12, verbose_name='cấp')),
                ('days', models.PositiveSmallIntegerField(verbose_name='số ngày')),
                ('day_kind', models.CharField(choices=[('working', 'ngày làm việc'), ('calendar', 'ngày')], default='working', max_length=8, verbose_name='tính theo')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='U', max_length=1, verbose_name='mức chắc chắn')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
            ],
            options={
                'verbose_name': 'thời hạn xử lý hồ sơ',
                'verbose_name_plural': 'thời hạn xử lý hồ sơ',
                'ordering': ['level', 'valid_from'],
                'indexes': [models.Index(fields=['level', 'valid_from', 'valid_to'], name='awards_timelimit_level')],
                'constraints': [models.CheckConstraint(condition=models.Q(('days__gt', 0)), name='awards_timelimit_positive', violation_error_message='Thời hạn phải lớn hơn 0 ngày.')],
            },
        ),
        migrations.CreateModel(
            name='RoutingLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source_kind', models.CharField(blank=True, choices=[('state', 'Chủ tịch nước'), ('central', 'Cơ quan Trung ương'), ('ministry', 'Bộ, ngành Trung ương'), ('province', 'Tỉnh'), ('city', 'Thành phố trực thuộc Trung ương'), ('department', 'Sở, ban, ngành'), ('district', 'Cấp huyện (trước 01/7/2025)'), ('commune', 'Xã'), ('ward', 'Phường'), ('town', 'Thị trấn (trước 01/7/2025)'), ('special_zone', 'Đặc khu'), ('office', 'Phòng, ban, văn phòng'), ('village', 'Thôn, tổ dân phố, khối phố'), ('school', 'Trường học'), ('hospital', 'Bệnh viện, cơ sở y tế'), ('enterprise', 'Doanh nghiệp'), ('organisation', 'Cơ quan, tổ chức khác')], help_text='Áp dụng cho đơn vị không có đơn vị cấp trên trong cây đơn vị.', max_length=20, verbose_name='từ mọi đơn vị gốc loại')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='K', max_length=1, verbose_name='mức chắc chắn')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('source_unit', models.ForeignKey(blank=True, help_text='Để trống khi áp dụng theo loại đơn vị.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='routing_links_out', to='units.unit', verbose_name='từ đơn vị')),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='routing_links_in', to='units.unit', verbose_name='chuyển đến')),
            ],
            options={
                'verbose_name': 'tuyến chuyển hồ sơ',
                'verbose_name_plural': 'tuyến chuyển hồ sơ lên cấp trên',
                'ordering': ['source_kind', 'source_unit', 'valid_from'],
            },
        ),
        migrations.AddIndex(
            model_name='dossier',
            index=models.Index(fields=['receiver', 'status', 'status_changed_at'], name='awards_dossier_receiver'),
        ),
        migrations.AddIndex(
            model_name='dossier',
            index=models.Index(fields=['sender', 'status', 'status_changed_at'], name='awards_dossier_sender'),
        ),
        migrations.AddIndex(
            model_name='dossier',
            index=models.Index(fields=['status', 'status_changed_at'], name='awards_dossier_status'),
        ),
        migrations.AddConstraint(
            model_name='dossier',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['submitted', 'refused', 'received', 'returned', 'reviewed', 'closed'])), name='awards_dossier_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='dossier',
            constraint=models.CheckConstraint(condition=models.Q(('round__gte', 1)), name='awards_dossier_round_positive'),
        ),
        migrations.AddIndex(
            model_name='dossierattachment',
            index=models.Index(fields=['dossier', 'kind'], name='awards_dossierattach_kind'),
        ),
        migrations.AddConstraint(
            model_name='dossierevent',
            constraint=models.UniqueConstraint(fields=('dossier', 'seq'), name='awards_dossierevent_one_per_seq'),
        ),
        migrations.AddIndex(
            model_name='dossierline',
            index=models.Index(fields=['dossier', 'status'], name='awards_dossierline_status'),
        ),
        migrations.AddIndex(
            model_name='dossierline',
            index=models.Index(fields=['deciding_unit', 'status'], name='awards_dossierline_deciding'),
        ),
        migrations.AddConstraint(
            model_name='dossierline',
            constraint=models.UniqueConstraint(fields=('dossier', 'nomination_line'), name='awards_dossierline_once_per_dossier'),
        ),
        migrations.AddConstraint(
            model_name='dossierline',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'forwarded'), _negated=True), fields=('nomination_line',), name='awards_dossierline_one_live_copy'),
        ),
        migrations.AddConstraint(
            model_name='dossierline',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['pending', 'accepted', 'returned', 'approved', 'rejected', 'forwarded', 'ready', 'decided'])), name='awards_dossierline_status_valid'),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['recipient', 'read_at', 'created_at'], name='awards_notification_inbox'),
        ),
        migrations.AddIndex(
            model_name='routinglink',
            index=models.Index(fields=['valid_from', 'valid_to'], name='awards_routinglink_dates'),
        ),
        migrations.AddConstraint(
            model_name='routinglink',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('source_unit__isnull', False), ('source_kind', '')), models.Q(('source_unit__isnull', True), models.Q(('source_kind', ''), _negated=True)), _connector='OR'), name='awards_routinglink_one_source', violation_error_message='Chọn đúng một trong hai: một đơn vị, hoặc một loại đơn vị.'),
        ),
        migrations.AddConstraint(
            model_name='routinglink',
            constraint=models.CheckConstraint(condition=models.Q(('source_unit', models.F('target')), _negated=True), name='awards_routinglink_not_self', violation_error_message='Hồ sơ không thể chuyển đến chính đơn vị gửi.'),
        ),
        migrations.RunPython(load_time_limits, migrations.RunPython.noop),
    ]
