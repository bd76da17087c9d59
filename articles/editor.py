"""The article body's rich-text editor in the admin: django-prose-editor (ProseMirror via Tiptap),
limited to the markup richtext.ALLOWED_TAGS keeps, and the Content-Security-Policy its page needs.

The editor is a convenience: what it sends is still cleaned by nh3 on save (Article.clean_body),
so a tampered request stores no more than the textarea could. Quote marks (`<q data-quote="ID">`)
are a mark of their own (static/js/quote-mark.js) and figures (`<figure data-image="ID">`) a node
(static/js/body-figure.js), so an edit keeps them; each has its menu button (the selected words as
one of the article's quotes, or as a new one; a picture from the media library). A body holding markup the
editor doesn't know is edited as HTML in a textarea instead (editable()), never silently cut.

Its page needs two inline elements the site's policy refuses, each allowed by its hash (CSP
level 2), never by 'unsafe-inline', and only on the article form (ArticleAdmin.changeform_view):
- the `<script type="importmap">` django-js-asset renders, mapping "django-prose-editor/editor"
  to its static file: hashed as rendered here, so it follows STATIC_URL and the manifest's names;
- the `<style data-tiptap-style>` Tiptap adds with ProseMirror's base rules: a constant of the
  pinned release (TIPTAP_STYLE_HASH; tests/test_editor.py checks it against the installed file).
"""

import base64
import hashlib
import re

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse_lazy
from django_prose_editor.widgets import AdminProseEditorWidget

from . import richtext

# What richtext.clean() keeps, as the editor's extensions: no h1 or h4-h6, no images (a figure
# names a picture of the library), tables, code, underline, strike or target attribute; links to
# the web and mail only.
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    # The HTML view.
    "HTML": True,
    # static/js/quote-mark.js, static/js/body-figure.js
    "QuoteMark": True,
    "BodyFigure": True,
}

# The markup the editor reads and writes back (its extensions' tags and attributes, `b` and `i`
# coming back as `strong` and `em`; `rel` is nh3's own). A body holding anything else (markup the
# sanitiser allows and the editor doesn't know, such as a `lang` attribute or a later addition to
# richtext.ALLOWED_TAGS) is edited in the plain textarea instead (ArticleAdminForm), where nothing
# is lost unseen.
EDITABLE = {
    **dict.fromkeys(["p", "strong", "b", "em", "i", "h2", "h3", "ul", "ol", "li", "blockquote", "br"], frozenset()),
    "a": {"href", "title", "rel"},
    "q": {"data-quote"},
    "figure": {"data-image"},
}


def editable(body):
    """Whether the editor keeps all of `body` (richtext.clean()ed) when it is edited there."""
    for token in richtext.tokens(body):
        if token[0] == "start" and (token[1] not in EDITABLE or not token[2].keys() <= EDITABLE[token[1]]):
            return False
    return True


# The prefix of the article form's quote inline (Quote.article's related name).
QUOTE_INLINE = "quotes"

# sha256 of the CSS Tiptap 3 injects (its `style` constant, 1,329 characters in django-prose-editor
# 0.28.0's editor.js); recompute when upgrading (the test says so).
TIPTAP_STYLE_HASH = "sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA="


class BodyEditor(AdminProseEditorWidget):
    """The prose editor with the body's extensions and the modules of the quote mark and the figure.

    Its textarea names what their menu buttons use: the article form's quote inline, whose saved
    rows the quote button offers and whose empty row it fills with the selected words
    (static/js/quote-mark.js), and the media library's search for the picture button
    (media.admin.ImageAdmin.pick_view, static/js/body-figure.js)."""

    def __init__(self, attrs=None):
        attrs = {"data-quote-inline": QUOTE_INLINE, "data-picture-search": reverse_lazy("admin:media_image_pick")} | (
            attrs or {}
        )
        super().__init__(attrs=attrs, config={"extensions": EXTENSIONS}, preset="configurable")

    def get_config(self):
        config = super().get_config()
        return config | {
            "js_modules": [*config["js_modules"], static("js/quote-mark.js"), static("js/body-figure.js")]
        }


def _hash(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def importmap_hash():
    """The CSP hash of the import map the editor's media renders (its content, as the browser hashes it)."""
    (tag,) = BodyEditor().media.render_importmap()
    content = re.fullmatch(r'<script type="importmap">(.*)</script>', str(tag), flags=re.DOTALL)[1]
    return _hash(content)


def content_security_policy():
    """The site's policy, with the editor's import map and Tiptap's style allowed by their hashes."""
    return (
        f"{settings.CONTENT_SECURITY_POLICY}; script-src 'self' '{importmap_hash()}'; "
        f"style-src 'self' '{TIPTAP_STYLE_HASH}'"
    )
