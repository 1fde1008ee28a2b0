"""The long papers' measurements run end to end on a small tree (their timings are the benchmark's, not checked)."""

import pytest

from awards.demo import paper_benchmark as bench
from awards.models import CouncilSession

from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db


def test_a_prepared_decision_prints_and_prepared_sessions_close_one_by_one(tree, central):
    said = []
    decision = bench.prepare_decision(3)
    assert decision.lines.count() == 3
    assert bench.print_decision(said.append).startswith(b"%PDF")
    made = bench.prepare_sessions(2, 3, said.append)
    assert [session.ballots.count() for session in made] == [3, 3]
    first = bench.close_next_session(said.append)
    assert first.pk == made[0].pk and first.status == CouncilSession.Status.CLOSED
    assert bench.close_next_session(said.append).pk == made[1].pk
    with pytest.raises(ValueError, match="Không còn phiên họp"):
        bench.close_next_session(said.append)
    assert len(said) == 5 and "3 dòng" in said[0]


@pytest.mark.needs_shared
def test_the_seed_plans_print_and_leave_nothing_behind(tree):
    from campaigns.models import Plan

    said = []
    pdfs = bench.print_plans(sorted(SEEDS.glob("*.txt")), said.append)
    assert len(pdfs) == 3 and all(pdf.startswith(b"%PDF") for pdf in pdfs) and len(said) == 3
    assert not Plan.objects.exists()
