# Councils: members, sessions, ballots; the council's result on dossier lines; and the lower awards
# a council may resolve instead of the proposed one (seeded below as data).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (proposed award, its class, lower award, lower class, note). Each pair is the next form down the
# same ladder of the catalogue (0002_catalogue) a council commonly resolves when a candidate falls
# short of the proposed one. Practice, not a national rule: marked U, an administrator edits them.
DOWNGRADES = [
    ("BK_TTG", "", "BK_TINH", "", "Không đủ phiếu đề nghị Bằng khen của Thủ tướng: tặng Bằng khen của tỉnh."),
    ("BK_TTG", "", "BK_BO", "", "Ở bộ, ngành: tặng Bằng khen cấp bộ, ban, ngành."),
    ("BK_TINH", "", "GIAY_KHEN", "", "Không đủ phiếu Bằng khen của tỉnh: Giấy khen của thủ trưởng đơn vị."),
    ("BK_BO", "", "GIAY_KHEN", "", "Không đủ phiếu Bằng khen cấp bộ: Giấy khen."),
    ("CSTD_TQ", "", "CSTD_BT", "", "Không đủ phiếu Chiến sĩ thi đua toàn quốc: Chiến sĩ thi đua cấp bộ, tỉnh."),
    ("CSTD_BT", "", "CSTDCS", "", "Không đủ phiếu Chiến sĩ thi đua cấp tỉnh: Chiến sĩ thi đua cơ sở."),
    ("CO_CP", "", "CO_BT", "", "Không đủ phiếu Cờ thi đua của Chính phủ: Cờ thi đua của bộ, tỉnh."),
    ("TTLDXS", "", "TTLDTT", "", "Không đủ phiếu Tập thể lao động xuất sắc: Tập thể lao động tiên tiến."),
    ("HC_LAO_DONG", "Nhất", "HC_LAO_DONG", "Nhì", "Hạng thấp hơn một bậc."),
    ("HC_LAO_DONG", "Nhì", "HC_LAO_DONG", "Ba", "Hạng thấp hơn một bậc."),
    ("HC_LAO_DONG", "Ba", "BK_TTG", "", "Không đủ phiếu Huân chương Lao động hạng Ba: Bằng khen của Thủ tướng."),
]


def load_downgrades(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardDowngrade = apps.get_model("awards", "AwardDowngrade")
    awards = {a.code: a for a in AwardType.objects.all()}
    AwardDowngrade.objects.bulk_create([
        AwardDowngrade(award=awards[code], award_class=award_class, lower_award=awards[lower], lower_class=lower_class,
                       certainty="U", note=note)
        for code, award_class, lower, lower_class, note in DOWNGRADES if code in awards and lower in awards])


def unload_downgrades(apps, schema_editor):
    apps.get_model("awards", "AwardDowngrade").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0015_consultations'),
        ('units', '0003_state_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='dossierline',
            name='council_result',
            field=models.CharField(blank=True, choices=[('passed', 'Đạt'), ('failed', 'Không đạt'), ('downgraded', 'Chuyển hình thức khen thấp hơn')], max_length=10, verbose_name='kết quả hội đồng'),
        ),
        migrations.AddField(
            model_name='dossierline',
            name='granted_award',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='awards.awardtype', verbose_name='hình thức được chấp thuận'),
        ),
        migrations.AddField(
            model_name='dossierline',
            name='granted_class',
            field=models.CharField(blank=True, max_length=20, verbose_name='hạng được chấp thuận'),
        ),
        migrations.CreateModel(
            name='AwardDowngrade',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('award_class', models.CharField(blank=True, help_text='Để trống: mọi hạng.', max_length=20, verbose_name='hạng đề nghị')),
                ('lower_class', models.CharField(blank=True, max_length=20, verbose_name='hạng thấp hơn')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='U', max_length=1, verbose_name='mức chắc chắn')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='downgrades', to='awards.awardtype', verbose_name='hình thức đề nghị')),
                ('lower_award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='awards.awardtype', verbose_name='hình thức thấp hơn')),
            ],
            options={
                'verbose_name': 'hình thức khen thấp hơn',
                'verbose_name_plural': 'hình thức khen thấp hơn hội đồng có thể chuyển',
                'ordering': ['award__position', 'lower_award__position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Council',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Ví dụ: Hội đồng Thi đua - Khen thưởng tỉnh Phú Thọ.', max_length=255, verbose_name='tên hội đồng')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='quyết định thành lập, kiện toàn')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='councils', to='units.unit', verbose_name='đơn vị')),
            ],
            options={
                'verbose_name': 'hội đồng thi đua - khen thưởng',
                'verbose_name_plural': 'hội đồng thi đua - khen thưởng',
                'ordering': ['unit__name', '-valid_from', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CouncilMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('full_name', models.CharField(max_length=255, verbose_name='họ và tên')),
                ('position', models.CharField(max_length=255, verbose_name='chức vụ, đơn vị công tác')),
                ('role', models.CharField(choices=[('chair', 'Chủ tịch Hội đồng'), ('standing_vice', 'Phó Chủ tịch thường trực'), ('vice', 'Phó Chủ tịch'), ('member', 'Ủy viên')], default='member', max_length=14, verbose_name='chức danh trong hội đồng')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='awards.council', verbose_name='hội đồng')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='council_seats', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản')),
            ],
            options={
                'verbose_name': 'thành viên hội đồng',
                'verbose_name_plural': 'thành viên hội đồng',
                'ordering': ['council', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CouncilSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='ngày họp')),
                ('started_at', models.TimeField(blank=True, null=True, verbose_name='giờ họp')),
                ('place', models.CharField(max_length=255, verbose_name='địa điểm')),
                ('status', models.CharField(choices=[('open', 'Đang họp, chưa kết thúc'), ('closed', 'Đã kết thúc, đã ghi nhận kết quả')], default='open', max_length=6, verbose_name='trạng thái')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm kết thúc')),
                ('outcome', models.JSONField(blank=True, default=dict, verbose_name='kết quả khi kết thúc')),
                ('version', models.PositiveIntegerField(default=1)),
                ('attendees', models.ManyToManyField(blank=True, related_name='sessions_attended', to='awards.councilmember', verbose_name='thành viên dự họp')),
                ('chair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sessions_chaired', to='awards.councilmember', verbose_name='chủ trì')),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người kết thúc phiên họp')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sessions', to='awards.council', verbose_name='hội đồng')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='thư ký')),
            ],
            options={
                'verbose_name': 'phiên họp hội đồng',
                'verbose_name_plural': 'phiên họp hội đồng',
                'ordering': ['-held_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CouncilBallot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('votes_for', models.PositiveSmallIntegerField(default=0, verbose_name='đồng ý (dự họp)')),
                ('votes_against', models.PositiveSmallIntegerField(default=0, verbose_name='không đồng ý (dự họp)')),
                ('written_for', models.PositiveSmallIntegerField(default=0, verbose_name='đồng ý (phiếu bằng văn bản)')),
                ('written_against', models.PositiveSmallIntegerField(default=0, verbose_name='không đồng ý (phiếu bằng văn bản)')),
                ('result', models.CharField(blank=True, choices=[('passed', 'Đạt'), ('failed', 'Không đạt'), ('downgraded', 'Chuyển hình thức khen thấp hơn')], max_length=10, verbose_name='kết quả')),
                ('downgrade', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='awards.awarddowngrade', verbose_name='chuyển hình thức')),
                ('line', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='council_ballots', to='awards.dossierline', verbose_name='đề nghị')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ballots', to='awards.councilsession', verbose_name='phiên họp')),
            ],
            options={
                'verbose_name': 'kết quả bỏ phiếu',
                'verbose_name_plural': 'kết quả bỏ phiếu',
                'ordering': ['session', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='dossierline',
            name='council_session',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='awards.councilsession', verbose_name='phiên họp hội đồng'),
        ),
        migrations.AddIndex(
            model_name='council',
            index=models.Index(fields=['unit', 'valid_from', 'valid_to'], name='awards_council_unit'),
        ),
        migrations.AddIndex(
            model_name='councilmember',
            index=models.Index(fields=['council', 'valid_from', 'valid_to'], name='awards_councilmember_dates'),
        ),
        migrations.AddIndex(
            model_name='councilsession',
            index=models.Index(fields=['council', 'status', 'held_on'], name='awards_councilsession_list'),
        ),
        migrations.AddConstraint(
            model_name='councilsession',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['open', 'closed'])), name='awards_councilsession_status'),
        ),
        migrations.AddConstraint(
            model_name='councilballot',
            constraint=models.UniqueConstraint(fields=('session', 'line'), name='awards_councilballot_once_per_session'),
        ),
        migrations.RunPython(load_downgrades, unload_downgrades),
    ]
