"""The words that sort a typed position into leaders and workers on the statistics page, as rows.

Seeded with the words the page used until now (one spelling each: they are compared case-insensitively), open-
ended and marked U: the posts that count as leadership are set by the rules on cadres and civil servants of each
period, which the portal has not checked word by word.
"""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


LEADER_WORDS = ("Chủ tịch", "Bí thư", "Giám đốc", "Trưởng", "Chánh", "Thủ trưởng", "Chỉ huy")
WORKER_WORDS = ("Công nhân", "Người lao động", "Lao động")
NOTE = ("Các từ trang Thống kê dùng từ trước; chưa đối chiếu với văn bản quy định chức danh lãnh đạo, quản lý "
        "của từng thời kỳ.")


def add_words(apps, schema_editor):
    Word = apps.get_model("awards", "PositionGroupWord")
    Word.objects.bulk_create([Word(group=group, word=word, certainty="U", note=NOTE)
                              for group, words in (("leader", LEADER_WORDS), ("worker", WORKER_WORDS))
                              for word in words])


def remove_words(apps, schema_editor):
    apps.get_model("awards", "PositionGroupWord").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0038_statistical_form_note_limit'),
    ]

    operations = [
        migrations.CreateModel(
            name='PositionGroupWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
                ('note', models.TextField(blank=True, max_length=5000, verbose_name='ghi chú')),
                ('group', models.CharField(choices=[('leader', 'Lãnh đạo, quản lý'), ('worker', 'Công nhân, người lao động')], max_length=6, verbose_name='nhóm')),
                ('word', models.CharField(help_text='So không phân biệt chữ hoa, chữ thường; ví dụ “Trưởng” gồm cả Trưởng phòng, Hiệu trưởng, Phó trưởng ban.', max_length=60, verbose_name='từ trong chức vụ')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='U', max_length=1, verbose_name='mức chắc chắn')),
            ],
            options={
                'verbose_name': 'từ xếp nhóm chức vụ',
                'verbose_name_plural': 'từ xếp nhóm chức vụ (thống kê)',
                'ordering': ['group', 'word', 'valid_from'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 5000), name='awards_positiongroupword_note_max_length'), models.CheckConstraint(condition=models.Q(('word', ''), _negated=True), name='awards_position_word_not_blank', violation_error_message='Hãy nhập từ.')],
            },
        ),
        migrations.RunPython(add_words, remove_words),
    ]
