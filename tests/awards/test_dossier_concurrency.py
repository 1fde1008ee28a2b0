"""Two people acting on one dossier at the same moment, on real connections: one wins, the other is told."""

import time

import pytest
from django.db import connection

from awards.models import Dossier, DossierEvent, DossierLine
from awards.rules import hash_chain as audit
from awards.rules.workflow import Action as A
from awards.services import dossiers

from tests.awards import concurrency
from tests.awards.dossier_factories import R, approve_all, load_rule_rows, make_list, official, people, submit

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    return concurrency.race(*calls, told={dossiers.StaleDossier: "stale"})


@pytest.fixture
def reviewed(cast, tree, central):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between real connections are exercised on PostgreSQL")
    load_rule_rows()
    clerk = official("phuong", tree.phu_tho, R.CLERK)
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [dossier] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "BK_TTG")]), cast.alice)
    dossiers.receive_dossier(dossier, actor=clerk)
    approve_all(dossier, cast.carol)
    return Dossier.objects.get(pk=dossier.pk)


def test_two_approvers_forwarding_at_once_make_exactly_one_forward(cast, tree, reviewed, monkeypatch):
    second = official("lanh-dao-2", tree.phu_tho, R.APPROVER)
    real_record = dossiers._record

    def slow_record(*args, **kwargs):
        # Hold the lock a moment, so the second approver surely arrives while the first is writing.
        time.sleep(0.2)
        return real_record(*args, **kwargs)

    monkeypatch.setattr(dossiers, "_record", slow_record)
    outcomes = race(lambda: dossiers.forward_dossiers([reviewed], actor=cast.dave).pk,
                    lambda: dossiers.forward_dossiers([reviewed], actor=second).pk)
    assert [kind for kind, _ in outcomes] == ["done", "stale"]
    assert "vừa được" in outcomes[1][1] and "trang đã tải lại trạng thái mới" in outcomes[1][1]
    assert DossierEvent.objects.filter(dossier=reviewed, action=A.FORWARD).count() == 1
    assert Dossier.objects.filter(sender=tree.phu_tho).count() == 1
    assert DossierLine.objects.filter(nomination_line__award__code="BK_TTG").count() == 2
    assert all(problem is None for _d, problem in audit.verify_all())


def test_a_reviewer_and_a_clerk_at_once_are_applied_one_after_the_other(cast, tree, central):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between real connections are exercised on PostgreSQL")
    load_rule_rows()
    clerk = official("phuong", tree.phu_tho, R.CLERK)
    other_clerk = official("phuong-2", tree.phu_tho, R.CLERK)
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [dossier] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    outcomes = race(lambda: dossiers.receive_dossier(dossier, actor=clerk).status,
                    lambda: dossiers.refuse_dossier(dossier, actor=other_clerk, missing="Thiếu biên bản.").status)
    assert [kind for kind, _ in outcomes] == ["done", "stale"]
    assert DossierEvent.objects.filter(dossier=dossier).count() == 2
    assert audit.verify_dossier(Dossier.objects.get(pk=dossier.pk)) is None
