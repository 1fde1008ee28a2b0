"""The decision considers the Tờ trình each packet came with, names the year, and lists each achievement."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from pypdf import PdfReader

from units.models import User

from awards.documents.decision import render_decision_docx
from awards.services import decisions
from awards.services.proposal_references import record_proposal_reference

from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import people
from tests.awards.test_decision_documents import flat, settle

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def packet(cast, tree, central, province_clerk):
    cast.phuong = province_clerk
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    return settle(cast, tree, [(an, "BK_TINH")])


def issued(cast, tree):
    decision = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho), number=5,
                     signer_name="Trần Duy Đông")
    return decisions.issue_decision(decision, actor=User.objects.get(username="dave"))


def test_the_decision_cites_the_tờ_trình_entered_on_the_packet_in_pdf_and_word(cast, tree, packet):
    record_proposal_reference(packet, actor=cast.alice, number=" 12/TTr-UBND ", date=D(2026, 2, 20))

    decision = issued(cast, tree)

    pdf = flat(" ".join(page.extract_text() for page in PdfReader(decision.issued_pdf.open("rb")).pages))
    word = flat(" ".join(p.text for p in Document(io.BytesIO(render_decision_docx(decision))).paragraphs))
    for text in (pdf, word):
        assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
        assert "Xét đề nghị của Ủy ban nhân dân xã Hạ Hòa tại Tờ trình số 12/TTr-UBND ngày 20 tháng 02 năm 2026." \
            in text
        assert ("Tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 cá nhân (có danh sách kèm theo), đã có thành tích "
                "xuất sắc trong thực hiện nhiệm vụ năm 2026. Điều 2.") in text
    assert "Thành tích" in pdf and "Thành tích của Nguyễn Văn An năm 2026." in pdf  # the annex's new column
    table = Document(io.BytesIO(render_decision_docx(decision))).tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị",
                                                           "Thành tích"]
    assert table.rows[1].cells[3].text == "Thành tích của Nguyễn Văn An năm 2026."


def test_a_tờ_trình_nobody_entered_prints_dotted(cast, tree, packet):
    fields = decisions.draft_defaults(tree.phu_tho, decisions.ready_lines(tree.phu_tho), on=D(2026, 3, 5))

    [considered] = [line for line in fields["legal_bases"].splitlines() if line.startswith("Xét đề nghị")]
    assert re.fullmatch(r"Xét đề nghị của Ủy ban nhân dân xã Hạ Hòa tại Tờ trình số …+ ngày …+\.", considered)


def test_only_the_sender_records_its_tờ_trình_and_not_for_tomorrow(cast, tree, packet):
    with pytest.raises(PermissionDenied):
        record_proposal_reference(packet, actor=cast.olga, number="1/TTr-UBND", date=None)
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ TĐKT hoặc lãnh đạo của Xã Hạ Hòa"):
        record_proposal_reference(packet, actor=cast.phuong, number="1/TTr-UBND", date=None)
    with pytest.raises(ValidationError, match="không thể sau ngày hôm nay"):
        record_proposal_reference(packet, actor=cast.alice, number="1/TTr-UBND",
                                  date=datetime.date.today() + datetime.timedelta(days=1))
    packet.refresh_from_db()
    assert (packet.proposal_number, packet.proposal_date) == ("", None)


def test_the_sender_records_its_tờ_trình_on_the_packet_page(login, cast, tree, packet):
    from django.urls import reverse

    page = login(cast.alice).get(packet.get_absolute_url())
    assert "Ghi số Tờ trình" in page.content.decode()
    response = login(cast.alice).post(reverse("awards:dossier_proposal_reference", args=[packet.pk]),
                                      {"proposal_number": "12/TTr-UBND", "proposal_date": "2026-02-20"}, follow=True)

    assert "Đã ghi Tờ trình số 12/TTr-UBND, 20/02/2026." in response.content.decode()
    packet.refresh_from_db()
    assert (packet.proposal_number, packet.proposal_date) == ("12/TTr-UBND", D(2026, 2, 20))
    assert "Ghi số Tờ trình" not in login(cast.carol).get(packet.get_absolute_url()).content.decode()
