import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from articles import richtext, statements, tallies
from articles.models import Article, Byline, InvolvedState, Outlet, Quote, Statement, Topic, body_fingerprint
from newsroom import dependencies
from people.models import Author, Party, Person, Position, State, office_level

WORDS = (
    "budget governor program state federal officials policy vote plan county city school police health "
    "immigration enforcement community residents letter agency funding court ruling reform housing transit "
    "election senate house committee hearing report tax jobs energy water climate safety security law bill"
).split()
FIRST = "Mary John Maria James Ana Robert Linda Michael Sarah David Laura Carlos Emily Daniel Grace Pat".split()
LAST = "Smith Johnson Garcia Brown Lee Walsh Quinn Nguyen Patel Rivera Cohen Okafor Murphy Chen Diaz Reyes".split()
OUTLETS = ["Boston Herald", "Albany Times", "Chicago Ledger", "Sacramento Post", "Austin Courier", "Denver Daily"]
FEMALE, MALE = "Mary Maria Ana Linda Sarah Laura Emily Grace".split(), "John James Robert Michael David Carlos Daniel"
GENDERS = dict.fromkeys(FEMALE, "female") | dict.fromkeys(MALE.split(), "male")
TITLES = ["Governor", "Senator", "Mayor", "Attorney General", "Secretary of State", "Representative", "Treasurer"]
START = datetime.date(2005, 1, 1)
DAYS = (datetime.date(2025, 12, 31) - START).days


class Command(BaseCommand):
    help = (
        "Build a large, realistic, deterministic archive for benchmarks: people quoted with a skewed "
        "frequency (a few very often, most rarely), every state represented, several outlets, authors and "
        "topics, dates over twenty years, about 10% of articles unpublished, and one quote in 25 repeating "
        "words its speaker said in another article (the same, re-punctuated, or trimmed), grouped into "
        "statements as they are inserted. Bulk inserts; shows progress."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--people", type=int, default=200)
        parser.add_argument("--quotes", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *args, articles, people, quotes, seed, batch, **options):
        if min(articles, people, quotes) < 1:
            raise CommandError("--articles, --people and --quotes must each be at least 1.")
        self.random, self.batch = random.Random(seed), batch  # noqa: S311 - reproducible test data, not secrets
        if Author.objects.filter(slug__startswith=f"gen{seed}-").exists():
            raise CommandError(f"An archive with --seed {seed} is already in this database: use another seed.")
        with transaction.atomic():
            outlets, topics, authors = self.make_basics(seed)
            person_ids = self.make_people(people, seed)
            article_ids = self.make_articles(articles, seed, outlets, topics, authors)
            self.make_quotes(quotes, person_ids, article_ids)
            # Bulk inserts send no signals: the derived rows are computed here, in one statement.
            started = time.monotonic()
            InvolvedState.objects.refresh(Article.objects.filter(slug__startswith=f"gen{seed}-").values("pk"))
            self.stdout.write(f"states involved: done in {time.monotonic() - started:,.0f}s")
            started = time.monotonic()
            tallies.refresh_everything()
            self.stdout.write(f"tallies: done in {time.monotonic() - started:,.0f}s")
        # Bulk inserts send no signals: everything cached is stale.
        dependencies.invalidate(["all"])
        self.stdout.write(
            self.style.SUCCESS(f"Archive {seed}: {articles} articles, {people} people, {quotes} quotes.")
        )

    def progress(self, what, done, total, started):
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0
        left = (total - done) / rate if rate else 0
        self.stdout.write(f"{what}: {done:,}/{total:,} ({rate:,.0f}/s, {left:,.0f}s left)")

    def insert(self, what, model, rows, total):
        """Bulk-insert `rows` (a generator) in batches; returns the new primary keys."""
        started, ids, chunk = time.monotonic(), [], []
        for row in rows:
            chunk.append(row)
            if len(chunk) == self.batch:
                ids += [obj.pk for obj in model.objects.bulk_create(chunk)]
                chunk = []
                self.progress(what, len(ids), total, started)
        if chunk or not ids:
            ids += [obj.pk for obj in model.objects.bulk_create(chunk)]
            self.progress(what, len(ids), total, started)
        return ids

    def make_basics(self, seed):
        outlets = [
            Outlet.objects.get_or_create(slug=f"gen{seed}-outlet-{i}", defaults={"name": f"{name} ({seed})"})[0].pk
            for i, name in enumerate(OUTLETS)
        ]
        topics = [
            Topic.objects.get_or_create(slug=f"gen{seed}-{word}", defaults={"name": f"{word.title()} ({seed})"})[0].pk
            for word in WORDS[:30]
        ]
        authors = self.insert(
            "authors",
            Author,
            (Author(name=f"{self.name()} ({seed}-{i})", slug=f"gen{seed}-author-{i}") for i in range(200)),
            200,
        )
        return outlets, topics, authors

    def name(self):
        return f"{self.random.choice(FIRST)} {self.random.choice(LAST)}"

    def make_people(self, count, seed):
        codes = list(State.objects.values_list("code", flat=True))
        parties = [Party.DEMOCRATIC, Party.REPUBLICAN, Party.INDEPENDENT, ""]

        def rows():
            for i in range(count):
                name = f"{self.name()} {i}"
                yield Person(
                    name=name,
                    slug=f"gen{seed}-person-{i}",
                    sort_name=f"{name.split()[1]}, {name.split()[0]} {i}",
                    party=self.random.choice(parties),
                    # From the first name (no draw: the rest of the archive is as before); Pat: unknown.
                    gender=GENDERS.get(name.split()[0], ""),
                    state_id=codes[i % len(codes)],  # every state has people
                )

        ids = self.insert("people", Person, rows(), count)

        def positions():
            for index, pk in enumerate(ids):
                start = START + datetime.timedelta(days=self.random.randrange(DAYS // 2))
                title = self.random.choice(TITLES)
                yield Position(
                    person_id=pk,
                    title=title,
                    organization="State government",
                    level=office_level(title, "State government"),
                    state_id=codes[index % len(codes)],
                    start_date=start,
                    end_date=start + datetime.timedelta(days=365 * self.random.randint(2, 12)),
                )

        self.insert("positions", Position, positions(), len(ids))
        Position.objects.copy_holders()  # (theirs, and any others: the same values)
        return ids

    def make_articles(self, count, seed, outlets, topics, authors):
        codes = list(State.objects.values_list("code", flat=True))
        statuses = ["published"] * 18 + ["draft", "review"]  # about 10% unpublished

        def rows():
            for i in range(count):
                day = START + datetime.timedelta(days=self.random.randrange(DAYS))
                words = self.random.sample(WORDS, 6)
                text = "\n\n".join(" ".join(self.random.choices(WORDS, k=60)).capitalize() + "." for _ in range(5))
                yield Article(
                    headline=" ".join(words).capitalize(),
                    slug=f"gen{seed}-{i}-{'-'.join(words[:3])}",
                    dek=" ".join(self.random.sample(WORDS, 10)).capitalize() + ".",
                    # (bulk inserts skip save(): what it sets, set here)
                    body=richtext.from_plain(text),
                    body_text=text,
                    body_fingerprint=body_fingerprint(text),
                    outlet_id=self.random.choice(outlets),
                    published_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))),
                    status=self.random.choice(statuses),
                )

        days = []

        def dated_rows():
            for article in rows():
                days.append(timezone.localdate(article.published_at))
                yield article

        ids = self.insert("articles", Article, dated_rows(), count)
        through_states, through_topics = Article.states.through, Article.topics.through
        self.insert(
            "bylines",
            Byline,
            (Byline(article_id=pk, author_id=self.random.choice(authors)) for pk in ids),
            len(ids),
        )
        self.insert(
            "states covered",
            through_states,
            (through_states(article_id=pk, state_id=codes[i % len(codes)]) for i, pk in enumerate(ids)),
            len(ids),
        )
        self.insert(
            "topics",
            through_topics,
            (through_topics(article_id=pk, topic_id=self.random.choice(topics)) for pk in ids),
            len(ids),
        )
        return list(zip(ids, days, strict=True))

    def make_quotes(self, count, person_ids, article_ids):
        # Zipf-like: the k-th most quoted person is quoted about 1/k as often as the first.
        weights = [1 / (rank + 1) for rank in range(len(person_ids))]
        # speaker -> their latest words, the articles quoting them so, and its statement: all there
        # is to remember (a repeat is of the latest words), however many quotes.
        last_said = {}
        # Statements are numbered here and inserted as plain rows (executemany): a model instance
        # and bulk_create's compiling for each would double the time quotes take. The sequence is
        # set past them at the end.
        next_id = [(Statement.objects.aggregate(last=Max("pk"))["last"] or 0) + 1]
        new_statements = []

        def rows():
            speakers = self.random.choices(person_ids, weights=weights, k=count)
            for i, speaker in enumerate(speakers):
                article_id, day = self.random.choice(article_ids)
                text = " ".join(self.random.choices(WORDS, k=self.random.randint(8, 30))).capitalize() + f" ({i})."
                kind = "direct" if self.random.random() < 0.8 else "paraphrase"
                earlier = last_said.get(speaker)
                # One in 25 repeats the speaker's latest words in another article: as they were, in
                # capitals after an ellipsis, or without the last word. (Chosen by position, not by
                # the random stream: the rest of the archive is as before.)
                if i % 25 == 24 and earlier and article_id not in earlier[1]:
                    text = repeated(earlier[0], i // 25)
                found = statements.shape(text)
                if earlier and earlier[2] is not None and statements.same_statement(found, earlier[3]):
                    statement = earlier[2]  # the rules of statements.match, checked for the repeat
                    earlier[1].add(article_id)
                else:
                    statement = None
                    if found.key:
                        statement, next_id[0] = next_id[0], next_id[0] + 1
                        fields = statements.statement_fields(found)
                        new_statements.append((statement, speaker, *(fields[name] for name in STATEMENT_FIELDS)))
                    last_said[speaker] = (text, {article_id}, statement, found)
                yield Quote(
                    article_id=article_id,
                    speaker_id=speaker,
                    text=text,
                    kind=kind,
                    said_on=day,
                    statement_id=statement,
                )

        # Each batch's new statements are inserted before the quotes naming them.
        started, done, chunk = time.monotonic(), 0, []
        table = connection.ops.quote_name(Statement._meta.db_table)
        columns = ", ".join(
            connection.ops.quote_name(Statement._meta.get_field(name).column)
            for name in ("id", "speaker", *STATEMENT_FIELDS, "public_count")
        )
        placeholders = ", ".join(["%s"] * (len(STATEMENT_FIELDS) + 3))
        insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 names from the model, values as parameters

        def flush():
            with connection.cursor() as cursor:
                cursor.executemany(insert, [(*row, 0) for row in new_statements])
            new_statements.clear()
            Quote.objects.bulk_create(chunk)
            self.progress("quotes", done, count, started)

        for row in rows():
            chunk.append(row)
            done += 1
            if len(chunk) == self.batch:
                flush()
                chunk = []
        if chunk:
            flush()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Statement]):
                cursor.execute(sql)


# What statements.statement_fields() gives, in the order generate_archive inserts them.
STATEMENT_FIELDS = ("key", "head", "tail", "words", "word_count")


def repeated(text, variant):
    """`text` as another article would report it (variant 0, 1 or 2, in turn)."""
    if variant % 3 == 0:
        return text
    if variant % 3 == 1:
        return "… " + text.upper().replace(" (", ", (")
    return text.rsplit(" ", 1)[0] + "."
