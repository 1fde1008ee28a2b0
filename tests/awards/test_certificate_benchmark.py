"""The certificate benchmark prints what it times: a decision's papers, numbered, one page each, by either engine."""

import pytest
from django.core.management import call_command

from awards.models import Certificate

from tests.awards.certificate_factories import pdf_pages_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("engine", ["drawn", "html"])
def test_the_benchmark_prints_every_synthetic_paper_and_leaves_nothing(engine, tmp_path, capsys):
    out = tmp_path / "giay-khen.pdf"
    call_command("certificate_benchmark", papers=3, engine=engine, output=str(out))
    pages = pdf_pages_text(out.read_bytes())
    assert len(pages) == 3 and all("BẰNG KHEN" in page and "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in page for page in pages)
    assert "Văn Đo 0002" in pages[2] and "Trần Duy Đông" in pages[2]
    assert f"3 giấy khen ({engine})" in capsys.readouterr().out
    assert not Certificate.objects.exists()
