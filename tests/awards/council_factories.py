"""A province council of twelve members, its secretary, and packets waiting for its vote."""

import datetime

import pytest

from units.models import User

from awards.models import Council, CouncilMember, Dossier
from awards.services import councils, dossiers

from tests.awards.dossier_factories import R, approve_all, make_list, official, people, submit

HELD_ON = datetime.date(2026, 1, 15)
ROLES = [CouncilMember.Role.CHAIR, CouncilMember.Role.STANDING_VICE, CouncilMember.Role.VICE,
         *[CouncilMember.Role.MEMBER] * 9]
NAMES = ["Bùi Văn Quang", "Hồ Đức Việt", "Nguyễn Thanh Hải", "Trần Thị Hà", "Lê Minh Sơn", "Phạm Quốc Tuấn",
         "Đỗ Thị Hằng", "Vũ Văn Long", "Đinh Thu Trang", "Ngô Văn Nam", "Hà Thị Mai", "Đặng Văn Tiến"]


def make_council(unit, size=12, **dates):
    council = Council.objects.create(unit=unit, name=f"Hội đồng Thi đua - Khen thưởng {unit.name[0].lower()}"
                                                     f"{unit.name[1:]}", **dates)
    for name, role in zip(NAMES[:size], ROLES[:size]):
        CouncilMember.objects.create(council=council, full_name=name, role=role, position="Giám đốc Sở")
    return council


def reviewed_packet(world, unit, names, code="BK_TTG", title="Đề nghị khen thưởng năm 2026"):
    """A list of ``unit`` (a commune) submitted, received and approved at the province."""
    subjects = people(unit, names)
    clerk = world.alice if unit == world.tree.ha_hoa else official(f"clerk-{User.objects.count()}", unit, R.CLERK)
    [dossier] = submit(make_list(unit, clerk, [(s, code) for s in subjects], title=title), clerk)
    dossiers.receive_dossier(dossier, actor=world.phuong)
    approve_all(dossier, world.carol)
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def world(cast, tree, central, province_clerk):
    cast.tree, cast.central = tree, central
    cast.phuong = province_clerk
    cast.sarah = official("sarah", tree.phu_tho, R.SECRETARY)
    cast.council = make_council(tree.phu_tho)
    return cast


def tally(session, rows, *, present=12, chair=True, actor=None):
    """Save attendance (the first ``present`` members) and {line pk: (for, against, wfor, wagainst[, downgrade])}."""
    members = councils.roster(session.council, session.held_on)
    ballots = {b.line_id: b.pk for b in session.ballots.all()}
    values = {ballots[line]: (tuple(v) + (None,))[:5] for line, v in rows.items()}
    return councils.save_session(session, actor=actor or session.created_by,
                                 chair_id=members[0].pk if chair else None,
                                 attendee_ids=[m.pk for m in members[:present]], tallies=values)


def open_session(world, held_on=HELD_ON):
    return councils.open_session(actor=world.sarah, unit=world.tree.phu_tho, held_on=held_on,
                                 place="Hội trường UBND tỉnh")
