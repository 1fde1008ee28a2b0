"""The council's rows of the workflow, walked through the services; the gate on forward and settle."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import Dossier, DossierEvent, DossierLine
from awards.rules import workflow
from awards.rules.workflow import Action as A
from awards.services import councils, dossiers

from tests.awards.council_factories import open_session, reviewed_packet, tally, world  # noqa: F401
from tests.awards.dossier_factories import lines_of, refresh

pytestmark = pytest.mark.django_db
S, L = Dossier.Status, DossierLine.Status


@pytest.mark.parametrize(("status", "action"), list(workflow.VOTE_TRANSITIONS))
def test_each_council_move_takes_the_packet_to_its_next_status(world, tree, status, action):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    assert packet.status == status
    session = open_session(world)
    tally(session, {lines_of(packet)[0].pk: (12, 0, 0, 0)})
    councils.close_session(session, actor=world.sarah)
    packet = refresh(packet)
    event = DossierEvent.objects.filter(dossier=packet).latest("seq")
    assert packet.status == workflow.VOTE_TRANSITIONS[status, action]
    assert (event.action, event.from_status, event.to_status, event.actor) == (action, status, packet.status,
                                                                             world.sarah)


VOTES = {"passed": (12, 0, 0, 0), "failed": (1, 11, 0, 0)}


@pytest.mark.parametrize(("status", "result"), list(workflow.VOTE_LINE_TRANSITIONS))
def test_each_council_line_move_gives_the_line_its_next_status(world, tree, status, result):
    from awards.models import AwardDowngrade

    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    [line] = lines_of(packet)
    assert line.status == status
    session = open_session(world)
    if result == "downgraded":
        lower = AwardDowngrade.objects.get(award__code="BK_TTG", lower_award__code="BK_TINH")
        tally(session, {line.pk: (1, 11, 0, 0, lower.pk)})
    else:
        tally(session, {line.pk: VOTES[result]})
    councils.close_session(session, actor=world.sarah)
    [line] = lines_of(packet)
    assert (line.status, line.council_result) == (workflow.VOTE_LINE_TRANSITIONS[status, result], result)


@pytest.mark.parametrize("status", [s for s in S.values if (s, A.VOTE) not in workflow.VOTE_TRANSITIONS])
def test_the_council_votes_on_no_packet_in_another_status(world, tree, status):
    packet = Dossier(status=status, receiver=tree.phu_tho, sender=tree.ha_hoa)
    assert not workflow.may_vote(packet, world.sarah)


def test_only_the_secretary_of_the_receiving_unit_votes(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    assert workflow.may_vote(packet, world.sarah)
    assert not any(workflow.may_vote(packet, getattr(world, name)) for name in ("dave", "carol", "phuong", "olga"))


def test_settling_also_waits_for_the_council(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"], code="BK_TINH")
    assert workflow.allowed_actions(packet, world.dave) == []
    with pytest.raises(PermissionDenied, match="Hội đồng Thi đua - Khen thưởng của Tỉnh Phú Thọ chưa biểu quyết"):
        dossiers.settle_dossier(packet, actor=world.dave)
    session = open_session(world)
    tally(session, {lines_of(packet)[0].pk: (10, 2, 0, 0)})
    councils.close_session(session, actor=world.sarah)
    assert workflow.allowed_actions(refresh(packet), world.dave) == [A.SETTLE]
    dossiers.settle_dossier(refresh(packet), actor=world.dave)
    assert [line.status for line in lines_of(packet)] == [L.READY]


def test_a_packet_that_moved_on_since_the_session_opened_is_not_voted(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    session = open_session(world)
    tally(session, {lines_of(packet)[0].pk: (12, 0, 0, 0)})
    world.council.valid_to = datetime.date.today() - datetime.timedelta(days=1)  # the council's term ended
    world.council.save()
    dossiers.forward_dossiers([refresh(packet)], actor=world.dave)
    with pytest.raises(ValidationError, match="không còn chờ Hội đồng biểu quyết"):
        councils.close_session(session, actor=world.sarah)
    assert refresh(packet).status == S.CLOSED and session.ballots.get().result == ""
