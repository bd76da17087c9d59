"""Copies kept in step with what they copy: a position's holder's party and gender
(Position.holder_party, holder_gender), as the position is saved and as its holder is. Signals
rather than save(), so that a restore from history (a raw save) keeps them too."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Person, Position


@receiver(pre_save, sender=Position, dispatch_uid="position-holder")
def position_will_save(sender, instance, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
    if update_fields is None:  # (a save of some fields: position_saved)
        holder = Person.objects.using(using).filter(pk=instance.person_id).values_list("party", "gender")
        instance.holder_party, instance.holder_gender = holder.first() or ("", "")


@receiver(post_save, sender=Position, dispatch_uid="position-holder-moved")
def position_saved(sender, instance, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
    if update_fields is not None and "person" in update_fields:  # given to someone else
        Position.objects.using(using).filter(pk=instance.pk).copy_holders()


@receiver(post_save, sender=Person, dispatch_uid="position-holder-groups")
def holder_saved(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    Position.objects.using(using).filter(person=instance).copy_holders()
