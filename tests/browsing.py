"""Working the portal through its pages as a person in a browser does, for the scripts that drive it from
outside (the load test's locust file, tests/load/locustfile.py, and the scale-out check, deploy/scale_check.py):
a page's forms with the values it would send untouched, and the authenticator app's code for the second login step.

Imports neither Django nor locust: both scripts run in processes of their own, against served apps.
"""

import hashlib
import hmac
import struct
import time
from html.parser import HTMLParser


class Forms(HTMLParser):
    """A page's forms: method, action, and the fields as the page would send them untouched.

    Each form is ``{"action", "method", "fields": [(name, value), …], "radios": {name: [values]}}``: hidden
    inputs (the CSRF token among them), text and checked boxes as they stand, each select's selected option
    (else its first), textareas' text; ``radios`` lists every choice of each radio group.
    """

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                            "fields": [], "radios": {}}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "radio":
                self.current["radios"].setdefault(a["name"], []).append(a.get("value", ""))
                if "checked" in a:
                    self.current["fields"].append((a["name"], a.get("value", "")))
            elif kind == "checkbox":
                if "checked" in a:
                    self.current["fields"].append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.current["fields"].append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, None]
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select[1] is None:
                self.select[1] = value
            if "selected" in a:
                self.select[2] = value
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select" and self.select is not None and self.current is not None:
            name, first, chosen = self.select
            self.current["fields"].append((name, chosen if chosen is not None else first or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.current is not None:
            self.current["fields"].append(tuple(self.textarea))
            self.textarea = None


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def form_to(html: str, ending: str, page_url: str = "") -> dict | None:
    """The page's POST form whose action (without its query) ends with ``ending``; a form without an action
    posts to ``page_url``, the page's own address."""
    return next((form for form in forms_of(html)
                 if form["method"] == "post" and (form["action"] or page_url).split("?")[0].endswith(ending)), None)


def totp(key_hex: str) -> str:
    """The authenticator app's six digits now (RFC 6238: HMAC-SHA1 over 30-second steps)."""
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"
