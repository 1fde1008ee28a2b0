"""The accountability log: one function records a security event as a log line and as a row.

Logins (succeeded, failed), refused access (403, 429), role grants and ends, password resets and
changes and exports of personal data all go through ``record_security_event``. Each event is
written twice on purpose: a structured line on the ``thidua.security`` logger (for the server's
log collection, which survives the database) and a ``SecurityEvent`` row (for unit admins to read
their units' entries in the admin).

Neither ever holds an ID number, a birth date or a password: callers pass object labels, not
personal data, and every free text is scrubbed again here (a user name typed as a CCCD, a path
carrying a date) before it is written anywhere.
"""

import logging
import re

from django.db import transaction

from units.client_address import client_address
from units.models import SecurityEvent, User

logger = logging.getLogger("thidua.security")

Action = SecurityEvent.Action

# Nine digits or more in a row: a CCCD, an old CMND, a phone or account number; none belongs in a log.
_ID_NUMBER = re.compile(r"\d{9,}")
# A date in the ways Vietnamese users and ISO write it: a birth date is never logged either.
_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_FIELD_LIMITS = {"username": 150, "address": 64, "target": 255, "detail": 500}


def scrub(text) -> str:
    """``text`` on one line with ID numbers and dates masked, so that no log holds them."""
    text = " ".join(str(text or "").split())
    return _DATE.sub("[ngày]", _ID_NUMBER.sub("[số]", text))


def unit_of(user):
    """The unit an account's events belong to: its highest current membership unit, if any."""
    if user is None or not getattr(user, "pk", None):
        return None
    membership = user.memberships.current().select_related("unit").order_by("unit__path").first()
    return membership.unit if membership is not None else None


def record_security_event(*, action, user=None, unit=None, request=None, target="", detail="",
                          username="") -> SecurityEvent:
    """Log ``action`` by ``user`` (or the request's user) about ``target``, as a line and as a row.

    ``unit`` is the unit the event concerns (a membership's unit, an exported list's unit); left
    out, it is the acting account's own unit, so that its unit admins read it. The row joins the
    caller's transaction and the line is written when it commits, so a change rolled back leaves
    neither behind.
    """
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    if user is not None and not getattr(user, "pk", None):
        user = None
    if unit is None:
        unit = unit_of(user)
    values = {
        "username": scrub(username or (user.get_username() if user is not None else "")),
        # An address, not free text: scrub's date pattern would mangle it.
        "address": client_address(request) if request is not None else "",
        "target": scrub(target),
        "detail": scrub(detail),
    }
    values = {field: value[:_FIELD_LIMITS[field]] for field, value in values.items()}
    event = SecurityEvent.objects.create(action=action, user=user, unit=unit, **values)
    transaction.on_commit(lambda: logger.info(
        "event=%s user=%s user_id=%s unit_id=%s address=%s target=%s detail=%s",
        action, _quoted(values["username"]), user.pk if user is not None else "-",
        unit.pk if unit is not None else "-", _quoted(values["address"]), _quoted(values["target"]),
        _quoted(values["detail"]),
        extra={"security_event": event.pk},
    ))
    return event


def record_export(request, *, unit, target) -> SecurityEvent:
    """An export of personal data (a list of people, a report, a decision, a certificate) by the request's user.

    ``target`` names the document (e.g. "Danh sách đề nghị #12"), never the people in it.
    """
    return record_security_event(action=Action.PERSONAL_DATA_EXPORTED, request=request, unit=unit, target=target)


def _quoted(value: str) -> str:
    """A key=value field that parsers split correctly whatever it holds."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- Django's authentication events (connected in UnitsConfig.ready) -------------------------------

def on_user_logged_in(sender, request, user, **kwargs):
    record_security_event(action=Action.LOGIN_SUCCEEDED, user=user, request=request)


def on_user_login_failed(sender, credentials, request=None, **kwargs):
    # ``credentials`` come cleansed (the password masked); only the name typed is kept, scrubbed.
    username = str(credentials.get("username", ""))
    user = User.objects.filter(username=username).first() if username else None
    record_security_event(action=Action.LOGIN_FAILED, user=user, request=request, username=username,
                          detail="" if user is not None else "Tên đăng nhập không tồn tại")
