"""Keeping InvolvedState (the states each article involves) current as its sources change:
the states an article covers, its quotes, and the home states of the people quoted; and the
readers' tallies (articles/tallies.py)."""

import datetime

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from media.models import Image
from people.merge import merging
from people.models import Author, Person, Position, State, offices_changed

from . import richtext, statements, tallies
from .invalidation import article_changed
from .models import Article, Byline, Figure, InvolvedState, Outlet, Quote, QuoteProposal, Statement, Topic


def _deleting_articles(origin):
    """Whether a row goes because its article is being deleted (its tallies are the article's to refresh)."""
    return isinstance(origin, Article) or (isinstance(origin, QuerySet) and origin.model is Article)


def involve(articles):
    """Refresh the InvolvedState rows of `articles` (keys, or a query of keys), and the kept
    counts of the states they involved or involve now if one of them is public."""
    states = InvolvedState.objects.refresh(articles)
    if states and _public(articles):
        tallies.refresh_states(states)


@receiver(m2m_changed, sender=Article.states.through, dispatch_uid="involved-covered")
def covered_states_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # article.states.add(...) and the like
        if action.startswith("post_"):
            involve([instance.pk])
    elif action == "pre_clear":  # state.articles.clear(): which articles, before they're gone
        instance._involved_articles = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        involve(instance.__dict__.pop("_involved_articles", []))
    elif action in ("post_add", "post_remove"):
        involve(list(pk_set))


@receiver(pre_save, sender=Article, dispatch_uid="article-body-cleaned-raw")
def article_will_save_raw(sender, instance, raw=False, **kwargs):
    # A restored version (django-reversion) or loaddata saves raw, past Article.save(): its body
    # is cleaned all the same, and its plain text and fingerprint read again.
    if raw:
        instance.clean_body()


@receiver(pre_save, sender=Quote, dispatch_uid="involved-quote-moves")
def quote_will_save(sender, instance, **kwargs):
    # A quote moved to another article leaves the first one too.
    instance._involved_articles = (
        set(Quote.objects.filter(pk=instance.pk).values_list("article", flat=True)) if instance.pk else set()
    )


@receiver(post_save, sender=Quote, dispatch_uid="involved-quote")
def quote_saved(sender, instance, **kwargs):
    involve(list(instance.__dict__.pop("_involved_articles", set()) | {instance.article_id}))


@receiver(post_delete, sender=Quote, dispatch_uid="involved-quote-deleted")
def quote_deleted(sender, instance, origin=None, **kwargs):
    # When the article itself is being deleted, its rows go with it.
    deleting_articles = _deleting_articles(origin)
    if not deleting_articles:
        involve([instance.article_id])


@receiver(pre_save, sender=Person, dispatch_uid="involved-person-moves")
def person_will_save(sender, instance, **kwargs):
    before = Person.objects.filter(pk=instance.pk).values_list("state", flat=True) if instance.pk else []
    instance._involved_state_before = next(iter(before), None)


@receiver(post_save, sender=Person, dispatch_uid="involved-person")
def person_saved(sender, instance, created, **kwargs):
    if not created and instance.__dict__.pop("_involved_state_before", None) != instance.state_id:
        involve(Quote.objects.filter(speaker=instance).values("article"))


# The readers' tallies (articles/tallies.py): recomputed for the people and states a change affects,
# in the change's transaction. Nothing readers can't see (a draft's quotes) costs a recount.


def _public(article_ids):
    return Article.objects.filter(pk__in=article_ids, counted=True).exists()


@receiver(pre_save, sender=Quote, dispatch_uid="tallies-quote-moves")
def quote_will_save_tallies(sender, instance, **kwargs):
    before = Quote.objects.filter(pk=instance.pk).values_list("article", "speaker", "said_on") if instance.pk else []
    instance._tallied_before = next(iter(before), None)


@receiver(post_save, sender=Quote, dispatch_uid="tallies-quote")
def quote_saved_tallies(sender, instance, **kwargs):
    # Where it counted before (another speaker, month or article, perhaps) and where it counts now.
    before = instance.__dict__.pop("_tallied_before", None)
    articles, quotes = {instance.article_id}, {(instance.speaker_id, instance.said_on)}
    if before:
        articles.add(before[0])
        quotes.add(before[1:])
    if _public(articles):
        tallies.refresh_quotes(quotes, sources=tallies.sources_of(articles))


@receiver(post_delete, sender=Quote, dispatch_uid="tallies-quote-deleted")
def quote_deleted_tallies(sender, instance, origin=None, **kwargs):
    deleting_articles = _deleting_articles(origin)
    if not deleting_articles and _public([instance.article_id]):
        sources = tallies.sources_of([instance.article_id])
        tallies.refresh_quotes([(instance.speaker_id, instance.said_on)], sources=sources)


@receiver(post_save, sender=Article, dispatch_uid="tallies-article")
def article_saved_tallies(sender, instance, created, **kwargs):
    # Article.save() has set `counted` to whether readers see it now; the row held what the tallies count.
    was_counted = instance.__dict__.pop("_counted_before", False)
    outlet_before = instance.__dict__.pop("_outlet_before", None)
    if was_counted != instance.counted or (instance.counted and getattr(instance, "_dated_quotes", 0)):
        tallies.refresh_articles([instance.pk])
    if (was_counted or instance.counted) and outlet_before != instance.outlet_id:
        tallies.refresh_outlets([pk for pk in (outlet_before, instance.outlet_id) if pk is not None])
        # Its quotes in the outlet it left, and the one it joined (already recounted if it went live).
        outlets = {("outlet", pk) for pk in (outlet_before, instance.outlet_id) if pk is not None}
        tallies.refresh_sources_of([instance.pk], outlets)
    if instance.is_scheduled:
        tallies.check_again()


@receiver(pre_save, sender=Article, dispatch_uid="tallies-article-before")
def article_will_save_tallies(sender, instance, **kwargs):
    before = Article.objects.filter(pk=instance.pk).values_list("counted", "outlet") if instance.pk else []
    instance._counted_before, instance._outlet_before = next(iter(before), (False, None))


@receiver(pre_delete, sender=Article, dispatch_uid="tallies-article-deleting")
def article_will_delete_tallies(sender, instance, **kwargs):
    if Article.objects.filter(pk=instance.pk, counted=True).exists():
        instance._tallied = (
            set(instance.quotes.values_list("speaker", "said_on")),
            list(InvolvedState.objects.filter(article=instance).values_list("state", flat=True)),
            list(instance.topics.values_list("pk", flat=True)),
            Article.objects.filter(pk=instance.pk).values_list("outlet", flat=True).get(),
            list(instance.bylines.values_list("author", flat=True)),
        )


@receiver(post_delete, sender=Article, dispatch_uid="tallies-article-deleted")
def article_deleted_tallies(sender, instance, **kwargs):
    if tallied := instance.__dict__.pop("_tallied", None):
        quotes, states, topics, outlet, authors = tallied
        sources = {("topic", pk) for pk in topics} | {("author", pk) for pk in authors}
        tallies.refresh_quotes(quotes, sources=sources | ({("outlet", outlet)} if outlet is not None else set()))
        tallies.refresh_states(states)
        tallies.refresh_topics(topics)
        tallies.refresh_authors(authors)
        tallies.refresh_outlets([outlet] if outlet is not None else [])
        tallies.refresh_total()


@receiver(pre_save, sender=Byline, dispatch_uid="tallies-byline-moves")
def byline_will_save_tallies(sender, instance, **kwargs):
    before = Byline.objects.filter(pk=instance.pk).values_list("article", "author") if instance.pk else []
    instance._tallied_before = next(iter(before), None)


@receiver(post_save, sender=Byline, dispatch_uid="tallies-byline")
@receiver(post_delete, sender=Byline, dispatch_uid="tallies-byline-deleted")
def byline_changed_tallies(sender, instance, origin=None, **kwargs):
    # An author's count of published articles, before and after (a byline moved to another author).
    deleting_articles = _deleting_articles(origin)
    before = instance.__dict__.pop("_tallied_before", None)
    articles, authors = {instance.article_id}, {instance.author_id}
    if before:
        articles.add(before[0])
        authors.add(before[1])
    if not deleting_articles and _public(articles):
        tallies.refresh_authors(sorted(authors))
        tallies.refresh_sources_of(sorted(articles), {("author", pk) for pk in authors})  # whom they quote


@receiver(m2m_changed, sender=Article.states.through, dispatch_uid="tallies-covered")
def covered_states_changed_tallies(sender, instance, action, reverse, pk_set, **kwargs):
    _tagged_changed(instance, action, reverse, pk_set, ("articles", "states"), tallies.refresh_states)


@receiver(m2m_changed, sender=Article.topics.through, dispatch_uid="tallies-topics")
def topics_changed_tallies(sender, instance, action, reverse, pk_set, **kwargs):
    _tagged_changed(instance, action, reverse, pk_set, ("articles", "topics"), tallies.refresh_topics)


@receiver(m2m_changed, sender=Article.topics.through, dispatch_uid="tallies-topics-quotes")
def topics_changed_sources(sender, instance, action, reverse, pk_set, **kwargs):
    # The Sources page by topic (SourceCount): the quotes of the published articles re-tagged.
    if action == "pre_clear":  # which articles or topics, before they're gone
        instance._sourced = list(getattr(instance, "articles" if reverse else "topics").values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    others = instance.__dict__.pop("_sourced", []) if action == "post_clear" else list(pk_set or ())
    articles, topics = (others, [instance.pk]) if reverse else ([instance.pk], others)
    public = list(Article.objects.filter(pk__in=articles, counted=True).values_list("pk", flat=True))
    if public and topics:
        tallies.refresh_sources_of(public, {("topic", pk) for pk in topics})


def _tagged_changed(instance, action, reverse, pk_set, fields, refresh):
    """The counts of the states or topics (`refresh` recounts them) an article is tagged with,
    after a change of its tags (forward: article.topics.add()) or of a tag's articles (reverse)."""
    if action == "pre_clear":  # which tags or articles, before they're gone
        instance._tallied_tags = list(
            getattr(instance, fields[0] if reverse else fields[1]).values_list("pk", flat=True)
        )
        return
    if not action.startswith("post_"):
        return
    changed = instance.__dict__.pop("_tallied_tags", []) if action == "post_clear" else list(pk_set or ())
    if reverse:  # state.articles.add(...): this tag, if any of those articles is public
        if _public(changed):
            refresh([instance.pk])
    elif _public([instance.pk]):  # (the row's flag: go_live() may have set it since this was loaded)
        refresh(changed)


@receiver(post_save, sender=Person, dispatch_uid="tallies-person")
def person_saved_tallies(sender, instance, created, update_fields=None, **kwargs):
    # A save writes every field, the total too: the one the instance was loaded with, perhaps
    # before a quote was added. Recount it (the person's old and new home states included).
    if created:
        return
    before = instance.__dict__.get("_tallied_groups_before")
    moved_from = before[2] if before else None
    if before is not None and before != tuple(getattr(instance, field) for field in tallies.GROUPS):
        tallies.refresh_groups([instance.pk])
    if update_fields is None or "published_quote_count" in update_fields:
        tallies.refresh_person_totals([instance.pk])
    elif "state" in update_fields:
        tallies.refresh_states([instance.state_id] if instance.state_id else [])
    if moved_from and moved_from != instance.state_id:
        tallies.refresh_states([moved_from])


@receiver(pre_save, sender=Person, dispatch_uid="tallies-person-before")
def person_will_save_tallies(sender, instance, **kwargs):
    # Their groups as their kept rows hold them (articles.models.SpeakerGroups): party, gender, state.
    before = Person.objects.filter(pk=instance.pk).values_list(*tallies.GROUPS) if instance.pk else []
    instance._tallied_groups_before = next(iter(before), None)


@receiver(post_save, sender=Topic, dispatch_uid="tallies-topic")
@receiver(post_save, sender=Outlet, dispatch_uid="tallies-outlet")
@receiver(post_save, sender=Author, dispatch_uid="tallies-author")
def tag_saved_tallies(sender, instance, created, update_fields=None, **kwargs):
    # As for a state: a save (a rename in the admin) writes back the count it was loaded with.
    refresh = {Topic: tallies.refresh_topics, Outlet: tallies.refresh_outlets, Author: tallies.refresh_authors}
    if not created and (update_fields is None or "public_article_count" in update_fields):
        refresh[sender]([instance.pk])


@receiver(post_save, sender=State, dispatch_uid="tallies-state")
def state_saved_tallies(sender, instance, created, update_fields=None, **kwargs):
    # As for a person: a save writes back the counts the instance was loaded with.
    kept = {"public_person_count", "public_article_count", "involved_article_count"}
    if update_fields is None or kept & set(update_fields):
        tallies.refresh_states([instance.pk])


@receiver(pre_save, sender=Position, dispatch_uid="tallies-position-before")
def position_will_save_tallies(sender, instance, raw=False, **kwargs):
    before = Position.objects.filter(pk=instance.pk).values_list(*HELD, "start_precision", "level", "title")
    instance._held_before = before.first() if instance.pk and not raw else None


HELD = ("person", "start_date", "end_date")


@receiver(post_save, sender=Position, dispatch_uid="tallies-position")
@receiver(post_delete, sender=Position, dispatch_uid="tallies-position-deleted")
def position_saved_tallies(sender, instance, raw=False, signal=None, **kwargs):
    # The level of office each quote was said in (MonthlyQuoteCount.level, SourceCount.level)
    # follows the positions: recounted for the quotes said while it was held, before and after.
    if raw:
        return
    after = (instance.person_id, instance.start_date, instance.end_date)
    spans = {after}
    if before := instance.__dict__.pop("_held_before", None):
        same = before[:2] + before[3:] == (*after[:2], instance.start_precision, instance.level, instance.title)
        if same and signal is post_save:  # only its end moved (an office left): the time between
            ends = sorted((before[2], after[2]), key=lambda day: day or datetime.date.max)
            spans = {(after[0], *ends)}
        else:
            spans.add(before[:3])
    quoted = {person for person, _, _ in spans if Quote.objects.filter(speaker=person).exists()}
    if spans := {span for span in spans if span[0] in quoted}:
        tallies.refresh_offices(spans)


@receiver(offices_changed, dispatch_uid="tallies-offices")
def offices_changed_tallies(sender, people, **kwargs):
    """Recount the months of those of `people` who have quotes: by level of office, which the
    change may have moved (a person's quotes, read off quote_speaker_said_on_idx)."""
    quoted = set(Quote.objects.filter(speaker__in=people).values_list("speaker", flat=True).distinct())
    if quoted:
        tallies.refresh_people(sorted(quoted))


@receiver(merging, sender=Person, dispatch_uid="articles-person-merging")
def person_merging(sender, survivor, others, **kwargs):
    """People merged into `survivor` (people/merge.py): their quotes and proposals become its.

    Housekeeping, not an editorial change: a published quote's speaker changes here with no
    correction (QuoteCorrectionForm asks for one when an editor reattributes a quote, because
    readers were told something else; a duplicate person is the same speaker under two rows).
    The quotes move by an update, so no signal counts them one by one: the tallies, states
    involved and readers' pages are brought up to date below, in the merge's transaction.
    """
    quotes = Quote.objects.filter(speaker__in=others)
    articles = set(quotes.values_list("article", flat=True))
    # The same words in one article attributed to two of them are one quote: the survivor's, or the first.
    kept = set(Quote.objects.filter(speaker=survivor, article__in=articles).values_list("article", "text"))
    duplicates = []
    for pk, article, text in quotes.order_by("pk").values_list("pk", "article", "text"):
        if (article, text) in kept:
            duplicates.append(pk)
        kept.add((article, text))
    Quote.objects.filter(pk__in=duplicates).delete()
    moved = list(quotes.values_list("pk", flat=True))
    quotes.update(speaker=survivor)
    # Their quotes join the survivor's statements: the same words said under two names are one.
    statements.rematch(Quote.objects.filter(pk__in=moved))
    QuoteProposal.objects.filter(person__in=others).update(person=survivor)
    # An editor's form of these articles, opened before the merge, is stale now.
    Article.objects.filter(pk__in=articles).update(updated_at=timezone.now())
    involve(articles)
    tallies.refresh_people([survivor.pk, *(person.pk for person in others)])
    # Pages naming the others link to addresses that now redirect: none is served stale.
    article_changed(articles, hard=True)


@receiver(post_save, sender=Article, dispatch_uid="figures-of-body")
def figures_of_body(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """The Figure rows of the pictures the body places, as it is now (a save that left the body
    and the status alone changes none). A figure naming no picture of the library gets no row: the
    article can't be published so (Article.image_problems); once that picture exists, publishing
    makes its row, and it is protected from deletion."""
    if update_fields is not None and not {"body", "status"} & set(update_fields):
        return
    wanted = richtext.figures(instance.body)
    if not created:
        Figure.objects.filter(article=instance).exclude(image__in=wanted).delete()
    if wanted:
        existing = Image.objects.filter(pk__in=wanted).values_list("pk", flat=True)
        rows = [Figure(article=instance, image_id=pk) for pk in existing]
        Figure.objects.bulk_create(rows, ignore_conflicts=True)


# The same statement across articles (articles/statements.py): found as a quote is saved, before its
# row is written; the statements it left and joined recounted after, in the same transaction.


@receiver(pre_save, sender=Quote, dispatch_uid="statement-quote-matching")
def quote_will_save_statement(sender, instance, raw=False, using="default", **kwargs):
    before = (
        Quote.objects.using(using)
        .filter(pk=instance.pk)
        .values_list("statement", "text", "speaker", "article")
        .first()
        if instance.pk
        else None
    )
    instance._statement_before = (before[0], before[3]) if before else (None, None)
    if raw and instance.statement_id and not Statement.objects.using(using).filter(pk=instance.statement_id).exists():
        instance.statement = None  # a restored version naming a statement since deleted
    unchanged = before is not None and before[:3] == (instance.statement_id, instance.text, instance.speaker_id)
    if instance.statement_split or not unchanged or instance.statement_id is None:
        instance.statement = instance._statement_matched = statements.match(instance, using=using)


@receiver(post_save, sender=Quote, dispatch_uid="statement-quote")
def quote_saved_statement(sender, instance, using="default", **kwargs):
    statement_before, article_before = instance.__dict__.pop("_statement_before", (None, None))
    if (matched := instance.__dict__.pop("_statement_matched", None)) is not None:
        statements.take_fuller_words(matched, using=using)
    if _public({article_before, instance.article_id} - {None}):
        statements.refresh({statement_before, instance.statement_id}, using=using)
    elif statement_before != instance.statement_id:  # readers saw neither: no count changed
        statements.drop_empty([statement_before], using=using)


@receiver(post_delete, sender=Quote, dispatch_uid="statement-quote-deleted")
def quote_deleted_statement(sender, instance, using="default", **kwargs):
    # (Deleted with its article, the article's row is still there: its quotes go first.)
    if instance.statement_id is None:
        return
    if _public([instance.article_id]):
        statements.refresh([instance.statement_id], using=using)
    else:
        statements.drop_empty([instance.statement_id], using=using)


@receiver(pre_save, sender=Article, dispatch_uid="statement-article-before")
def article_will_save_statement(sender, instance, using="default", **kwargs):
    before = Article.objects.using(using).filter(pk=instance.pk).values_list("counted", "published_at")
    instance._statement_order_before = next(iter(before), None) if instance.pk else None


@receiver(post_save, sender=Article, dispatch_uid="statement-article")
def article_saved_statement(sender, instance, using="default", **kwargs):
    # Published or unpublished, its quotes' statements are recounted by tallies.refresh_articles;
    # still published with a new date, which of their appearances came first may have changed.
    before = instance.__dict__.pop("_statement_order_before", None)
    if before and before[0] and instance.counted and before[1] != instance.published_at:
        statements.refresh(instance.quotes.using(using).values_list("statement", flat=True), using=using)
