"""The demo data includes a province decision already issued, its papers checkable on the public page, made once."""

from io import StringIO

import pytest
from django.core.management import call_command

from awards.documents.council_minutes import render_minutes_pdf
from awards.documents.decision import render_decision_pdf
from awards.models import AwardRecord, Certificate, CouncilSession, Decision

from tests.hostile_text import pdf_text

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


def test_the_demo_decision_and_minutes_show_every_part_a_real_one_has():
    call_command("load_units", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    decision = " ".join(pdf_text(render_decision_pdf(Decision.objects.get())).split())
    assert "Xét đề nghị của Ủy ban nhân dân xã Hạ Hòa tại Tờ trình số 15/TTr-UBND" in decision
    minutes = " ".join(pdf_text(render_minutes_pdf(CouncilSession.objects.get())).split())
    assert "bắt đầu lúc 08 giờ 00, kết thúc lúc 10 giờ 30" in minutes
    assert "quán triệt mục đích, yêu cầu của phiên họp" in minutes and "thống nhất với kết quả thẩm định" in minutes
    assert "sản phẩm chuyển đổi số được áp dụng toàn xã" in minutes
