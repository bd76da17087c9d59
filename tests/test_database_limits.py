"""The database's limits met in production: its connection limit, and its statement timeout."""

import concurrent.futures
import contextlib
import logging
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.template import TemplateSyntaxError
from psycopg.errors import QueryCanceled

from articles.models import Article, Quote
from tests.test_operations import ROOT, free_port, server_env

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="connection limits and the pool are PostgreSQL's"
)


@pytest.fixture
def limited_role(django_db_setup, django_db_blocker):
    """A role that may hold at most two connections to the test database (which the test
    process, as a superuser, doesn't count against). Dropped afterwards with its grants.

    Made outside any test transaction, so that the servers' sessions see it; and the test
    needs no transactional database, whose flush would empty the seeded tables (the states)."""
    name, password = f"newsroom_limited_{secrets.token_hex(4)}", secrets.token_hex(16)
    settings_dict = connection.settings_dict
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} LOGIN PASSWORD %s CONNECTION LIMIT 2", [password])
        cursor.execute(f'GRANT CONNECT ON DATABASE "{settings_dict["NAME"]}" TO {name}')
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
        cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name}")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    try:
        yield f"postgres://{name}:{password}@{host}:{port}/{settings_dict['NAME']}"
    finally:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", [name])
            cursor.execute(f"DROP OWNED BY {name}")  # its grants in this database
            cursor.execute(f"DROP ROLE {name}")


@pytest.fixture
def start_server(tmp_path):
    """start_server(env, workers): a gunicorn on a free port with this project's gunicorn.conf.py;
    its base URL once it answers. Stopped afterwards, whatever happened. Its log is in tmp_path."""
    servers = []

    def start(env, workers):
        # The pages, the 503 page included, name their static files through the manifest.
        collectstatic = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(collectstatic, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
        port = free_port()
        log = open(tmp_path / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed with the server
        command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}"]
        servers.append(
            (subprocess.Popen([*command, "--workers", str(workers)], cwd=ROOT, env=env, stdout=log, stderr=log), log)
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            with contextlib.suppress(OSError):
                status(base + "/robots.txt")  # needs no database
                return base
            time.sleep(0.1)
        pytest.fail(f"gunicorn did not start: {(tmp_path / f'gunicorn-{port}.log').read_text()}")

    yield start
    for server, log in servers:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def status(url):
    """The status of a GET, whatever it is; a request may wait long on a loaded machine."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def errors_logged(tmp_path):
    """The servers' error records (Django's JSON lines) and gunicorn's tracebacks."""
    lines = [line for log in tmp_path.glob("gunicorn-*.log") for line in log.read_text().splitlines()]
    return [line for line in lines if '"level": "ERROR"' in line or "[ERROR]" in line]


@postgres_only
def test_the_site_recovers_by_itself_after_a_burst_past_the_connection_limit(limited_role, start_server, tmp_path):
    # Twice as many workers as the role may have connections: the sizing rule broken on purpose.
    env = server_env(limited_role) | {
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "NEWSROOM_PAGE_CACHE_SECONDS": "0",
        "NEWSROOM_MEMO_SECONDS": "0",
        # A worker short of a connection gets an idle worker's within a second or so: room to
        # spare on a loaded machine (the default is 2). What is asserted is recovery, not speed.
        "DATABASE_POOL_TIMEOUT": "5",
    }
    base = start_server(env, workers=4)

    # Both need a connection: the load balancer's probe, and a page (its 503 from the handler of
    # server errors). Eight clients for seven seconds: longer than a request waits for a
    # connection (DATABASE_POOL_TIMEOUT).
    paths = ["/healthz", "/sitemap-states.xml"]

    # Which two workers hold the connections is the scheduler's choice: the burst goes on past its
    # seven seconds (up to twenty) until a request has been refused.
    refused = threading.Event()

    def client(start):
        statuses = []
        while len(statuses) < 1000 and time.monotonic() < start + 20:
            if time.monotonic() > start + 7 and refused.is_set():
                break
            statuses.append(status(base + paths[len(statuses) % 2]))
            if statuses[-1] == 503:
                refused.set()
        return statuses

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(8) as burst:
        statuses = [status for statuses in burst.map(client, [start] * 8) for status in statuses]
    assert set(statuses) <= {200, 503}, errors_logged(tmp_path)
    assert 503 in statuses, "the burst never passed the limit"

    time.sleep(1)  # the burst is over; idle workers give their connections back
    statuses = [status(base + paths[n % 2]) for n in range(20)]
    assert statuses == [200] * 20, errors_logged(tmp_path)


# -- The statement timeout ------------------------------------------------------------------------


def query_past_the_statement_timeout(*args, **kwargs):
    """What a runaway query meets in production: PostgreSQL cancels it at the statement timeout.
    In a savepoint of its own, which the cancellation rolls back, the lower timeout with it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 1")
        cursor.execute("SELECT pg_sleep(0.05)")


def assert_answered_503_and_logged_once_as_a_statement_timeout(response, caplog, path):
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "We’ll be right back" in response.text
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1, [record.getMessage() for record in errors]
    assert errors[0].getMessage() == f"Statement timeout: {path}"
    assert errors[0].status_code == 503


@postgres_only
@pytest.mark.parametrize(
    "where",
    [
        # Called by the home page's view itself.
        "articles.views.states_with_counts",
        # Called by the article item's template, as the home page renders its latest articles.
        "articles.models.Article.get_absolute_url",
        # Called to fill the cache with a remembered value (newsroom.memo).
        "articles.views.most_quoted",
    ],
)
def test_a_query_past_the_statement_timeout_answers_503_wherever_it_runs(where, client, make, settings, caplog):
    settings.NEWSROOM_MEMO_SECONDS = 60  # remembered values computed on the request, as in production
    cache.clear()  # none remembered by an earlier test
    make.article("A story")
    client.raise_request_exception = False
    with mock.patch(where, query_past_the_statement_timeout):
        response = client.get("/")
    assert_answered_503_and_logged_once_as_a_statement_timeout(response, caplog, "/")


def cancelled(*args, **kwargs):
    """Raise what Django raises for a query cancelled at the statement timeout."""
    try:
        raise QueryCanceled("canceling statement due to statement timeout")
    except QueryCanceled as error:
        raise OperationalError(*error.args) from error


def test_a_query_cancelled_inside_a_template_answers_503(client, make, caplog):
    make.article("A story")
    client.raise_request_exception = False
    with mock.patch.object(Article, "get_absolute_url", cancelled):
        response = client.get("/articles/")
    assert_answered_503_and_logged_once_as_a_statement_timeout(response, caplog, "/articles/")


@pytest.mark.parametrize("path", ["/quotes/export.csv", "/quotes/export.json"])
def test_a_query_cancelled_in_a_streamed_export_answers_503_before_any_row(client, make, caplog, path):
    make.quote(make.article("A story"), make.person())
    client.raise_request_exception = False
    with mock.patch.object(Quote, "speaker_position", property(lambda quote: cancelled())):
        response = client.get(path)
    assert_answered_503_and_logged_once_as_a_statement_timeout(response, caplog, path)


def test_a_cancelled_query_wrapped_in_another_error_answers_503(client, make, caplog):
    def wrapped(*args, **kwargs):
        try:
            cancelled()
        except OperationalError as error:
            raise TemplateSyntaxError("a tag's own error") from error

    make.article("A story")
    client.raise_request_exception = False
    with mock.patch.object(Article, "get_absolute_url", wrapped):
        response = client.get("/articles/")
    assert_answered_503_and_logged_once_as_a_statement_timeout(response, caplog, "/articles/")


@postgres_only
@pytest.mark.django_db
def test_postgresql_compiles_no_query_just_in_time():
    """A few thousand rows' query rated worth compiling took longer to compile than to run
    (newsroom/settings.py): every connection has JIT off."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@postgres_only
@pytest.mark.django_db
def test_postgresql_starts_no_parallel_workers_for_a_query():
    """Starting parallel workers cost more than the index reads they would share, and the app
    servers' workers already use every core (newsroom/settings.py): none, unless configured."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
