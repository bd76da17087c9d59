from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q

from newsroom.dependencies import tag_of

from . import images


def original_path(image, filename):
    """Named by the content: a new upload never overwrites a file a page may still name."""
    return f"images/{image.digest[:2]}/{image.digest[2:16]}/original.{image.format}"


class ImageQuerySet(models.QuerySet):
    def described(self):
        """Those that may appear on a published page: with alt text."""
        return self.exclude(alt_text="")


class Image(models.Model):
    """A picture in the media library: the original (metadata stripped), what it shows, who made it,
    where to cut it, and its renditions, made once when it or its focal point is saved."""

    original = models.FileField(upload_to=original_path, max_length=200)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for readers who can't see it. Required before the picture can "
        "appear on a published page.",
    )
    caption = models.TextField(blank=True, help_text="Shown under the picture in an article.")
    credit = models.CharField(max_length=200, blank=True, help_text="e.g. Jane Doe / Boston Herald")
    licence = models.CharField(max_length=200, blank=True, help_text="e.g. All rights reserved, CC BY 4.0")
    source = models.CharField(max_length=300, blank=True, help_text="Where it came from: an agency, a URL, a handout.")
    focal_x = models.PositiveSmallIntegerField(
        "focal point, across (%)", default=50, help_text="0 is the left edge, 100 the right."
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point, down (%)", default=50, help_text="0 is the top, 100 the bottom."
    )
    # Read off the original when it is uploaded (media.images.read).
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    format = models.CharField(max_length=4, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    # [{"shape", "format", "width", "height", "name"}], and "for": the digest and focal point they
    # were cut for. Kept on the row so that a page names them with no query or storage call.
    renditions = models.JSONField(default=dict, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(focal_x__lte=100, focal_y__lte=100), name="image_focal_point_in_frame"),
            models.CheckConstraint(condition=Q(format__in=["jpeg", "png", "webp"]), name="image_format_known"),
        ]

    def __str__(self):
        label = self.alt_text or self.caption or "No alt text yet"
        label = label if len(label) <= 60 else label[:59] + "…"
        return f"{label} ({self.width} × {self.height}, #{self.pk})"

    def save(self, *args, **kwargs):
        wanted = [self.digest, self.focal_x, self.focal_y]
        if self.renditions.get("for") != wanted:
            self.renditions = self.make_renditions()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "renditions"}
        super().save(*args, **kwargs)

    def cache_tags(self):
        return {tag_of(self)}

    def set_original(self, original):
        """Take an uploaded picture (media.images.Original) as this image's original."""
        self.width, self.height, self.format = original.width, original.height, original.format
        self.digest = original.digest
        self.original = ContentFile(original.data, name=f"original.{original.format}")

    def make_renditions(self):
        """Cut and store every rendition (media.images.renditions): about a second for a large photograph."""
        self.original.open("rb")
        try:
            data = self.original.read()
        finally:
            self.original.close()
        base = f"images/{self.digest[:2]}/{self.digest[2:16]}"
        made = []
        for info, content in images.renditions(data, self.focal_x, self.focal_y):
            focal = "" if info["shape"] == "wide" else f"-{self.focal_x}-{self.focal_y}"
            name = f"{base}/{info['shape']}{focal}-{info['width']}.{info['format']}"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(content))
            made.append(info | {"name": name})
        return {"for": [self.digest, self.focal_x, self.focal_y], "files": made}

    def files(self):
        """The names of the original and every rendition, in storage."""
        return [self.original.name, *(item["name"] for item in self.renditions.get("files", []))]

    def sources(self, shape):
        """{format: [(url, width, height)]} of `shape`, narrowest first. No query, no storage call
        (the storage's url() builds the address)."""
        found = {}
        for item in self.renditions.get("files", []):
            if item["shape"] == shape:
                url = default_storage.url(item["name"])
                found.setdefault(item["format"], []).append((url, item["width"], item["height"]))
        return {kind: sorted(found[kind], key=lambda entry: entry[1]) for kind in found}

    def largest(self, shape, kind="jpeg"):
        """(url, width, height) of the widest rendition of `shape` in `kind`, or None."""
        found = self.sources(shape).get(kind)
        return found[-1] if found else None

    @property
    def can_appear(self):
        """Whether a published page may show it: described, and cut into renditions."""
        return bool(self.alt_text.strip() and self.renditions.get("files"))
