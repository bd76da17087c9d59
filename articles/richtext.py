"""An article body as HTML: the short list of markup it may hold, its plain text, and quote marks.

A body is stored as HTML cleaned by nh3 (a maintained sanitiser: html5ever's parser, ammonia's
rules) down to ALLOWED_TAGS, and cleaned again when rendered, so no editor, import or restored
version can store or show script, style, event handlers or `javascript:` links. Everything that
reads the body as words (search, feeds, JSON-LD, the fingerprint, the quote extractor) reads
plain_text(body), stored beside it as `Article.body_text`.

A quote is marked in the body as `<q data-quote="ID">words</q>`, ID being the `Quote`'s key;
the article page sets those words off and links them to the quote's permalink (articles/rendering.py).

A picture of the media library is placed as `<figure data-image="ID"></figure>`, ID being the
`media.Image`'s key: the page renders it, its caption and its credit from the library when it is
shown (articles/rendering.py), so the body holds no address, alt text or caption of its own.
"""

import html
import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "a", "strong", "b", "em", "i", "h2", "h3", "ul", "ol", "li", "blockquote", "br", "q", "figure"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "q": {"data-quote"}, "figure": {"data-image"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Their words end a paragraph of the plain text.
BLOCK_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "blockquote"}
QUOTE_MARK = "data-quote"
FIGURE_IMAGE = "data-image"


def _attribute_filter(tag, attribute, value):
    # Links only to the web and mail, absolute (no relative or scheme-less address slips past the
    # scheme list); a quote mark names a quote by its key, digits only.
    if attribute == "href":
        return value if re.match(r"(https?://|mailto:)", value.strip(), flags=re.IGNORECASE) else None
    if attribute in (QUOTE_MARK, FIGURE_IMAGE):
        return value if value.isascii() and value.isdigit() and len(value) < 19 else None
    # nh3 keeps `title` and `lang` on any tag; an empty one (the editor's link dialog leaves
    # title="") says nothing.
    return value if value.strip() else None


def clean(body):
    """`body` with only the allowed markup: other tags are dropped (their words kept), script and
    style with their content, comments, and any attribute not listed. Idempotent."""
    return nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def from_plain(text):
    """Plain text with blank lines between paragraphs as `<p>` paragraphs, every character
    escaped: what the body held before it was HTML (migration 0019, the importer)."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


def plain_text(body):
    """The words of an HTML body without markup, blocks (paragraphs, subheads, list items, block
    quotes) separated by a blank line, a line break as a newline, entities decoded. Reverses
    from_plain() exactly."""
    reader = _TextReader()
    reader.feed(body)
    reader.close()
    return reader.text()


class _TextReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current = [], []

    def end_block(self):
        block = "".join(self.current).strip()
        if block:
            self.blocks.append(block)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.end_block()
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.end_block()

    def handle_data(self, data):
        self.current.append(data)

    def text(self):
        self.end_block()
        return "\n\n".join(self.blocks)


def tokens(body):
    """The HTML as a list of ("start", tag, attrs) / ("end", tag) / ("text", words) tokens, attrs a
    dict; `body` being clean(), every tag is one of a few and every attribute known."""
    reader = _Tokens()
    reader.feed(body)
    reader.close()
    return reader.tokens


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, dict(attrs)))
        if tag == "br":
            self.tokens.append(("end", tag))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag != "br":
            self.tokens.append(("end", tag))

    def handle_data(self, data):
        self.tokens.append(("text", data))


def start_tag(tag, attrs):
    attributes = "".join(f' {name}="{html.escape(value or "")}"' for name, value in attrs.items())
    return f"<{tag}{attributes}>"


def serialize(tokens):
    parts = []
    for token in tokens:
        if token[0] == "start":
            parts.append(start_tag(token[1], token[2]))
        elif token[0] == "end":
            parts.append("" if token[1] == "br" else f"</{token[1]}>")
        else:
            parts.append(html.escape(token[1]))
    return "".join(parts)


def marks(body):
    """{quote id: the plain words its mark holds} for each quote marked in `body` (the first mark)."""
    found, open_marks = {}, []
    for token in tokens(body):
        if token[0] == "start" and token[1] == "q":
            open_marks.append((token[2].get(QUOTE_MARK), []))
        elif token[0] == "end" and token[1] == "q" and open_marks:
            key, words = open_marks.pop()
            if key and int(key) not in found:
                found[int(key)] = "".join(words)
        elif token[0] == "text":
            for _, words in open_marks:
                words.append(token[1])
    return found


def figures(body):
    """The keys of the pictures `body` (clean()) places, `<figure data-image="ID">`, in order, once each."""
    found = []
    for token in tokens(body):
        key = token[2].get(FIGURE_IMAGE) if token[:2] == ("start", "figure") else None
        if key and int(key) not in found:
            found.append(int(key))
    return found


def disagreements(body, quotes):
    """[(quote id, its text, the words its mark holds)] for each of `quotes` ({id: text}) whose
    mark in `body` no longer reads as its text (corrected since it was marked), in their order."""
    marked = marks(body)
    return [(pk, text, marked[pk]) for pk, text in quotes.items() if pk in marked and marked[pk] != text]


def mark(body, quote_id, words):
    """`body` with the first appearance of `words` in one run of text, outside links and other
    quotes, marked as quote `quote_id`; `body` unchanged if the quote is marked already or its words
    aren't found so (split by markup, or edited since)."""
    if not words or quote_id in marks(body):
        return body
    found = tokens(body)
    marked = mark_tokens(found, quote_id, words)
    return clean(serialize(marked)) if marked is not found else body


def mark_all(body, quotes):
    """`body` with each of `quotes` ((id, words) pairs, in order) marked where its words first
    appear unmarked (mark()): what an editor expects of a quote typed into the body and its
    inline alike. `body` itself when none is found so."""
    for quote_id, words in quotes:
        body = mark(body, quote_id, words)
    return body


def mark_tokens(found, quote_id, words):
    """`found` (tokens()) with the first appearance of `words` in one run of text, outside links
    and other quotes, marked as quote `quote_id`: a new list, or `found` itself if there is none."""
    inside = []
    for index, token in enumerate(found):
        if token[0] == "start" and token[1] != "br":
            inside.append(token[1])
        elif token[0] == "end" and token[1] != "br" and inside:
            inside.pop()
        elif token[0] == "text" and not {"a", "q"} & set(inside):
            at = token[1].find(words)
            if at != -1:
                end = at + len(words)
                return [
                    *found[:index],
                    ("text", token[1][:at]),
                    ("start", "q", {QUOTE_MARK: str(quote_id)}),
                    ("text", token[1][at:end]),
                    ("end", "q"),
                    ("text", token[1][end:]),
                    *found[index + 1 :],
                ]
    return found
