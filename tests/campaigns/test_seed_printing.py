"""Each real plan, imported and printed, gives back every one of its paragraphs in order."""

import io
import re

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

from campaigns.documents import render_plan_docx, render_plan_pdf

from tests.campaigns.test_documents import assert_in_order, body_text, open_pdf, squash
from tests.campaigns.test_import_plan import UNITS, import_seed
from tests.conftest import SEEDS

pytestmark = [pytest.mark.django_db, pytest.mark.needs_shared]


def seed_paragraphs(seed):
    """(header, body): the two-column header block, which reads column by column, and the rest."""
    text = (SEEDS / seed).read_text(encoding="utf-8").replace("*", "")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    start = next(i for i, p in enumerate(paragraphs) if p.strip() == "KẾ HOẠCH")
    return paragraphs[:start], paragraphs[start:]


def assert_seed_printed(seed, printed):
    header, body = seed_paragraphs(seed)
    for paragraph in header:
        assert squash(paragraph) in printed, f"missing from the header: {paragraph!r}"
    assert_in_order(printed, body)


def imported_as_issued(seed):
    """The seed imported, then marked issued as its source was: a draft would print "DỰ THẢO" and no date."""
    from campaigns.models import Plan

    plan, _report = import_seed(seed)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ISSUED)
    return Plan.objects.get(pk=plan.pk)


def docx_text(data):
    """Every paragraph of the Word file in reading order, table cells included."""
    document = docx.Document(io.BytesIO(data))
    parts = []

    def walk(container):
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                parts.append(child.text)
            elif isinstance(child, Table):
                for row in child.rows:
                    for cell in row.cells:
                        walk(cell)

    walk(document)
    return squash("\n".join(parts))


@pytest.mark.parametrize("seed", list(UNITS))
def test_the_pdf_of_an_imported_seed_prints_every_paragraph_in_order(seed):
    plan = imported_as_issued(seed)
    assert_seed_printed(seed, body_text(open_pdf(render_plan_pdf(plan))))


@pytest.mark.parametrize("seed", list(UNITS))
def test_the_word_file_of_an_imported_seed_prints_every_paragraph_in_order(seed):
    plan = imported_as_issued(seed)
    assert_seed_printed(seed, docx_text(render_plan_docx(plan)))
