"""The life of a plan as a table: which action moves it from which status, and who may take it.

Pure: no database writes. Pages show exactly the actions ``allowed_actions`` returns, and
the services check the same function before they change anything.
"""

from units.models import Membership
from units.scoping import holds_role_at

from campaigns.models import Plan

S = Plan.Status
R = Membership.Role

EDIT = "edit"
ISSUE = "issue"
START = "start"
CLOSE = "close"
REVIEW = "review"

# (status, action) -> (next status, roles that may take it, held in the issuing unit itself)
TRANSITIONS = {
    (S.DRAFT, EDIT): (S.DRAFT, (R.CLERK, R.APPROVER)),
    (S.DRAFT, ISSUE): (S.ISSUED, (R.APPROVER,)),
    (S.ISSUED, START): (S.IN_PROGRESS, (R.CLERK, R.APPROVER)),
    (S.ISSUED, CLOSE): (S.CLOSED, (R.APPROVER,)),
    (S.IN_PROGRESS, CLOSE): (S.CLOSED, (R.APPROVER,)),
    (S.CLOSED, REVIEW): (S.REVIEWED, (R.APPROVER,)),
}

ACTION_LABELS = {
    EDIT: "Sửa dự thảo",
    ISSUE: "Ban hành",
    START: "Bắt đầu thực hiện",
    CLOSE: "Kết thúc đợt thi đua",
    REVIEW: "Đã tổng kết",
}


def allowed_actions(plan, user) -> list[str]:
    """The actions ``user`` may take on ``plan`` now, in the order of the table."""
    return [
        action for (status, action), (_next, roles) in TRANSITIONS.items()
        if status == plan.status and holds_role_at(user, plan.issuing_unit, roles)
    ]


def next_status(plan, action):
    return TRANSITIONS[(plan.status, action)][0]


def drafting_roles():
    return TRANSITIONS[(S.DRAFT, EDIT)][1]
