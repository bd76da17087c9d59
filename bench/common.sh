# Sourced by bench/load.sh and bench/bench.sh (from the repository root): the tools and
# services both need, the production environment, and the gunicorn start/stop they share.

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi

# The production settings: debug off, a throw-away secret key, only the local address.
unset DJANGO_DEBUG
export DJANGO_SECRET_KEY="bench-only-$(head -c 24 /dev/urandom | base64)"
export DJANGO_ALLOWED_HOSTS=127.0.0.1

# psql as the local superuser; extra arguments as for psql.
pg() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "$@"; }

# recreate_db NAME: an empty database.
recreate_db() { pg -d postgres -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }

# start_server PORT PIDFILE: gunicorn (gunicorn.conf.py, no access log) in the background with
# the current environment; sets $server and returns once /healthz answers.
start_server() {
  .venv/bin/gunicorn newsroom.wsgi --bind "127.0.0.1:$1" --access-logfile /dev/null --pid "$2" &
  server=$!
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "gunicorn did not answer on port $1" >&2
  return 1
}

# stop_server: stop the gunicorn started last, if any, and wait for its workers to exit.
stop_server() {
  if [[ -n ${server:-} ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}

# workers_rss PIDFILE: resident KiB of the gunicorn workers (the master's children), summed.
workers_rss() { ps --ppid "$(cat "$1")" -o rss= | awk '{s+=$1} END {print s}'; }

# ensure_archive: the archive of the BENCH_* sizes (seed BENCH_SEED) in the database BENCH_DB,
# migrated; rebuilt from scratch unless BENCH_REUSE_DB=1 and the database already holds it.
archive_present() {
  local seed="gen$BENCH_SEED-" have
  have=$(pg -d "$BENCH_DB" -tAc "SELECT concat_ws(' ',
      (SELECT count(*) FROM articles_article WHERE slug LIKE '$seed%'),
      (SELECT count(*) FROM people_person WHERE slug LIKE '${seed}person-%'),
      (SELECT count(*) FROM articles_quote q JOIN articles_article a ON a.id = q.article_id
        WHERE a.slug LIKE '$seed%'))" 2>/dev/null) && [[ $have == "$BENCH_ARTICLES $BENCH_PEOPLE $BENCH_QUOTES" ]]
}
ensure_archive() {
  if [[ ${BENCH_REUSE_DB:-0} == 1 ]] && archive_present; then
    echo "Reusing the archive in $BENCH_DB."
    .venv/bin/python manage.py migrate --noinput -v0
  else
    echo "Building the archive in $BENCH_DB (about 2.5 minutes at full size)."
    recreate_db "$BENCH_DB"
    .venv/bin/python manage.py migrate --noinput -v0
    .venv/bin/python manage.py load_demo >/dev/null
    .venv/bin/python manage.py generate_archive --articles "$BENCH_ARTICLES" --people "$BENCH_PEOPLE" \
      --quotes "$BENCH_QUOTES" --seed "$BENCH_SEED" | awk 'NR % 20 == 0 || /Archive/'
    pg -d "$BENCH_DB" -qc "VACUUM ANALYZE"
  fi
}

# drain: wait (at most two minutes) until no query of the server runs for a second, so that
# requests left over from one measurement (wrk stops waiting; the workers don't) or queries
# orphaned by a worker killed on timeout don't slow the next one.
drain() {
  local quiet=0 busy
  for _ in $(seq 600); do
    busy=$(pg -d postgres -tAc "SELECT count(*) FROM pg_stat_activity
      WHERE application_name = 'newsroom-bench' AND state <> 'idle' AND pid <> pg_backend_pid()")
    if [[ $busy == 0 ]]; then quiet=$((quiet + 1)); else quiet=0; fi
    if ((quiet == 5)); then return 0; fi
    sleep 0.2
  done
  echo "drain: the server's queries were still running after two minutes" >&2
}
