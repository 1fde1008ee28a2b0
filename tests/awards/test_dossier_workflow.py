"""The workflow table, walked move by move through the services; who may act; separation of duties."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from units.models import Membership

from awards.models import Dossier, DossierEvent, DossierLine
from awards.rules import workflow
from awards.rules.workflow import Action as A
from awards.services import dossiers

from tests.awards.decision_factories import decide
from tests.awards.dossier_factories import (
    R,
    approve_all,
    line_for,
    lines_of,
    official,
    refresh,
    submit,
)

pytestmark = pytest.mark.django_db
S, L = Dossier.Status, DossierLine.Status


@pytest.fixture
def world(cast, central, province_clerk, commune_list):
    """The post-reform cast, a province clerk, and a commune list: one line the province grants, one it cannot."""
    cast.phuong, cast.list = province_clerk, commune_list
    return cast


ACTOR = {A.RECEIVE: "phuong", A.REFUSE: "phuong", A.RETURN: "carol", A.APPROVE: "carol", A.EDIT: "alice",
         A.RESUBMIT: "alice", A.FORWARD: "dave", A.SETTLE: "dave", A.DECIDE: "dave"}


def perform(action, dossier, actor):
    if action == A.RECEIVE:
        return dossiers.receive_dossier(dossier, actor=actor)
    if action == A.REFUSE:
        return dossiers.refuse_dossier(dossier, actor=actor, missing="Thiếu biên bản họp xét.")
    if action == A.RETURN:
        return dossiers.return_dossier(dossier, actor=actor, reason="Bổ sung số liệu.")
    if action == A.APPROVE:
        return approve_all(dossier, actor)
    if action == A.EDIT:
        returned = [line for line in lines_of(dossier) if line.status == L.RETURNED] or lines_of(dossier)
        return dossiers.edit_returned_line(returned[0], actor=actor, summary="Tóm tắt đã bổ sung.")
    if action == A.RESUBMIT:
        return dossiers.resubmit_dossier(dossier, actor=actor)
    if action == A.FORWARD:
        return dossiers.forward_dossiers([dossier], actor=actor)
    if action == A.SETTLE:
        return dossiers.settle_dossier(dossier, actor=actor)
    return decide(dossier, actor)


def reach(world, status, action=None):
    """The list's upward dossier brought to ``status`` through the services (shaped for ``action``)."""
    [dossier] = submit(world.list, world.alice)
    if status == S.SUBMITTED:
        return dossier
    if status == S.REFUSED:
        return dossiers.refuse_dossier(dossier, actor=world.phuong, missing="Thiếu tờ trình.")
    dossiers.receive_dossier(dossier, actor=world.phuong)
    if status == S.RECEIVED:
        return refresh(dossier)
    bk_tinh, bk_ttg = line_for(dossier, "BK_TINH"), line_for(dossier, "BK_TTG")
    if status == S.RETURNED:
        return dossiers.return_dossier(dossier, actor=world.carol, verdicts={
            bk_tinh.pk: (A.APPROVE, ""), bk_ttg.pk: (A.RETURN, "Thiếu xác nhận sáng kiến.")})
    if action == A.SETTLE:
        # Nothing left for the level above: the approver settles instead of forwarding.
        return dossiers.approve_dossier(dossier, actor=world.carol, verdicts={
            bk_tinh.pk: (A.APPROVE, ""), bk_ttg.pk: (A.REJECT, "Chưa đủ 5 năm hoàn thành tốt nhiệm vụ.")})
    approve_all(dossier, world.carol)
    if status == S.REVIEWED:
        return refresh(dossier)
    dossiers.forward_dossiers([dossier], actor=world.dave)
    return refresh(dossier)


MOVES = [(status, action) for (status, action) in workflow.TRANSITIONS if status is not None]


@pytest.mark.parametrize(("status", "action"), MOVES, ids=[f"{s}-{a}" for s, a in MOVES])
def test_each_move_of_the_table_takes_the_dossier_to_its_next_status(world, status, action):
    dossier = reach(world, status, action)
    assert dossier.status == status
    perform(action, dossier, getattr(world, ACTOR[action]))
    dossier = refresh(dossier)
    assert dossier.status == workflow.TRANSITIONS[status, action]
    event = DossierEvent.objects.filter(dossier=dossier).latest("seq")
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        action, status, dossier.status, getattr(world, ACTOR[action]))


INVALID = [(status, action) for status in S.values for action in workflow.WHO
           if (status, action) not in workflow.TRANSITIONS]


@pytest.mark.parametrize(("status", "action"), INVALID, ids=[f"{s}-{a}" for s, a in INVALID])
def test_a_move_the_table_does_not_hold_is_refused_and_changes_nothing(world, status, action):
    dossier = reach(world, status)
    before = (dossier.status, dossier.version, DossierEvent.objects.count())
    with pytest.raises((ValidationError, PermissionDenied)):
        perform(action, dossier, getattr(world, ACTOR[action]))
    dossier = refresh(dossier)
    assert (dossier.status, dossier.version, DossierEvent.objects.count()) == before


LINE_MOVES = [(status, action) for (status, action) in workflow.LINE_TRANSITIONS if status is not None]


@pytest.mark.parametrize(("status", "action"), LINE_MOVES, ids=[f"{s}-{a}" for s, a in LINE_MOVES])
def test_each_line_move_of_the_table_gives_the_lines_next_status(status, action):
    line = DossierLine(status=status, deciding_unit_id=2)  # decided above the level acting (1)
    assert workflow.next_line_status(line, action, 1) == workflow.LINE_TRANSITIONS[status, action]


def test_forwarding_keeps_the_lines_this_level_decides_ready_for_its_decision():
    assert workflow.next_line_status(DossierLine(status=L.APPROVED, deciding_unit_id=1), A.FORWARD, 1) == L.READY
    assert workflow.next_line_status(DossierLine(status=L.REJECTED, deciding_unit_id=2), A.FORWARD, 1) is None


# Who may act

WHO_SEES = [
    (S.SUBMITTED, {"phuong": [A.RECEIVE, A.REFUSE], "carol": [], "dave": [], "alice": [], "bob": [], "erin": []}),
    (S.RECEIVED, {"phuong": [], "carol": [A.RETURN, A.APPROVE], "dave": [], "alice": []}),
    (S.RETURNED, {"alice": [A.EDIT, A.RESUBMIT], "bob": [A.EDIT, A.RESUBMIT], "phuong": [], "carol": [], "dave": []}),
    (S.REVIEWED, {"dave": [A.FORWARD], "carol": [], "phuong": [], "alice": [], "bob": []}),
    (S.CLOSED, {"dave": [A.DECIDE], "carol": [], "phuong": [], "alice": []}),
]


@pytest.mark.parametrize(("status", "expected"), WHO_SEES, ids=[row[0] for row in WHO_SEES])
def test_allowed_actions_follow_the_role_at_the_unit_that_must_act(world, status, expected):
    dossier = reach(world, status)
    for name, actions in expected.items():
        assert workflow.allowed_actions(dossier, getattr(world, name)) == actions, name


def test_a_clerk_never_approves_even_when_the_role_reaches_down(world, tree):
    # A province clerk's role reaches the commune's lists, not the approver's acts at the province.
    dossier = reach(world, S.REVIEWED)
    with pytest.raises(PermissionDenied, match="lãnh đạo ký duyệt của Tỉnh Phú Thọ"):
        dossiers.forward_dossiers([dossier], actor=world.phuong)


# Separation of duties

def test_whoever_sent_the_dossier_from_below_may_not_approve_it_at_the_next_level(world, tree):
    Membership.objects.create(user=world.bob, unit=tree.phu_tho, role=Membership.Role.APPROVER)
    [dossier] = submit(world.list, world.bob)
    dossiers.receive_dossier(dossier, actor=world.phuong)
    approve_all(dossier, world.carol)
    dossier = refresh(dossier)
    assert workflow.allowed_actions(dossier, world.bob) == [] and workflow.barred(dossier, world.bob)
    with pytest.raises(PermissionDenied, match="ở cấp dưới"):
        dossiers.forward_dossiers([dossier], actor=world.bob)
    assert workflow.allowed_actions(dossier, world.dave) == [A.FORWARD]


def test_whoever_reviewed_at_the_province_may_not_approve_at_the_centre(world, central):
    central_approver = official("tw-approver", central.body, R.APPROVER)
    Membership.objects.create(user=world.carol, unit=central.body, role=Membership.Role.APPROVER)
    bundle = dossiers.forward_dossiers([reach(world, S.REVIEWED)], actor=world.dave)
    dossiers.receive_dossier(bundle, actor=official("tw-clerk", central.body, R.CLERK))
    approve_all(bundle, official("tw-reviewer", central.body, R.REVIEWER))
    bundle = refresh(bundle)
    assert workflow.allowed_actions(bundle, world.carol) == []
    with pytest.raises(PermissionDenied):
        dossiers.settle_dossier(bundle, actor=world.carol)
    assert workflow.allowed_actions(bundle, central_approver) == [A.SETTLE]


@pytest.mark.parametrize("step", ["received", "reviewed"])
def test_whoever_received_or_reviewed_a_dossier_does_not_also_approve_it(world, tree, step):
    dossier = reach(world, S.REVIEWED)
    doer = world.phuong if step == "received" else world.carol
    Membership.objects.create(user=doer, unit=tree.phu_tho, role=Membership.Role.APPROVER)
    doer = type(doer).objects.get(pk=doer.pk)  # memberships are read once per user object
    assert workflow.allowed_actions(refresh(dossier), doer) == []
    assert f"Bạn đã {'tiếp nhận' if step == 'received' else 'thẩm định'}" in workflow.barred(refresh(dossier), doer)


# The inbox and the packet page read who acts from the same table

@pytest.mark.parametrize("status", [S.SUBMITTED, S.RECEIVED, S.RETURNED, S.REFUSED, S.REVIEWED])
def test_a_packet_waits_in_the_inbox_of_exactly_those_the_workflow_lets_act_on_it(world, status):
    from awards.rules.inbox import inbox

    dossier = reach(world, status)
    side, roles = workflow.HOLDERS[status]
    holding = dossier.receiver if side == workflow.RECEIVER else dossier.sender
    assert workflow.holder(dossier)[:2] == (holding, roles)
    sender_approver = official("ha-hoa-approver", dossier.sender, R.APPROVER)
    everyone = {"alice": world.alice, "phuong": world.phuong, "carol": world.carol, "dave": world.dave,
                "sender_approver": sender_approver}
    for name, user in everyone.items():
        actions = workflow.allowed_actions(dossier, user, lines_of(dossier))
        waiting = [item.dossier.pk for item in inbox(user)[0]]
        assert (dossier.pk in waiting) == bool(actions), (name, actions)
    # A returned packet is the sending unit's to fix: its approver may resubmit, so it waits for them too.
    if status in (S.RETURNED, S.REFUSED):
        assert dossier.pk in [item.dossier.pk for item in inbox(sender_approver)[0]]
