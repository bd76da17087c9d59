"""Configuration, static files and the set-up commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    # As on a server: no development .env (make setup writes one into this checkout).
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment |= {"NEWSROOM_ENV_FILE": os.devnull} | env
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" in result.stderr


def test_development_starts_without_a_secret_key():
    assert run_check(DJANGO_DEBUG="1").returncode == 0


def test_local_commands_take_the_secret_key_make_setup_wrote(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_SECRET_KEY=" + "k" * 50 + "\n")
    assert run_check(NEWSROOM_ENV_FILE=str(env_file)).returncode == 0
    # A variable that is set wins over the file.
    result = run_check(NEWSROOM_ENV_FILE=str(env_file), DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_a_misspelt_boolean_is_refused_not_guessed():
    result = run_check(DJANGO_DEBUG="maybe", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    css = list((tmp_path / "css").glob("site.*.css"))
    assert css, "no hashed stylesheet"
    assert Path(f"{css[0]}.gz").exists()


@pytest.mark.django_db
def test_ensure_admin_creates_one_account_with_a_random_password(capsys):
    call_command("ensure_admin")
    out = capsys.readouterr().out
    admin = get_user_model().objects.get(username="admin")
    password = out.split("password: ")[1].split()[0]
    assert admin.is_superuser and admin.check_password(password) and len(password) >= 20
    call_command("ensure_admin")
    assert "log in as “admin”" in capsys.readouterr().out
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_ensure_admin_refuses_to_promote_an_existing_user(django_user_model):
    django_user_model.objects.create_user("admin")
    with pytest.raises(CommandError, match="not a superuser"):
        call_command("ensure_admin")
