"""Two-factor sign-in: required for editors and superusers, optional for other staff, enforced on
the admin and on previews; a password alone gets no further than the second step."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.logins import authenticator, code_from_secret, current_code, force_login_verified

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-password"
STEP = "/admin/two-factor/"
SETUP = "/admin/two-factor/setup/"


@pytest.fixture
def staff(django_user_model):
    def create(role):
        username = role.lower().removesuffix("s")  # "editor", "reporter"
        user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return create


def password_login(client, username, next="/admin/"):
    return client.post(f"/admin/login/?next={next}", {"username": username, "password": PASSWORD, "next": next})


def enrolled(user, recovery_codes=()):
    """An authenticator app, and recovery codes if given."""
    device = authenticator(user)
    if recovery_codes:
        static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        for code in recovery_codes:
            StaticToken.objects.create(device=static, token=code)
    return device


def test_a_stolen_password_alone_gets_no_further_than_the_second_step(client, staff, make):
    editor = staff("Editors")
    enrolled(editor)
    draft = make.article("Planted story", status="draft")
    response = password_login(client, "editor")
    assert response.status_code == 302 and response["Location"] == f"{STEP}?next=%2Fadmin%2F"
    assert client.session["_auth_user_id"] == str(editor.pk)  # the password was right...
    # ...and yet no admin page, no change page, no preview.
    index = client.get("/admin/")
    assert index.status_code == 302 and index["Location"].startswith("/admin/login/")
    assert client.get(index["Location"])["Location"].startswith(STEP)  # the login page sends them back
    change = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert change.status_code == 302 and change["Location"].startswith("/admin/login/")
    assert client.post(reverse("admin:articles_article_changelist"), {"action": "publish_now"}).status_code == 302
    assert client.get(draft.get_absolute_url()).status_code == 404
    # Nor can a second device be enrolled with the password alone.
    assert client.get(SETUP)["Location"] == STEP
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_right_code_opens_the_admin_and_the_preview(client, staff, make):
    editor = staff("Editors")
    device = enrolled(editor)
    draft = make.article("Draft story", status="draft")
    password_login(client, "editor")
    page = client.get(f"{STEP}?next=/admin/")
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.text
    response = client.post(STEP, {"otp_token": current_code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("admin:articles_article_change", args=[draft.pk])).status_code == 200
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Not published" in preview.text


def test_a_code_works_once(client, staff):
    editor = staff("Editors")
    device = enrolled(editor)
    code = current_code(device)
    password_login(client, "editor")
    assert client.post(STEP, {"otp_token": code})["Location"] == "/admin/"
    client.logout()
    password_login(client, "editor")
    replay = client.post(STEP, {"otp_token": code})
    assert replay.status_code == 200 and "not right (or was used already)" in replay.text
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_are_refused_and_then_slowed_down(client, staff):
    editor = staff("Editors")
    device = enrolled(editor)
    password_login(client, "editor")
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    assert "not right" in client.post(STEP, {"otp_token": wrong}).text
    # Right after a failure even the right code must wait: guessing a million codes is out of reach.
    slowed = client.post(STEP, {"otp_token": current_code(device)})
    assert slowed.status_code == 200 and "temporarily disabled" in slowed.text
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    assert client.get("/admin/").status_code == 302


def test_an_empty_code_is_asked_for_in_plain_words(client, staff):
    enrolled(staff("Editors"))
    password_login(client, "editor")
    response = client.post(STEP, {"otp_token": " "})
    assert response.status_code == 200 and "Enter the code from your authenticator app" in response.text
    assert "OTP" not in response.text


def test_a_recovery_code_works_once(client, staff):
    editor = staff("Editors")
    enrolled(editor, recovery_codes=["abcd2345", "efgh6723"])
    password_login(client, "editor")
    assert client.post(STEP, {"otp_token": " ABCD-2345 "})["Location"] == "/admin/"  # as typed from paper
    assert client.get("/admin/").status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]
    client.logout()
    password_login(client, "editor")
    assert client.post(STEP, {"otp_token": "abcd2345"}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_an_editor_without_a_device_enrols_before_anything_else(client, staff, make):
    editor = staff("Editors")
    draft = make.article("Draft story", status="draft")
    response = password_login(client, "editor")
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302
    assert client.get(draft.get_absolute_url()).status_code == 404
    page = client.get(response["Location"])
    assert page.status_code == 200
    secret = re.search(r'<code class="two-factor-key">([A-Z2-7 ]+)</code>', page.text).group(1)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)
    assert len(codes) == 10 and "<svg" in page.text and "<title>QR code" in page.text
    assert client.get(SETUP).text.count(codes[0]) == 1  # a reload shows the same codes
    wrong = client.post(SETUP, {"otp_token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and "not right" in wrong.text
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()

    TOTPDevice.objects.filter(user=editor).update(throttling_failure_count=0)  # the wrong code's wait, over
    response = client.post(SETUP, {"otp_token": code_from_secret(secret), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert sorted(
        StaticToken.objects.filter(device__user=editor, device__confirmed=True).values_list("token", flat=True)
    ) == sorted(codes)
    client.logout()
    password_login(client, "editor")
    assert client.post(STEP, {"otp_token": codes[3]})["Location"] == "/admin/"  # a recovery code from the page


def test_what_a_password_thief_was_shown_on_the_setup_page_is_void_once_the_editor_enrols(staff):
    editor = staff("Editors")
    thief, owner = Client(), Client()
    password_login(thief, "editor")
    stolen = thief.get(SETUP).text
    stolen_secret = re.search(r'<code class="two-factor-key">([A-Z2-7 ]+)</code>', stolen).group(1)
    stolen_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", stolen)

    password_login(owner, "editor")
    page = owner.get(SETUP).text
    secret = re.search(r'<code class="two-factor-key">([A-Z2-7 ]+)</code>', page).group(1)
    assert secret != stolen_secret and not set(stolen_codes) & set(re.findall(r"<code>([a-z2-7]{8})</code>", page))
    assert owner.post(SETUP, {"otp_token": code_from_secret(secret)})["Location"] == "/admin/"

    thief.logout()
    password_login(thief, "editor")
    assert thief.post(STEP, {"otp_token": code_from_secret(stolen_secret)}).status_code == 200  # refused
    assert thief.post(STEP, {"otp_token": stolen_codes[0]}).status_code == 200
    assert thief.get("/admin/").status_code == 302
    assert TOTPDevice.objects.filter(user=editor).count() == 1  # the owner's alone
    assert not StaticToken.objects.filter(token__in=stolen_codes).exists()


def test_the_first_admin_account_is_led_to_enrol(client):
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue()).group(1)
    assert "sets up two-factor sign-in" in out.getvalue()
    response = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": password})
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"


def test_two_factor_is_optional_for_a_reporter(client, staff):
    staff("Reporters")
    response = password_login(client, "reporter")
    assert response["Location"] == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200
    assert f'<a href="{SETUP}">Set up two-factor sign-in</a>' in index.text  # offered, not required
    assert client.get(SETUP).status_code == 200  # may enrol if they wish


def test_a_reporter_who_enrolled_passes_the_second_step_too(client, staff):
    reporter = staff("Reporters")
    device = enrolled(reporter)
    assert password_login(client, "reporter")["Location"] == f"{STEP}?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302
    client.post(STEP, {"otp_token": current_code(device)})
    assert client.get("/admin/").status_code == 200


def test_the_second_step_redirects_only_within_this_site(client, staff):
    device = enrolled(staff("Editors"))
    password_login(client, "editor")
    response = client.post(STEP, {"otp_token": current_code(device), "next": "https://evil.example.com/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_signing_out_from_the_second_step(client, staff):
    enrolled(staff("Editors"))
    password_login(client, "editor")
    response = client.post(STEP, {"cancel": "1"})
    assert response["Location"] == reverse("admin:login")
    assert "_auth_user_id" not in client.session


def test_the_steps_send_away_whoever_has_no_business_there(client, staff, django_user_model):
    assert client.get(STEP)["Location"] == reverse("admin:login")  # signed out
    assert client.get(SETUP)["Location"] == reverse("admin:login")
    client.force_login(django_user_model.objects.create_user("reader"))  # not staff
    assert client.get(STEP)["Location"] == reverse("admin:login")
    assert client.get(SETUP)["Location"] == reverse("admin:login")
    force_login_verified(client, staff("Editors"))  # done already
    assert client.get(f"{STEP}?next=/admin/articles/")["Location"] == "/admin/articles/"


def test_resetting_a_users_devices_ends_their_verified_sessions(client, staff):
    editor = staff("Editors")
    force_login_verified(client, editor)
    assert client.get("/admin/").status_code == 200
    out = io.StringIO()
    call_command("reset_two_factor", "editor", stdout=out)
    assert "Removed 1 two-factor device" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/")["Location"].startswith(SETUP)
    with pytest.raises(CommandError, match="No user called"):
        call_command("reset_two_factor", "nobody")
