"""Which cached pages, fragments and remembered values a change to people, places and bylines
makes stale (newsroom.dependencies). A row's own tag always (nothing depends on it unless
readers can see it); the lists too when what orders or groups them changed; deletions hard.
(Articles and quotes: articles/invalidation.py.)"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from newsroom.dependencies import filed, invalidate, list_tag, tag_of

from .models import Author, Person, Position, State

# The fields a list orders or groups by: a change to one moves the row in its lists.
# A person's party and gender group them on the Sources page (and ?party= filters the people list).
LISTED_BY = {Person: ("name", "sort_name", "state_id", "party", "gender"), Author: ("name",), State: ("name", "slug")}
# Which group each person is counted in on the Sources page (their state, party and gender, the last
# three of LISTED_BY[Person]): what counts their quotes by group depends on it, not on `person-list`,
# which every quote published anywhere changes.
GROUPS = "person-groups"


@receiver(pre_save, sender=Person, dispatch_uid="invalidation-person-before")
@receiver(pre_save, sender=Author, dispatch_uid="invalidation-author-before")
@receiver(pre_save, sender=State, dispatch_uid="invalidation-state-before")
def listed_will_save(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    fields = LISTED_BY[sender]
    instance._listed_before = sender.objects.using(using).filter(pk=instance.pk).values_list(*fields).first()


@receiver(post_save, sender=Person, dispatch_uid="invalidation-person")
@receiver(post_save, sender=Author, dispatch_uid="invalidation-author")
@receiver(post_save, sender=State, dispatch_uid="invalidation-state")
@receiver(post_delete, sender=Person, dispatch_uid="invalidation-person-deleted")
@receiver(post_delete, sender=Author, dispatch_uid="invalidation-author-deleted")
@receiver(post_delete, sender=State, dispatch_uid="invalidation-state-deleted")
def listed_changed(sender, instance, using=DEFAULT_DB_ALIAS, signal=None, **kwargs):
    before = instance.__dict__.pop("_listed_before", None)
    after = tuple(getattr(instance, field) for field in LISTED_BY[sender])
    tags = {"content", tag_of(instance)}
    if signal is post_delete or before != after:
        tags |= {list_tag(sender), f"{sender._meta.model_name}-choices"}
        if sender is Person:
            # Its states' pages list it, and ?state= lists follow its quotes there.
            states = {before[2] if before else None, instance.state_id} - {None}
            tags |= {"state-list", *(filed(f"state-{code}") for code in states)}
            if before is None or before[2:] != after[2:]:
                tags.add(GROUPS)
    invalidate(tags, hard=signal is post_delete, using=using)


@receiver(post_save, sender=Position, dispatch_uid="invalidation-position")
@receiver(post_delete, sender=Position, dispatch_uid="invalidation-position-deleted")
def position_changed(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    # A person's office shows beside their name wherever it appears, their state's page included
    # (which lists its officials by office under what is filed under the state rather than
    # hundreds of people's tags).
    home = Person.objects.using(using).filter(pk=instance.person_id).values_list("state", flat=True)
    # And which offices are held, by whom (the Sources page: `position-list`).
    tags = {
        "content",
        "position-list",
        f"person-{instance.person_id}",
        *(filed(f"state-{code}") for code in home if code),
    }
    invalidate(tags, using=using)
