"""What a change to a picture makes stale (newsroom.dependencies): every page showing it declares
`image-<pk>` (an article's lead image and figures, a person's portrait, an outlet's logo), so its
alt text, caption, credit or crop changes there at once. Deleting one is refused while anything
uses it (PROTECT); an unused one is invalidated hard all the same."""

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom.dependencies import invalidate, tag_of

from .models import Image


@receiver(post_save, sender=Image, dispatch_uid="invalidation-image")
@receiver(post_delete, sender=Image, dispatch_uid="invalidation-image-deleted")
def image_changed(sender, instance, using=DEFAULT_DB_ALIAS, signal=None, **kwargs):
    invalidate({tag_of(instance)}, hard=signal is post_delete, using=using)


@receiver(post_delete, sender=Image, dispatch_uid="image-files-deleted")
def image_deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    # Its files go once the deletion commits (nothing uses it: PROTECT), not if it rolls back.
    names = instance.files()
    storage = instance.original.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names], using=using)
