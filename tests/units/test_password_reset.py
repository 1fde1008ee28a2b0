"""'Quên mật khẩu' on the login page: Django's reset link by email where the portal sends mail, whom to ask
where it does not; the same answer for a name that does not exist."""

import pytest
from django.urls import reverse

from units.models import Membership, SecurityEvent

from tests.conftest import make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Hoa-sen-no-2026!"


def ask(client, username):
    return client.post(reverse("password_reset"), {"username": username})


def test_the_login_page_offers_the_forgotten_password_page(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page and "Quên mật khẩu?" in page


def test_the_emailed_link_sets_a_new_password_that_logs_in(client, cast, settings, mailoutbox):
    settings.EMAIL_CONFIGURED = True
    cast.alice.email = "alice@hahoa.gov.vn"
    cast.alice.save()
    response = ask(client, "alice")
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    [mail] = mailoutbox
    assert mail.to == ["alice@hahoa.gov.vn"] and mail.subject == "Đặt lại mật khẩu trên Cổng thi đua, khen thưởng"
    assert "“alice”" in mail.body
    link = next(line for line in mail.body.splitlines() if "/mat-khau/dat-lai/" in line)
    form = client.get(link.split("testserver", 1)[1], follow=True)
    assert form.context["validlink"]
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    cast.alice.refresh_from_db()
    assert cast.alice.check_password(NEW_PASSWORD)
    assert SecurityEvent.objects.filter(action=SecurityEvent.Action.PASSWORD_CHANGED, user=cast.alice).exists()
    # The link is for one use only.
    again = client.get(link.split("testserver", 1)[1], follow=True)
    assert not again.context["validlink"]


def test_an_unknown_name_gets_the_same_answer_and_no_mail(client, cast, settings, mailoutbox):
    settings.EMAIL_CONFIGURED = True
    response = ask(client, "khong-co-ai")
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_without_mail_it_names_the_unit_admins_above_the_account(client, cast, tree, settings, mailoutbox):
    settings.EMAIL_CONFIGURED = False
    cast.erin.email = "erin@phutho.gov.vn"
    cast.erin.save()
    page = ask(client, "alice").content.decode()
    assert "Erin" in page and "erin@phutho.gov.vn" in page and "quản trị Tỉnh Phú Thọ" in page
    assert mailoutbox == []
    # A commune's own admin is nearer than the province's: only she is named.
    make_user("hanh", tree.ha_hoa, Membership.Role.UNIT_ADMIN)
    page = ask(client, "alice").content.decode()
    assert "Hanh" in page and "Erin" not in page


def test_without_mail_an_unknown_name_gets_the_same_page_with_the_general_contact(client, cast, settings):
    settings.EMAIL_CONFIGURED = False
    settings.PASSWORD_HELP_CONTACT = "Ban Thi đua – Khen thưởng tỉnh"
    known, unknown = ask(client, "olga"), ask(client, "khong-co-ai")
    assert known.status_code == unknown.status_code == 200
    assert known.templates[0].name == unknown.templates[0].name == "registration/password_reset_contacts.html"
    assert "Ban Thi đua – Khen thưởng tỉnh" in unknown.content.decode()
    assert "Erin" not in unknown.content.decode()


def test_an_address_sending_too_many_requests_is_answered_429(client, cast, settings, mailoutbox):
    settings.EMAIL_CONFIGURED = True
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 3
    cast.alice.email = "alice@hahoa.gov.vn"
    cast.alice.save()
    answers = [ask(client, "alice").status_code for _ in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3
