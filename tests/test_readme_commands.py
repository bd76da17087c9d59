"""The commands README shows work as written, for a newcomer in a fresh clone after `make run`.

The clone is this checkout's files as a commit would hold them (tracked and new, never ignored:
no .env, no database, no virtualenv), with its `.venv` linked to this one's so that nothing is
installed again; `make run` then runs as README says (on a free port: other servers may hold
8000), and each `manage.py` command README shows is typed into bash exactly as printed, its
placeholders (FILE, PATH..., ADDRESS, NAME, USERNAME) filled in and optional `[…]` parts left
out, in an environment with no Django or Newsroom variables set.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

STORY = (
    "Jail chief questions detainer requests (Chicago Tribune)\n\n"
    "Sheriff says county will not hold immigrants for ICE\nBy Jane Reporter\nFriday, March 2, 2012\n\n"
    "“We are not going to keep people locked up on a request that has no legal basis,” "
    "Cook County Sheriff Tom Dart said.\n"
)
PLACEHOLDERS = {
    "FILE": "story.txt",
    "PATH...": "tests/data/officials/openstates",
    "ADDRESS": "127.0.0.1",
    "USERNAME": "admin",
    "NAME": "admin",
}
# What a command reads on standard input: changepassword asks for the new password twice.
ANSWERS = {"changepassword": "a-new-password-for-the-newcomer\n" * 2}
# Commands README shows that this test doesn't run, and why (pytest -rs prints these).
NOT_RUN = {
    "generate_archive --articles 100000": "builds a 100,000-article, 1,000,000-quote archive (many minutes); "
    "tests/test_generate_archive.py runs the command on a small archive",
    "createsuperuser": "a server's set-up step, interactive at a terminal; locally `make run` creates the admin",
    "check --deploy": "needs the production environment README lists beside it (PostgreSQL, Redis, HTTPS)",
    "release: python manage.py": "a Procfile line: the platform runs it in the app's own environment",
}


def readme_commands():
    """Every `manage.py` command in README's code spans and code blocks, as printed."""
    prose, found, in_block = [], [], False
    for line in README.splitlines():
        if line.startswith("```"):
            in_block = not in_block
        elif in_block:
            if "manage.py " in line:
                found.append(line.split(" # ")[0].strip())
        else:
            prose.append(line)
    found += re.findall(r"`([^`]*manage\.py [a-z][^`]*)`", "\n".join(prose))
    return list(dict.fromkeys(" ".join(command.split()) for command in found))


def as_typed(command):
    command = re.sub(r"\s+\[-[^\]]*\]", "", command)  # optional options: [--format json]
    for placeholder, value in PLACEHOLDERS.items():
        command = re.sub(rf"(?<![\w-]){re.escape(placeholder)}(?![\w.])", value, command)
    return command


def newcomer_environment():
    """A shell's environment with none of the variables the project reads."""
    prefixes = ("DJANGO_", "NEWSROOM_", "DATABASE_", "REDIS_")
    return {name: value for name, value in os.environ.items() if not name.startswith(prefixes)}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A fresh clone of this checkout after `make run`; yields (directory, what make run printed)."""
    if not (ROOT / ".venv" / ".installed").exists():
        pytest.skip("no .venv built by make setup in this checkout to reuse")
    directory = tmp_path_factory.mktemp("newcomer") / "newsroom"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, directory / name)  # with its time: make sees .venv as up to date
    (directory / ".venv").symlink_to(ROOT / ".venv")
    (directory / "story.txt").write_text(STORY, encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        ["make", "run"],
        cwd=directory,
        env=newcomer_environment() | {"PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, ended below (runserver forks a child)
    )
    printed = []
    try:
        for line in server.stdout:
            printed.append(line)
            if line.startswith("Newsroom: http"):
                break
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("make run did not serve:\n" + "".join(printed))
                time.sleep(0.5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    yield directory, "".join(printed)


def test_make_run_serves_and_prints_the_admin_and_a_working_hint(clone):
    directory, printed = clone
    assert "password: " in printed
    hint = re.search(r"change it with: (.*?)\)", printed).group(1)
    assert hint in README
    result = run(directory, hint)
    assert result.returncode == 0, result.stderr


def run(directory, command):
    name = next((name for name in ANSWERS if name in command), None)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=directory,
        env=newcomer_environment(),
        input=ANSWERS.get(name, ""),
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,  # no terminal: a password prompt reads standard input
    )


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(
            command,
            marks=[pytest.mark.skip(reason=reason) for key, reason in NOT_RUN.items() if key in command],
        )
        for command in readme_commands()
    ],
)
def test_each_command_readme_shows_runs_as_written(clone, command):
    directory, _ = clone
    result = run(directory, as_typed(command))
    assert result.returncode == 0, f"{as_typed(command)}\n{result.stdout}\n{result.stderr}"
    assert "Couldn't import Django" not in result.stderr
    assert "DJANGO_SECRET_KEY is required" not in result.stderr


def test_readme_shows_the_commands_newcomers_need():
    commands = " ".join(readme_commands())
    for name in ["changepassword", "extract_quotes", "import_article", "import_officials", "go_live"]:
        assert f".venv/bin/python manage.py {name}" in commands
