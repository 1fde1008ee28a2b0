"""A draft plan prints as a draft: "DỰ THẢO" above the header and neither number nor date, even when the
drafter typed them; the issued plan prints its number and date and no mark."""

import datetime

import pytest

from campaigns import services
from campaigns.documents import render_plan_docx, render_plan_pdf

from tests.campaigns.test_documents import body_text, open_docx, open_pdf, squash
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


def docx_text(data):
    """Every text of a Word file, table cells included, in document order, squashed."""
    document = open_docx(data)
    return squash(" ".join("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t"))
                           for block in document.element.body.iterchildren()))


@pytest.fixture
def draft(tree):
    # Number and day typed into the draft: they are not printed before the plan is issued.
    return make_plan(tree.ha_hoa, number=9, issue_day=4)


@pytest.mark.parametrize("render, read", [(render_plan_pdf, lambda b: body_text(open_pdf(b))),
                                          (render_plan_docx, docx_text)], ids=["pdf", "docx"])
def test_a_draft_plan_is_marked_and_has_no_number_or_date(draft, render, read):
    text = read(render(draft))
    assert text.startswith("DỰ THẢO")
    assert "Số: /KH-UBND" in text and "09/KH-UBND" not in text
    assert "Hạ Hòa, ngày tháng năm 2026" in text and "ngày 04" not in text


@pytest.mark.parametrize("render, read", [(render_plan_pdf, lambda b: body_text(open_pdf(b))),
                                          (render_plan_docx, docx_text)], ids=["pdf", "docx"])
def test_the_issued_plan_has_its_number_and_date_and_no_mark(cast, draft, render, read):
    issued = services.issue_plan(draft, actor=cast.bob, number=7, issue_date=datetime.date(2026, 3, 5))
    text = read(render(issued))
    assert "DỰ THẢO" not in text
    assert "Số: 07/KH-UBND" in text and "Hạ Hòa, ngày 05 tháng 3 năm 2026" in text


def test_the_frozen_pdf_of_the_issue_is_not_a_draft(cast, draft):
    issued = services.issue_plan(draft, actor=cast.bob, number=7, issue_date=datetime.date(2026, 3, 5))
    text = body_text(open_pdf(issued.issued_pdf.open("rb").read()))
    assert "DỰ THẢO" not in text and "Số: 07/KH-UBND" in text
