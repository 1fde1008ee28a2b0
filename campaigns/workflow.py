"""The life of a plan as a table: which action moves it from which status, and who may take it.

Pure: no database writes. Pages show exactly the actions ``allowed_actions`` returns, and
the services check the same function before they change anything.
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Missing:
    """A part a draft lacks before it may be issued: what to say, and the id of its field on the edit page."""

    label: str
    anchor: str


# Header and signature fields a plan cannot be issued without, with the words the pages use.
REQUIRED_FIELDS = (
    ("title", "Trích yếu (tên kế hoạch)"),
    ("issuer_name", "Tên cơ quan ban hành"),
    ("symbol", "Ký hiệu văn bản"),
    ("place", "Địa danh"),
    ("recipients", "Nơi nhận"),
    ("signer_title", "Chức vụ người ký"),
    ("signer_name", "Họ tên người ký"),
)


def missing_for_issue(plan) -> list[Missing]:
    """What ``plan`` still lacks to be issued, in the order of the edit page; empty when it is complete.

    The issue service refuses while this is not empty, and the plan and issue pages list it.
    """
    missing = [Missing(label, f"id_{name}") for name, label in REQUIRED_FIELDS[:4]
               if not (getattr(plan, name) or "").strip()]
    if not any(section.heading.strip() or section.body.strip() for section in plan.sections.all()):
        missing.append(Missing("Nội dung kế hoạch (các mục)", "sections-forms"))
    missing.extend(Missing(label, f"id_{name}") for name, label in REQUIRED_FIELDS[4:]
                   if not (getattr(plan, name) or "").strip())
    if plan.sign_prefix and not plan.sign_on_behalf.strip():
        missing.append(Missing(f"Thay mặt / ký thay (sau “{plan.sign_prefix}”)", "id_sign_on_behalf"))
    return missing
