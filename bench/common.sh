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
