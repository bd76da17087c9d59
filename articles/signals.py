"""Keeping InvolvedState (the states each article involves) current as its sources change:
the states an article covers, its quotes, and the home states of the people quoted."""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from people.models import Person

from .models import Article, InvolvedState, Quote


@receiver(m2m_changed, sender=Article.states.through, dispatch_uid="involved-covered")
def covered_states_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # article.states.add(...) and the like
        if action.startswith("post_"):
            InvolvedState.objects.refresh([instance.pk])
    elif action == "pre_clear":  # state.articles.clear(): which articles, before they're gone
        instance._involved_articles = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        InvolvedState.objects.refresh(instance.__dict__.pop("_involved_articles", []))
    elif action in ("post_add", "post_remove"):
        InvolvedState.objects.refresh(list(pk_set))


@receiver(pre_save, sender=Quote, dispatch_uid="involved-quote-moves")
def quote_will_save(sender, instance, **kwargs):
    # A quote moved to another article leaves the first one too.
    instance._involved_articles = (
        set(Quote.objects.filter(pk=instance.pk).values_list("article", flat=True)) if instance.pk else set()
    )


@receiver(post_save, sender=Quote, dispatch_uid="involved-quote")
def quote_saved(sender, instance, **kwargs):
    InvolvedState.objects.refresh(list(instance.__dict__.pop("_involved_articles", set()) | {instance.article_id}))


@receiver(post_delete, sender=Quote, dispatch_uid="involved-quote-deleted")
def quote_deleted(sender, instance, origin=None, **kwargs):
    # When the article itself is being deleted, its rows go with it.
    deleting_articles = isinstance(origin, Article) or (isinstance(origin, QuerySet) and origin.model is Article)
    if not deleting_articles:
        InvolvedState.objects.refresh([instance.article_id])


@receiver(pre_save, sender=Person, dispatch_uid="involved-person-moves")
def person_will_save(sender, instance, **kwargs):
    before = Person.objects.filter(pk=instance.pk).values_list("state", flat=True) if instance.pk else []
    instance._involved_state_before = next(iter(before), None)


@receiver(post_save, sender=Person, dispatch_uid="involved-person")
def person_saved(sender, instance, created, **kwargs):
    if not created and instance.__dict__.pop("_involved_state_before", None) != instance.state_id:
        InvolvedState.objects.refresh(Quote.objects.filter(speaker=instance).values("article"))
