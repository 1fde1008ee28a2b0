"""The headers every response carries: the Content-Security-Policy, HSTS, the referrer and opener rules,
and no caching of anything a signed-in user is shown."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from campaigns.documents import render_plan_html

from tests.conftest import make_person, make_plan

ROOT = Path(__file__).resolve().parents[2]
POLICY = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
    "font-src": "'self'", "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.fixture
def person(tree):
    return make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")


def test_it_sends_the_policy_without_inline_script_or_style(cast, login, person):
    response = login(cast.alice).get(reverse("units:person_detail", args=[person.pk]))

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert "unsafe" not in response["Content-Security-Policy"]


def test_the_login_page_carries_the_policy_too(client):
    response = client.get(reverse("login"))

    assert directives(response["Content-Security-Policy"]) == POLICY


def test_it_sends_the_referrer_nosniff_and_opener_headers(client):
    response = client.get(reverse("login"))

    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def production_settings(**environ):
    """Settings values as the portal reads them in production (DEBUG off), in a fresh interpreter."""
    code = ("import json, config.settings as s; print(json.dumps([s.SECURE_HSTS_SECONDS, "
            "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT]))")
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "thidua.example",
           **environ}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def test_it_keeps_browsers_on_https_for_a_year_in_production():
    assert production_settings() == [31_536_000, True, True]


def test_the_hsts_lifetime_is_configurable():
    assert production_settings(SECURE_HSTS_SECONDS="600")[0] == 600


def test_a_secure_response_carries_the_hsts_header(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get(reverse("login"), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_person_page_is_never_stored(cast, login, person):
    response = login(cast.alice).get(reverse("units:person_detail", args=[person.pk]))

    assert "025080001234" in response.content.decode()
    assert response["Cache-Control"] == "no-store, private"
    assert response["Pragma"] == "no-cache"


def test_a_refusal_to_a_signed_in_user_is_not_stored_either(cast, login, person):
    response = login(cast.olga).get(reverse("units:person_detail", args=[person.pk]))

    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store, private"


def test_a_public_page_seen_by_an_anonymous_visitor_stays_cacheable(client, tree):
    response = client.get(reverse("public:consultation_public_list"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_static_file_stays_cacheable_for_a_signed_in_user(cast, login, settings):
    # WhiteNoise reads the files from the source folders, as in development; it answers before the
    # middleware that forbids storing.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = login(cast.alice)

    response = client.get("/static/css/portal.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]


TEMPLATES = ROOT / "templates"
INLINE = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def test_no_template_a_browser_shows_has_inline_script_or_style():
    # templates/pdf/ is read by WeasyPrint only; the rest is served to browsers under the policy.
    # Shared document parts write style="" only when printed ({% if for_print %}), checked below.
    found = []
    for path in TEMPLATES.rglob("*.html"):
        if path.relative_to(TEMPLATES).parts[0] == "pdf":
            continue
        text = re.sub(r"{% if for_print %}.*?{% else %}", "", path.read_text(), flags=re.DOTALL)
        found += [f"{path.relative_to(ROOT)}: {match.group(0)}" for match in INLINE.finditer(text)]
    assert found == []


def test_the_plan_preview_gives_rule_lengths_as_data_and_the_print_as_style(tree):
    plan = make_plan(tree.ha_hoa)

    preview = render_plan_html(plan, for_print=False)
    printed = render_plan_html(plan, for_print=True)

    assert "style=" not in preview
    assert len(re.findall(r'data-width-mm="\d+\.\d"', preview)) == 3
    assert len(re.findall(r'style="width: \d+\.\dmm"', printed)) == 3
