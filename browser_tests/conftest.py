"""Browser tests: Debian's Chromium driven by Playwright against a live test server."""

import functools
import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image as Pillow
from PIL import ImageDraw

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS", Path(__file__).resolve().parent.parent / "screenshots"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (make test-browser does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A refused filter answers 400 on purpose; any other failed load or script error counts.
    expected = "the server responded with a status of 400"
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and expected not in m.text else None)
    yield page
    context.close()
    # No script errors and no Content-Security-Policy violations on any page visited.
    assert not errors, errors


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts as a fresh deploy would: nothing remembered. The database is rebuilt
    between these tests, and pages or values remembered by an earlier one name rows (and keys)
    that no longer exist."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The live server serves static files from the apps' folders; no manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def admin_login(live_server):
    """admin_login(page, username, password): sign in to the admin as a person does, the password
    then the second step of two-factor sign-in; someone without an authenticator app yet enrols
    one from the page's key."""
    return functools.partial(_admin_login, base_url=live_server.url)


def _admin_login(page, username, password, next="/admin/", *, base_url):
    from django.contrib.auth import get_user_model

    from tests.logins import code_from_secret, current_code

    page.goto(f"{base_url}/admin/login/?next={next}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    if "/admin/two-factor/setup/" in page.url:
        secret = page.locator(".two-factor-key").inner_text()
        page.fill("#id_otp_token", code_from_secret(secret))
        page.click("input[type=submit]")
    elif "/admin/two-factor/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user=get_user_model().objects.get(username=username), confirmed=True)
        page.fill("#id_otp_token", current_code(device))
        page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}{next}")


def drawing(path, width, height, sky, ground):
    """A made-up picture (no photograph of the story exists in the demo): sky, ground, a sun."""
    picture = Pillow.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, height * 2 // 3, width, height), fill=ground)
    draw.ellipse((width * 0.65, height * 0.15, width * 0.8, height * 0.15 + width * 0.15), fill=(250, 210, 80))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def media_served(settings, tmp_path, live_server):
    """Pictures written under a folder of the test and served to the browser from it (the live
    server serves no media: production's proxy or object store does)."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def serve(route):
        name = route.request.url.split(f"{live_server.url}/media/", 1)[1]
        route.fulfill(path=settings.MEDIA_ROOT / name)

    return lambda page: page.route(f"{live_server.url}/media/**", serve)
