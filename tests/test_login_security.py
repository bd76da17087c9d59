"""Login throttling by username *and* address: failures elsewhere never lock an editor out."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-123"


def login(client, username, password, address):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def test_failures_from_rotating_addresses_do_not_lock_the_editor_out_at_their_own(client, editor, settings):
    # Someone tries the editor's username from many addresses, a few times from each.
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = login(client, "editor", f"wrong-{attempt}", address=f"10.0.{attempt}.1")
        assert response.status_code == 200  # the form again, with its error: never locked
    response = login(client, "editor", PASSWORD, address="192.0.2.10")  # the newsroom's address
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_repeated_failures_for_a_username_lock_that_username_at_that_address(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "editor", f"wrong-{attempt}", address="10.4.4.4")
    refused = login(client, "editor", PASSWORD, address="10.4.4.4")
    assert refused.status_code == 429 and "Too many failed logins" in refused.text
    assert "_auth_user_id" not in client.session
    assert login(client, "editor", PASSWORD, address="192.0.2.10").status_code == 302


def test_the_per_address_limit_holds_whatever_the_usernames(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"guess-{attempt}", "nope", address="10.5.5.5")
    assert login(client, "editor", PASSWORD, address="10.5.5.5").status_code == 429
    assert login(client, "editor", PASSWORD, address="192.0.2.10").status_code == 302


@pytest.fixture
def behind_one_proxy(settings):
    # As deployed behind nginx (DJANGO_PROXY_COUNT=1): it appends the address it was called from.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def via_proxy(client, username, password, forwarded):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_each_client_is_told_apart_by_the_address_the_proxy_appended(
    client, editor, settings, behind_one_proxy
):
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):  # guesses from many clients, one proxy
        assert via_proxy(client, f"guess-{attempt}", "nope", f"203.0.113.{attempt}").status_code == 200
    assert via_proxy(client, "editor", PASSWORD, "198.51.100.7").status_code == 302


def test_behind_a_proxy_an_address_written_by_the_client_is_not_believed(client, editor, settings, behind_one_proxy):
    # The attacker (203.0.113.9) writes other addresses first, the newsroom's among them; the proxy
    # appends the attacker's own, and that one is counted.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forged = "192.0.2.10" if attempt % 2 else f"10.0.0.{attempt}"
        via_proxy(client, f"guess-{attempt}", "nope", f"{forged}, 203.0.113.9")
    assert via_proxy(client, "editor", PASSWORD, "10.0.0.99, 203.0.113.9").status_code == 429
    assert via_proxy(client, "editor", PASSWORD, "192.0.2.10").status_code == 302  # the newsroom itself
