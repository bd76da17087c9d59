#!/usr/bin/env bash
# make bench: the reader pages against the stack's own ceiling, on a large PostgreSQL archive.
# For each page: SQL queries and bytes (bench/pages.py); then, under gunicorn with wrk, its
# throughput and latency beside a prerendered copy answered by a trivial view through the same
# middleware and server (/_bench/ceiling/<name>, newsroom/bench.py), and p99 at half its peak
# rate; again with the Redis page cache on; conditional requests; worker memory over a long mix.
# Writes bench/results/bench-<time>.json and .md (bench/report.py) and prints the Markdown;
# then the live-newsroom section on the same archive (bench/live.sh, also `make bench-live`).
# Exits non-zero when something broke (a page not 200, wrk errors), not for a missed target.
# Variables and timings: README.md, "Benchmark".
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

export BENCH_DB=${BENCH_DB:-newsroom_bench} BENCH_SEED=1
export BENCH_ARTICLES=${BENCH_ARTICLES:-100000} BENCH_PEOPLE=${BENCH_PEOPLE:-20000}
export BENCH_QUOTES=${BENCH_QUOTES:-1000000}
export BENCH_DURATION=${BENCH_DURATION:-10} BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-8}
export BENCH_MEMORY_REQUESTS=${BENCH_MEMORY_REQUESTS:-50000} BENCH_PORT=${BENCH_PORT:-8079}
# Unset, gunicorn.conf.py's rule: 2 workers per core, plus one.
if [[ -n ${BENCH_WORKERS:-} ]]; then export WEB_CONCURRENCY=$BENCH_WORKERS; fi
# No worker recycling during the run, so that memory growth shows rather than being reset.
export GUNICORN_MAX_REQUESTS=0
BENCH_COMMIT=$(git rev-parse HEAD 2>/dev/null || echo unknown)
git diff-index --quiet HEAD -- 2>/dev/null || BENCH_COMMIT="$BENCH_COMMIT (with uncommitted changes)"
export BENCH_COMMIT

# One benchmark at a time on a machine: two would share the cores, the port and the database.
exec 9>/tmp/newsroom-bench.lock
flock -n 9 || { echo "Another make bench is running (/tmp/newsroom-bench.lock)." >&2; exit 1; }
source bench/common.sh
# The server's connections are named, so that drain (bench/common.sh) can see its queries.
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$BENCH_DB?application_name=newsroom-bench"
unset REDIS_URL NEWSROOM_PAGE_CACHE_SECONDS
# wrk stands for many readers: each request comes from an address of its own (bench/page.lua), through
# one trusted proxy, and is counted against that address's budget (newsroom/throttling.py) as deployed.
# (With one address and the budget set out of its reach, each request read and wrote the list of that
# address's requests in the last minute: 20,000 of them at 350 req/s, several ms a request.)
export DJANGO_PROXY_COUNT=1
unset NEWSROOM_ANON_RATE
base=http://127.0.0.1:$BENCH_PORT
if curl -s -o /dev/null "$base/"; then
  echo "Port $BENCH_PORT is in use: set BENCH_PORT to a free one." >&2
  exit 1
fi
tmp=$(mktemp -d)
pidfile=$tmp/gunicorn.pid
measurements=$tmp/measurements.jsonl
trap 'stop_server; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# -- 1. The archive ----------------------------------------------------------------------------
ensure_archive
.venv/bin/python manage.py collectstatic --noinput -v0

# -- 2. The pages, their queries and bytes, the ceiling's copies -------------------------------
NEWSROOM_PAGE_CACHE_SECONDS=0 .venv/bin/python bench/pages.py "$tmp" "127.0.0.1:$BENCH_PORT"
cookie=$(cat "$tmp/cookie")
awk -F '\t' '$2 == "reader" { print $3 }' "$tmp/pages.tsv" >"$tmp/reader-paths"

# -- 3. Measuring ------------------------------------------------------------------------------
# wrk_json WRK-ARGS...: run wrk with bench/page.lua; print its RESULT, or null if it failed.
wrk_json() {
  local out
  out=$(wrk --timeout 30s -s bench/page.lua "$@" 2>&1 | sed -n 's/^RESULT //p') || true
  echo "${out:-null}"
}
rps_of() { sed -n 's/.*"rps": \([0-9.]*\).*/\1/p' <<<"$1"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
# record PAGE RUN WHAT JSON: one line of measurements for bench/report.py.
record() { printf '{"page": "%s", "run": "%s", "what": "%s", "result": %s}\n' "$1" "$2" "$3" "$4" >>"$measurements"; }
json_string() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }
# each_page GROUP FUNCTION: call FUNCTION NAME PATH for each page of the group (reader or admin).
# each_page GROUP FUNCTION: FUNCTION NAME PATH for each page of GROUP (reader, admin); only those
# named in BENCH_PAGES (comma-separated) if it is set, for a quick look at a few.
each_page() {
  local name group path
  while IFS=$'\t' read -r name group path <&3; do
    if [[ -n ${BENCH_PAGES:-} && ",$BENCH_PAGES," != *",$name,"* ]]; then continue; fi
    if [[ $group == "$1" ]]; then "$2" "$name" "$path"; fi
  done 3<"$tmp/pages.tsv"
}
workers_pids() { ps --ppid "$(cat "$pidfile")" -o pid= | sort | tr '\n' ' '; }
d=${BENCH_DURATION}s c=$BENCH_CONNECTIONS t=$((BENCH_CONNECTIONS < 2 ? BENCH_CONNECTIONS : 2))

# Throughput of the page and of its ceiling, one after the other, after a short warm-up.
page_vs_ceiling() {  # RUN NAME PATH
  local page=$base$3 ceiling=$base/_bench/ceiling/$2
  record "$2" "$1" status "{\"page\": $(status_of "$page"), \"ceiling\": $(status_of "$ceiling")}"
  wrk -s bench/page.lua -t1 -c"$c" -d1s "$page" >/dev/null
  wrk -s bench/page.lua -t1 -c"$c" -d1s "$ceiling" >/dev/null
  drain
  last_page=$(wrk_json -t"$t" -c"$c" -d"$d" "$page")
  record "$2" "$1" page "$last_page"
  drain
  record "$2" "$1" ceiling "$(wrk_json -t"$t" -c"$c" -d"$d" "$ceiling")"
}

# -- 4. Page cache off ------------------------------------------------------------------------
uncached_reader() {  # NAME PATH
  echo "uncached: $1"
  page_vs_ceiling uncached "$1" "$2"
  local half result='{"skipped": "peak rate too low for a fixed rate"}'
  half=$(awk -v r="$(rps_of "$last_page")" 'BEGIN { printf "%.2f", r / 2 }')
  # Below one request a second per connection over the run, a fixed rate means nothing.
  if awk -v h="$half" -v n="$c" -v s="$BENCH_DURATION" 'BEGIN { exit !(h * s >= n) }'; then
    drain
    result=$(BENCH_RATE=$half wrk_json -t1 -c"$c" -d"$d" "$base$2")
  fi
  record "$1" uncached half_rate "$result"
}
# Admin pages: one connection, so that latency is the server's time, not time queued.
uncached_admin() {  # NAME PATH
  echo "uncached: $1"
  record "$1" uncached status "{\"page\": $(status_of -H "Cookie: $cookie" "$base$2")}"
  drain
  record "$1" uncached page "$(wrk_json -t1 -c1 -d"$d" -H "Cookie: $cookie" "$base$2")"
}
# As deployed (README, "Deployment"): Redis holds what every app server remembers (counts,
# choices, rendered list items, newsroom/memo.py); only the whole-page cache is off.
export NEWSROOM_BENCH_CEILING_DIR=$tmp/ceiling NEWSROOM_PAGE_CACHE_SECONDS=0 REDIS_URL=redis://127.0.0.1:6379/13
.venv/bin/python manage.py shell -c "from django.core.cache import cache; cache.clear()" >/dev/null
start_server "$BENCH_PORT" "$pidfile"
each_page reader uncached_reader
each_page admin uncached_admin

# -- 5. Worker memory over a long mix of the reader pages (same server, warm) -----------------
echo "memory: $BENCH_MEMORY_REQUESTS requests over the reader pages"
drain
rss_before=$(workers_rss "$pidfile") pids_before=$(workers_pids)
mix=$(BENCH_PATHS=$tmp/reader-paths BENCH_STOP_AFTER=$BENCH_MEMORY_REQUESTS \
  wrk_json -t1 -c"$c" -d$((BENCH_MEMORY_REQUESTS / 2 + 60))s "$base")
rss_after=$(workers_rss "$pidfile")
# A worker replaced during the mix (killed on timeout) makes before and after incomparable.
replaced=$(comm -23 <(tr ' ' '\n' <<<"$pids_before" | sed '/^$/d') <(workers_pids | tr ' ' '\n' | sed '/^$/d') | wc -l)
record all uncached memory "{\"workers\": $(wc -w <<<"$pids_before"), \"workers_replaced\": $replaced, \
\"rss_before_kib\": $rss_before, \"rss_after_kib\": $rss_after, \"mix\": $mix}"
drain
stop_server

# -- 6. Nothing remembered: every count, choice list and item computed on every request -------
cold_reader() {  # NAME PATH
  echo "cold: $1"
  wrk -s bench/page.lua -t1 -c"$c" -d1s "$base$2" >/dev/null
  drain
  record "$1" cold page "$(wrk_json -t"$t" -c"$c" -d"$d" "$base$2")"
}
NEWSROOM_MEMO_SECONDS=0 start_server "$BENCH_PORT" "$pidfile"
each_page reader cold_reader
drain
stop_server

# -- 7. Page cache on, in Redis ----------------------------------------------------------------
export NEWSROOM_PAGE_CACHE_SECONDS=300
.venv/bin/python manage.py shell -c "from django.core.cache import cache; cache.clear()" >/dev/null
# Does a repeat with the page's validators answer 304 Not Modified?
conditional() {  # NAME PATH
  local url=$base$2 headers etag modified none_match=null modified_since=null
  curl -s -o /dev/null "$url"
  headers=$(curl -s -o /dev/null -D - "$url" | tr -d '\r')
  etag=$(sed -n 's/^etag: *//Ip' <<<"$headers")
  modified=$(sed -n 's/^last-modified: *//Ip' <<<"$headers")
  if [[ -n $etag ]]; then none_match=$(status_of -H "If-None-Match: $etag" "$url"); fi
  if [[ -n $modified ]]; then modified_since=$(status_of -H "If-Modified-Since: $modified" "$url"); fi
  record "$1" cached conditional "{\"etag\": $(json_string "$etag"), \"if_none_match_status\": $none_match, \
\"last_modified\": $(json_string "$modified"), \"if_modified_since_status\": $modified_since}"
}
cached_reader() {  # NAME PATH
  echo "cached: $1"
  page_vs_ceiling cached "$1" "$2"
  conditional "$1" "$2"
}
start_server "$BENCH_PORT" "$pidfile"
each_page reader cached_reader
stop_server

# -- 8. The report -----------------------------------------------------------------------------
export BENCH_SECONDS=$(($(date +%s) - started))
status=0
.venv/bin/python bench/report.py "$tmp" "$(date -u +%Y%m%dT%H%M%SZ)" || status=$?

# -- 9. The live newsroom, on the same archive: bench/live.sh (BENCH_LIVE=0 skips it) ----------
if [[ ${BENCH_LIVE:-1} != 0 ]]; then
  BENCH_LOCKED=1 BENCH_REUSE_DB=1 bash bench/live.sh || status=$?
fi
exit $status
