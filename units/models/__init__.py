"""The organisation: units in an effective-dated tree, people, accounts and memberships, background jobs,
the accountability log."""

from units.models.accounts import Membership, MembershipQuerySet, User  # noqa: F401
from units.models.audit import SecurityEvent  # noqa: F401
from units.models.jobs import Job, JobQuerySet, private_storage  # noqa: F401
from units.models.people import Person, PersonQuerySet, Posting, cccd_validator  # noqa: F401
from units.models.tree import (  # noqa: F401
    ADMINISTRATIVE_KINDS,
    PATH_SEGMENT_WIDTH,
    PROVINCE_KINDS,
    Unit,
    UnitQuerySet,
    UnitSuccession,
    path_depth,
    valid_on,
)
