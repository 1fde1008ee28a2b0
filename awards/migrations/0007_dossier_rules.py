# Dossier rules: numbered forms, required documents, vote rules (schema, then data from domain.md).

import django.db.models.deletion
from django.db import migrations, models

# ---------------------------------------------------------------------------------------------
# Data (domain.md §2.1–§2.3). Form numbers and thresholds the domain marks uncertain are loaded
# with certainty "U" so the administrators check them; every row is editable in the admin.
# ---------------------------------------------------------------------------------------------

D91, D98, D152 = "Nghị định số 91/2017/NĐ-CP", "Nghị định số 98/2023/NĐ-CP", "Nghị định số 152/2025/NĐ-CP"
FORMS = {  # regulation: (decree, {purpose: (number, certainty)})
    "L03_D91": (D91, {
        "report_collective": ("01", "V"), "report_individual": ("02", "V"), "report_long_service": ("03", "V"),
        "report_hero_collective": ("04", "V"), "report_hero_individual": ("05", "V"), "report_ad_hoc": ("06", "V"),
        "report_thematic": ("07", "V"),
    }),
    "L22_D98": (D98, {
        "proposal": ("01", "U"), "report_collective": ("02", "V"), "report_individual": ("03", "V"),
        "report_long_service": ("04", "U"), "report_hero_collective": ("05", "U"),
        "report_hero_individual": ("06", "U"), "report_ad_hoc": ("07", "U"), "report_thematic": ("08", "V"),
    }),
    # Decree 152/2025 numbering is not confirmed: loaded as Decree 98's, marked for checking.
    "L22_D152": (D152, {
        "proposal": ("01", "U"), "report_collective": ("02", "U"), "report_individual": ("03", "U"),
        "report_long_service": ("04", "U"), "report_hero_collective": ("05", "U"),
        "report_hero_individual": ("06", "U"), "report_ad_hoc": ("07", "U"), "report_thematic": ("08", "U"),
    }),
}
FORM_NOTE_U = "Số mẫu chưa được đối chiếu với văn bản chính thức; kiểm tra và sửa nếu khác."

HEROES = {"AH_LD", "AH_LLVTND"}
INITIATIVE_TITLES = {"CSTDCS", "CSTD_BT", "CSTD_TQ"}
L22_ART84 = "Điều 84 Luật Thi đua, khen thưởng năm 2022"


def _report_purposes(award):
    """(subject, form purpose) of the achievement reports an award's dossier holds."""
    if award.kind == "long_service":
        return [("", "report_long_service")]
    if award.kind == "ad_hoc":
        return [("", "report_ad_hoc")]
    rows = []
    if award.for_individuals:
        rows.append(("individual", "report_hero_individual" if award.code in HEROES else "report_individual"))
    if award.for_collectives:
        rows.append(("collective", "report_hero_collective" if award.code in HEROES else "report_collective"))
    if award.for_households:
        rows.append(("household", "report_individual"))
    return rows


def load_rules(apps, schema_editor):
    RegulationVersion = apps.get_model("awards", "RegulationVersion")
    AwardType = apps.get_model("awards", "AwardType")
    FormTemplate = apps.get_model("awards", "FormTemplate")
    DocumentRequirement = apps.get_model("awards", "DocumentRequirement")
    VoteRule = apps.get_model("awards", "VoteRule")
    regulations = {r.code: r for r in RegulationVersion.objects.all()}
    for code, (decree, forms) in FORMS.items():
        for purpose, (number, certainty) in forms.items():
            FormTemplate.objects.create(regulation=regulations[code], purpose=purpose, number=number, decree=decree,
                                        certainty=certainty, note=FORM_NOTE_U if certainty == "U" else "")

    # Dossier composition (L22 Art. 84; the 2003 law asked for the same three documents).
    rows = []
    for award in AwardType.objects.all():
        def add(kind, subject="", purpose="", certainty="V", copies=1, required=True, award=award):
            rows.append(DocumentRequirement(award=award, kind=kind, subject=subject, form_purpose=purpose,
                                            certainty=certainty, copies=copies, required=required,
                                            legal_basis=L22_ART84))
        add("to_trinh", purpose="proposal")
        for subject, purpose in _report_purposes(award):
            add("bao_cao", subject=subject, purpose=purpose)
        add("bien_ban")
        if award.code in INITIATIVE_TITLES:
            add("sang_kien", subject="individual")
        if award.kind == "ad_hoc":
            add("xac_nhan")
    DocumentRequirement.objects.bulk_create(rows)

    # Vote rules (domain.md §2.3): share of all members, quorum two thirds. The thresholds are
    # examples from provinces and sectors, not national values, hence "U".
    awards = {a.code: a for a in AwardType.objects.all()}
    state_forms = [a for a in awards.values() if a.group in ("order", "medal", "honour", "prize")]
    for regulation in regulations.values():
        def rule(ratio, award=None, level="", note="", certainty="U", regulation=regulation):
            VoteRule.objects.create(regulation=regulation, award=award, level=level, min_ratio=ratio,
                                    certainty=certainty, note=note)
        rule("0.500", note="Mặc định khi chưa có quy định riêng: từ một nửa tổng số thành viên hội đồng.")
        rule("0.700", award=awards["CSTDCS"], note="Thực tiễn thường từ 70–80%.")
        rule("0.900", award=awards["CSTD_BT"], note="Ví dụ: Thừa Thiên Huế 2017 quy định từ 90%.")
        rule("0.900", award=awards["CSTD_TQ"], note="Thường dẫn 90% tổng số thành viên.")
        rule("0.800", award=awards["BK_TTG"], note="Ví dụ ngành Ngân hàng: từ 80% tổng số thành viên.")
        rule("0.800", award=awards["CO_CP"], note="Hình thức cấp nhà nước: thường từ 80%.")
        for award in state_forms:
            hero_like = award.code in HEROES
            rule("0.900" if hero_like else "0.800", award=award,
                 note="Danh hiệu Anh hùng: thường dẫn 90%." if hero_like else "Hình thức cấp nhà nước: thường từ 80%.")


def unload_rules(apps, schema_editor):
    for name in ("VoteRule", "DocumentRequirement", "FormTemplate"):
        apps.get_model("awards", name).objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0006_nominations'),
    ]

    operations = [
        migrations.CreateModel(
            name='VoteRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(blank=True, choices=[('state', 'Chủ tịch nước'), ('government', 'Chính phủ, Thủ tướng Chính phủ'), ('ministry', 'Bộ, ban, ngành Trung ương'), ('province', 'Cấp tỉnh'), ('department', 'Sở, ban, ngành cấp tỉnh'), ('district', 'Cấp huyện'), ('commune', 'Cấp xã'), ('unit_head', 'Thủ trưởng cơ quan, đơn vị'), ('enterprise', 'Doanh nghiệp, hợp tác xã')], help_text='Để trống: mọi cấp.', max_length=12, verbose_name='cấp hội đồng')),
                ('base', models.CharField(choices=[('all', 'Tổng số thành viên hội đồng'), ('present', 'Số thành viên dự họp')], default='all', max_length=8, verbose_name='tính trên')),
                ('min_ratio', models.DecimalField(decimal_places=3, help_text='Ví dụ: 0.800 là từ 80% trở lên.', max_digits=4, verbose_name='tỷ lệ phiếu đồng ý tối thiểu')),
                ('quorum_ratio', models.DecimalField(decimal_places=3, default='0.667', help_text='Mặc định hai phần ba.', max_digits=4, verbose_name='tỷ lệ thành viên dự họp tối thiểu')),
                ('secret_ballot', models.BooleanField(default=True, verbose_name='bỏ phiếu kín')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='U', max_length=1, verbose_name='mức chắc chắn')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('award', models.ForeignKey(blank=True, help_text='Để trống: mọi hình thức.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='vote_rules', to='awards.awardtype', verbose_name='hình thức, danh hiệu')),
                ('regulation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vote_rules', to='awards.regulationversion', verbose_name='phiên bản quy định')),
            ],
            options={
                'verbose_name': 'quy tắc biểu quyết',
                'verbose_name_plural': 'quy tắc biểu quyết',
                'ordering': ['regulation__valid_from', 'award__position', 'level'],
            },
        ),
        migrations.CreateModel(
            name='DocumentRequirement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('to_trinh', 'Tờ trình đề nghị khen thưởng'), ('bao_cao', 'Báo cáo thành tích'), ('bien_ban', 'Biên bản họp xét khen thưởng'), ('sang_kien', 'Chứng nhận sáng kiến, đề tài khoa học'), ('xac_nhan', 'Xác nhận thành tích đột xuất của cơ quan có thẩm quyền'), ('khac', 'Tài liệu khác')], max_length=10, verbose_name='loại tài liệu')),
                ('subject', models.CharField(blank=True, choices=[('', 'Mọi đối tượng'), ('individual', 'Cá nhân'), ('collective', 'Tập thể'), ('household', 'Hộ gia đình')], max_length=10, verbose_name='đối tượng')),
                ('required', models.BooleanField(default=True, verbose_name='bắt buộc')),
                ('copies', models.PositiveSmallIntegerField(default=1, verbose_name='số bản')),
                ('form_purpose', models.CharField(blank=True, choices=[('proposal', 'Tờ trình, văn bản đề nghị'), ('report_collective', 'Báo cáo thành tích của tập thể'), ('report_individual', 'Báo cáo thành tích của cá nhân'), ('report_long_service', 'Báo cáo thành tích đề nghị tặng thưởng quá trình cống hiến'), ('report_hero_collective', 'Báo cáo thành tích đề nghị danh hiệu Anh hùng (tập thể)'), ('report_hero_individual', 'Báo cáo thành tích đề nghị danh hiệu Anh hùng (cá nhân)'), ('report_ad_hoc', 'Báo cáo thành tích đột xuất'), ('report_thematic', 'Báo cáo thành tích theo đợt thi đua, chuyên đề')], help_text='Mẫu văn bản theo phiên bản quy định áp dụng cho tài liệu này.', max_length=24, verbose_name='mẫu dùng')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='K', max_length=1, verbose_name='mức chắc chắn')),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='document_requirements', to='awards.awardtype', verbose_name='hình thức, danh hiệu')),
            ],
            options={
                'verbose_name': 'thành phần hồ sơ',
                'verbose_name_plural': 'thành phần hồ sơ theo hình thức',
                'ordering': ['award__position', 'kind', 'valid_from'],
                'indexes': [models.Index(fields=['award', 'valid_from', 'valid_to'], name='awards_docreq_award')],
            },
        ),
        migrations.CreateModel(
            name='FormTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('purpose', models.CharField(choices=[('proposal', 'Tờ trình, văn bản đề nghị'), ('report_collective', 'Báo cáo thành tích của tập thể'), ('report_individual', 'Báo cáo thành tích của cá nhân'), ('report_long_service', 'Báo cáo thành tích đề nghị tặng thưởng quá trình cống hiến'), ('report_hero_collective', 'Báo cáo thành tích đề nghị danh hiệu Anh hùng (tập thể)'), ('report_hero_individual', 'Báo cáo thành tích đề nghị danh hiệu Anh hùng (cá nhân)'), ('report_ad_hoc', 'Báo cáo thành tích đột xuất'), ('report_thematic', 'Báo cáo thành tích theo đợt thi đua, chuyên đề')], max_length=24, verbose_name='dùng cho')),
                ('number', models.CharField(help_text='Ví dụ: 02.', max_length=10, verbose_name='mẫu số')),
                ('decree', models.CharField(help_text='Ví dụ: Nghị định số 98/2023/NĐ-CP.', max_length=120, verbose_name='ban hành kèm theo')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='K', max_length=1, verbose_name='mức chắc chắn')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('regulation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='forms', to='awards.regulationversion', verbose_name='phiên bản quy định')),
            ],
            options={
                'verbose_name': 'mẫu văn bản',
                'verbose_name_plural': 'mẫu văn bản theo quy định',
                'ordering': ['regulation__valid_from', 'number'],
                'constraints': [models.UniqueConstraint(fields=('regulation', 'purpose'), name='awards_form_one_per_purpose')],
            },
        ),
        migrations.RunPython(load_rules, unload_rules),
    ]
