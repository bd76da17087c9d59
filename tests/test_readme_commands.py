"""The commands README shows work as written, for a newcomer in a fresh clone after `make run`.

The clone is this checkout's files as a commit would hold them (tracked and new, never ignored:
no .env, no database, no virtualenv), with its `.venv` linked to this one's so that nothing is
installed again; `make run` then runs as README says (on a free port: other servers may hold
8000), and each `manage.py` command README shows is typed into bash exactly as printed, its
placeholders (FILE, PATH..., ADDRESS, NAME, USERNAME) filled in and optional `[…]` parts left
out, in an environment with no Django or Newsroom variables set. The server's commands run as on
a server: `createsuperuser` at a terminal (a pseudo-terminal answering its prompts), `check
--deploy` in the production environment README lists beside it, and the Procfile's release line
as a platform runs it (the app's virtualenv first on PATH, that environment, its own PostgreSQL).
"""

import os
import pty
import re
import secrets
import select
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_operations import Cluster, needs_postgres_server

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
# What createsuperuser asks at a terminal, and the answers typed.
SUPERUSER = "chief-editor"
SUPERUSER_DIALOGUE = [
    (r"Username[^:]*: $", SUPERUSER),
    (r"Email address: $", "chief@example.org"),
    (r"Password: $", "Long enough passphrase for a newcomer 42"),
    (r"Password \(again\): $", "Long enough passphrase for a newcomer 42"),
]
# README's placeholders in the production environment, and what stands in for them here.
PRODUCTION_PLACEHOLDERS = {"<50+ random characters>": secrets.token_urlsafe(50), "<password>": "a-password"}


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


def production_environment():
    """The variables of the block README shows after "The production environment", placeholders
    filled in: NAME=value words, several to a line."""
    after = README[README.index("The production environment") :]
    block = re.search(r"```sh\n(.*?)```", after, re.DOTALL).group(1)
    for placeholder, value in PRODUCTION_PLACEHOLDERS.items():
        block = block.replace(placeholder, value)
    return dict(word.split("=", 1) for word in block.split())


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


def run(directory, command, env=None):
    name = next((name for name in ANSWERS if name in command), None)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=directory,
        env=env or newcomer_environment(),
        input=ANSWERS.get(name, ""),
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,  # no terminal: a password prompt reads standard input
    )


def run_at_a_terminal(directory, command, dialogue, timeout=120):
    """Run `command` in bash at a pseudo-terminal of its own, typing each answer once the output
    ends with its prompt (a regular expression); returns (exit status, everything it printed)."""
    environment = newcomer_environment()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the terminal is its controlling one, as at a login
        try:
            os.chdir(directory)
            os.execve("/bin/bash", ["bash", "-c", command], environment)  # noqa: S606 (bash runs it, as typed)
        finally:
            os._exit(127)
    printed, unanswered, deadline = "", list(dialogue), time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(terminal, 4096)
                except OSError:  # the other end closed: the command ended
                    break
                if not chunk:
                    break
                printed += chunk.decode(errors="replace")
            if unanswered and re.search(unanswered[0][0], printed):
                os.write(terminal, (unanswered.pop(0)[1] + "\n").encode())
                printed += "\n"
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.close(terminal)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), printed


def run_as_written(directory, command):
    """A README command run where README says it runs; returns (exit status, output)."""
    if "manage.py createsuperuser" in command:
        status, printed = run_at_a_terminal(directory, command, SUPERUSER_DIALOGUE)
        found = run(
            directory,
            ".venv/bin/python manage.py shell -v0 -c 'from django.contrib.auth.models import User; "
            f'print(User.objects.filter(username="{SUPERUSER}", is_superuser=True).count())\'',
        )
        if found.stdout.strip() != "1":
            status, printed = 1, f"{printed}\nno superuser {SUPERUSER} afterwards: {found.stdout}{found.stderr}"
        return status, printed
    env = None
    if "check --deploy" in command:
        env = newcomer_environment() | production_environment()
    result = run(directory, command, env)
    return result.returncode, f"{result.stdout}\n{result.stderr}"


RELEASE = "release: "


@pytest.mark.parametrize("command", [command for command in readme_commands() if not command.startswith(RELEASE)])
def test_each_command_readme_shows_runs_as_written(clone, command):
    directory, _ = clone
    status, output = run_as_written(directory, as_typed(command))
    assert status == 0, f"{as_typed(command)}\n{output}"
    assert "Couldn't import Django" not in output
    assert "DJANGO_SECRET_KEY is required" not in output
    assert "skipped" not in output  # e.g. createsuperuser "skipped due to not running in a TTY"


def test_the_production_environment_is_the_one_check_deploy_passes_with(clone):
    directory, _ = clone
    command = next(command for command in readme_commands() if "check --deploy" in command)
    environment = production_environment()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS"} <= environment.keys()
    # Without it (the newcomer's own settings: debug off, no HTTPS), the same check fails.
    assert run(directory, as_typed(command)).returncode != 0
    assert run(directory, as_typed(command), newcomer_environment() | environment).returncode == 0


@needs_postgres_server
def test_the_procfile_release_line_migrates_the_production_database_as_a_platform_runs_it(clone):
    directory, _ = clone
    (line,) = [command for command in readme_commands() if command.startswith(RELEASE)]
    command = line.removeprefix(RELEASE)
    cluster = Cluster()
    cluster.start()
    try:
        # A platform runs it in the app's environment: its virtualenv first on PATH, the
        # production variables set, its own database (an empty PostgreSQL here).
        environment = newcomer_environment() | production_environment() | {"DATABASE_URL": cluster.url}
        environment["PATH"] = f"{directory / '.venv' / 'bin'}:{environment['PATH']}"
        result = run(directory, command, environment)
        assert result.returncode == 0, result.stderr
        assert "Applying articles.0001_initial... OK" in result.stdout
        assert run(directory, "python manage.py migrate --check", environment).returncode == 0
    finally:
        cluster.stop()
        shutil.rmtree(cluster.dir, ignore_errors=True)


def test_readme_shows_the_commands_newcomers_need():
    commands = " ".join(readme_commands())
    for name in ["changepassword", "extract_quotes", "import_article", "import_officials", "go_live"]:
        assert f".venv/bin/python manage.py {name}" in commands
