"""Gunicorn settings for production: `gunicorn newsroom.wsgi` reads this file from here."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# The usual rule for synchronous workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
preload_app = True
# Read by settings when the app loads: no query of a web request runs longer than this (ms).
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "10000")
# Read by settings too: each worker borrows one database connection at a time from a pool of its own,
# and closes it soon after going idle (README: Database connections, for sizing max_connections).
os.environ.setdefault("DATABASE_POOL_MAX_SIZE", "1")

# Bounded requests: an oversized request line or header is refused by gunicorn itself.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# One structured line per request on stdout; errors on stderr.
accesslog = "-"
errorlog = "-"
logger_class = "newsroom.logs.AccessLogger"  # values escaped for JSON
access_log_format = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", "query": "%(q)s", '
    '"status": %(s)s, "bytes": %(B)s, "duration_ms": %(M)s, "referer": "%(f)s", "agent": "%(a)s"}'
)
