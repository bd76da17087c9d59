"""Which cached pages, fragments and remembered values a change to articles makes stale
(newsroom.dependencies): only what readers could see of the rows that changed.

A draft, an article in review or a scheduled one is seen by no reader: saving it (or its
quotes, bylines, corrections) invalidates nothing public, only `schedule` when what is
scheduled changes. An edit of a published article invalidates the article (`article-<pk>`),
which every page and fragment showing it depends on. A change of which articles are public,
or in what order (publishing, unpublishing, retracting, deleting, a new date or slug),
invalidates every public list besides, and what is filed under everything the article names
(`filed`: its people's, states', topics', authors' and outlet's pages and lists, not every
mention of them); unpublishing, retracting and deleting do so hard: no stale copy is served
anywhere. Which outlets and topics the filter forms offer (`outlet-choices`, `topic-choices`)
changes when one gains its first published article or loses its last: articles/tallies.py
sees that as it recounts their kept counts.
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from newsroom.dependencies import filed, invalidate, list_tag, tag_of

from .models import Article, Byline, Correction, Evidence, InvolvedState, Outlet, Quote, Topic

# Every list readers see: which rows are public and their counts may change with an article.
LISTS = ("article-list", "quote-list", "person-list", "state-list", "topic-list", "author-list", "outlet-list")


def article_changed(article_ids, *, membership=True, hard=False, using=DEFAULT_DB_ALIAS):
    """Invalidate what readers see of `article_ids` once the transaction commits: the articles
    (an edit), and with `membership` (they became public or stopped being, or moved in order)
    every list and the pages of whatever they name. `hard`: no stale copy may be served."""
    article_ids = list(article_ids)
    tags = {"content", *(f"article-{pk}" for pk in article_ids)}
    if membership:
        tags |= {*LISTS, *related_tags(article_ids, using)}
    invalidate(tags, hard=hard, using=using)


def related_tags(article_ids, using=DEFAULT_DB_ALIAS):
    """The filed tags of what the articles name: outlet, topics, authors, people quoted, states
    involved (what is filed under them changes; the rows themselves don't)."""
    articles = Article.objects.using(using).filter(pk__in=article_ids)
    return {
        *(filed(f"outlet-{pk}") for pk in articles.exclude(outlet=None).values_list("outlet", flat=True)),
        *(
            filed(f"topic-{pk}")
            for pk in Article.topics.through.objects.using(using)
            .filter(article__in=article_ids)
            .values_list("topic", flat=True)
        ),
        *(
            filed(f"author-{pk}")
            for pk in Byline.objects.using(using).filter(article__in=article_ids).values_list("author", flat=True)
        ),
        *(
            filed(f"person-{pk}")
            for pk in Quote.objects.using(using).filter(article__in=article_ids).values_list("speaker", flat=True)
        ),
        *(
            filed(f"state-{code}")
            for code in InvolvedState.objects.using(using)
            .filter(article__in=article_ids)
            .values_list("state", flat=True)
        ),
    }


def public_among(article_ids, using=DEFAULT_DB_ALIAS):
    """Those of `article_ids` readers can see now."""
    return set(Article.objects.using(using).published().filter(pk__in=article_ids).values_list("pk", flat=True))


def _visibility(status, published_at, now):
    """(public, scheduled) for an article in this status with this date."""
    published = status == Article.Status.PUBLISHED and published_at is not None
    return published and published_at <= now, published and published_at > now


@receiver(pre_save, sender=Article, dispatch_uid="invalidation-article-before")
def article_will_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    found = Article.objects.using(using).filter(pk=instance.pk).values("status", "published_at", "slug", "outlet")
    instance._before_save = found.first() if instance.pk else None


@receiver(post_save, sender=Article, dispatch_uid="invalidation-article")
def article_saved(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    before = instance.__dict__.pop("_before_save", None) or dict.fromkeys(["status", "published_at", "slug", "outlet"])
    now = timezone.now()
    was_public, was_scheduled = _visibility(before["status"], before["published_at"], now)
    is_public, is_scheduled = _visibility(instance.status, instance.published_at, now)
    if was_scheduled or is_scheduled:
        # When the next article goes live bounds how long anything may be kept.
        invalidate(["schedule"], using=using)
    if was_public or is_public:
        membership = (
            was_public != is_public
            or before["published_at"] != instance.published_at
            or before["slug"] != instance.slug
            or before["outlet"] != instance.outlet_id
        )
        article_changed([instance.pk], membership=membership, hard=was_public and not is_public, using=using)
        if before["outlet"] not in (None, instance.outlet_id):  # the outlet it left
            invalidate({filed(f"outlet-{before['outlet']}")}, using=using)


@receiver(pre_delete, sender=Article, dispatch_uid="invalidation-article-deleted")
def article_will_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    # Before its quotes, bylines and states go with it: what it named is read now.
    if public_among([instance.pk], using):
        article_changed([instance.pk], hard=True, using=using)
    elif instance.is_scheduled:
        invalidate(["schedule"], using=using)


def _quote_tags(quote, using):
    tags = {f"quote-{quote.pk}", "quote-list", "person-list", "state-list", filed(f"person-{quote.speaker_id}")}
    state = type(quote.speaker).objects.using(using).filter(pk=quote.speaker_id).values_list("state", flat=True)
    return tags | {filed(f"state-{code}") for code in state if code}


@receiver(pre_save, sender=Quote, dispatch_uid="invalidation-quote-before")
def quote_will_save(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    before = Quote.objects.using(using).filter(pk=instance.pk).first() if instance.pk else None
    instance._before_invalidation = before


@receiver(post_save, sender=Quote, dispatch_uid="invalidation-quote")
@receiver(post_delete, sender=Quote, dispatch_uid="invalidation-quote-deleted")
def quote_changed(sender, instance, using=DEFAULT_DB_ALIAS, signal=None, **kwargs):
    """A quote of a public article (before or after: it may have moved) changed: the article,
    the quote's pages, its speaker's (both, if it changed hands), the lists that count quotes."""
    versions = [instance]
    if (before := instance.__dict__.pop("_before_invalidation", None)) is not None:
        versions.append(before)
    public = public_among({quote.article_id for quote in versions}, using)
    if not public:
        return
    tags = {"content", *(f"article-{pk}" for pk in public)}
    for quote in versions:
        tags |= _quote_tags(quote, using)
    # Everyone quoted in the article: a person's page shows who is quoted alongside them.
    speakers = Quote.objects.using(using).filter(article__in=public).values_list("speaker", flat=True)
    tags |= {filed(f"person-{pk}") for pk in speakers}
    # Its authors and outlet: their pages show whom they quote.
    authors = Byline.objects.using(using).filter(article__in=public).values_list("author", flat=True)
    tags |= {filed(f"author-{pk}") for pk in authors}
    outlets = Article.objects.using(using).filter(pk__in=public).exclude(outlet=None).values_list("outlet", flat=True)
    tags |= {filed(f"outlet-{pk}") for pk in outlets}
    invalidate(tags, hard=signal is post_delete, using=using)


@receiver(post_save, sender=Byline, dispatch_uid="invalidation-byline")
@receiver(post_delete, sender=Byline, dispatch_uid="invalidation-byline-deleted")
def byline_changed(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    if public_among([instance.article_id], using):
        tags = {"content", f"article-{instance.article_id}", filed(f"author-{instance.author_id}"), "author-list"}
        invalidate(tags, using=using)


@receiver(post_save, sender=Correction, dispatch_uid="invalidation-correction")
@receiver(post_delete, sender=Correction, dispatch_uid="invalidation-correction-deleted")
def correction_changed(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    if public_among([instance.article_id], using):
        invalidate({"content", f"article-{instance.article_id}"}, using=using)


@receiver(pre_save, sender=Evidence, dispatch_uid="invalidation-evidence-before")
def evidence_will_save(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    # Moved to another quote (a script may), it leaves the first one's pages too.
    before = Evidence.objects.using(using).filter(pk=instance.pk).values_list("quote", flat=True)
    instance._quotes_before = set(before) if instance.pk else set()


@receiver(post_save, sender=Evidence, dispatch_uid="invalidation-evidence")
@receiver(post_delete, sender=Evidence, dispatch_uid="invalidation-evidence-deleted")
def evidence_changed(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    """What a quote was checked against shows on its page and its article's: those, if public."""
    quotes = instance.__dict__.pop("_quotes_before", set()) | {instance.quote_id}
    rows = Quote.objects.using(using).filter(pk__in=quotes).values_list("pk", "article")
    public = public_among({article for _, article in rows}, using)
    tags = {f"quote-{pk}" for pk, article in rows if article in public} | {f"article-{pk}" for pk in public}
    if tags:
        invalidate({"content", *tags}, using=using)


@receiver(m2m_changed, sender=Article.topics.through, dispatch_uid="invalidation-topics")
@receiver(m2m_changed, sender=Article.states.through, dispatch_uid="invalidation-states")
def article_named_changed(sender, instance, action, reverse, model, pk_set, using=DEFAULT_DB_ALIAS, **kwargs):
    """Topics or states covered, from either side (article.topics.add(), topic.articles.add())."""
    name = "topic" if sender is Article.topics.through else "state"
    if action == "pre_clear":  # which ones, before they're gone
        related = getattr(instance, "articles" if reverse else f"{name}s")
        instance._cleared = set(related.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    others = instance.__dict__.pop("_cleared", set()) if action == "post_clear" else set(pk_set or ())
    articles, named = (others, {instance.pk}) if reverse else ({instance.pk}, others)
    public = public_among(articles, using)
    if public:
        tags = {
            "content",
            f"{name}-list",
            *(f"article-{pk}" for pk in public),
            *(filed(f"{name}-{pk}") for pk in named),
        }
        invalidate(tags, using=using)


@receiver(post_save, sender=Outlet, dispatch_uid="invalidation-outlet")
@receiver(post_save, sender=Topic, dispatch_uid="invalidation-topic")
@receiver(post_delete, sender=Outlet, dispatch_uid="invalidation-outlet-deleted")
@receiver(post_delete, sender=Topic, dispatch_uid="invalidation-topic-deleted")
def named_changed(sender, instance, using=DEFAULT_DB_ALIAS, signal=None, **kwargs):
    # Rare edits: the lists and the filter forms' choices too, whether or not the name changed.
    tags = {"content", tag_of(instance), list_tag(sender), f"{sender._meta.model_name}-choices"}
    invalidate(tags, hard=signal is post_delete, using=using)
