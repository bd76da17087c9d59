#!/usr/bin/env bash
# make load: the production server (gunicorn, PostgreSQL) under wrk at a fixed rate over the
# public pages for several minutes. Reports errors, latency percentiles and worker memory
# before and after; writes bench/results/load-<time>.json and .md.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${LOAD_DURATION:-180}
export LOAD_RATE=${LOAD_RATE:-300} LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-16}
port=${LOAD_PORT:-8077}
db=newsroom_load

source bench/common.sh
recreate_db "$db"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0

trap stop_server EXIT
start_server "$port" /tmp/newsroom-load.pid

# Warm up at the same rate (imports, template and query caches), then measure resident memory.
curl -s "http://127.0.0.1:$port/" >/dev/null
wrk -t2 -c"$LOAD_CONNECTIONS" -d"${LOAD_WARMUP:-60}s" -s bench/fixed_rate.lua "http://127.0.0.1:$port" >/dev/null
rss_before=$(workers_rss /tmp/newsroom-load.pid)
echo "Load: ${LOAD_RATE} req/s for ${duration}s over $(grep -c '"/' bench/fixed_rate.lua) lines of pages; workers RSS ${rss_before} KiB"
out=$(wrk -t2 -c"$LOAD_CONNECTIONS" -d"${duration}s" --timeout 5s -s bench/fixed_rate.lua "http://127.0.0.1:$port")
rss_after=$(workers_rss /tmp/newsroom-load.pid)
echo "$out"
result=$(echo "$out" | sed -n 's/^RESULT //p')

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/results
python3 - "$result" "$rss_before" "$rss_after" "$stamp" <<'PY'
import json, sys
result = json.loads(sys.argv[1]) | {"rss_before_kib": int(sys.argv[2]), "rss_after_kib": int(sys.argv[3])}
result["rss_growth_pct"] = round(100 * (result["rss_after_kib"] - result["rss_before_kib"]) / result["rss_before_kib"], 1)
stamp = sys.argv[4]
with open(f"bench/results/load-{stamp}.json", "w") as f:
    json.dump(result, f, indent=2)
rows = "\n".join(f"| {k} | {v} |" for k, v in result.items())
with open(f"bench/results/load-{stamp}.md", "w") as f:
    f.write(f"# Load test {stamp}\n\n| measure | value |\n|---|---|\n{rows}\n")
print(json.dumps(result, indent=2))
errors = result["non_2xx_3xx"] + result["socket_errors"]
sys.exit(1 if errors else 0)
PY
