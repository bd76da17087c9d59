from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html

from newsroom.admin import SEARCH_MAX_LENGTH, ListAdmin
from newsroom.forms import StaleEditForm

from . import images, usage
from .models import Image


class ImageForm(StaleEditForm):
    """The library's form: the upload read by its content (media.images.read), alt text kept while the
    picture appears on a published page, and a save based on a version someone has changed since refused."""

    class Meta:
        model = Image
        fields = ["original", "alt_text", "caption", "credit", "licence", "source", "focal_x", "focal_y"]
        labels = {"original": "Picture"}
        help_texts = {
            "original": f"JPEG, PNG or WebP, at most {images.megabytes(images.MAX_BYTES)} and "
            f"{images.MAX_PIXELS // 1_000_000} megapixels. Camera data (EXIF, GPS position) is removed.",
        }
        widgets = {
            "original": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "caption": forms.Textarea(attrs={"rows": 3}),
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 100}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if upload is None or upload is False or "original" not in self.changed_data:
            if upload is False:
                raise forms.ValidationError("A picture can't be removed from its library entry; delete the entry.")
            return upload
        try:
            self.read = images.read(upload)
        except images.Refused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload

    def clean_focal_x(self):
        return self._percentage("focal_x")

    def clean_focal_y(self):
        return self._percentage("focal_y")

    def _percentage(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not 0 <= value <= 100:
            raise forms.ValidationError("A percentage from 0 to 100.")
        return value

    def clean_alt_text(self):
        alt = " ".join(self.cleaned_data.get("alt_text", "").split())
        if not alt and self.instance.pk:
            where = usage.shown_publicly([self.instance.pk]).get(self.instance.pk)
            if where:
                raise forms.ValidationError(
                    f"Alt text is required: this picture appears on a published page ({where})."
                )
        return alt

    def save(self, commit=True):
        if getattr(self, "read", None) is not None:
            self.instance.set_original(self.read)
        return super().save(commit)


@admin.register(Image)
class ImageAdmin(ListAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt_column", "credit", "size", "uploaded_at"]
    list_display_links = ["thumbnail", "alt_column"]
    search_fields = ["alt_text", "caption", "credit", "source"]
    search_help_text = "Words in the alt text, caption, credit or source."
    date_hierarchy = "uploaded_at"
    readonly_fields = ["preview", "in_body", "size"]
    fieldsets = [
        (None, {"fields": ["original", "preview", "size", "loaded_at"]}),
        ("Description", {"fields": ["alt_text", "caption", "credit", "licence", "source"]}),
        (
            "Crop",
            {
                "fields": ["focal_x", "focal_y"],
                "description": "Square portraits and social cards are cut "
                "around this point: click the preview to set it.",
            },
        ),
        ("Use", {"fields": ["in_body"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/focal-point.js"]

    # At most this many pictures answer one search of the body editor's picture button.
    PICKED = 12

    def get_urls(self):
        pick = path("pick/", self.admin_site.admin_view(self.pick_view), name="media_image_pick")
        return [pick, *super().get_urls()]

    def pick_view(self, request):
        """The body editor's picture button (static/js/body-figure.js): the newest pictures whose alt
        text, caption, credit or source hold `q` (the list's own search), or the one numbered `id`,
        as JSON for the editor to show as text (never as markup). Staff who may view the library
        only; a number that isn't one answers 400. One query."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        found = Image.objects.order_by("-uploaded_at", "-pk")
        if "id" in request.GET:
            wanted = request.GET["id"]
            if not (wanted.isascii() and wanted.isdigit() and len(wanted) < 19):
                return JsonResponse({"error": "id: a picture's number."}, status=400)
            found = found.filter(pk=wanted)
        elif len(term := request.GET.get("q", "").strip()) > SEARCH_MAX_LENGTH:
            found = found.none()  # as the list's search box
        else:
            found, _ = self.get_search_results(request, found, term)
        return JsonResponse({"results": [self.picked(image) for image in found[: self.PICKED]]})

    @staticmethod
    def picked(image):
        square = image.sources("square").get("jpeg") or [(None, None, None)]
        url, width, height = square[0]
        return {
            "id": image.pk,
            "alt": image.alt_text,
            "caption": image.caption,
            "credit": image.credit,
            "thumbnail": {"url": url, "width": width, "height": height} if url else None,
            # Without it, an article showing the picture can't be published (Article.image_problems).
            "can_appear": image.can_appear,
        }

    @admin.display(description="picture")
    def thumbnail(self, image):
        # Shown to editors with or without alt text (readers never see one without).
        found = image.sources("square").get("jpeg")
        if not found:
            return "—"
        url, width, height = found[0]
        return format_html(
            '<span class="admin-thumb"><img src="{}" width="{}" height="{}" alt="{}" loading="lazy"></span>{}',
            url,
            width,
            height,
            image.alt_text,
            "" if image.alt_text else format_html('<span class="errornote">No alt text</span>'),
        )

    @admin.display(description="alt text", ordering="alt_text")
    def alt_column(self, image):
        return image.alt_text or "—"

    @admin.display(description="size")
    def size(self, image):
        return f"{image.width} × {image.height} px, {image.format.upper()}" if image.pk else "—"

    @admin.display(description="preview")
    def preview(self, image):
        if not image.pk:
            return "Shown once uploaded."
        found = image.largest("wide", "jpeg")
        if found is None:
            return "—"
        url, width, height = found
        return format_html(
            '<div class="focal-preview"><img src="{}" width="{}" height="{}" alt="{}" data-focal-x="{}" '
            'data-focal-y="{}"><span class="focal-mark"></span></div>',
            url,
            width,
            height,
            image.alt_text or "Preview",
            image.focal_x,
            image.focal_y,
        )

    @admin.display(description="in an article body")
    def in_body(self, image):
        if not image.pk:
            return "Once saved: pick it with the picture button of an article's body, or as a lead image."
        return format_html(
            "Picture #{}: pick it with the picture button of an article's body, or paste "
            '<code>&lt;figure data-image="{}"&gt;&lt;/figure&gt;</code> in its HTML view.',
            image.pk,
            image.pk,
        )
