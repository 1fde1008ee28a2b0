"""Two people acting on one dossier at the same moment, on real connections: one wins, the other is told."""

import time

import pytest

from awards.models import Dossier, DossierEvent, DossierLine
from awards.rules import hash_chain as audit
from awards.rules.workflow import Action as A
from awards.services import dossiers, journal

from tests.awards import concurrency
from tests.awards.dossier_factories import R, make_list, official, people, submit

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    return concurrency.race(*calls, told={dossiers.StaleDossier: "stale"})


def test_two_approvers_forwarding_at_once_make_exactly_one_forward(cast, tree, central, on_postgresql, reviewed_dossier,
                                                                   monkeypatch):
    second = official("lanh-dao-2", tree.phu_tho, R.APPROVER)
    real_record = journal.record_event

    def slow_record(*args, **kwargs):
        # Hold the lock a moment, so the second approver surely arrives while the first is writing.
        time.sleep(0.2)
        return real_record(*args, **kwargs)

    monkeypatch.setattr(journal, "record_event", slow_record)
    outcomes = race(lambda: dossiers.forward_dossiers([reviewed_dossier], actor=cast.dave).pk,
                    lambda: dossiers.forward_dossiers([reviewed_dossier], actor=second).pk)
    assert [kind for kind, _ in outcomes] == ["done", "stale"]
    assert "vừa được" in outcomes[1][1] and "trang đã tải lại trạng thái mới" in outcomes[1][1]
    assert DossierEvent.objects.filter(dossier=reviewed_dossier, action=A.FORWARD).count() == 1
    assert Dossier.objects.filter(sender=tree.phu_tho).count() == 1
    assert DossierLine.objects.filter(nomination_line__award__code="BK_TTG").count() == 2
    assert all(problem is None for _d, problem in audit.verify_all())


def test_a_reviewer_and_a_clerk_at_once_are_applied_one_after_the_other(cast, tree, central, on_postgresql,
                                                                        province_clerk):
    other_clerk = official("phuong-2", tree.phu_tho, R.CLERK)
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [dossier] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    outcomes = race(lambda: dossiers.receive_dossier(dossier, actor=province_clerk).status,
                    lambda: dossiers.refuse_dossier(dossier, actor=other_clerk, missing="Thiếu biên bản.").status)
    assert [kind for kind, _ in outcomes] == ["done", "stale"]
    assert DossierEvent.objects.filter(dossier=dossier).count() == 2
    assert audit.verify_dossier(Dossier.objects.get(pk=dossier.pk)) is None
