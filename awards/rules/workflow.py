"""The dossier workflow on one screen: actions, the table of moves, who may take each, and what follows.

Pure: it reads a dossier, its lines and the user's memberships (read once per request) and never
writes. The services in awards.services.dossiers check ``allowed_actions`` before every change, and the
dossier page shows exactly its buttons, so the page never offers what the server would refuse.

At each receiving level: the clerk receives the packet or refuses it as incomplete; a reviewer
judges each line (đạt / không đạt) or returns the packet or single lines with a reason each; an
approver forwards the approved lines to the next level (those this level may grant wait here for
its decision) and issues the decisions on them (awards.decisions). The sender's clerk fixes what
was returned and sends it again.
Separation of duties: whoever sent or reviewed the lines at the level below, or received or reviewed
the packet here, does not approve it; a clerk never approves.
"""

from django.db import models

from units.models import ADMINISTRATIVE_KINDS, Membership
from units.scoping import holds_role_at

from awards.models.dossiers import DossierStatus as S, LineStatus as L
from awards.rules import gates

R = Membership.Role


class Action(models.TextChoices):
    SUBMIT = "submit", "Gửi hồ sơ"
    RETAIN = "retain", "Trình quyết định tại đơn vị"
    RECEIVE = "receive", "Tiếp nhận"
    REFUSE = "refuse", "Không tiếp nhận (thiếu hồ sơ)"
    RETURN = "return", "Trả lại để bổ sung"
    APPROVE = "approve", "Hoàn thành thẩm định"
    REJECT = "reject", "Không đạt"
    EDIT = "edit", "Sửa đề nghị bị trả lại"
    RESUBMIT = "resubmit", "Gửi lại"
    FORWARD = "forward", "Chuyển lên cấp trên"
    SETTLE = "settle", "Trình quyết định tại cấp này"
    DECIDE = "decide", "Ban hành quyết định khen thưởng"
    CONSULT = "consult", "Công khai, lấy ý kiến"
    VOTE = "vote", "Hội đồng biểu quyết"
    REFERENCE = "reference", "Ghi số, ngày Tờ trình"


A = Action

# (packet status, action) -> next packet status. None: the packet is being created.
TRANSITIONS = {
    (None, A.SUBMIT): S.SUBMITTED,        # a list or a bundle leaves for the next level
    (None, A.RETAIN): S.CLOSED,           # lines the sending unit grants itself stay there
    (S.SUBMITTED, A.RECEIVE): S.RECEIVED,
    (S.SUBMITTED, A.REFUSE): S.REFUSED,
    (S.REFUSED, A.EDIT): S.REFUSED,
    (S.REFUSED, A.RESUBMIT): S.SUBMITTED,
    (S.RECEIVED, A.RETURN): S.RETURNED,
    (S.RECEIVED, A.APPROVE): S.REVIEWED,
    (S.RETURNED, A.EDIT): S.RETURNED,
    (S.RETURNED, A.RESUBMIT): S.SUBMITTED,
    (S.REVIEWED, A.FORWARD): S.CLOSED,
    (S.REVIEWED, A.SETTLE): S.CLOSED,
    (S.CLOSED, A.DECIDE): S.CLOSED,
}
# REFERENCE moves nothing: the sender records or corrects its Tờ trình's number and date
# (awards.services.proposal_references), a step in the packet's history like any other.
# CONSULT moves nothing: closing a public consultation (the receiver's clerk, awards.consultations)
# files its report with each packet listed and records the step in the packet's history. What it
# changes here is the gate below: FORWARD and SETTLE wait for it.

# (line status, action) -> next status of a line the action touches. Forwarding settles the lines
# this level decides itself (APPROVED -> READY) in the same step as it sends the others up.
LINE_TRANSITIONS = {
    (None, A.SUBMIT): L.PENDING,
    (None, A.RETAIN): L.READY,
    (L.PENDING, A.RECEIVE): L.ACCEPTED,
    (L.ACCEPTED, A.APPROVE): L.APPROVED,
    (L.ACCEPTED, A.REJECT): L.REJECTED,
    (L.ACCEPTED, A.RETURN): L.RETURNED,
    (L.APPROVED, A.RETURN): L.RETURNED,
    (L.RETURNED, A.EDIT): L.RETURNED,
    (L.RETURNED, A.RESUBMIT): L.PENDING,
    (L.APPROVED, A.FORWARD): L.FORWARDED,
    (L.APPROVED, A.SETTLE): L.READY,
    (L.READY, A.DECIDE): L.DECIDED,
}

# The council's vote is taken on its session page, over lines of several packets at once, not among
# a packet's buttons: its rows stand apart from the tables above (awards.services.councils applies them). The
# packet stays reviewed; each voted line passes, fails or is granted a lower award.
VOTE_TRANSITIONS = {(S.REVIEWED, A.VOTE): S.REVIEWED}
VOTE_LINE_TRANSITIONS = {
    (L.APPROVED, "passed"): L.APPROVED,
    (L.APPROVED, "failed"): L.REJECTED,
    (L.APPROVED, "downgraded"): L.APPROVED,
}

SENDER, RECEIVER = "sender", "receiver"
# Who takes each action: the side of the packet whose unit they must belong to, and the roles.
WHO = {
    A.RECEIVE: (RECEIVER, (R.CLERK,)),
    A.REFUSE: (RECEIVER, (R.CLERK,)),
    A.RETURN: (RECEIVER, (R.REVIEWER,)),
    A.APPROVE: (RECEIVER, (R.REVIEWER,)),
    A.EDIT: (SENDER, (R.CLERK, R.APPROVER)),
    A.RESUBMIT: (SENDER, (R.CLERK, R.APPROVER)),
    A.FORWARD: (RECEIVER, (R.APPROVER,)),
    A.SETTLE: (RECEIVER, (R.APPROVER,)),
    A.DECIDE: (RECEIVER, (R.APPROVER,)),
}
VOTE_WHO = (RECEIVER, (R.SECRETARY,))
APPROVING = frozenset({A.FORWARD, A.SETTLE, A.DECIDE})
# Held while an approved line still waits for the public consultation its award needs at this level.
CONSULTATION_GATED = frozenset({A.FORWARD, A.SETTLE})
# Held back at a level whose council is in force until it has voted on every approved line.
AFTER_COUNCIL = frozenset({A.FORWARD, A.SETTLE})
OPEN_LINES = frozenset({L.ACCEPTED, L.APPROVED})

# What the packet page and the lists say a packet waits for, in each status, at the unit holding it (HOLDERS).
HOLDER_WORDS = {
    S.SUBMITTED: "chờ cán bộ TĐKT tiếp nhận",
    S.RECEIVED: "chờ chuyên viên thẩm định",
    S.REVIEWED: "chờ lãnh đạo xem xét, quyết định hoặc chuyển lên",
    S.RETURNED: "chờ bổ sung, gửi lại",
    S.REFUSED: "chờ bổ sung thành phần hồ sơ còn thiếu, gửi lại",
    S.CLOSED: "chờ lãnh đạo ban hành quyết định khen thưởng",
}
AWAITING_COUNCIL_WORDS = "chờ Hội đồng Thi đua - Khen thưởng biểu quyết"
DONE_WORDS = "đã xử lý xong"


def acting_on(status) -> tuple[str, tuple[str, ...]]:
    """(side, roles) of whoever acts on a packet in ``status``: read off the tables above, never kept twice.

    The actions the status allows (TRANSITIONS) say who takes them (WHO); the page, the inbox and the
    journal all read the holder here.
    """
    sides, roles = set(), []
    for (current, action), _next in TRANSITIONS.items():
        if current == status:
            side, who = WHO[action]
            sides.add(side)
            roles.extend(role for role in who if role not in roles)
    [side] = sides  # every status is in one side's hands
    return side, tuple(roles)


HOLDERS = {status: acting_on(status) for status in S}
def next_status(status, action):
    """The packet's status after ``action``, or None when the table has no such move."""
    return TRANSITIONS.get((status, action))


def next_line_status(line, action, receiver_id):
    """A line's status after ``action`` at the level ``receiver_id``, or None when it does not move."""
    if action == A.FORWARD and line.status == L.APPROVED and line.deciding_unit_id == receiver_id:
        action = A.SETTLE
    return LINE_TRANSITIONS.get((line.status, action))


def side_unit(dossier, side):
    return dossier.receiver if side == RECEIVER else dossier.sender


def holder(dossier, lines=None, *, has_ready=None):
    """(unit, roles, words) of whoever acts next on the packet; roles None when nobody needs to.

    ``has_ready``: whether lines wait for the receiver's decision, when already known (a list's annotation).
    """
    side, roles = HOLDERS[dossier.status]
    if has_ready is None and dossier.status == S.CLOSED:
        has_ready = dossier_has_ready_lines(dossier, lines)
    if dossier.status == S.CLOSED and not has_ready:
        return side_unit(dossier, side), None, DONE_WORDS
    return side_unit(dossier, side), roles, HOLDER_WORDS[dossier.status]


def holder_body(unit) -> str:
    """"UBND xã Hạ Hòa" for a locality (its People's Committee acts for it), the unit's own name otherwise."""
    if unit.kind in ADMINISTRATIVE_KINDS:
        return f"UBND {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def where_text(dossier, lines=None, *, has_ready=None, awaiting_council=False) -> str:
    """Exactly where the packet is and who holds it: "Đang ở UBND tỉnh Phú Thọ — chờ chuyên viên thẩm định",
    "Đã trả lại UBND xã Hạ Hòa — chờ bổ sung, gửi lại", "Đã xử lý xong tại UBND xã Hạ Hòa"."""
    unit, roles, words = holder(dossier, lines, has_ready=has_ready)
    body = holder_body(unit)
    if roles is None:
        return f"Đã xử lý xong tại {body}"
    if dossier.status == S.REVIEWED and awaiting_council:
        words = AWAITING_COUNCIL_WORDS
    side, _roles = HOLDERS[dossier.status]
    verb = "Đã trả lại" if side == SENDER else "Đang ở"
    return f"{verb} {body} — {words}"


def dossier_has_ready_lines(dossier, lines=None):
    lines = list(dossier.lines.all()) if lines is None else lines
    return any(line.status == L.READY and line.deciding_unit_id == dossier.receiver_id for line in lines)


def barred(dossier, user) -> str:
    """Why ``user`` may not approve ``dossier`` (separation of duties), or "" when nothing bars them."""
    if user.pk in (dossier.conflicted_users or []):
        return "Bạn đã gửi hoặc thẩm định các đề nghị này ở cấp dưới nên không phê duyệt ở cấp này."
    if user.pk == dossier.received_by_id:
        return "Bạn đã tiếp nhận hồ sơ này nên không phê duyệt hồ sơ."
    if user.pk == dossier.reviewed_by_id:
        return "Bạn đã thẩm định hồ sơ này nên không phê duyệt hồ sơ."
    return ""


def _has_work(dossier, lines, action, user=None) -> bool:
    """Whether the packet's lines give ``action`` something to do (``user``: whose page, for a cache)."""
    receiver = dossier.receiver_id
    if action == A.RETURN:
        return any(line.status in OPEN_LINES for line in lines)
    if action == A.APPROVE:
        return any(line.status == L.ACCEPTED for line in lines)
    if action == A.EDIT:
        return dossier.nomination_list_id is not None and (
            dossier.status == S.REFUSED or any(line.status == L.RETURNED for line in lines))
    if action in AFTER_COUNCIL and awaiting_council(dossier, lines, user):
        return False
    if action == A.FORWARD:
        return any(line.status == L.APPROVED and line.deciding_unit_id != receiver for line in lines)
    if action == A.SETTLE:
        return not any(line.status == L.APPROVED and line.deciding_unit_id != receiver for line in lines)
    if action == A.DECIDE:
        return dossier_has_ready_lines(dossier, lines)
    return True


def awaiting_council(dossier, lines, user=None) -> bool:
    """Whether the receiving unit's council, in force today, has yet to vote on an approved line here."""
    if not any(line.status == L.APPROVED and not line.council_result for line in lines):
        return False
    return gates.has_council(dossier.receiver, user=user)


def may_vote(dossier, user) -> bool:
    """Whether ``user`` records the council's vote on ``dossier``'s lines: its status and their role allow it."""
    side, roles = VOTE_WHO
    return (dossier.status, A.VOTE) in VOTE_TRANSITIONS and holds_role_at(user, side_unit(dossier, side), roles)


def may_act(dossier, user, action) -> bool:
    """Whether ``user`` holds the role ``action`` needs at the right unit, and nothing bars them."""
    side, roles = WHO[action]
    if not holds_role_at(user, side_unit(dossier, side), roles):
        return False
    return not (action in APPROVING and barred(dossier, user))


def allowed_actions(dossier, user, lines=None) -> list[str]:
    """The actions ``user`` may take on ``dossier`` now (``lines``: its lines, when already read)."""
    if lines is None:
        # With their proposals (the consultation gate reads each approved line's award), unless prefetched.
        prefetched = "lines" in getattr(dossier, "_prefetched_objects_cache", {})
        lines = list(dossier.lines.all() if prefetched else dossier.lines.select_related("nomination_line"))
    return [action for (status, action) in TRANSITIONS
            if status == dossier.status and action in WHO
            and may_act(dossier, user, action) and _has_work(dossier, lines, action, user)
            and not (action in CONSULTATION_GATED and gates.pending_lines(dossier, lines, user=user))]


def refusal(dossier, user, action) -> str:
    """Why ``user`` may not take ``action`` on ``dossier`` now, in words for the page."""
    label = Action(action).label.lower()
    if next_status(dossier.status, action) is None:
        return f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”, không thể {label}."
    side, roles = WHO[action]
    unit = side_unit(dossier, side)
    if not holds_role_at(user, unit, roles):
        who = " hoặc ".join(str(Membership.Role(role).label).lower() for role in roles)
        return f"Chỉ {who} của {unit.name} mới được {label} hồ sơ này."
    if action in APPROVING and barred(dossier, user):
        return barred(dossier, user)
    if action in AFTER_COUNCIL and awaiting_council(dossier, list(dossier.lines.all())):
        return (f"Hội đồng Thi đua - Khen thưởng của {unit.name} chưa biểu quyết các đề nghị đạt thẩm định của hồ "
                f"sơ này; chưa thể {label}.")
    if action in CONSULTATION_GATED:
        waiting = gates.pending_lines(dossier, list(dossier.lines.select_related(
            "nomination_line__person", "nomination_line__collective")), user=user)
        if waiting:
            names = ", ".join(line.nomination_line.subject_name for line in waiting)
            return (f"Chưa thể {label}: {names} phải được công khai, lấy ý kiến tại {dossier.receiver.name} và "
                    "đợt lấy ý kiến phải kết thúc (đã trả lời mọi ý kiến) trước.")
    return f"Hồ sơ không có đề nghị nào để {label}."
