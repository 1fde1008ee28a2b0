from io import StringIO

import pytest
from django.core.management import call_command

from units.models import Person, User

pytestmark = pytest.mark.django_db


def test_benchmark_measures_each_page_and_leaves_no_data_behind(tree):
    out = StringIO()
    people_before, users_before = Person.objects.count(), User.objects.count()
    call_command("benchmark", people=300, repeat=2, stdout=out)
    report = out.getvalue()
    for page in ["person_list", "person_search", "unit_search", "unit_detail"]:
        assert page in report
    assert "Tạo 300 cá nhân giả lập" in report
    assert (Person.objects.count(), User.objects.count()) == (people_before, users_before)
