"""make bench, the last step: the results of bench/bench.sh as JSON and as Markdown.

    report.py DIR STAMP

Reads DIR/pages.json (bench/pages.py) and DIR/measurements.jsonl (one line per wrk or curl
measurement), and the run's settings from the BENCH_* environment variables; writes
bench/results/bench-STAMP.json and .md and prints the Markdown. Exits 1 when something broke
(a page not 200, wrk errors or no result), never for a missed target.
"""

import json
import os
import platform
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
# The targets ("small" memory growth read as at most 10%).
RATIO = 0.10  # reader page rps over its ceiling's, uncached
QUERIES = 8
HALF_RATE_P99_MS = 100
DEEP_PAGE = 0.5  # page 500's rps over page 1's
ADMIN_P50_MS = 300
CACHED_RATIO = 0.70
MEMORY_GROWTH_PCT = 10


def load(directory):
    """The pages, each with its measurements by run and kind; the memory measurement."""
    pages = json.loads((directory / "pages.json").read_text())
    rows = {row["name"]: row | {"uncached": {}, "cached": {}, "cold": {}} for row in pages["pages"]}
    memory = None
    for line in (directory / "measurements.jsonl").read_text().splitlines():
        item = json.loads(line)
        if item["what"] == "memory":
            memory = item["result"]
        else:
            rows[item["page"]][item["run"]][item["what"]] = item["result"]
    for row in rows.values():
        for run in ("uncached", "cached"):
            measured = row[run]
            page, ceiling = rate(measured.get("page"), "rps"), rate(measured.get("ceiling"), "rps")
            if page is not None and ceiling:
                measured["ratio"] = round(page / ceiling, 3)
    if memory and not memory["workers_replaced"]:
        before, after = memory["rss_before_kib"], memory["rss_after_kib"]
        memory["growth_pct"] = round(100 * (after - before) / before, 1)
    return pages["archive"], list(rows.values()), memory


def broken(rows, memory):
    """What went wrong, one line each: statuses other than 200, wrk errors, missing results."""
    problems = []
    for row in rows:
        if row["status"] != 200:
            problems.append(f"{row['name']}: the test client got {row['status']}")
        for run in ("uncached", "cached", "cold"):
            for what, result in row[run].items():
                if what == "status":
                    problems += [f"{row['name']} ({run}): {k} answered {v}" for k, v in result.items() if v != 200]
                elif run == "cold" and result and not result["requests"]:
                    continue  # for comparison only: nothing answered within the run is a figure too
                elif what in ("page", "ceiling", "half_rate") and not (result or {}).get("skipped"):
                    problems += wrk_problems(f"{row['name']} ({run} {what})", result)
                    problems += short_answers(f"{row['name']} ({run} {what})", result, row["bytes"])
    if memory is None:
        problems.append("memory: not measured")
    else:
        problems += wrk_problems("memory mix", memory["mix"])
        if memory["workers_replaced"]:
            problems.append(f"memory mix: {memory['workers_replaced']} workers replaced (killed on timeout?)")
    return problems


def wrk_problems(label, result):
    if result is None:
        return [f"{label}: wrk gave no result"]
    if not result["requests"]:
        return [f"{label}: no response within the run"]
    if result["non_2xx_3xx"] or result["socket_errors"]:
        return [f"{label}: {result['non_2xx_3xx']} error statuses, {result['socket_errors']} socket errors"]
    return []


def short_answers(label, result, page_bytes):
    """A run whose responses were much shorter than the page (a redirect to the login page, a
    304): wrk counts 3xx as success, so the bytes tell."""
    if not (result and result.get("requests") and result.get("bytes") is not None):
        return []
    each = result["bytes"] // result["requests"]
    return [f"{label}: {each:,} bytes a response, the page has {page_bytes:,}"] if each < 0.9 * page_bytes else []


def targets(rows, memory):
    """[(holds, line)] for each target of the issue, over the pages that answered 200."""
    rows = [row for row in rows if row["status"] == 200]
    reader = [row for row in rows if row["group"] == "reader"]
    admin = [row for row in rows if row["group"] == "admin"]
    by_name = {row["name"]: row for row in rows}
    lines = []

    def check(description, values, holds, higher_is_better):
        """One line for a per-page target: the worst figure, and the pages that miss it."""
        measured = [(v, name) for v, name in values if v is not None]
        unmeasured = [name for v, name in values if v is None]
        if not measured:
            return lines.append((False, f"{description}: not measured"))
        worst = min(measured) if higher_is_better else max(measured)
        failing = [name for v, name in measured if not holds(v)]
        figure = f"{'lowest' if higher_is_better else 'highest'} {worst[0]:g} ({worst[1]})"
        if failing:
            figure += f"; missed by {len(failing)} of {len(measured)}: {', '.join(failing)}"
        if unmeasured:
            figure += f"; not measured: {', '.join(unmeasured)}"
        lines.append((not failing and not unmeasured, f"{description}: {figure}"))

    check(
        f"Reader pages, uncached ratio ≥ {RATIO}",
        [(r["uncached"].get("ratio"), r["name"]) for r in reader],
        lambda v: v >= RATIO,
        higher_is_better=True,
    )
    check(
        f"Reader pages, queries ≤ {QUERIES}",
        [(r["queries"], r["name"]) for r in reader],
        lambda v: v <= QUERIES,
        higher_is_better=False,
    )
    check(
        f"Reader pages, p99 < {HALF_RATE_P99_MS} ms at half the peak rate",
        [(rate(r["uncached"].get("half_rate"), "p99_ms"), r["name"]) for r in reader],
        lambda v: v < HALF_RATE_P99_MS,
        higher_is_better=False,
    )
    first = rate(by_name.get("articles", {}).get("uncached", {}).get("page"), "rps")
    deep = rate(by_name.get("articles_page_500", {}).get("uncached", {}).get("page"), "rps")
    if first and deep is not None:
        share = round(deep / first, 2)
        lines.append(
            (
                share >= DEEP_PAGE,
                f"Page 500 at least {DEEP_PAGE} × page 1's rps: {deep:g} vs {first:g} rps ({share:g} ×)",
            )
        )
    else:
        lines.append((False, "Page 500 vs page 1: not measured"))
    check(
        f"Admin changelists, p50 < {ADMIN_P50_MS} ms",
        [(rate(r["uncached"].get("page"), "p50_ms"), r["name"]) for r in admin],
        lambda v: v < ADMIN_P50_MS,
        higher_is_better=False,
    )
    check(
        f"Reader pages, cached ratio ≥ {CACHED_RATIO}",
        [(r["cached"].get("ratio"), r["name"]) for r in reader],
        lambda v: v >= CACHED_RATIO,
        higher_is_better=True,
    )
    conditional = [r["cached"].get("conditional") or {} for r in reader]
    etag = sum(c.get("if_none_match_status") == 304 for c in conditional)
    since = sum(c.get("if_modified_since_status") == 304 for c in conditional)
    lines.append(
        (
            etag == len(reader),
            f"304 Not Modified answered: If-None-Match on {etag} of {len(reader)} reader pages, "
            f"If-Modified-Since on {since} of {len(reader)}",
        )
    )
    if memory and memory.get("growth_pct") is not None:
        lines.append(
            (
                memory["growth_pct"] <= MEMORY_GROWTH_PCT,
                f"Worker memory growth ≤ {MEMORY_GROWTH_PCT}% (small): {memory['growth_pct']:g}%",
            )
        )
    else:
        lines.append((False, "Worker memory growth: not measured"))
    return lines


def rate(result, key):
    """A figure of a wrk result; None when not measured, skipped, or nothing was answered."""
    return result[key] if result and result.get("requests") else None


def cold_rps(result):
    if result and not result["requests"]:
        return "0"
    return number(rate(result, "rps"))


def number(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float) and value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def write(kind, stamp, result, text):
    """bench/results/<kind>-<stamp>.json and .md, the Markdown printed; 1 if anything broke."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{kind}-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / f"{kind}-{stamp}.md").write_text(text)
    print(text)
    print(f"Written: bench/results/{kind}-{stamp}.json and .md")
    return 1 if result["broken"] else 0


def markdown(stamp, environment, archive, rows, memory, target_lines, problems):
    out = [f"# Benchmark {stamp}", ""]
    out.append(
        f"Archive: {archive['articles']:,} articles ({archive['published_articles']:,} published), "
        f"{archive['people']:,} people, {archive['quotes']:,} quotes on PostgreSQL "
        f"{archive['database_version']}. {environment['workers']} gunicorn workers on {environment['cpus']} CPUs; "
        f"wrk -t2 -c{environment['connections']} for {environment['duration_s']} s per measurement. "
        f"Commit {environment['commit']}. The run took {environment['run_seconds'] // 60} min "
        f"{environment['run_seconds'] % 60} s."
    )
    out += [
        "",
        "Uncached: the page cache off; counts, choice lists and rendered list items remembered in Redis "
        "until what they show changes (newsroom/memo.py), as deployed. Ratio: the page's rps over its "
        "ceiling's (the same bytes from a trivial view through the same middleware and server). Queries: "
        "the second request's, then the first's in brackets (nothing remembered yet). p99 @ half rate: at "
        "a fixed rate of half the page's peak (the rate reached in brackets). Cold rps: with nothing "
        "remembered (NEWSROOM_MEMO_SECONDS=0; 0 when no response came within the run). Cached: page "
        "cache on, in Redis.",
        "",
        "| page | URL | queries | bytes | rps | p50 ms | p99 ms | ceiling rps | ratio | p99 @ half rate "
        "| cold rps | cached rps | cached ratio |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        if row["group"] != "reader":
            continue
        plain, cached = row["uncached"], row["cached"]
        half = plain.get("half_rate") or {}
        if half.get("skipped"):
            half_cell = "skipped"
        elif rate(half, "p99_ms") is not None:
            half_cell = f"{number(half['p99_ms'])} ({number(half['rps'])})"
        else:
            half_cell = "–"
        cells = [
            row["name"],
            f"`{row['path']}`",
            f"{number(row['queries'])} ({number(row.get('queries_first'))})",
            number(row["bytes"]),
            number(rate(plain.get("page"), "rps")),
            number(rate(plain.get("page"), "p50_ms")),
            number(rate(plain.get("page"), "p99_ms")),
            number(rate(plain.get("ceiling"), "rps")),
            number(plain.get("ratio"), 3),
            half_cell,
            cold_rps(row["cold"].get("page")),
            number(rate(cached.get("page"), "rps")),
            number(cached.get("ratio"), 2),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        "Admin changelists, logged in, over one connection (so p50 is the server's time, nothing queued):",
        "",
        "| page | URL | queries | bytes | rps | p50 ms | p99 ms |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        if row["group"] == "admin":
            page = row["uncached"].get("page")
            cells = [row["name"], f"`{row['path']}`", number(row["queries"]), number(row["bytes"])]
            cells += [number(rate(page, "rps")), number(rate(page, "p50_ms")), number(rate(page, "p99_ms"))]
            out.append("| " + " | ".join(cells) + " |")
    out += ["", "Conditional requests, page cache on (status of a repeat with the validators):", ""]
    out += ["| page | ETag | If-None-Match | Last-Modified | If-Modified-Since |", "|---|---|--:|---|--:|"]
    for row in rows:
        if row["group"] == "reader":
            c = row["cached"].get("conditional") or {}
            cells = [row["name"], f"`{c.get('etag')}`" if c.get("etag") else "none"]
            cells += [str(c.get("if_none_match_status") or "–"), c.get("last_modified") or "none"]
            cells += [str(c.get("if_modified_since_status") or "–")]
            out.append("| " + " | ".join(cells) + " |")
    if memory:
        mix = memory["mix"] or {}
        growth = memory.get("growth_pct")
        growth = f"growth {growth:g}%" if growth is not None else f"{memory['workers_replaced']} workers replaced"
        out += [
            "",
            f"Worker memory ({memory['workers']} workers, resident): {memory['rss_before_kib'] / 1024:,.1f} MiB "
            f"before and {memory['rss_after_kib'] / 1024:,.1f} MiB after {mix.get('requests', 0):,} requests "
            f"over the reader pages ({number(rate(mix, 'rps'))} rps, p99 {number(rate(mix, 'p99_ms'))} ms): "
            f"{growth}.",
        ]
    out += ["", "Targets:", ""]
    out += [f"- {'holds' if holds else 'does not hold'}: {line}" for holds, line in target_lines]
    if problems:
        out += ["", "Broken:", ""] + [f"- {problem}" for problem in problems]
    return "\n".join(out) + "\n"


def main(directory, stamp):
    directory = Path(directory)
    archive, rows, memory = load(directory)
    environment = {
        "commit": os.environ.get("BENCH_COMMIT", "unknown"),
        "database": os.environ.get("BENCH_DB"),
        "cpus": os.cpu_count(),
        "workers": memory["workers"] if memory else None,
        "connections": int(os.environ["BENCH_CONNECTIONS"]),
        "duration_s": int(os.environ["BENCH_DURATION"]),
        "memory_requests": int(os.environ["BENCH_MEMORY_REQUESTS"]),
        "run_seconds": int(os.environ["BENCH_SECONDS"]),
        "python": platform.python_version(),
        "machine": platform.platform(),
    }
    problems = broken(rows, memory)
    target_lines = targets(rows, memory)
    result = {
        "stamp": stamp,
        "environment": environment,
        "archive": archive,
        "pages": rows,
        "memory": memory,
        "targets": [{"holds": holds, "target": line} for holds, line in target_lines],
        "broken": problems,
    }
    return write("bench", stamp, result, markdown(stamp, environment, archive, rows, memory, target_lines, problems))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
