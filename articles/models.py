import hashlib

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import URLValidator
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import MD5
from django.utils import timezone

from media.models import Image
from newsroom.addresses import OldSlug
from newsroom.dependencies import tag_of
from newsroom.links import reverse
from people.models import Author, DatePrecision, Gender, OfficeLevel, Party, Person, State, format_date

from . import richtext

# Links readers follow: only the web's schemes, never javascript:, data: or file:.
web_url = URLValidator(schemes=["http", "https"], message="Enter an http:// or https:// address.")


def web_url_only(field):
    """The condition of a CheckConstraint keeping `field` empty or an http(s) URL, whatever writes it."""
    return Q(**{field: ""}) | Q(**{f"{field}__startswith": "http://"}) | Q(**{f"{field}__startswith": "https://"})


# Typographic quotation marks and apostrophes as their plain forms: the same story pasted from two
# places differs in these and in spacing, not in its words.
PLAIN_QUOTATION_MARKS = str.maketrans(dict.fromkeys("“”„‟«»″", '"') | dict.fromkeys("‘’‚‛′", "'"))


def body_fingerprint(body):
    """The body as a duplicate would have it (whitespace and quotation marks normalised), hashed
    (SHA-256, hex); "" for an empty body, which is no story and matches none."""
    normal = " ".join(body.translate(PLAIN_QUOTATION_MARKS).split())
    return hashlib.sha256(normal.encode()).hexdigest() if normal else ""


class WithPublishedArticlesQuerySet(models.QuerySet):
    def public(self):
        """Those named by at least one published article: nothing else is shown to readers. Read
        off the kept count (articles/tallies.py)."""
        return self.filter(public_article_count__gt=0)


class Outlet(models.Model):
    """The publication an article appeared in, e.g. the Boston Herald."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage_url = models.URLField("homepage URL", blank=True, validators=[web_url])
    logo = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Optional: shown beside the outlet's name on its articles.",
    )
    # Its published articles: kept as content changes (articles/tallies.py).
    public_article_count = models.PositiveIntegerField(default=0, editable=False)

    objects = WithPublishedArticlesQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=web_url_only("homepage_url"), name="outlet_homepage_url_web")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:outlet_detail", args=[self.slug])


class Topic(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    # Its published articles: kept as content changes (articles/tallies.py).
    public_article_count = models.PositiveIntegerField(default=0, editable=False)
    aliases = models.TextField(
        blank=True,
        max_length=5_000,
        help_text="Other names the topic goes by in stories, one per line, e.g. “S-Comm”: the importer "
        "proposes the topic for a story that names it either way.",
    )

    objects = WithPublishedArticlesQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic_detail", args=[self.slug])

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: the one gate every public query goes through.

        A published article dated in the future is scheduled: it appears at that
        moment, with no job to run, because the comparison is made on every query.
        """
        published = self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
        # Newest first, read straight off article_public_order_idx. (A published article
        # always has a date, so the model's NULLS LAST, which SQLite can't index, isn't needed.)
        return published.order_by("-published_at", "-pk")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    # The limits of the text fields below (and of bios, aliases, corrections) are far above what a
    # newsroom writes and are enforced by the forms and the importer, not the database (a
    # TextField's max_length): an editor's slip or a pasted file is a form error, not a page of it.
    dek = models.TextField(blank=True, max_length=1_000, help_text="The summary line under the headline.")
    lead_image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Shown above the body, and by social sites and search engines beside the headline.",
    )
    body = models.TextField(
        blank=True,
        help_text="HTML: paragraphs, links (http, https, mailto), bold, italic, subheads (h2, h3), lists, block "
        'quotes, line breaks, quotes marked as <q data-quote="ID">, and pictures from the media library as '
        '<figure data-image="ID"></figure>. Anything else is removed on save.',
    )
    # richtext.plain_text(body), set by save(): the words without markup, for search, feeds,
    # JSON-LD, the fingerprint and the quote extractor.
    body_text = models.TextField(blank=True, editable=False)
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="articles")
    original_url = models.URLField("original URL", max_length=500, blank=True, validators=[web_url])
    # body_fingerprint(body), set by save(): finds a story already in the archive (importer.already_imported).
    body_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField("publication date", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    states = models.ManyToManyField(State, blank=True, related_name="articles", verbose_name="states covered")
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    retraction_note = models.TextField(
        blank=True, max_length=5_000, help_text="Shown to readers at the article’s address once it is retracted."
    )
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The staff member who created it: reporters may edit only their own drafts.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Also the token of optimistic locking in the admin: a save based on an older
    # value is refused.
    updated_at = models.DateTimeField(auto_now=True)
    # Whether the readers' tallies (articles/tallies.py) count this article: set as it is saved,
    # and by tallies.go_live() for a scheduled article once its moment has passed.
    counted = models.BooleanField(default=False, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "retracted"]), name="article_status_valid"
            ),
            models.CheckConstraint(condition=~Q(headline=""), name="article_headline_not_blank"),
            models.CheckConstraint(condition=web_url_only("original_url"), name="article_original_url_web"),
            # A published article has a publication date, so every public list can sort by it.
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("retract_article", "Can retract published articles"),
        ]
        indexes = [
            # published() in exactly its order: a page is read straight off the index,
            # so page 500 costs about what page 1 does.
            models.Index(fields=["status", "-published_at", "-id"], name="article_public_order_idx"),
            # The admin's date hierarchy and date ordering over all statuses.
            models.Index(fields=["-published_at", "-id"], name="article_published_at_idx"),
            # A story already in the archive, by its original URL or by its body (importer.already_imported).
            models.Index(fields=["original_url"], name="article_original_url_idx"),
            models.Index(fields=["body_fingerprint"], name="article_body_fingerprint_idx"),
            # Scheduled articles not yet counted in the tallies (tallies.go_live): a handful of rows.
            models.Index(
                fields=["published_at"],
                condition=Q(status="published", counted=False),
                name="article_uncounted_idx",
            ),
            # The articles readers see, counted off an index rather than the table of bodies: the
            # tallies' recounts (the article list's length; a state's, outlet's or topic's articles).
            models.Index(fields=["id"], condition=Q(counted=True), name="article_counted_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if self.status == self.Status.RETRACTED and self.retracted_at is None:
            self.retracted_at = timezone.now()
        # The tallies are brought to what readers see now (articles/signals.py, on post_save).
        self.counted = self.is_public
        self.clean_body()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"status", "published_at"} & set(update_fields):
            kwargs["update_fields"] = update_fields = {*update_fields, "counted"}
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_text", "body_fingerprint"}
        self._dated_quotes = 0
        if self.pk and self.published_at:
            # Quotes saved before the article had a date take it now: before the save's signals,
            # which count them in the tallies by their dates.
            self._dated_quotes = self.quotes.filter(said_on__isnull=True).update(
                said_on=timezone.localdate(self.published_at)
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def cache_tags(self):
        """What an article's markup in a list shows: it, its outlet, its bylines' authors (read
        from the prefetched bylines)."""
        tags = {tag_of(self), *(f"author-{byline.author_id}" for byline in self.bylines.all())}
        return tags | ({f"outlet-{self.outlet_id}"} if self.outlet_id else set())

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def clean_body(self):
        """The body down to the allowed markup (richtext.clean), and what is read off it: its
        plain text and fingerprint. Run by save(), and before a raw save (a restored version,
        loaddata) by the pre_save receiver below."""
        self.body = richtext.clean(self.body)
        self.body_text = richtext.plain_text(self.body)
        self.body_fingerprint = body_fingerprint(self.body_text)

    def paragraphs(self):
        """The body's blocks as plain text."""
        return [p for p in self.body_text.split("\n\n") if p]

    def image_problems(self, lead_image_id=..., body=None):
        """Why the article's pictures keep it from being published, for the editor: a figure naming
        no picture of the library, a lead image or figure without alt text. [] if none. One query
        (none without pictures). `lead_image_id` and `body`: as the form would save them."""
        lead = self.lead_image_id if lead_image_id is ... else lead_image_id
        body = self.body if body is None else richtext.clean(body)
        wanted = richtext.figures(body)
        ids = {*wanted, *([lead] if lead else [])}
        found = {image.pk: image for image in Image.objects.filter(pk__in=ids)} if ids else {}
        problems = []
        if lead and lead in found and not found[lead].can_appear:
            problems.append(f"The lead image (#{lead}) has no alt text: describe it in the media library first.")
        for pk in wanted:
            if pk not in found:
                problems.append(
                    f"The body shows picture #{pk}, which is not in the media library: "
                    f'remove its <figure data-image="{pk}">.'
                )
            elif not found[pk].can_appear:
                problems.append(f"Picture #{pk} in the body has no alt text: describe it in the media library first.")
        return problems

    def image_ids(self):
        """The pictures the article's page shows: its lead image and its figures, in order."""
        return [*([self.lead_image_id] if self.lead_image_id else []), *richtext.figures(self.body)]


class Figure(models.Model):
    """A picture of the library the article's body shows (`<figure data-image>`): derived from the
    body as it is saved (articles/signals.py), so that a picture in use can't be deleted (PROTECT)
    and its edits find the articles to refresh."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="figures", db_index=False)
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="figures")

    derived = True  # as InvolvedState

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "image"], name="figure_unique_per_article")]

    def __str__(self):
        return f"Picture {self.image_id} in article {self.article_id}"


class TopicRedirect(OldSlug):
    """An old address of a renamed topic (newsroom/addresses.py)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="redirects")


class OutletRedirect(OldSlug):
    """An old address of a renamed outlet (newsroom/addresses.py)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="redirects")


class ArticleRedirect(OldSlug):
    """An old address of a renamed article (newsroom/addresses.py)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")


class Byline(models.Model):
    """One author of an article, in byline order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_author_once_per_article")]
        indexes = [
            # ?author= on the article list: from an author to their articles.
            models.Index(fields=["author", "article"], name="byline_author_article_idx"),
        ]

    def __str__(self):
        return f"{self.author} on “{self.article}”"


class QuoteQuerySet(models.QuerySet):
    def published(self):
        """Quotes readers may see: those of published articles."""
        return self.filter(article__in=Article.objects.published())


class Verification(models.TextChoices):
    """What checking a quote against its sources found."""

    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    MISATTRIBUTED = "misattributed", "Misattributed"


def rating_scale():
    """The newsroom's rating scale, best first: [(value, label), …] (settings.NEWSROOM_RATING_SCALE)."""
    return [tuple(pair) for pair in settings.NEWSROOM_RATING_SCALE]


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    Verification = Verification

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    # A person who has quotes can't be deleted out from under them.
    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quotes")
    # Longer than any quote a newsroom runs (the longest of the 1,700 labelled ones is 1,586
    # characters); enforced by the forms, not the database (a TextField's max_length).
    text = models.TextField(max_length=10_000, help_text="The words, without the surrounding quotation marks.")
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.DIRECT)
    context = models.CharField(
        max_length=500, blank=True, help_text="e.g. in a letter to Immigration and Customs Enforcement officials"
    )
    said_on = models.DateField(null=True, blank=True, help_text="Leave empty for the article’s publication date.")
    said_on_precision = models.CharField(
        "date known to the", max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the article.")
    # Provenance (issue 18): whether the words were checked against a recording, transcript or
    # document (its Evidence rows), by whom and when; set by editors in the quote's admin form.
    verification = models.CharField(max_length=13, choices=Verification, default=Verification.UNVERIFIED)
    verification_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="Shown to readers beside the status, e.g. what is disputed, or who really said it.",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The staff member who last set the verification status.",
    )
    verified_at = models.DateTimeField("status set at", null=True, blank=True, editable=False)
    # The newsroom's rating of the statement, a value of settings.NEWSROOM_RATING_SCALE (checked by
    # the forms: the scale is configuration, not schema), published as ClaimReview (articles/jsonld.py).
    rating = models.CharField(max_length=50, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The same words by the same speaker in other articles (articles/statements.py), found as the
    # quote is saved; none when too short, or when an editor split it off (statement_split).
    statement = models.ForeignKey(
        "Statement", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="quotes"
    )
    statement_split = models.BooleanField(
        "kept apart from other articles’ quotes",
        default=False,
        help_text="Split off by an editor: never matched with the same words elsewhere.",
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="quote_text_not_blank"),
            models.CheckConstraint(condition=Q(kind__in=["direct", "paraphrase"]), name="quote_kind_valid"),
            models.CheckConstraint(
                condition=Q(said_on_precision__in=DatePrecision.values), name="quote_said_on_precision_valid"
            ),
            models.CheckConstraint(condition=Q(verification__in=Verification.values), name="quote_verification_valid"),
            # A status other than "unverified" says when it was set (Quote.save fills it in).
            models.CheckConstraint(
                condition=Q(verification="unverified") | Q(verified_at__isnull=False), name="quote_verified_dated"
            ),
            models.CheckConstraint(condition=Q(rating="") | Q(rated_at__isnull=False), name="quote_rating_dated"),
            # Hashing the text keeps the index entry small however long the quote is.
            models.UniqueConstraint(
                "article",
                "speaker",
                MD5("text"),
                name="quote_unique_per_article_speaker",
                violation_error_message="A quote with the same words by the same speaker is already in this article.",
            ),
        ]
        indexes = [
            # The quote list and a person's quotes, newest first.
            models.Index(fields=["speaker", "-said_on"], name="quote_speaker_said_on_idx"),
            models.Index(fields=["-said_on", "-id"], name="quote_said_on_idx"),
            # Articles quoting a set of people (the ?state= and ?person= filters), read from
            # the index alone, without visiting a million quote rows.
            models.Index(fields=["speaker", "article"], name="quote_speaker_article_idx"),
            # The quote list filtered by status (?verification=verified), newest first, off the index.
            models.Index(fields=["verification", "-said_on", "-id"], name="quote_verification_said_on_idx"),
        ]
        permissions = [("verify_quote", "Can set the verification status, evidence and rating of quotes")]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{self.speaker}: “{text}”"

    def save(self, *args, **kwargs):
        self.text = self.text.strip()
        self.date_verification()
        if self.said_on is None and self.article_id and self.article.published_at:
            self.said_on = timezone.localdate(self.article.published_at)
        super().save(*args, **kwargs)
        touch(self.article_id)

    def get_absolute_url(self):
        return reverse("articles:quote_detail", args=[self.pk])

    def date_verification(self):
        """Who and when go with the status and the rating: cleared with them, dated when first set
        (a script or the demo setting them; the admin sets both as an editor saves)."""
        if self.verification == Verification.UNVERIFIED:
            self.verified_by, self.verified_at = None, None
        elif self.verified_at is None:
            self.verified_at = timezone.now()
        if not self.rating:
            self.rated_at = None
        elif self.rated_at is None:
            self.rated_at = timezone.now()

    def cache_tags(self):
        """What a quote's markup shows: it, its article, its speaker and the speaker's state."""
        return {tag_of(self), f"article-{self.article_id}", *self.speaker.cache_tags()}

    @property
    def repeated(self):
        """Whether its statement was published in other articles too (select_related statement):
        then its page links to the statement's."""
        return self.statement_id is not None and self.statement.public_count > 1

    @property
    def display_text(self):
        """The words set off on their own: without the comma that led back into the sentence."""
        return self.text.rstrip(",;: ")

    @property
    def said_on_display(self):
        return format_date(self.said_on, self.said_on_precision)

    @property
    def is_checked(self):
        """Whether the quote was checked against its sources (any status but "unverified")."""
        return self.verification != Verification.UNVERIFIED

    @property
    def rating_label(self):
        """The rating's label on the newsroom's scale ("" if unrated, or rated on a value the scale
        no longer has)."""
        return dict(rating_scale()).get(self.rating, "")

    @property
    def speaker_position(self):
        """The office the speaker held when this was said (prefetch speaker__positions)."""
        if self.said_on is None:
            return None
        return self.speaker.position_on(self.said_on)


class Evidence(models.Model):
    """What a quote was checked against: a recording (with the moment the words are said), a
    transcript or a document, linked where it is online; shown to readers with the quote."""

    class Kind(models.TextChoices):
        RECORDING = "recording", "Recording (audio or video)"
        TRANSCRIPT = "transcript", "Transcript"
        DOCUMENT = "document", "Document"

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=Kind)
    title = models.CharField(max_length=300, help_text="e.g. Letter to ICE officials, June 3, 2011")
    url = models.URLField(
        "URL",
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text="Where readers can find it (http or https). Leave empty for a source that isn’t online, "
        "and say in the note where it is kept.",
    )
    offset = models.PositiveIntegerField(
        "time offset (seconds)",
        null=True,
        blank=True,
        help_text="Recordings only: seconds from the start to where the words are said.",
    )
    note = models.CharField(max_length=500, blank=True, help_text="Shown to readers, e.g. page 2, second paragraph.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["recording", "transcript", "document"]), name="evidence_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="evidence_title_not_blank"),
            models.CheckConstraint(condition=web_url_only("url"), name="evidence_url_web"),
            # A moment in a recording only: a page of a document is said in the note.
            models.CheckConstraint(
                condition=Q(offset__isnull=True) | Q(kind="recording"), name="evidence_offset_recordings_only"
            ),
            # Readers can find it: a link, or words saying where it is kept.
            models.CheckConstraint(condition=~Q(url="") | ~Q(note=""), name="evidence_url_or_note"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def clean(self):
        errors = {}
        if self.offset is not None and self.kind != self.Kind.RECORDING:
            errors["offset"] = "Only a recording has a time offset; say where in a transcript or document in the note."
        if not self.url and not self.note.strip():
            errors["note"] = "Give the URL, or say in the note where readers can find this source."
        if errors:
            raise ValidationError(errors)

    @property
    def offset_display(self):
        """The offset as a reader reads a player's clock: 1:02:03, 2:03 ("" without one)."""
        if self.offset is None:
            return ""
        hours, rest = divmod(self.offset, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

    @property
    def link(self):
        """The URL, at the offset for a recording (a W3C media fragment, #t=seconds, unless the URL
        already has a fragment)."""
        if self.url and self.offset is not None and "#" not in self.url:
            return f"{self.url}#t={self.offset}"
        return self.url


class Statement(models.Model):
    """One speaker's words as reported in one or more articles (articles/statements.py): its quotes.

    Keyed by hashes of its words, all of them (`key`), the first and the last few (`head`, `tail`),
    to find the quotes that are the same statement without reading any others. Its published
    appearances and the first of them are kept as content changes (statements.refresh).
    """

    # Indexed by the indexes below, which lead with it.
    speaker = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="statements", db_index=False)
    key = models.CharField(max_length=32)
    head = models.CharField(max_length=16, blank=True)
    tail = models.CharField(max_length=16, blank=True)
    words = models.TextField(help_text="The fullest of its quotes’ words, normalised.")
    word_count = models.PositiveIntegerField()
    # Kept as content changes: its quotes in published articles, and the earliest published.
    public_count = models.PositiveIntegerField(default=0)
    first_quote = models.ForeignKey("Quote", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    first_published_at = models.DateTimeField(null=True, blank=True)

    derived = True  # as MonthlyQuoteCount: it follows its quotes, whose changes invalidate caches

    class Meta:
        indexes = [
            # A quote's statement found as it is saved: the same words, or a trim sharing the first
            # or last words (statements.candidates).
            models.Index(fields=["speaker", "key"], name="statement_speaker_key_idx"),
            models.Index(fields=["speaker", "head"], name="statement_speaker_head_idx"),
            models.Index(fields=["speaker", "tail"], name="statement_speaker_tail_idx"),
        ]

    def __str__(self):
        words = self.words if len(self.words) <= 60 else self.words[:59] + "…"
        return f"{self.speaker_id}: {words} ({self.public_count} published)"

    def get_absolute_url(self):
        return reverse("articles:statement_detail", args=[self.pk])


class InvolvedStateQuerySet(models.QuerySet):
    def refresh(self, articles):
        """Recompute the rows of `articles` (keys, or a query of keys) from what they are
        derived from: one DELETE and one INSERT … SELECT, however many articles. Returns the
        states they involved before or involve now (whose counts may have changed)."""
        before = set(self.filter(article__in=articles).values_list("state", flat=True))
        self.filter(article__in=articles).delete()
        covered = Article.states.through.objects.filter(article__in=articles).values_list("article", "state")
        spoken = Quote.objects.filter(article__in=articles, speaker__state__isnull=False).values_list(
            "article", "speaker__state"
        )
        try:
            select, params = covered.order_by().union(spoken.order_by()).query.sql_with_params()
        except EmptyResultSet:  # no articles (`article__in` an empty list): nothing to insert
            return
        connection = connections[self.db]
        table, columns = (
            self.model._meta.db_table,
            [self.model._meta.get_field(f).column for f in ("article", "state")],
        )
        insert = (
            f"INSERT INTO {connection.ops.quote_name(table)} ({', '.join(map(connection.ops.quote_name, columns))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"{insert} {select}", params)
        return before | set(self.filter(article__in=articles).values_list("state", flat=True))


class InvolvedState(models.Model):
    """A state an article involves: one it covers, or the home state of someone quoted in it.

    Derived from Article.states and the speakers' states, and kept current as they change
    (articles/signals.py), so that the readers' ?state= filter is one indexed lookup per
    article rather than a search through every quote of every person from the state.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", db_index=False)
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="+", db_index=False)

    objects = InvolvedStateQuerySet.as_manager()
    # Not content itself: a change here follows a change to content, which invalidates caches.
    derived = True

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "state"], name="involved_state_unique")]
        indexes = [models.Index(fields=["state", "article"], name="involved_state_article_idx")]

    def __str__(self):
        return f"{self.article_id} involves {self.state_id}"


class SpeakerGroups(models.Model):
    """The speaker's party, gender and home state on a kept count's rows: the Sources page adds the
    rows up by these without joining every person to them. Copied from the person as the rows are
    counted (articles/tallies.py), and rewritten when the person's groups change (refresh_groups)."""

    party = models.CharField(max_length=20, choices=Party, blank=True, default="", db_default="")
    gender = models.CharField(max_length=10, choices=Gender, blank=True, default="", db_default="")
    # A copy of the person's (which protects the state from deletion), so no constraint of its own.
    state = models.ForeignKey(
        State, on_delete=models.DO_NOTHING, null=True, related_name="+", db_index=False, db_constraint=False
    )

    class Meta:
        abstract = True


class MonthlyQuoteCount(SpeakerGroups):
    """How many published quotes a person has from one month: the person page's chart and timeline.

    `month` is the first day of the month; quotes dated only to the year count in a row of their
    own (`year_only`, month January 1); undated quotes in the row with no month. Kept by
    articles/tallies.py as content changes; `people` reads it through Person.monthly_quote_counts.
    """

    # Indexed by the unique constraint, which leads with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="monthly_quote_counts", db_index=False)
    month = models.DateField(null=True)
    year_only = models.BooleanField(default=False)
    # The level of the office the person held when the words were said ("": none, or not known),
    # read from their positions as the row is counted: a month in which they changed offices has
    # a row per level. The Sources page adds these up by level.
    level = models.CharField(max_length=7, choices=OfficeLevel, blank=True)
    count = models.PositiveIntegerField()

    # Not content itself: a change here follows a change to content, which invalidates caches.
    derived = True

    class Meta:
        # One row per person and month (a person's rows are replaced together: the undated
        # row, whose month is NULL, isn't held to this by the database).
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month", "year_only", "level"], name="monthly_quote_count_unique"
            )
        ]
        indexes = [
            # The Sources page's period (?from=, ?to=): the months of the range, with what is added
            # up, read off the index alone on PostgreSQL.
            models.Index(
                fields=["month"],
                include=["level", "party", "gender", "state", "count"],
                name="monthly_quote_month_idx",
            ),
            # The same of one state's speakers.
            models.Index(
                fields=["state", "month"],
                include=["level", "party", "gender", "count"],
                name="monthly_quote_state_month_idx",
            ),
        ]

    def __str__(self):
        return f"{self.person_id}: {self.count} in {self.month or 'undated'}"


class SourceCount(SpeakerGroups):
    """How many published quotes a person has in one outlet's, topic's or author's articles, by
    month and by the level of office held as the words were said: the Sources page filtered by
    outlet, topic or author, an author's "whom they quote" and /compare/ by topic add these up
    instead of finding each quote's office. Kept by articles/tallies.py as content changes.

    Exactly one of outlet, topic and author is set. `month` is the first day of the month the
    quotes were said; undated quotes count in a row with no month; `whole` rows (no month) hold
    the sum of a person's other rows there, which a page with no period reads alone. The
    speaker's groups as in SpeakerGroups.
    """

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, null=True, related_name="+", db_index=False)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, related_name="+", db_index=False)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, null=True, related_name="+", db_index=False)
    # Indexed by source_count_person_idx, which leads with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="source_counts", db_index=False)
    month = models.DateField(null=True)
    whole = models.BooleanField(default=False, db_default=False)
    level = models.CharField(max_length=7, choices=OfficeLevel, blank=True)
    count = models.PositiveIntegerField()

    # Not content itself: a change here follows a change to content, which invalidates caches.
    derived = True

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outlet__isnull=False, topic__isnull=True, author__isnull=True)
                | Q(outlet__isnull=True, topic__isnull=False, author__isnull=True)
                | Q(outlet__isnull=True, topic__isnull=True, author__isnull=False),
                name="source_count_one_source",
            ),
            models.CheckConstraint(
                condition=Q(whole=False) | Q(month__isnull=True), name="source_count_whole_undated"
            ),
        ]
        indexes = [
            # The Sources page by outlet, topic or author: that one's rows (whole, or of the
            # period's months), with what is added up, read off the index alone on PostgreSQL; and
            # the sums of a few people's rows there, recounted as their quotes change, and /compare/.
            models.Index(
                fields=["outlet", "whole", "person", "month"],
                include=["level", "party", "gender", "state", "count"],
                condition=Q(outlet__isnull=False),
                name="source_count_outlet_idx",
            ),
            models.Index(
                fields=["topic", "whole", "person", "month"],
                include=["level", "party", "gender", "state", "count"],
                condition=Q(topic__isnull=False),
                name="source_count_topic_idx",
            ),
            models.Index(
                fields=["author", "whole", "person", "month"],
                include=["level", "party", "gender", "state", "count"],
                condition=Q(author__isnull=False),
                name="source_count_author_idx",
            ),
            # A person's rows of some months, recounted as their quotes change.
            models.Index(fields=["person", "whole", "month"], name="source_count_person_idx"),
        ]

    def __str__(self):
        source = (self.outlet_id and f"outlet {self.outlet_id}") or (self.topic_id and f"topic {self.topic_id}")
        source = source or f"author {self.author_id}"
        return f"{self.person_id} in {source}: {self.count} in {'all' if self.whole else self.month or 'undated'}"


class SourcePairCount(SpeakerGroups):
    """SourceCount of one outlet and one topic at once: a person's published quotes in the
    outlet's articles tagged with the topic, by month and level of office (the Sources page
    filtered by both; an outlet's articles span every topic, so counting their quotes was a
    few thousand rows a request). Kept by articles/tallies.py with SourceCount, as the same
    changes recount it: a quote, an article published, moved to another outlet, re-tagged.
    `month`, `whole` and the speaker's groups as in SourceCount.
    """

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="+", db_index=False)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+", db_index=False)
    # Indexed by source_pair_count_person_idx, which leads with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="source_pair_counts", db_index=False)
    month = models.DateField(null=True)
    whole = models.BooleanField(default=False, db_default=False)
    level = models.CharField(max_length=7, choices=OfficeLevel, blank=True)
    count = models.PositiveIntegerField()

    derived = True

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(whole=False) | Q(month__isnull=True), name="source_pair_count_whole_undated"
            ),
        ]
        indexes = [
            # The Sources page by an outlet and a topic: their rows (whole, or the period's
            # months), read off the index alone on PostgreSQL; the sums of a few people's rows.
            models.Index(
                fields=["outlet", "topic", "whole", "person", "month"],
                include=["level", "party", "gender", "state", "count"],
                name="source_pair_count_idx",
            ),
            # A person's rows of some months, recounted as their quotes change.
            models.Index(fields=["person", "whole", "month"], name="source_pair_count_person_idx"),
        ]

    def __str__(self):
        where = f"outlet {self.outlet_id}, topic {self.topic_id}"
        return f"{self.person_id} in {where}: {self.count} in {'all' if self.whole else self.month or 'undated'}"


def touch(article_id):
    """Mark the article changed: an editor's form opened before this is now stale. (What
    readers see of it is invalidated by the change's own signal: articles/invalidation.py.)"""
    Article.objects.filter(pk=article_id).update(updated_at=timezone.now())


class Correction(models.Model):
    """A dated correction, shown to readers at the end of the article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(default=timezone.localdate)
    text = models.TextField(max_length=5_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_text_not_blank")]

    def __str__(self):
        return f"Correction of {self.date:%B} {self.date.day}, {self.date.year}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        touch(self.article_id)


class ImportedStory(models.Model):
    """What makes an imported story the same story (its body's fingerprint, its original URL), a row
    each, held by the article the importer created for it. The key is unique: of two imports of one
    story at the same moment, whichever commits second breaks it, writes nothing and is told the story
    exists (importer.import_article). A copy asked for gets no row; deleting the article frees them."""

    key = models.CharField(max_length=510, unique=True, help_text="body:<fingerprint> or url:<original URL>")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name_plural = "imported stories"

    def __str__(self):
        return self.key

    @classmethod
    def keys(cls, body, original_url=""):
        """The keys of a story with this body and original URL."""
        keys = [f"body:{fingerprint}"] if (fingerprint := body_fingerprint(body)) else []
        return keys + ([f"url:{original_url}"] if original_url else [])


class QuoteProposal(models.Model):
    """A quote the importer proposes; it becomes a Quote only when an editor accepts it.

    Proposals are never shown to readers: only the admin's review screen reads them.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", "To review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposals")
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Quote.Kind, default=Quote.Kind.DIRECT)
    speaker_name = models.CharField(max_length=200, blank=True, help_text="The speaker as printed.")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="The matched person."
    )
    start = models.PositiveIntegerField(help_text="Offset of the words in the article body.")
    end = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    decision = models.CharField(max_length=10, choices=Decision, default=Decision.PENDING)
    # What the text says around the quote (articles/text_facts.py), proposed for the quote.
    context = models.CharField(max_length=500, blank=True)
    said_on = models.DateField(null=True, blank=True)
    said_on_precision = models.CharField(max_length=5, choices=DatePrecision, default=DatePrecision.DAY)
    # For a speaker not in the directory: the office the text prints with their name.
    title = models.CharField(max_length=200, blank=True, help_text="e.g. Sheriff")
    organization = models.CharField(max_length=200, blank=True, help_text="e.g. Cook County")
    state = models.ForeignKey(State, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    party = models.CharField(max_length=20, choices=Party, blank=True)
    # Two proposals of the same words by the same speaker become the same quote.
    quote = models.ForeignKey(Quote, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["pending", "accepted", "rejected"]), name="proposal_decision_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=["direct", "paraphrase"]), name="proposal_kind_valid"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="proposal_span_ordered"),
            models.CheckConstraint(
                condition=Q(said_on_precision__in=DatePrecision.values), name="proposal_said_on_precision_valid"
            ),
            models.CheckConstraint(condition=Q(party="") | Q(party__in=Party.values), name="proposal_party_valid"),
        ]

    def __str__(self):
        return f"{self.speaker_name or 'Unknown speaker'}: “{self.text[:60]}”"


class Tally(models.Model):
    """A count of the whole archive readers see, kept by articles/tallies.py as content changes:
    `published-articles`, the length of the unfiltered article list."""

    PUBLISHED_ARTICLES = "published-articles"

    name = models.CharField(max_length=50, primary_key=True)
    count = models.PositiveIntegerField(default=0)

    derived = True  # as MonthlyQuoteCount

    class Meta:
        verbose_name_plural = "tallies"

    def __str__(self):
        return f"{self.name}: {self.count}"

    @classmethod
    def value(cls, name):
        """The kept count named `name` (0 before anything was counted)."""
        return cls.objects.filter(name=name).values_list("count", flat=True).first() or 0
