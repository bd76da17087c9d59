"""The live-newsroom benchmark's steps in Python (bench/live.sh runs them in this order):

    live.py prepare DIR                 the URL mix and the plan, from the archive
    live.py warm DIR BASE [--check] [--steady]
                                        every URL of the mix once (--check: each must answer 200;
                                        --steady: again, up to STEADY_PASSES, until all are hits)
    live.py cold DIR BASE               each reader page's server time with nothing cached
    live.py editor DIR BASE SCENARIO    saves through Django until SIGTERM (none, draft, edit10,
                                        edit2, publish30); "ready" in DIR/editor-ready once started
    live.py stampede DIR BASE           8 concurrent requests for / just after an edit
    live.py cleanup DIR                 the edited article restored, the created ones deleted

Every step that changes content saves models through Django with the server's settings
(DATABASE_URL, REDIS_URL and the rest from the environment), so that the app's signals and
invalidation run as they do for an editor in the admin. Measurements go to DIR/live.jsonl, one
JSON object a line, for bench/live_report.py. Readers are anonymous and come from many
addresses (X-Forwarded-For; the server trusts one proxy), as real readers would.
"""

import http.client
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SEED = 1  # the archive bench.sh generates: its slugs start gen1-
PREFIX = "live-bench-"  # slugs of what this benchmark creates; deleted by `cleanup`
ZIPF = 1.0  # popularity of the n-th URL (from 1) ∝ 1 / n ** ZIPF
# Distinct URLs of each kind in the mix (articles fill what the others leave of the total).
SHARES = {
    "person": 0.20,
    "list_page": 0.05,
    "filtered": 0.15,
    "search": 0.05,
    "topic": 0.01,
    "author": 0.03,
    "sources": 0.01,
}
SEARCH_WORDS = (
    "budget governor program state federal officials policy vote plan county city school police health "
    "immigration enforcement community residents letter agency funding court ruling reform housing transit "
    "election senate house committee hearing report tax jobs energy water climate safety security law bill"
).split()  # generate_archive's vocabulary
SEARCH_NAMES = "Mary John Maria James Ana Robert Linda Michael Sarah Walsh Quinn Nguyen Patel Rivera Cohen".split()
STAMPEDE_REQUESTS = 8
REPEATS = 5
APPEAR_TIMEOUT = 10.0  # seconds a new article is waited for on each page


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def record(directory, kind, **values):
    with open(Path(directory) / "live.jsonl", "a") as out:
        out.write(json.dumps({"kind": kind, **values}) + "\n")


def plan(directory):
    return json.loads((Path(directory) / "plan.json").read_text())


# -- HTTP ------------------------------------------------------------------------------------------
_addresses = random.Random(SEED)  # noqa: S311 - reproducible, not secret
_addresses_lock = threading.Lock()


def reader_address():
    with _addresses_lock:
        return f"10.{_addresses.randint(100, 199)}.{_addresses.randint(0, 255)}.{_addresses.randint(1, 254)}"


class Reader:
    """One keep-alive connection to the server, reopened when it closes."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.connection = None

    def connect(self):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.connection.connect()

    def get(self, path, headers=None):
        """(status, X-Cache or None, body, seconds from sending to the whole body read)."""
        for attempt in range(2):
            try:
                self.connect()
                started = time.perf_counter()
                self.connection.request("GET", path, headers={"X-Forwarded-For": reader_address(), **(headers or {})})
                response = self.connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, response.getheader("X-Cache"), body, elapsed
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def ms(seconds):
    return round(1000 * seconds, 1)


# -- prepare -----------------------------------------------------------------------------------------
def prepare(directory):
    """Writes DIR/urls.tsv (weight, kind, path; most popular first) and DIR/plan.json."""
    django_setup()
    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article, Quote, Topic
    from bench.pages import reader_pages
    from people.models import Author, Person, State

    cleanup_created()
    total = int(os.environ.get("BENCH_LIVE_URLS", "3000"))
    rng = random.Random(SEED)  # noqa: S311 - reproducible, not secret
    gen = f"gen{SEED}-"
    published = Article.objects.published().filter(slug__startswith=gen)
    quoted = list(
        Quote.objects.published()
        .filter(speaker__slug__startswith=gen)
        .values("speaker")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker")
        .values_list("speaker", flat=True)[: int(total * SHARES["person"])]
    )
    slugs = dict(Person.objects.filter(pk__in=quoted).values_list("pk", "slug"))
    people = [slugs[pk] for pk in quoted]  # most quoted first
    states = list(
        State.objects.annotate(n=Count("people")).filter(n__gt=0).order_by("-n", "code").values_list("code", "slug")
    )
    topics = list(
        Topic.objects.filter(slug__startswith=gen)
        .annotate(n=Count("articles"))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)
    )
    authors = list(
        Author.objects.filter(slug__startswith=gen)
        .annotate(n=Count("bylines"))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)
    )

    def take(items, share):
        return items[: int(total * share)]

    kinds = {}
    kinds["person"] = [reverse("people:person_detail", args=[slug]) for slug in people]
    kinds["state"] = [reverse("people:state_detail", args=[slug]) for _, slug in states]
    kinds["topic"] = take([reverse("articles:topic_detail", args=[slug]) for slug in topics], SHARES["topic"])
    kinds["author"] = take([reverse("people:author_detail", args=[slug]) for slug in authors], SHARES["author"])
    pages = int(total * SHARES["list_page"])
    kinds["list_page"] = interleave(
        rng,
        [
            [f"/articles/?page={n}" for n in range(2, 2 + pages // 2)],
            [f"/quotes/?page={n}" for n in range(2, 2 + pages // 4)],
            [f"/people/?page={n}" for n in range(2, 2 + pages // 4)],
        ],
    )
    codes = [code for code, _ in states]
    kinds["filtered"] = take(
        interleave(
            rng,
            [
                [f"/articles/?state={code}" for code in codes],
                [f"/quotes/?state={code}" for code in codes],
                [f"/articles/?person={slug}" for slug in people],
                [f"/quotes/?person={slug}" for slug in people],
                [f"/articles/?topic={slug}" for slug in topics],
                [f"/articles/?author={slug}" for slug in authors],
            ],
        ),
        SHARES["filtered"],
    )
    kinds["sources"] = take(
        interleave(
            rng,
            [
                [f"/sources/?state={code}" for code in codes],
                [f"/sources/?topic={slug}" for slug in topics],
                [f"/sources/?author={slug}" for slug in authors],
            ],
        ),
        SHARES["sources"],
    )
    words = list(SEARCH_WORDS)
    pairs = sorted({" ".join(rng.sample(SEARCH_WORDS, 2)) for _ in range(total)})
    rng.shuffle(pairs)
    queries = words + SEARCH_NAMES + pairs
    kinds["search"] = take([f"/search/?{urllib.parse.urlencode({'q': q})}" for q in queries], SHARES["search"])
    top = ["/", "/articles/", "/states/", "/people/", "/quotes/", "/authors/", "/sources/"]
    room = total - len(top) - sum(len(paths) for paths in kinds.values())
    kinds["article"] = [
        reverse("articles:detail", args=[slug]) for slug in published.values_list("slug", flat=True)[: max(room, 0)]
    ]
    # The most popular first: the site's front pages, then every kind's most popular (the newest
    # article, the most quoted person…) spread through the ranks in proportion to its count.
    order = interleave(rng, [[(kind, path) for path in paths] for kind, paths in kinds.items()])
    mix = [("top", path) for path in top] + order
    weights = [1 / (rank**ZIPF) for rank in range(1, len(mix) + 1)]
    scale = 1 / sum(weights)
    with open(Path(directory) / "urls.tsv", "w") as out:
        for weight, (kind, path) in zip(weights, mix, strict=True):
            out.write(f"{weight * scale:.9f}\t{kind}\t{path}\n")

    # The pages timed cold, the article the editors change, who a new article quotes.
    chosen = reader_pages()
    cold = {"states": "/states/", "people": "/people/", "quotes": "/quotes/"} | chosen
    edited = published.first()  # the newest: on the home page and first in /articles/
    result = {
        "urls": len(mix),
        "by_kind": {kind: sum(1 for k, _ in mix if k == kind) for kind in ["top", *kinds]},
        "cold_pages": cold,
        "edited_article": {
            "pk": edited.pk,
            "headline": edited.headline,
            "dek": edited.dek,
            "url": reverse("articles:detail", args=[edited.slug]),
        },
        "quoted_people": quoted[:20],
        "authors": list(Author.objects.filter(slug__in=authors[:10]).values_list("pk", flat=True)),
        "topic": Topic.objects.filter(slug__in=topics[:1]).values_list("pk", flat=True).first(),
        "archive": {
            "articles": Article.objects.count(),
            "published_articles": Article.objects.published().count(),
            "people": Person.objects.count(),
            "quotes": Quote.objects.count(),
        },
    }
    # The reporter's draft, written now rather than as its scenario starts.
    draft = Article.objects.create(
        headline="A story in progress", slug=f"{PREFIX}draft", body="First paragraph.", created_by=bench_user()
    )
    result["draft"] = draft.pk
    (Path(directory) / "plan.json").write_text(json.dumps(result, indent=2))
    print(f"URL mix: {len(mix):,} distinct URLs ({', '.join(f'{k} {v}' for k, v in result['by_kind'].items())})")


def interleave(rng, lists):
    """The items of every list, each list's order kept, spread in proportion to their lengths."""
    lists = [list(items) for items in lists if items]
    positions = [0] * len(lists)
    out = []
    while lists:
        remaining = [len(items) - position for items, position in zip(lists, positions, strict=True)]
        index = rng.choices(range(len(lists)), weights=remaining)[0]
        out.append(lists[index][positions[index]])
        positions[index] += 1
        if positions[index] == len(lists[index]):
            del lists[index], positions[index]
    return out


# -- warm ---------------------------------------------------------------------------------------------
# Passes of `warm --steady` at most. Pages with a query string are stored within a budget per
# minute (NEWSROOM_CACHE_VARIANTS): a pass that left some unstored waits for the next minute.
STEADY_PASSES = 3


def warm_steadily(directory, base):
    """Warm passes until one serves every URL from the cache (at most STEADY_PASSES): each
    scenario starts from the steady state a newsroom's readers keep, not the first minute's."""
    for _ in range(STEADY_PASSES):
        status, misses = warm(directory, base)
        if status or not misses:
            return status
        time.sleep(61 - time.time() % 60)
    return 0


def warm(directory, base, check=False, connections=8):
    """Every URL once over `connections` connections; record statuses and X-Cache by kind.
    Returns (exit status, how many responses were not hits)."""
    mix = [line.split("\t") for line in (Path(directory) / "urls.tsv").read_text().splitlines()]
    queue = list(reversed(mix))
    lock = threading.Lock()
    counts, failed = {}, []

    def work():
        reader = Reader(base)
        while True:
            with lock:
                if not queue:
                    break
                _, kind, path = queue.pop()
            try:
                status, cache, _, _ = reader.get(path)
            except (OSError, http.client.HTTPException) as error:
                status, cache = str(error), None
            with lock:
                by_kind = counts.setdefault(kind, {})
                state = str(cache) if status == 200 else f"status {status}"
                by_kind[state] = by_kind.get(state, 0) + 1
                if status != 200:
                    failed.append(f"{path} answered {status}")
        reader.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    record(directory, "warm", check=check, seconds=round(elapsed, 1), by_kind=counts, failed=failed[:20])
    misses = sum(count for by_kind in counts.values() for state, count in by_kind.items() if state != "hit")
    print(f"warm: {len(mix):,} URLs in {elapsed:.1f} s; {len(failed)} not 200, {misses} not hits")
    if check and failed:
        print("\n".join(failed[:20]), file=sys.stderr)
        return 1, misses
    return 0, misses


# -- cold ---------------------------------------------------------------------------------------------
def cold(directory, base):
    """Each page REPEATS times, the cache emptied before each request: server time, median."""
    django_setup()
    from django.conf import settings
    from django.core.cache import cache

    reader = Reader(base)
    # With a session cookie the page cache is passed by (newsroom/pagecache.py): each request renders.
    passing_by = {"Cookie": f"{settings.SESSION_COOKIE_NAME}=bench-warm-up"}
    for name, path in plan(directory)["cold_pages"].items():
        times, states, statuses = [], [], []
        # Eight renders at once first, so that every worker has compiled the page's templates (without
        # the cookie, the one render the page cache lets through would warm one worker).
        cache.clear()
        concurrently([Reader(base) for _ in range(STAMPEDE_REQUESTS)], path, passing_by)
        for _ in range(REPEATS):
            cache.clear()
            reader.close()
            reader.connect()
            status, state, body, elapsed = reader.get(path)
            times.append(ms(elapsed))
            states.append(state)
            statuses.append(status)
        median = statistics.median(times)
        record(
            directory,
            "cold",
            page=name,
            path=path,
            median_ms=median,
            ms=times,
            x_cache=states,
            statuses=statuses,
            bytes=len(body),
        )
        print(f"cold: {name:10} {median:8.1f} ms median  {path}")
    reader.close()


# -- editor -------------------------------------------------------------------------------------------
_stop = threading.Event()


def editor(directory, base, scenario):
    """Saves through Django on the scenario's schedule until SIGTERM."""
    signal.signal(signal.SIGTERM, lambda *_: _stop.set())
    django_setup()
    from articles.models import Article

    setup = plan(directory)
    interval = {"draft": 2, "edit10": 10, "edit2": 2, "publish30": 30}[scenario]
    user = bench_user()
    draft = Article.objects.get(pk=setup["draft"]) if scenario == "draft" else None
    (Path(directory) / "editor-ready").write_text("ready")
    started = time.monotonic()
    n = 0
    next_at = started + 1
    while not _stop.is_set():
        if time.monotonic() < next_at:
            _stop.wait(min(0.05, next_at - time.monotonic()))
            continue
        n += 1
        at = round(time.monotonic() - started, 2)
        if scenario == "draft":
            took = timed(save_draft, draft, n)
            record(directory, "save", scenario=scenario, n=n, at_s=at, save_ms=took)
        elif scenario in ("edit10", "edit2"):
            took = timed(edit_published, setup["edited_article"], n)
            record(directory, "save", scenario=scenario, n=n, at_s=at, save_ms=took)
        else:
            publish_new(directory, base, setup, user, n, at)
        next_at += interval
    if scenario in ("edit10", "edit2") and n:
        restore_edited(setup["edited_article"])


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return ms(time.perf_counter() - started)


def bench_user():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="live-bench-editor")
    return user


def save_draft(draft, n):
    """A reporter's autosave: the whole draft saved, its text a little longer."""
    import reversion
    from django.db import transaction

    with transaction.atomic(), reversion.create_revision():
        draft.body += f"<p>Paragraph {n} of the draft, typed since the last autosave.</p>"
        draft.save()


def edit_published(article, n):
    """An editor's change to a published article's headline and dek, saved as the admin does."""
    import reversion
    from django.db import transaction

    from articles.models import Article

    with transaction.atomic(), reversion.create_revision():
        edited = Article.objects.select_for_update().get(pk=article["pk"])
        edited.headline = f"{article['headline']} (update {n})"
        edited.dek = f"{article['dek']} Updated: {n}."
        edited.save()


def restore_edited(article):
    from articles.models import Article

    restored = Article.objects.get(pk=article["pk"])
    restored.headline, restored.dek = article["headline"], article["dek"]
    restored.save()


def publish_new(directory, base, setup, user, n, at):
    """A new article with bylines, two quotes by people in the mix, a state and a topic, written
    as a draft and then published; then how long until each of its pages shows it."""
    import reversion
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone

    from articles.models import Article, Byline, Quote
    from people.models import Person

    rng = random.Random(f"{SEED}-{n}")  # noqa: S311 - reproducible, not secret
    speakers = list(Person.objects.select_related("state").filter(pk__in=rng.sample(setup["quoted_people"], 2)))
    state = next((person.state for person in speakers if person.state), None)
    slug = f"{PREFIX}{int(time.time())}-{n}"
    started = time.perf_counter()
    with transaction.atomic(), reversion.create_revision():
        article = Article.objects.create(
            headline=f"Live benchmark story {n}",
            slug=slug,
            dek="Written and published while readers read.",
            body="First paragraph.\n\nSecond paragraph.",
            created_by=user,
        )
        for position, author in enumerate(rng.sample(setup["authors"], 2)):
            Byline.objects.create(article=article, author_id=author, position=position)
        if state:
            article.states.add(state)
        if setup["topic"]:
            article.topics.add(setup["topic"])
        for position, person in enumerate(speakers):
            Quote.objects.create(
                article=article, speaker=person, text=f"Words number {n}.{position}.", position=position
            )
    written = time.perf_counter()
    # The pages to watch, before the clock starts: the first reverse() in this process imports the
    # URL configuration (half a second), which is not the server's time to show the article.
    pages = {"home": "/", "articles": "/articles/", "quotes": "/quotes/"}
    for index, person in enumerate(speakers):
        pages[f"person_{index + 1}"] = person.get_absolute_url()
    if state:
        pages["state"] = state.get_absolute_url()
        pages["articles_by_state"] = f"/articles/?state={state.code}"
    link = reverse("articles:detail", args=[slug]).encode()
    with transaction.atomic(), reversion.create_revision():
        article.status = Article.Status.PUBLISHED
        article.published_at = timezone.now()
        article.save()
    published = time.perf_counter()
    appeared = wait_for(base, pages, link, published)
    record(
        directory,
        "publish",
        scenario="publish30",
        n=n,
        at_s=at,
        write_ms=ms(written - started),
        publish_ms=ms(published - written),
        pages=pages,
        appeared_ms=appeared,
    )
    print(f"publish {n}: appeared after (ms) {appeared}")


def wait_for(base, pages, link, since):
    """{page: ms from `since` until its body holds `link`, or None if not within APPEAR_TIMEOUT}."""
    appeared = {}

    def poll(name, path):
        reader = Reader(base)
        while time.perf_counter() - since < APPEAR_TIMEOUT:
            try:
                status, _, body, _ = reader.get(path)
            except (OSError, http.client.HTTPException):
                status, body = None, b""
            if status == 200 and link in body:
                appeared[name] = ms(time.perf_counter() - since)
                break
            time.sleep(0.02)
        else:
            appeared[name] = None
        reader.close()

    threads = [threading.Thread(target=poll, args=item) for item in pages.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return appeared


# -- stampede -----------------------------------------------------------------------------------------
def stampede(directory, base):
    """Just after an edit that changes /, a single request for it; then, after another edit,
    STAMPEDE_REQUESTS concurrent ones. REPEATS times each."""
    django_setup()
    setup = plan(directory)
    article = setup["edited_article"]
    n = 1000
    try:
        for kind, count in (("single", 1), ("stampede", STAMPEDE_REQUESTS)):
            for repeat in range(REPEATS):
                if not wait_until_cached(base, "/"):
                    record(directory, "stampede_problem", problem="/ never answered X-Cache: hit before the edit")
                n += 1
                readers = [Reader(base) for _ in range(count)]
                for reader in readers:
                    reader.connect()
                edit_published(article, n)
                results = concurrently(readers, "/")
                times = [ms(elapsed) for _, _, _, elapsed in results]
                record(
                    directory,
                    "stampede",
                    test=kind,
                    repeat=repeat,
                    statuses=[status for status, _, _, _ in results],
                    x_cache=[state for _, state, _, _ in results],
                    ms=times,
                )
                print(f"{kind}: X-Cache {[state for _, state, _, _ in results]}, slowest {max(times)} ms")
                time.sleep(0.5)
    finally:
        restore_edited(article)


def wait_until_cached(base, path, attempts=50):
    reader = Reader(base)
    try:
        for _ in range(attempts):
            status, state, _, _ = reader.get(path)
            if status == 200 and state == "hit":
                return True
            time.sleep(0.1)
        return False
    finally:
        reader.close()


def concurrently(readers, path, headers=None):
    """Each reader's GET of `path`, all released at once."""
    barrier = threading.Barrier(len(readers))
    results = [None] * len(readers)

    def run(index, reader):
        barrier.wait()
        results[index] = reader.get(path, headers)
        reader.close()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# -- cleanup ------------------------------------------------------------------------------------------
def cleanup_created():
    """Delete what earlier runs created (articles and their quotes), through Django."""
    from articles.models import Article

    for article in Article.objects.filter(slug__startswith=PREFIX):
        article.delete()


def cleanup(directory):
    django_setup()
    article = plan(directory)["edited_article"]
    restore_edited(article)
    cleanup_created()


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    step, args = argv[1], argv[2:]
    if step == "prepare":
        return prepare(*args)
    if step == "warm":
        if "--steady" in args:
            return warm_steadily(args[0], args[1])
        return warm(args[0], args[1], check="--check" in args)[0]
    if step == "cold":
        return cold(*args)
    if step == "editor":
        return editor(*args)
    if step == "stampede":
        return stampede(*args)
    if step == "cleanup":
        return cleanup(*args)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
