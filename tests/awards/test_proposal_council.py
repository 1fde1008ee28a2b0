"""The Tờ trình a province forwards says its council reviewed the lines; the commune's own says nothing of it."""

import pytest

from awards.documents import render_bundle_proposal_pdf
from awards.services import councils, dossiers

from tests.awards.council_factories import open_session, reviewed_packet, tally, world  # noqa: F401
from tests.awards.dossier_factories import lines_of, refresh
from tests.awards.test_dossier_documents import pdf_text

pytestmark = pytest.mark.django_db


def test_the_forwarded_tờ_trình_names_the_council_session_that_reviewed_its_lines(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    [an] = lines_of(packet)
    session = open_session(world)
    tally(session, {an.pk: (11, 1, 0, 0)})
    councils.close_session(session, actor=world.sarah)
    bundle = dossiers.forward_dossiers([refresh(packet)], actor=world.dave)

    text = pdf_text(render_bundle_proposal_pdf(bundle))

    assert ("Các tập thể, cá nhân nêu trên đã được Hội đồng Thi đua - Khen thưởng tỉnh Phú Thọ xét, đề nghị tại "
            "phiên họp ngày 15 tháng 01 năm 2026.") in text
    assert "Kính gửi: Ban Thi đua - Khen thưởng Trung ương." in text
    assert "Sở Nội vụ" not in text  # the central body is not a province: no Sở of its own


def test_the_communes_tờ_trình_says_nothing_of_the_council_of_the_province(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    [an] = lines_of(packet)
    session = open_session(world)
    tally(session, {an.pk: (11, 1, 0, 0)})
    councils.close_session(session, actor=world.sarah)

    text = pdf_text(render_bundle_proposal_pdf(packet))

    assert "đã được Hội đồng" not in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ." in text and "- Sở Nội vụ tỉnh Phú Thọ;" in text


def test_the_forwarded_tờ_trình_prints_the_number_and_date_its_sender_recorded(world, tree):
    import datetime

    from awards.services.proposal_references import record_proposal_reference

    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    [an] = lines_of(packet)
    session = open_session(world)
    tally(session, {an.pk: (11, 1, 0, 0)})
    councils.close_session(session, actor=world.sarah)
    bundle = dossiers.forward_dossiers([refresh(packet)], actor=world.dave)
    record_proposal_reference(bundle, actor=world.phuong, number="27/TTr-UBND", date=datetime.date(2026, 1, 20))

    text = pdf_text(render_bundle_proposal_pdf(refresh(bundle)))

    assert "Số: 27/TTr-UBND" in text and "Phú Thọ, ngày 20 tháng 01 năm 2026" in text
    assert "(Kèm theo Tờ trình số 27/TTr-UBND ngày 20 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh Phú Thọ)" in text
