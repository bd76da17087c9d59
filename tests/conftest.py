import datetime
import importlib
import itertools
import math
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify

from articles import tallies
from articles.models import Article, Byline, Evidence, Outlet, Quote, Topic
from media import images
from media.models import Image
from people.models import Author, Person, Position, State
from tests.logins import force_login_verified

_serial = itertools.count(1)


def pytest_addoption(parser):
    parser.addoption(
        "--production-config",
        action="store_true",
        help="run tests/production: caches on, Redis, time moving (make test-production)",
    )
    parser.addoption(
        "--varnish",
        action="store_true",
        help="run tests/varnish: gunicorn behind varnishd, purged by tag (make test-varnish)",
    )


def pytest_ignore_collect(collection_path, config):
    # tests/production needs Redis and the production configuration: only with the flag.
    if collection_path == Path(__file__).parent / "production":
        return not config.getoption("--production-config")
    # tests/varnish needs varnishd, its xkey module and Redis: only with the flag.
    if collection_path == Path(__file__).parent / "varnish":
        return not config.getoption("--varnish")
    return None


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The hashed manifest comes from collectstatic; views under test don't need it
    # (test_static.py checks the real storage).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_aggregates(settings):
    # Remembered aggregates (newsroom/memo.py) are invalidated on commit, which a test's
    # rolled-back transaction never reaches: compute them afresh unless a test opts in.
    settings.NEWSROOM_MEMO_SECONDS = 0


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    # Uploaded pictures and their renditions go to a folder of the test session, never the clone's.
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


def picture_bytes(width=640, height=480, kind="JPEG", color=(180, 40, 40), **options):
    """A picture made in memory with Pillow: a `color` field with a white square in its top-left quarter."""
    import io

    from PIL import Image as Pillow

    picture = Pillow.new("RGB", (width, height), color)
    picture.paste((255, 255, 255), (0, 0, width // 4, height // 4))
    out = io.BytesIO()
    picture.save(out, format=kind, **options)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Tests measure the views themselves (statuses, query counts); tests/test_page_cache.py
    # turns the page cache on.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_article_scheduled():
    # Each test's database starts with no scheduled article: this process has none to look for
    # (articles/tallies.py) until one is saved, whatever earlier tests scheduled.
    tallies._next_check = math.inf


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Anonymous clients' budgets (newsroom/throttling.py) live in the cache: each test is a new
    # client, not the thousandth request of one.
    cache.clear()


@pytest.fixture(autouse=True)
def _migrated_states(request):
    # A transactional test ends by emptying every table, the states migration 0002 wrote too:
    # each one starts with them back, as every other test has them.
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        if not State.objects.exists():
            from django.apps import apps

            importlib.import_module("people.migrations.0002_states").add_states(apps, None)


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin_client (a client of its own), through the second step of signing in."""
    return force_login_verified(Client(), admin_user)


def aware(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


class Maker:
    """Small, explicit builders: each test says what it needs."""

    def state(self, code):
        return State.objects.get(code=code)

    def person(self, name=None, state="MA", party="democratic", **fields):
        n = next(_serial)
        name = name or f"Person {n}"
        fields.setdefault("slug", slugify(f"{name} {n}"))
        fields.setdefault("sort_name", name)
        return Person.objects.create(name=name, state=self.state(state) if state else None, party=party, **fields)

    def position(self, person, title="Governor", start=(2007, 1, 1), end=None, **fields):
        return Position.objects.create(
            person=person,
            title=title,
            start_date=datetime.date(*start) if start else None,
            end_date=datetime.date(*end) if end else None,
            **fields,
        )

    def author(self, name=None):
        n = next(_serial)
        name = name or f"Author {n}"
        return Author.objects.create(name=name, slug=f"author-{n}")

    def outlet(self, name=None):
        n = next(_serial)
        return Outlet.objects.create(name=name or f"Outlet {n}", slug=f"outlet-{n}")

    def topic(self, name=None):
        n = next(_serial)
        return Topic.objects.create(name=name or f"Topic {n}", slug=f"topic-{n}")

    def article(self, headline=None, status="published", published_at=..., authors=(), states=(), topics=(), **f):
        n = next(_serial)
        article = Article.objects.create(
            headline=headline or f"Headline {n}",
            slug=f"article-{n}",
            body=f.pop("body", "<p>First paragraph.</p>\n<p>Second paragraph.</p>"),
            status=status,
            published_at=aware(2011, 6, 6) if published_at is ... else published_at,
            **f,
        )
        for position, author in enumerate(authors):
            Byline.objects.create(article=article, author=author, position=position)
        article.states.set([self.state(code) for code in states])
        article.topics.set(topics)
        return article

    def image(self, alt_text="A picture", width=640, height=480, **fields):
        """A picture of the media library, made in memory, read and cut as an upload would be."""
        image = Image(alt_text=alt_text, **fields)
        image.set_original(images.read(_Upload(picture_bytes(width, height))))
        image.save()
        return image

    def quote(self, article, speaker, text=None, kind="direct", **fields):
        return Quote.objects.create(
            article=article, speaker=speaker, text=text or f"Words number {next(_serial)}.", kind=kind, **fields
        )

    def evidence(self, quote, kind="document", title=None, url="https://example.org/source", **fields):
        return Evidence.objects.create(
            quote=quote, kind=kind, title=title or f"Source number {next(_serial)}", url=url, **fields
        )


class _Upload:
    """Just what images.read() reads of an uploaded file."""

    def __init__(self, data):
        self.data, self.size = data, len(data)

    def read(self):
        return self.data


@pytest.fixture
def make(db):
    return Maker()


@pytest.fixture
def archive(make):
    """A small published archive with one of everything, plus a draft."""

    def build(size=1):
        outlet, topic = make.outlet(), make.topic()
        # Quoted in every article of this batch: their page grows with `size`.
        star = make.person(state="NY")
        make.position(star, title="Senator", start=(2001, 1, 3), state=make.state("NY"))
        author = make.author()  # on every byline of this batch
        for _ in range(size):
            speaker = make.person(state="NY")
            make.position(speaker, title="Governor", start=(2011, 1, 1), state=make.state("NY"))
            make.position(speaker, title="Attorney General", start=(2007, 1, 1), end=(2010, 12, 31))
            article = make.article(outlet=outlet, authors=[author, make.author()], states=["NY", "MA"], topics=[topic])
            # Checked against two sources and rated: what the quote and article pages show of it.
            checked = make.quote(article, speaker, verification="verified", rating="mostly-true")
            make.evidence(checked, kind="recording", offset=65)
            make.evidence(checked, kind="document")
            make.quote(article, speaker, kind="paraphrase")
            make.quote(article, star)
        return {"outlet": outlet, "topic": topic, "author": author, "speaker": star, "article": article}

    return build
