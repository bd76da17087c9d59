#!/usr/bin/env bash
# make bench-live, and the last section of make bench: the reader pages while the newsroom
# works. On the archive of bench.sh, under production gunicorn (gunicorn.conf.py, debug off,
# the Redis page cache on as deployed): wrk over a fixed mix of distinct reader URLs with
# skewed popularity (bench/live.py prepare, bench/live.lua) for BENCH_LIVE_DURATION seconds in
# each scenario (no edits; a draft autosaved every 2 s; a published article edited every 10 s,
# every 2 s; a new article published every 30 s, with the time until its pages show it), the
# editor a separate process saving through Django; each reader page's server time with nothing
# cached; 8 concurrent requests for / just after an edit. Writes bench/results/live-<time>.json
# and .md (bench/live_report.py) and prints the Markdown. Exits non-zero when something broke
# (a URL of the mix not 200, wrk errors, an editor that failed), never for a missed target.
# Variables and timings: README.md, "Benchmark".
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

export BENCH_DB=${BENCH_DB:-newsroom_bench} BENCH_SEED=1
export BENCH_ARTICLES=${BENCH_ARTICLES:-100000} BENCH_PEOPLE=${BENCH_PEOPLE:-20000}
export BENCH_QUOTES=${BENCH_QUOTES:-1000000}
export BENCH_LIVE_DURATION=${BENCH_LIVE_DURATION:-60} BENCH_LIVE_URLS=${BENCH_LIVE_URLS:-3000}
export BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-8} BENCH_PORT=${BENCH_PORT:-8079}
export WEB_CONCURRENCY=${BENCH_WORKERS:-5} GUNICORN_MAX_REQUESTS=0
BENCH_COMMIT=$(git rev-parse HEAD 2>/dev/null || echo unknown)
git diff-index --quiet HEAD -- 2>/dev/null || BENCH_COMMIT="$BENCH_COMMIT (with uncommitted changes)"
export BENCH_COMMIT

# One benchmark at a time on a machine (bench.sh, which runs this last, holds the lock already).
if [[ -z ${BENCH_LOCKED:-} ]]; then
  exec 9>/tmp/newsroom-bench.lock
  flock -n 9 || { echo "Another make bench is running (/tmp/newsroom-bench.lock)." >&2; exit 1; }
fi
source bench/common.sh
# The server's connections are named, so that drain can see its queries.
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$BENCH_DB?application_name=newsroom-bench"
editor_database="postgres://postgres@127.0.0.1:5432/$BENCH_DB?application_name=newsroom-bench-editor"
# As deployed: pages and remembered values in Redis (a database of its own, emptied here), the
# page cache's and memo's default lifetimes; readers reach the server through one proxy.
export REDIS_URL=${BENCH_LIVE_REDIS_URL:-redis://127.0.0.1:6379/8} DJANGO_PROXY_COUNT=1
unset NEWSROOM_PAGE_CACHE_SECONDS NEWSROOM_MEMO_SECONDS NEWSROOM_BENCH_CEILING_DIR NEWSROOM_ANON_RATE
base=http://127.0.0.1:$BENCH_PORT
if curl -s -o /dev/null "$base/"; then
  echo "Port $BENCH_PORT is in use: set BENCH_PORT to a free one." >&2
  exit 1
fi
tmp=$(mktemp -d)
pidfile=$tmp/gunicorn.pid
editor=
stop_editor() {
  if [[ -n $editor ]]; then
    kill -TERM "$editor" 2>/dev/null || true
    wait "$editor" || editor_failed=1
    editor=
  fi
}
editor_failed=0
trap 'stop_editor; stop_server; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
live() { .venv/bin/python bench/live.py "$@"; }

# -- 1. The archive and the URL mix -----------------------------------------------------------
ensure_archive
.venv/bin/python manage.py collectstatic --noinput -v0
DATABASE_URL=$editor_database live prepare "$tmp"

# -- 2. The server; each reader page cold; every URL of the mix once ---------------------------
.venv/bin/python manage.py shell -c "from django.core.cache import cache; cache.clear()" >/dev/null
start_server "$BENCH_PORT" "$pidfile"
live cold "$tmp" "$base"
live warm "$tmp" "$base" --check

# -- 3. The scenarios --------------------------------------------------------------------------
t=$((BENCH_CONNECTIONS < 2 ? BENCH_CONNECTIONS : 2))
scenario() {  # NAME (none, draft, edit10, edit2, publish30)
  echo "scenario: $1 (${BENCH_LIVE_DURATION} s)"
  live warm "$tmp" "$base" --steady
  drain
  rm -f "$tmp/editor-ready"
  if [[ $1 != none ]]; then
    # Not through live(): $! must be the editor itself, for the TERM that ends it.
    DATABASE_URL=$editor_database .venv/bin/python bench/live.py editor "$tmp" "$base" "$1" &
    editor=$!
    for _ in $(seq 300); do [[ -e $tmp/editor-ready ]] && break; sleep 0.1; done
    [[ -e $tmp/editor-ready ]] || { echo "editor did not start" >&2; editor_failed=1; }
  fi
  local out result cache
  out=$(BENCH_LIVE_URLS_FILE=$tmp/urls.tsv wrk --timeout 30s -s bench/live.lua \
    -t"$t" -c"$BENCH_CONNECTIONS" -d"${BENCH_LIVE_DURATION}s" "$base" 2>&1) || true
  stop_editor
  result=$(sed -n 's/^RESULT //p' <<<"$out")
  cache=$(sed -n 's/^CACHE //p' <<<"$out")
  printf '{"kind": "scenario", "scenario": "%s", "wrk": %s, "x_cache": %s}\n' \
    "$1" "${result:-null}" "${cache:-null}" >>"$tmp/live.jsonl"
  echo "  $result"
  echo "  X-Cache: $cache"
}
# A no-edit run between every two with edits: each is compared with the runs beside it
# (bench/live_report.py), the machine's throughput drifting between minutes.
for name in none draft none edit10 none edit2 none publish30 none; do scenario "$name"; done

# -- 4. Stampede -------------------------------------------------------------------------------
live warm "$tmp" "$base"
drain
DATABASE_URL=$editor_database live stampede "$tmp" "$base"
stop_server
DATABASE_URL=$editor_database live cleanup "$tmp"

# -- 5. The report -----------------------------------------------------------------------------
export BENCH_SECONDS=$(($(date +%s) - started)) BENCH_EDITOR_FAILED=$editor_failed
.venv/bin/python bench/live_report.py "$tmp" "$(date -u +%Y%m%dT%H%M%SZ)"
