"""The HTTP cache tier for real: `make test-varnish` (pytest tests/varnish --varnish).

gunicorn as deployed (DEBUG off, the page cache on, Redis database 7 of NEWSROOM_VARNISH_REDIS_URL's
server shared by the app servers, an SQLite file as the database) behind varnishd running
deploy/varnish/newsroom.vcl, with NEWSROOM_PURGE_URLS pointing the app servers at it.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.logins import code_from_secret
from tests.test_operations import ROOT, free_port, server_env
from tests.test_page_cache import Browser, form_fields

REDIS_URL = os.environ.get("NEWSROOM_VARNISH_REDIS_URL", "redis://127.0.0.1:6379/7")
VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"
PASSWORD = "varnish-test-password"


def wait_for(url, what, log):
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"{what} did not start: {log.read_text()}")


class Stack:
    """App servers behind one varnishd, started on free ports, stopped by the fixture."""

    def __init__(self, tmp_path):
        self.tmp, self.processes, self.varnish_dir = tmp_path, [], None
        self.varnish_port = free_port()

    def start(self, app_servers):
        import redis

        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).flushdb()
        except redis.RedisError as error:
            pytest.fail(f"tests/varnish needs Redis at {REDIS_URL}: {error}")
        self.env = server_env(f"sqlite:///{self.tmp / 'db.sqlite3'}") | {
            "REDIS_URL": REDIS_URL,
            "NEWSROOM_PAGE_CACHE_SECONDS": "300",
            "NEWSROOM_PURGE_URLS": f"http://127.0.0.1:{self.varnish_port}/",
            "NEWSROOM_ANON_RATE": "100000/minute",  # the polls below are one client
            "DJANGO_PROXY_COUNT": "1",  # Varnish appends the reader's address to X-Forwarded-For
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_COOKIES": "0",  # the test speaks plain HTTP
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_demo"],
            ["collectstatic", "--noinput", "-v0"],
            ["createsuperuser", "--noinput", "--username", "editor", "--email", "editor@example.org"],
        ):
            self.manage(*command)
        self.apps = [self.start_app(n) for n in range(app_servers)]
        self.base = self.start_varnish(self.apps)

    def manage(self, *command):
        return subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout

    def start_app(self, n):
        port = free_port()
        log = self.tmp / f"gunicorn-{n}.log"
        command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        with open(log, "w") as output:
            self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=output))
        wait_for(f"http://127.0.0.1:{port}/healthz", "gunicorn", log)
        return port

    def start_varnish(self, ports):
        # Not under pytest's tmp_path: varnishd's worker process (its own user, when started as
        # root) reads the compiled VCL in its working directory.
        self.varnish_dir = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
        self.varnish_dir.chmod(0o755)
        site = self.varnish_dir / "newsroom-site.vcl"
        backends = "".join(
            f'backend app_{n} {{ .host = "127.0.0.1"; .port = "{port}"; }}\n' for n, port in enumerate(ports)
        )
        added = "".join(f"app_servers.add_backend(app_{n}); " for n in range(len(ports)))
        site.write_text(
            "import directors;\n"
            + backends
            + f"sub vcl_init {{ new app_servers = directors.round_robin(); {added}}}\n"
            + "sub vcl_recv { set req.backend_hint = app_servers.backend(); }\n"
            + 'acl newsroom_purgers { "127.0.0.1"; }\n'
        )
        log = self.tmp / "varnishd.log"
        command = [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F",
            "-n",
            str(self.varnish_dir / "work"),
            "-a",
            f"127.0.0.1:{self.varnish_port}",
            "-p",
            f"vcl_path={self.varnish_dir}",
            "-f",
            str(VCL),
            "-s",
            "malloc,64m",
        ]
        with open(log, "w") as output:
            self.processes.append(subprocess.Popen(command, stdout=output, stderr=output))
        base = f"http://127.0.0.1:{self.varnish_port}"
        wait_for(base + "/healthz", "varnishd", log)
        return base

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.varnish_dir:
            shutil.rmtree(self.varnish_dir, ignore_errors=True)

    def editor(self):
        """A Browser signed in to the admin through Varnish, through both steps, as a person would."""
        editor = Browser(self.base)
        login = form_fields(editor.get("/admin/login/"), "login-form")
        login = [(k, v) for k, v in login if k not in {"username", "password"}]
        login += [("username", "editor"), ("password", PASSWORD)]
        enrolment = editor.post("/admin/login/?next=/admin/", login)
        secret = re.search(r'<code class="two-factor-key">([A-Z2-7 ]+)</code>', enrolment).group(1)
        confirm = [(k, v) for k, v in form_fields(enrolment, "login-form") if k != "otp_token"]
        confirm.append(("otp_token", code_from_secret(secret)))
        assert "Log out" in editor.post("/admin/two-factor/setup/", confirm)
        return editor


@pytest.fixture
def stack(tmp_path):
    """stack(app_servers=1): the app servers behind Varnish; stack(backends=[port, …]): Varnish
    alone, in front of those. Stopped after the test; their logs are printed, which pytest shows
    when the test failed."""
    stacks = []

    def start(app_servers=1, backends=None):
        stacks.append(Stack(tmp_path))
        if backends is None:
            stacks[-1].start(app_servers)
        else:
            stacks[-1].base = stacks[-1].start_varnish(backends)
        return stacks[-1]

    yield start
    for started in stacks:
        started.stop()
    for log in sorted(tmp_path.glob("*.log")):
        print(f"== {log.name}\n{log.read_text()[-5000:]}")
