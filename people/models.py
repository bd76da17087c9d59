import calendar
import datetime
import re

from django.conf import settings
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.dispatch import Signal

from newsroom.addresses import OldSlug
from newsroom.dependencies import tag_of
from newsroom.links import reverse


class DatePrecision(models.TextChoices):
    """How much of a stored date is known: "last December" is a month, not a day."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_date(value, precision):
    """A date as precisely as it is known: "June 3, 2011", "December 2010" or "2007"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    return f"{value:%B} {value.day}, {value.year}"


def last_day(value, precision):
    """The last day a date of the given precision may mean."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def published_quotes():
    """Quotes readers may see.

    `people` never imports `articles`: the gate, `QuoteQuerySet.published()`, is
    reached through the reverse relation `Person.quotes`.
    """
    return Person.quotes.rel.related_model.objects.published()


def published_articles():
    """Articles readers may see, reached through the reverse relation `State.articles`."""
    return State.articles.rel.related_model.objects.published()


def count_of(queryset, outer_field):
    """A correlated COUNT subquery: one number per outer row, no join fan-out."""
    counted = queryset.filter(**{outer_field: OuterRef("pk")}).order_by().values(outer_field)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


class StateQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate `person_count` and `article_count`: what readers can see of each state.

        Read from the state's own row: the counts are kept as content changes (articles/tallies.py).
        """
        return self.annotate(person_count=F("public_person_count"), article_count=F("public_article_count"))


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People with at least one published quote: the only ones readers see."""
        return self.filter(published_quote_count__gt=0)

    def with_quote_count(self):
        """Annotate `quote_count`: published quotes only."""
        return self.annotate(quote_count=F("published_quote_count"))

    def published_quote_total(self):
        """How many quotes readers can see, all people together: the sum of the kept counts
        (articles/tallies.py), rather than a COUNT over a million quotes."""
        return self.public().aggregate(total=Sum("published_quote_count"))["total"] or 0

    def most_quoted(self):
        """Public people, the most quoted first (ties: the earliest added), read off person_most_quoted_idx."""
        return self.public().order_by("-published_quote_count", "pk")


class AuthorQuerySet(models.QuerySet):
    def public(self):
        """Authors with at least one published article: the only bylines readers see (their kept count)."""
        return self.filter(public_article_count__gt=0)

    def with_article_count(self):
        """Annotate `article_count`: published articles only (kept by articles/tallies.py)."""
        return self.annotate(article_count=F("public_article_count"))


class State(models.Model):
    """A US state, the District of Columbia or an inhabited territory."""

    code = models.CharField("USPS code", max_length=2, primary_key=True)
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    # What readers see of the state, kept by articles/tallies.py as content changes (never written here):
    # people from the state with at least one published quote, published articles covering it, and
    # published articles involving it (covering it or quoting someone from it: the ?state= filter).
    public_person_count = models.PositiveIntegerField(default=0, editable=False)
    public_article_count = models.PositiveIntegerField(default=0, editable=False)
    involved_article_count = models.PositiveIntegerField(default=0, editable=False)

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # The key is the two-letter postal code in capitals ("MA"), as in URLs and filters.
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="state_code_usps"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:state_detail", args=[self.slug])


class Party(models.TextChoices):
    DEMOCRATIC = "democratic", "Democratic"
    REPUBLICAN = "republican", "Republican"
    INDEPENDENT = "independent", "Independent"
    LIBERTARIAN = "libertarian", "Libertarian"
    GREEN = "green", "Green"
    OTHER = "other", "Other"


class Gender(models.TextChoices):
    """As the officials data records it (congress-legislators' bio.gender, Open States' gender)."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NONBINARY = "nonbinary", "Non-binary"


class OfficeLevel(models.TextChoices):
    """The level of government an office belongs to (the Sources page compares quotes with it)."""

    FEDERAL = "federal", "Federal"
    STATE = "state", "State"
    LOCAL = "local", "Local"


# Titles and organizations that say the level of an office (office_level()), most telling first.
FEDERAL_WORDS = re.compile(r"\b(U\.S\.|United States|Federal|President of the|Congress)", re.IGNORECASE)
LOCAL_WORDS = re.compile(
    r"\b(Mayor|City|Town|County|Village|Borough|Municipal|Township|Alder(?:man|woman|person)|Selectm[ae]n)\b",
    re.IGNORECASE,
)
STATE_WORDS = re.compile(
    r"\b(State|Commonwealth|Territory|Governor|Attorney General|Secretary of State|Treasurer|Legislature|"
    r"Assembly|House of Delegates|Lieutenant)\b",
    re.IGNORECASE,
)


def office_level(title, organization):
    """The level an office's title and organization name ("U.S. Senator", "Mayor, Boston",
    "Governor, State of New York"), or "" when they don't say: a guess for positions entered
    before levels were recorded, and for the importer's offices it doesn't classify itself."""
    for level, words in (
        (OfficeLevel.FEDERAL, FEDERAL_WORDS),
        (OfficeLevel.LOCAL, LOCAL_WORDS),
        (OfficeLevel.STATE, STATE_WORDS),
    ):
        if words.search(title) or words.search(organization):
            return level.value
    return ""


class Person(models.Model):
    """Anyone quoted, official or not."""

    name = models.CharField("full name", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    sort_name = models.CharField(max_length=200, help_text="How the name sorts, e.g. “Patrick, Deval”.")
    bio = models.TextField("short bio", blank=True, max_length=5_000)
    portrait = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="From the media library: shown, cut square around its focal point, on their page and beside "
        "their quotes.",
    )
    party = models.CharField(max_length=20, choices=Party, blank=True)
    gender = models.CharField(
        max_length=10, choices=Gender, blank=True, help_text="As public records give it; leave empty if unknown."
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name="home state"
    )
    wikidata_id = models.CharField("Wikidata ID", max_length=20, blank=True, help_text="e.g. Q11673")
    openstates_id = models.CharField("Open States ID", max_length=80, blank=True)
    bioguide_id = models.CharField("Bioguide ID", max_length=20, blank=True)
    aliases = models.TextField(
        blank=True,
        max_length=5_000,
        help_text="Other names this person is printed under, one per line (used for matching and search).",
    )
    # Their quotes in published articles, kept by articles/tallies.py as content changes (never
    # written here): readers see only people with at least one.
    published_quote_count = models.PositiveIntegerField(default=0, editable=False)
    # Of those, the ones said while holding a federal, state or local office (the rest: none known),
    # kept with the total: the Sources page adds these up over people rather than over their months.
    federal_quote_count = models.PositiveIntegerField(default=0, editable=False)
    state_quote_count = models.PositiveIntegerField(default=0, editable=False)
    local_quote_count = models.PositiveIntegerField(default=0, editable=False)
    # The published articles they are quoted in (the article list's ?person= count), kept with them.
    published_article_count = models.PositiveIntegerField(default=0, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="person_name_not_blank"),
            models.CheckConstraint(condition=Q(party="") | Q(party__in=Party.values), name="person_party_valid"),
            models.CheckConstraint(condition=Q(gender="") | Q(gender__in=Gender.values), name="person_gender_valid"),
            # External ids are optional, but one id never names two people.
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="person_wikidata_id_unique",
                violation_error_message="Another person has this Wikidata ID.",
            ),
            models.UniqueConstraint(
                fields=["openstates_id"],
                condition=~Q(openstates_id=""),
                name="person_openstates_id_unique",
                violation_error_message="Another person has this Open States ID.",
            ),
            models.UniqueConstraint(
                fields=["bioguide_id"],
                condition=~Q(bioguide_id=""),
                name="person_bioguide_id_unique",
                violation_error_message="Another person has this Bioguide ID.",
            ),
        ]
        indexes = [
            # The people list and the admin changelist order by sort name.
            models.Index(fields=["sort_name", "name"], name="person_sort_name_idx"),
            # ?party= on the people list.
            models.Index(fields=["party"], name="person_party_idx"),
            # The most quoted people (the home page), and public() as an index range.
            models.Index(fields=["-published_quote_count", "id"], name="person_most_quoted_idx"),
            # The Sources page over the whole archive adds up the public people's totals by group
            # (people/sources.people_breakdown): off this index alone, in the groups' order.
            models.Index(
                fields=["party", "gender", "state"],
                include=["published_quote_count", "federal_quote_count", "state_quote_count", "local_quote_count"],
                condition=Q(published_quote_count__gt=0),
                name="person_groups_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:person_detail", args=[self.slug])

    def cache_tags(self):
        """What a person's name, office, state and portrait in a list show: them, their state, the picture."""
        tags = {tag_of(self), *([f"state-{self.state_id}"] if self.state_id else [])}
        return tags | ({f"image-{self.portrait_id}"} if self.portrait_id else set())

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def position_on(self, day):
        """The position held on `day` (the most recently started one if several).

        Reads `self.positions.all()`: prefetch it, or this is one query per call.
        """
        held = [p for p in self.positions.all() if p.held_on(day)]
        return max(held, key=lambda p: p.start_date or datetime.date.min, default=None)

    @property
    def current_position(self):
        return self.position_on(datetime.date.today())

    @property
    def current_title(self):
        position = self.current_position
        return position.title if position else ""

    @property
    def title_line(self):
        """ "Governor, State of New York", or "Former Governor, …" once out of office."""
        position = self.current_position
        former = ""
        if position is None:
            # Positions are ordered newest first.
            position = next(iter(self.positions.all()), None)
            former = "Former "
        if position is None:
            return ""
        where = f", {position.organization}" if position.organization else ""
        return f"{former}{position.title}{where}"


class PersonRedirect(OldSlug):
    """An old address of a person (newsroom/addresses.py): renamed, or merged into `person`
    (people/merge.py; merging `person` in turn moves these to its survivor)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")


class PositionQuerySet(models.QuerySet):
    def held_on(self, day):
        """The positions held on `day`, as Position.held_on says, in SQL."""
        return self.held_between(day, day)

    def held_between(self, start, end):
        """The positions held on any day from `start` to `end` (dates, or date expressions such as
        OuterRef("said_on")): begun by `end` (an unknown start counts as held), not ended before
        `start` (an end known to the month or year lasts to the end of it)."""
        if isinstance(start, datetime.date):
            month, year = start.replace(day=1), start.replace(month=1, day=1)
        else:  # an expression: typed, so that the database truncates a date
            start = ExpressionWrapper(start, output_field=models.DateField())
            month = TruncMonth(start, output_field=models.DateField())
            year = TruncYear(start, output_field=models.DateField())
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=end),
            Q(end_date__isnull=True)
            | Q(end_precision=DatePrecision.DAY, end_date__gte=start)
            | Q(end_precision=DatePrecision.MONTH, end_date__gte=month)
            | Q(end_precision=DatePrecision.YEAR, end_date__gte=year),
        )

    def copy_holders(self):
        """Copy each position's holder's party and gender onto it (holder_party, holder_gender):
        after positions were inserted or moved to someone else without their own save, or their
        holder's groups changed. One UPDATE."""
        holder = Person.objects.filter(pk=OuterRef("person")).values_list
        return self.update(holder_party=Subquery(holder("party")), holder_gender=Subquery(holder("gender")))

    def level_on(self, person, day):
        """The level of the office `person` held on `day` (expressions: OuterRef("speaker"),
        OuterRef("said_on")), "" if none or not known: a subquery, the office Person.position_on
        picks (the most recently started), read off the positions' person index."""
        held = self.filter(person=person).held_between(day, day)
        newest = held.order_by(F("start_date").desc(nulls_last=True), "title").values("level")[:1]
        return Coalesce(Subquery(newest), models.Value(""))


# Sent with `people` (keys) when their positions changed without a save of each (the officials
# importer's bulk inserts); a Position's own save and delete send post_save and post_delete.
# `articles` recounts what depends on the office held when a quote was said.
offices_changed = Signal()


class Position(models.Model):
    """An office a person held, from start to end (no end: they hold it now)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=200, help_text="e.g. Governor, Secretary of Public Safety")
    organization = models.CharField(max_length=200, blank=True, help_text="e.g. Commonwealth of Massachusetts")
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text="The state the office serves or represents (also for federal offices).",
    )
    level = models.CharField(
        "level of government",
        max_length=7,
        choices=OfficeLevel,
        blank=True,
        help_text="Federal, state or local: the Sources page compares who is quoted with who holds each.",
    )
    start_date = models.DateField(null=True, blank=True)
    start_precision = models.CharField(max_length=5, choices=DatePrecision, default=DatePrecision.DAY)
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty while the person holds the office.")
    end_precision = models.CharField(max_length=5, choices=DatePrecision, default=DatePrecision.DAY)
    # The holder's party and gender, copied from them (people/signals.py, copy_holders()): the
    # Sources page counts offices by these without joining every person to them.
    holder_party = models.CharField(max_length=20, choices=Party, blank=True, editable=False)
    holder_gender = models.CharField(max_length=10, choices=Gender, blank=True, editable=False)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="position_title_not_blank"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_precision__in=DatePrecision.values), name="position_start_precision_valid"
            ),
            models.CheckConstraint(
                condition=Q(level="") | Q(level__in=OfficeLevel.values), name="position_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_precision__in=DatePrecision.values), name="position_end_precision_valid"
            ),
        ]
        # person_id is indexed by its foreign key; a person's positions are few.

    def __str__(self):
        where = f", {self.organization}" if self.organization else ""
        return f"{self.title}{where} ({self.span})"

    @property
    def span(self):
        start = format_date(self.start_date, self.start_precision) or "?"
        end = format_date(self.end_date, self.end_precision) or "present"
        return f"{start} – {end}"

    @property
    def is_current(self):
        return self.held_on(datetime.date.today())

    def held_on(self, day):
        """Whether the office was held on `day`; an unknown start counts as held.

        An end known only to the month or year lasts to the end of that month or year.
        """
        started = self.start_date is None or self.start_date <= day
        not_ended = self.end_date is None or day <= last_day(self.end_date, self.end_precision)
        return started and not_ended


class Author(models.Model):
    """A byline: a reporter or contributor, optionally linked to a staff account."""

    name = models.CharField("byline name", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    bio = models.TextField(blank=True, max_length=5_000)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The staff account that writes under this byline, if any.",
    )
    # Published articles under the byline, kept by articles/tallies.py as content changes (never
    # written here): the author list reads it instead of counting the bylines of the archive.
    public_article_count = models.PositiveIntegerField(default=0, editable=False)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="author_name_not_blank")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:author_detail", args=[self.slug])


class AuthorRedirect(OldSlug):
    """An old address of a renamed author (newsroom/addresses.py)."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="redirects")
