"""The production server, database faults and backups, exercised for real.

These start PostgreSQL clusters and gunicorn as separate processes; they are
skipped where the PostgreSQL server binaries aren't installed.
"""

import contextlib
import json
import os
import runpy
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.utils.module_loading import import_string

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)

needs_postgres_server = pytest.mark.skipif(
    PG_BIN is None or not (PG_BIN / "initdb").exists(), reason="PostgreSQL server binaries not installed"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(command):
    """Run a PostgreSQL server command; as root, as the postgres user (initdb refuses root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)


class Cluster:
    """A throw-away PostgreSQL cluster on its own port, so stopping it disturbs nobody."""

    def __init__(self):
        # Not under pytest's tmp_path: its parents are closed to the postgres user.
        directory = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        self.dir, self.port = directory, free_port()
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres")
        as_postgres([str(PG_BIN / "initdb"), "-D", str(directory), "-A", "trust", "-U", "postgres", "--no-sync"])

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-o", options, "-l", str(self.dir / "log"), "-w", "start"]
        )

    def stop(self):
        as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-m", "immediate", "-w", "stop"])


def get(url):
    """Status and body of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def cluster():
    cluster = Cluster()
    cluster.start()
    yield cluster
    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
        cluster.stop()
    shutil.rmtree(cluster.dir, ignore_errors=True)


def server_env(database_url):
    return {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))} | {
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "operations-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": "60",
    }


@needs_postgres_server
def test_production_server_survives_the_database_going_away_and_recovers_by_itself(cluster):
    # Every page from the database: the page cache would go on serving the pages it holds, and
    # a page made only of remembered parts (newsroom.memo) would too.
    env = server_env(cluster.url) | {"NEWSROOM_PAGE_CACHE_SECONDS": "0", "NEWSROOM_MEMO_SECONDS": "0"}
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        status, body = get(base + "/articles/")
        assert status == 200 and "Gov. Deval Patrick refuses" in body
        assert get(base + "/static/css/site.css")[0] == 200  # whitenoise

        cluster.stop()
        for path in ["/articles/", "/people/deval-patrick/", "/"]:
            status, body = get(base + path)
            assert status == 503, path
            assert "We’ll be right back" in body and "Traceback" not in body
        assert get(base + "/healthz")[0] == 503

        cluster.start()
        deadline = time.monotonic() + 10
        while get(base + "/articles/")[0] != 200:
            assert time.monotonic() < deadline, "the site did not recover by itself"
            time.sleep(0.2)
        assert get(base + "/healthz")[0] == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    # One structured access-log line per request on stdout.
    assert '"path": "/articles/", "query": "", "status": 200' in output


@needs_postgres_server
def test_pages_are_served_while_redis_is_down(cluster, tmp_path):
    env = server_env(cluster.url) | {
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    subprocess.run([sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    check = "from django.test import Client; r = Client().get('/articles/'); print(r.status_code)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", check], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip().endswith("200"), result.stderr


@needs_postgres_server
@pytest.mark.django_db(transaction=True)
def test_a_restored_dump_serves_the_same_pages(client, make, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backups are of the PostgreSQL production database")
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    pages = ["/", "/articles/", "/articles/gov-deval-patrick-refuses-to-sign-immigration-program/", "/quotes/"]
    pages += ["/people/mary-beth-heffernan/", "/states/massachusetts/", "/states/"]
    before = {url: client.get(url).content for url in pages}

    settings_dict = connection.settings_dict
    source = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    )
    dump = tmp_path / "newsroom.dump"
    subprocess.run([str(PG_BIN / "pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", source], check=True)
    restored_name = settings_dict["NAME"] + "_restored"
    admin_url = source.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{restored_name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{restored_name}"'], check=True)
    try:
        subprocess.run(
            [
                str(PG_BIN / "pg_restore"),
                "--no-owner",
                f"--dbname={source.rsplit('/', 1)[0]}/{restored_name}",
                str(dump),
            ],
            check=True,
        )
        connection.close()
        original, settings_dict["NAME"] = settings_dict["NAME"], restored_name
        try:
            after = {url: client.get(url).content for url in pages}
        finally:
            connection.close()
            settings_dict["NAME"] = original
        assert after == before
    finally:
        subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{restored_name}"'], check=True)


def test_access_log_lines_are_json_whatever_the_request():
    with mock.patch.dict(os.environ):  # the config file sets defaults in the environment
        config = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    atoms = import_string(config["logger_class"]).atoms_wrapper_class
    path, agent = '/articles/a"b\\c/\x00\x1b[31m', 'Probe "1.0" \\ \n\t ü'
    values = {"t": "[29/Nov/2026:08:00:00 -0500]", "h": "127.0.0.1", "m": "GET", "U": path, "q": 'q="x"\\'}
    values |= {"s": "400", "B": 10, "M": 3, "f": "-", "a": agent}
    entry = json.loads(config["access_log_format"] % atoms(values))
    assert (entry["path"], entry["query"], entry["agent"], entry["status"]) == (path, 'q="x"\\', agent, 400)
