"""Tờ trình and decisions print as drafts until they are sent or issued: "DỰ THẢO" above the header and
neither number nor date; once sent (a Tờ trình) or issued (a decision), the date, and the decision's
number, are printed and the mark is gone."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from awards.documents import render_proposal_docx, render_proposal_pdf
from awards.documents.decision import render_decision_docx, render_decision_pdf
from awards.services import decisions, dossiers

from tests.awards.decision_factories import draft as draft_decision
from tests.awards.dossier_factories import approve_all, make_list, people, refresh, submit
from tests.awards.test_dossier_documents import THIS_YEAR, annual_list, pdf_text
from tests.campaigns.test_draft_documents import docx_text

pytestmark = pytest.mark.django_db

FORMATS = [(render_proposal_pdf, pdf_text), (render_proposal_docx, docx_text)]
DECISION_FORMATS = [(render_decision_pdf, pdf_text), (render_decision_docx, docx_text)]


@pytest.mark.parametrize("render, read", FORMATS, ids=["pdf", "docx"])
def test_the_tờ_trình_of_a_list_not_yet_sent_is_a_draft(cast, tree, an, render, read):
    line = annual_list(cast, tree, an, THIS_YEAR)
    text = read(render(line.nomination_list))
    assert text.startswith("DỰ THẢO")
    assert "Số: /TTr-UBND" in text and f"Hạ Hòa, ngày tháng năm {THIS_YEAR}" in text


@pytest.mark.parametrize("render, read", FORMATS, ids=["pdf", "docx"])
def test_the_tờ_trình_of_a_sent_list_is_dated_the_day_it_was_sent(cast, tree, an, render, read):
    line = annual_list(cast, tree, an, 2025, submitted=datetime.date(2025, 12, 5))
    text = read(render(line.nomination_list))
    assert "DỰ THẢO" not in text
    assert "Hạ Hòa, ngày 05 tháng 12 năm 2025" in text
    assert "(Kèm theo Tờ trình số /TTr-UBND ngày 05 tháng 12 năm 2025 của" in text


@pytest.fixture
def decision(cast, tree, central, province_clerk):
    persons = people(tree.ha_hoa, ["Nguyễn Văn Số 1"])
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(p, "BK_TINH") for p in persons]), cast.alice)
    dossiers.receive_dossier(packet, actor=province_clerk)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    refresh(packet)
    return draft_decision(tree.phu_tho, province_clerk, decisions.ready_lines(tree.phu_tho), number=125)


@pytest.mark.parametrize("render, read", DECISION_FORMATS, ids=["pdf", "docx"])
def test_a_draft_decision_has_no_number_or_date_even_when_typed(decision, render, read):
    text = read(render(decision))
    assert text.startswith("DỰ THẢO")
    assert "Số: /QĐ-UBND" in text and "125/QĐ-UBND" not in text
    assert "ngày tháng năm 2026" in text and "ngày 05 tháng 3 năm 2026" not in text


@pytest.mark.parametrize("render, read", DECISION_FORMATS, ids=["pdf", "docx"])
def test_the_issued_decision_has_its_number_and_date(decision, render, read):
    issued = decisions.issue_decision(decision, actor=get_user_model().objects.get(username="dave"))
    text = read(render(issued))
    assert "DỰ THẢO" not in text
    assert "Số: 125/QĐ-UBND" in text and "ngày 05 tháng 3 năm 2026" in text
