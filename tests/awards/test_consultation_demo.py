"""The demo data includes an open public consultation at the province, made once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.models import DossierEvent, PublicConsultation

from tests.awards.consultation_factories import fresh_calendar_and_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def developer_machine(settings):
    # The demo loads only where DEBUG is on (tests run with it off), or with --force.
    settings.DEBUG = True
__all__ = ["fresh_calendar_and_cache"]


def test_the_demo_opens_a_consultation_the_public_page_shows_and_a_second_run_adds_nothing(client):
    call_command("load_units", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    consultation = PublicConsultation.objects.get()
    assert consultation.is_open and consultation.unit.name == "Tỉnh Phú Thọ" and "Đợt lấy ý kiến mẫu" in out.getvalue()
    events = DossierEvent.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert PublicConsultation.objects.count() == 1 and DossierEvent.objects.count() == events
    html = client.get(reverse("public:consultation_public_detail", args=[consultation.pk])).content.decode()
    assert "Huân chương Lao động hạng Ba" in html
