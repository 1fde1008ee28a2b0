"""Two approvers issuing decisions over the same line at the same moment, on real connections: one wins."""

import time

import pytest

from awards.models import AwardRecord, Decision, DossierEvent, DossierLine
from awards.rules import hash_chain as audit
from awards.rules.workflow import Action as A
from awards.services import decisions, dossiers

from tests.awards import concurrency
from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import R, approve_all, make_list, official, people, submit

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    return concurrency.race(*calls, told={decisions.StaleDecision: "stale"})


@pytest.fixture
def settled(cast, tree, central, on_postgresql, province_clerk):
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TINH")]), cast.alice)
    dossiers.receive_dossier(packet, actor=province_clerk)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    cast.phuong, cast.packet = province_clerk, packet
    return cast


def test_two_approvers_issuing_over_the_same_line_at_once_make_exactly_one_award(settled, tree, monkeypatch):
    second = official("lanh-dao-2", tree.phu_tho, R.APPROVER)
    lines = list(decisions.ready_lines(tree.phu_tho))
    first_draft = draft(tree.phu_tho, settled.phuong, lines, number=1)
    second_draft = draft(tree.phu_tho, settled.phuong, lines[:1], number=2)
    real = decisions.record_for

    def slow_record(*args, **kwargs):
        # Hold the locks a moment, so the second approver surely arrives while the first is writing.
        time.sleep(0.2)
        return real(*args, **kwargs)

    monkeypatch.setattr(decisions, "record_for", slow_record)
    outcomes = race(lambda: decisions.issue_decision(first_draft, actor=settled.dave).pk,
                    lambda: decisions.issue_decision(second_draft, actor=second).pk)
    assert [kind for kind, _ in outcomes] == ["done", "stale"], outcomes
    assert "vừa được" in outcomes[1][1] and "quyết định tại Quyết định số" in outcomes[1][1]
    winner = Decision.objects.get(pk=outcomes[0][1])
    assert Decision.objects.filter(status=Decision.Status.ISSUED).count() == 1
    assert AwardRecord.objects.count() == winner.lines.count()
    assert AwardRecord.objects.values("dossier_line").distinct().count() == AwardRecord.objects.count()
    assert DossierEvent.objects.filter(dossier=settled.packet, action=A.DECIDE).count() == 1
    assert all(problem is None for _d, problem in audit.verify_all())
    assert not DossierLine.objects.filter(status=DossierLine.Status.READY,
                                          pk__in=[line.pk for line in winner.lines.all()]).exists()


def test_the_same_decision_issued_twice_at_once_is_issued_once(settled, tree):
    decision = draft(tree.phu_tho, settled.phuong, decisions.ready_lines(tree.phu_tho))
    outcomes = race(lambda: decisions.issue_decision(decision, actor=settled.dave).pk,
                    lambda: decisions.issue_decision(decision, actor=settled.dave).pk)
    assert [kind for kind, _ in outcomes] == ["done", "stale"], outcomes
    assert "đã được Dave ban hành" in outcomes[1][1]
    assert AwardRecord.objects.count() == 2
