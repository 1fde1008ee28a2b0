"""``manage.py benchmark --dossiers``: every step of a dossier's journey at the province is timed, and nothing stays."""

import io

import pytest
from django.core.management import call_command

from units.models import Person

from awards.models import AwardRecord, Certificate, Decision, Dossier

pytestmark = pytest.mark.django_db


def test_it_times_each_step_and_leaves_nothing_behind(tree, central):
    people = Person.objects.count()
    out = io.StringIO()
    call_command("benchmark", "--dossiers", "--lines", "3", stdout=out)
    report = out.getvalue()
    for step in ("tiếp nhận", "kết thúc phiên họp", "chuyển lên Trung ương", "ban hành quyết định",
                 "kết xuất PDF quyết định", "kết xuất PDF mọi giấy khen", "ký số quyết định"):
        assert step in report
    assert "3 giấy khen" in report and "chữ ký hợp lệ" in report
    assert not Dossier.objects.exists() and not Decision.objects.exists()
    assert not AwardRecord.objects.exists() and not Certificate.objects.exists()
    assert Person.objects.count() == people
