"""The demo data includes a province decision already issued, its papers checkable on the public page, made once."""

from io import StringIO

import pytest
from django.core.management import call_command

from awards.models import AwardRecord, Certificate, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def developer_machine(settings):
    # The demo loads only where DEBUG is on (tests run with it off), or with --force.
    settings.DEBUG = True


def test_the_demo_issues_a_decision_whose_papers_the_public_page_confirms_and_a_second_run_adds_nothing(client):
    call_command("load_units", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    decision = Decision.objects.get()
    assert decision.status == Decision.Status.ISSUED and decision.issuing_unit.name == "Tỉnh Phú Thọ"
    papers = list(Certificate.objects.select_related("record__person").order_by("pk"))
    assert len(papers) == 2 and "Quyết định mẫu số 01/QĐ-UBND" in out.getvalue()
    page = client.get(papers[0].get_public_path()).content.decode()
    assert papers[0].record.person.full_name in page and "01/QĐ-UBND" in page
    call_command("load_demo", stdout=StringIO())
    assert Decision.objects.count() == 1 and AwardRecord.objects.count() == 2 and Certificate.objects.count() == 2
