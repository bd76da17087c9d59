"""The media library (media/): uploads read by content, stripped and cut into renditions; pictures
on the article, person and quote pages; publishing refused while a picture isn't fit to show."""

import io
import json
import os
import re
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from PIL import ExifTags, features
from PIL import Image as Pillow

from articles.models import Article, Figure
from media import images
from media.models import Image
from tests.conftest import picture_bytes

ADD = "/admin/media/image/add/"
XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def post_upload(client, data, name="photo.jpg", **fields):
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    form = {"alt_text": "Gov. Deval Patrick at the State House", "focal_x": 50, "focal_y": 50} | fields
    return client.post(ADD, form | {"original": upload})


def errors_of(response):
    return [str(error) for errors in response.context["adminform"].form.errors.values() for error in errors]


def opened(image, name):
    with image.original.storage.open(name) as stored:
        return Pillow.open(io.BytesIO(stored.read()))


def with_gps():
    exif = Pillow.Exif()
    exif[ExifTags.Base.Make] = "Nikon"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (42.0, 21.0, 29.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (71.0, 3.0, 49.0)
    data = picture_bytes(2000, 1500, exif=exif)
    assert Pillow.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # there to begin with
    return data


# -- Upload -------------------------------------------------------------------------------------


def test_an_upload_is_stripped_of_its_gps_position_and_cut_into_renditions(admin_client):
    response = post_upload(admin_client, with_gps())
    assert response.status_code == 302, errors_of(response)
    image = Image.objects.get()
    assert (image.width, image.height, image.format) == (2000, 1500, "jpeg")
    for name in image.files():
        exif = opened(image, name).getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo), name
        assert ExifTags.Base.Make not in exif, name
    made = {(item["shape"], item["format"], item["width"], item["height"]) for item in image.renditions["files"]}
    kinds = ["avif", "webp", "jpeg"] if features.check("avif") else ["webp", "jpeg"]
    for width, height in [(480, 360), (960, 720), (1600, 1200)]:
        for kind in kinds:
            assert ("wide", kind, width, height) in made
    assert ("square", "jpeg", 480, 480) in made
    assert ("social", "jpeg", 1200, 630) in made
    for item in image.renditions["files"]:
        assert opened(image, item["name"]).size == (item["width"], item["height"])
        assert opened(image, item["name"]).format == item["format"].upper()


def test_the_format_is_read_from_the_content_not_the_name(admin_client):
    response = post_upload(admin_client, b"<svg onload=alert(1)></svg>", name="photo.jpg")
    assert response.status_code == 200
    assert "This is not a JPEG, PNG or WebP image" in errors_of(response)[0]
    gif = io.BytesIO()
    Pillow.new("RGB", (50, 50)).save(gif, format="GIF")
    assert "not a JPEG, PNG or WebP" in errors_of(post_upload(admin_client, gif.getvalue(), name="a.png"))[0]
    # A PNG named .jpg is a PNG.
    assert post_upload(admin_client, picture_bytes(300, 200, kind="PNG"), name="photo.jpg").status_code == 302
    assert Image.objects.get().format == "png"


def test_a_file_too_large_is_refused_with_its_size(admin_client, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 10_000)
    response = post_upload(admin_client, picture_bytes(1200, 900, quality=100))
    assert response.status_code == 200
    assert re.search(r"The file is [\d.]+ MB; at most 0.0 MB is accepted", errors_of(response)[0])
    assert not Image.objects.exists()


def png_claiming(width, height):
    """A tiny PNG whose header claims width × height pixels: a decompression bomb's opening."""
    real = picture_bytes(16, 16, kind="PNG")
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return real[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + real[33:]


@pytest.mark.parametrize("side", [10_000, 60_000])
def test_a_decompression_bomb_is_refused_from_its_header_not_a_500(admin_client, side):
    response = post_upload(admin_client, png_claiming(side, side), name="bomb.png")
    assert response.status_code == 200
    assert "megapixels are accepted" in errors_of(response)[0]
    assert not Image.objects.exists()


def test_a_damaged_picture_is_refused(admin_client):
    data = picture_bytes(800, 600)
    response = post_upload(admin_client, data[: len(data) // 2])
    assert response.status_code == 200
    assert "damaged or cut short" in errors_of(response)[0]


def test_an_animated_picture_is_refused(admin_client):
    out = io.BytesIO()
    frames = [Pillow.new("RGB", (60, 60), color) for color in ("red", "blue")]
    frames[0].save(out, format="WEBP", save_all=True, append_images=frames[1:])
    assert "Animated" in errors_of(post_upload(admin_client, out.getvalue(), name="a.webp"))[0]


def test_a_transparent_png_falls_back_to_jpeg_on_white(make):
    picture = Pillow.new("RGBA", (200, 100), (0, 0, 0, 0))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    image = Image(alt_text="A logo")
    image.set_original(images.read(SimpleUploadedFile("logo.png", out.getvalue())))
    image.save()
    jpeg = next(item for item in image.renditions["files"] if item["format"] == "jpeg")
    assert opened(image, jpeg["name"]).convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_renditions_are_never_wider_than_the_picture(make):
    image = make.image(width=600, height=400)
    wide = sorted({item["width"] for item in image.renditions["files"] if item["shape"] == "wide"})
    assert wide == [480, 600]
    assert image.largest("social")[1:] == (600, 315)  # the largest 1200:630 box inside 600 × 400


def split_picture():
    """Left half red, right half blue."""
    picture = Pillow.new("RGB", (1200, 600), "red")
    picture.paste((0, 0, 255), (600, 0, 1200, 600))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(("focal_x", "colour"), [(10, "red"), (90, "blue")])
def test_forced_shapes_are_cut_around_the_focal_point(make, focal_x, colour):
    image = Image(alt_text="Two halves", focal_x=focal_x)
    image.set_original(images.read(SimpleUploadedFile("halves.png", split_picture())))
    image.save()
    square = next(i for i in image.renditions["files"] if i["shape"] == "square" and i["format"] == "jpeg")
    red, _green, blue = opened(image, square["name"]).convert("RGB").getpixel((square["width"] // 2,) * 2)
    assert (red > blue) == (colour == "red")


def test_moving_the_focal_point_cuts_the_shapes_again_under_new_names(make):
    image = make.image(width=1200, height=600)
    before = {i["name"] for i in image.renditions["files"] if i["shape"] == "square"}
    image.focal_x = 80
    image.save()
    after = {i["name"] for i in image.renditions["files"] if i["shape"] == "square"}
    assert before and after and not before & after  # cached copies of the old cut stay valid


def test_the_library_is_searched_and_lists_thumbnails(admin_client, make):
    make.image("Deval Patrick at a podium")
    make.image("Andrew Cuomo in Albany")
    response = admin_client.get("/admin/media/image/?q=podium")
    assert response.status_code == 200
    assert "Deval Patrick at a podium" in response.text and "Cuomo" not in response.text
    assert 'class="admin-thumb"' in response.text
    # Reused: offered to the article's lead image and the person's portrait by the same search.
    found = admin_client.get(
        "/admin/autocomplete/",
        {"term": "Albany", "app_label": "articles", "model_name": "article", "field_name": "lead_image"},
    )
    assert [result["text"] for result in found.json()["results"]] == [
        str(Image.objects.get(alt_text__contains="Albany"))
    ]


PICK = "/admin/media/image/pick/"


def test_the_body_editors_picture_button_searches_the_library(admin_client, make, django_assert_num_queries):
    podium = make.image("Deval Patrick at a podium", caption="At the State House.", credit="Jane Doe / Herald")
    albany = make.image("Andrew Cuomo in Albany", credit="AP handout")
    undescribed = make.image("")
    admin_client.get(PICK)  # the session and the user, read once
    with django_assert_num_queries(4):  # the session, the user, their second factor, the pictures
        newest = admin_client.get(PICK).json()["results"]
    assert [found["id"] for found in newest] == [undescribed.pk, albany.pk, podium.pk]
    assert newest[0]["can_appear"] is False  # offered, marked: the article can't be published with it
    # By alt text, caption, credit or source, as the library's list searches.
    for term, wanted in [("podium", podium), ("state house", podium), ("AP hand", albany)]:
        assert [found["id"] for found in admin_client.get(PICK, {"q": term}).json()["results"]] == [wanted.pk], term
    (found,) = admin_client.get(PICK, {"id": podium.pk}).json()["results"]
    assert found | {"thumbnail": None} == {
        "id": podium.pk,
        "alt": "Deval Patrick at a podium",
        "caption": "At the State House.",
        "credit": "Jane Doe / Herald",
        "thumbnail": None,
        "can_appear": True,
    }
    assert found["thumbnail"] == {"url": podium.sources("square")["jpeg"][0][0], "width": 96, "height": 96}
    assert admin_client.get(PICK, {"id": 987654}).json() == {"results": []}


@pytest.mark.parametrize("wanted", ["x", "1 OR 1=1", "-1", "١", "9" * 30])
def test_a_picture_number_that_is_not_one_is_refused_with_400(admin_client, wanted):
    response = admin_client.get(PICK, {"id": wanted})
    assert response.status_code == 400
    assert response.json() == {"error": "id: a picture's number."}


def test_the_picture_search_is_for_staff_who_may_see_the_library(client, django_user_model, make):
    from tests.logins import force_login_verified

    make.image("Deval Patrick at a podium")
    assert client.get(PICK).status_code == 302  # to the sign-in page
    intern = django_user_model.objects.create_user("intern", password="x" * 20, is_staff=True)
    force_login_verified(client, intern)
    assert client.get(PICK).status_code == 403
    # Reporters pick pictures for their drafts, as for a lead image (media/migrations/0002_roles.py).
    intern.groups.add(Group.objects.get(name="Reporters"))
    assert [found["alt"] for found in client.get(PICK).json()["results"]] == ["Deval Patrick at a podium"]


def test_the_picture_search_answers_hostile_text_as_json_strings(admin_client, make):
    make.image(XSS, caption=XSS, credit=XSS)
    response = admin_client.get(PICK, {"q": "script"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"  # never read as a page
    (found,) = response.json()["results"]
    assert found["alt"] == found["caption"] == found["credit"] == XSS  # data, shown by the editor as text


# -- On the pages -------------------------------------------------------------------------------


@pytest.fixture
def illustrated(make):
    """A published article with a lead image and a figure, quoting a person with a portrait."""
    lead = make.image("Gov. Deval Patrick at the State House", width=2000, height=1200)
    figure = make.image("A Secure Communities flyer", caption="The program's flyer.", credit="ICE handout")
    portrait = make.image("Deval Patrick", width=600, height=800, focal_y=30)
    patrick = make.person("Deval Patrick", portrait=portrait)
    body = f'<p>First paragraph.</p><figure data-image="{figure.pk}"></figure><p>Second paragraph.</p>'
    article = make.article("Patrick balks", body=body, lead_image=lead)
    make.quote(article, patrick, "We will not sign onto it.")
    return {"article": article, "lead": lead, "figure": figure, "portrait": portrait, "person": patrick}


def tags_in(html, name):
    return re.findall(rf"<{name}\b[^>]*>", html)


def test_the_article_page_shows_its_lead_image_and_figures_with_room_kept(client, illustrated):
    html = client.get(illustrated["article"].get_absolute_url()).text
    pictures = re.findall(r"<picture.*?</picture>", html, flags=re.S)
    lead, figure = pictures[0], pictures[1]
    assert 'alt="Gov. Deval Patrick at the State House"' in lead
    assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead  # above the fold
    assert 'loading="lazy"' in figure and 'alt="A Secure Communities flyer"' in figure
    widths = {lead: "480w, .* 960w, .* 1600w", figure: "480w, .* 640w"}  # never wider than the picture
    for picture in (lead, figure):
        img = tags_in(picture, "img")[0]
        assert re.search(r'width="\d+" height="\d+"', img)  # no layout shift
        assert re.search(rf'srcset="[^"]+ {widths[picture]}" sizes="[^"]+"', img)
        assert 'type="image/webp"' in picture
        assert ('type="image/avif"' in picture) == features.check("avif")
    assert 'width="1600" height="960"' in lead
    assert '<figcaption><span class="caption">The program\'s flyer.</span>' in html.replace("&#x27;", "'")
    assert '<span class="credit">ICE handout</span>' in html
    # The figure stands where the body placed it.
    body = html[html.index('<div class="article-body">') :]
    assert body.index("First paragraph.") < body.index("A Secure Communities flyer") < body.index("Second paragraph.")


def test_the_lead_image_feeds_opengraph_twitter_and_json_ld(client, illustrated):
    html = client.get(illustrated["article"].get_absolute_url()).text
    social = illustrated["lead"].largest("social")
    assert f'<meta property="og:image" content="http://testserver{social[0]}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert '<meta property="og:image:alt" content="Gov. Deval Patrick at the State House">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    news = data["@graph"][0]
    assert news["image"][0] == f"http://testserver{social[0]}"
    assert len(news["image"]) == 3


def test_an_article_without_pictures_keeps_the_summary_card(client, make):
    html = client.get(make.article("Plain").get_absolute_url()).text
    assert "og:image" not in html and '<meta name="twitter:card" content="summary">' in html
    assert "<picture" not in html


def test_portraits_appear_on_the_person_page_and_beside_quotes(client, illustrated):
    person_page = client.get(illustrated["person"].get_absolute_url()).text
    portrait = re.search(r'<picture class="portrait">.*?</picture>', person_page, re.S).group()
    assert 'alt="Deval Patrick"' in portrait and 'width="480" height="480"' in portrait
    assert 'og:image" content="http://testserver/' in person_page
    assert '"image": "http://testserver/' in person_page  # JSON-LD
    for url in ("/quotes/", illustrated["article"].get_absolute_url(), "/"):
        html = client.get(url).text
        small = re.search(r'<picture class="portrait-small">.*?</picture>', html, re.S)
        assert small, url
        assert 'alt=""' in small.group()  # the name beside it says who it is


def test_a_picture_without_alt_text_is_never_shown(client, make):
    portrait = make.image("")
    person = make.person("Maura Healey", portrait=portrait)
    make.quote(make.article(), person)
    assert "<picture" not in client.get(person.get_absolute_url()).text
    assert "<picture" not in client.get("/quotes/").text


def test_a_figure_naming_no_picture_shows_nothing(client, make):
    article = make.article(body='<p>Text.</p><figure data-image="987654"><p>kept out</p></figure><p>More.</p>')
    html = client.get(article.get_absolute_url()).text
    assert "<figure" not in html.split('class="article-body"')[1].split("</div>")[0]
    assert "More." in html


def test_quote_list_queries_do_not_grow_with_portraits(client, make, django_assert_num_queries):
    article = make.article()
    for n in range(3):
        make.quote(article, make.person(f"Person {n}", portrait=make.image(f"Portrait {n}")))
    client.get("/quotes/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        client.get("/quotes/")
    for n in range(3, 6):
        make.quote(article, make.person(f"Person {n}", portrait=make.image(f"Portrait {n}")))
    # The portraits come with their speakers (a join): no query per quote.
    with django_assert_num_queries(len(three)):
        assert client.get("/quotes/").text.count('class="portrait-small"') == 6


def test_an_illustrated_article_page_costs_one_query_more_than_a_plain_one(
    client, make, illustrated, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plain = make.article("Plain", body="<p>Words.</p>")
    make.quote(plain, illustrated["person"], "Other words.")
    with CaptureQueriesContext(connection) as without:
        client.get(plain.get_absolute_url())
    # Its pictures (the lead image and every figure) in one query, however many.
    with django_assert_num_queries(len(without) + 1):
        client.get(illustrated["article"].get_absolute_url())


# -- Publishing, deleting -----------------------------------------------------------------------


def change_form(article, **changes):
    from articles.forms import ArticleAdminForm

    form = ArticleAdminForm(instance=article)
    data = {name: form.initial.get(name) for name in form.fields}
    data |= {"topics": [], "states": [], "lead_image": article.lead_image_id or "", "outlet": ""}
    data["published_at_0"], data["published_at_1"] = "2011-06-06", "12:00:00"
    return {key: ("" if value is None else value) for key, value in (data | changes).items()} | {
        "bylines-TOTAL_FORMS": 0,
        "bylines-INITIAL_FORMS": 0,
        "quotes-TOTAL_FORMS": 0,
        "quotes-INITIAL_FORMS": 0,
        "corrections-TOTAL_FORMS": 0,
        "corrections-INITIAL_FORMS": 0,
    }


def test_publishing_is_refused_while_the_lead_image_has_no_alt_text(admin_client, make):
    article = make.article("Draft with a picture", status="draft", published_at=None, lead_image=make.image(""))
    url = f"/admin/articles/article/{article.pk}/change/"
    response = admin_client.post(url, change_form(article, status="published"))
    assert response.status_code == 200
    assert "The lead image (#" in response.text and "has no alt text" in response.text
    article.refresh_from_db()
    assert article.status == "draft"


def test_publishing_is_refused_while_a_figure_is_missing_or_undescribed(admin_client, make):
    undescribed = make.image("")
    body = f'<p>Text.</p><figure data-image="{undescribed.pk}"></figure><figure data-image="424242"></figure>'
    article = make.article("Draft with figures", status="draft", published_at=None, body=body)
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/", change_form(article, status="published")
    )
    assert response.status_code == 200
    assert f"Picture #{undescribed.pk} in the body has no alt text" in response.text
    assert "#424242, which is not in the media library" in response.text
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_the_publish_action_refuses_with_the_reason(admin_client, make):
    bare = make.article("Undescribed lead", status="draft", published_at=None, lead_image=make.image(""))
    fine = make.article("Described lead", status="draft", published_at=None, lead_image=make.image("A podium"))
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [bare.pk, fine.pk]},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert any("“Undescribed lead” was not published" in m and "has no alt text" in m for m in messages)
    assert any("Published 1 article(s)." in m for m in messages)
    assert Article.objects.get(pk=bare.pk).status == "draft"
    assert Article.objects.get(pk=fine.pk).status == "published"


def test_alt_text_cannot_be_removed_while_a_published_page_shows_the_picture(admin_client, make, illustrated):
    for key in ("lead", "figure", "portrait"):
        image = illustrated[key]
        data = {"alt_text": "", "focal_x": 50, "focal_y": 50, "caption": "", "credit": "", "licence": "", "source": ""}
        response = admin_client.post(f"/admin/media/image/{image.pk}/change/", data)
        assert response.status_code == 200, key
        assert "Alt text is required: this picture appears on a published page" in errors_of(response)[0]
        image.refresh_from_db()
        assert image.alt_text
    unused = make.image("Unused")
    url = f"/admin/media/image/{unused.pk}/change/"
    # The version the page was built from (the form refuses a save based on another: StaleEditForm).
    loaded_at = admin_client.get(url).context["adminform"].form["loaded_at"].value()
    data = {"alt_text": "", "focal_x": 50, "focal_y": 50, "loaded_at": loaded_at}
    assert admin_client.post(url, data).status_code == 302


def test_a_picture_in_use_cannot_be_deleted(make, illustrated):
    assert Figure.objects.filter(article=illustrated["article"], image=illustrated["figure"]).exists()
    for key in ("lead", "figure", "portrait"):
        with pytest.raises(ProtectedError):
            illustrated[key].delete()


def test_a_figure_taken_out_of_the_body_frees_the_picture(make, django_capture_on_commit_callbacks):
    image = make.image("Soon unused")
    article = make.article(body=f'<figure data-image="{image.pk}"></figure>')
    article.body = "<p>No picture now.</p>"
    article.save()
    names = image.files()
    storage = image.original.storage
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(storage.exists(name) for name in names)


# -- Hostile text -------------------------------------------------------------------------------


class Markup(HTMLParser):
    """What a browser would run or load: event handler attributes, scripts' text, images' sources."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers, self.scripts, self.sources, self.in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name) for name, value in attrs if name.startswith("on")]
        self.sources += [value for name, value in attrs if tag == "img" and name == "src"]
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts.append(data)


def test_hostile_text_in_every_field_stays_inert(admin_client, client, make):
    fields = {"alt_text": XSS, "caption": XSS, "credit": XSS, "licence": XSS, "source": XSS}
    response = post_upload(admin_client, picture_bytes(800, 600), **fields)
    assert response.status_code == 302
    image = Image.objects.get()
    body = f'<figure data-image="{image.pk}" onclick="alert(3)"><img src=x onerror=alert(4)></figure>'
    article = make.article("Hostile", body=body, lead_image=image)
    person = make.person("Hostile portrait", portrait=image)
    make.quote(article, person)
    pages = [
        client.get(article.get_absolute_url()).text,
        client.get(person.get_absolute_url()).text,
        client.get("/quotes/").text,
        admin_client.get("/admin/media/image/").text,
        admin_client.get(f"/admin/media/image/{image.pk}/change/").text,
        admin_client.get(f"/admin/articles/article/{article.pk}/change/").text,
    ]
    for html in pages:
        found = Markup()
        found.feed(html)
        assert not found.handlers, found.handlers  # no on… attribute on any element
        assert not [script for script in found.scripts if "alert" in script]
        assert not [src for src in found.sources if src == "x"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]  # shown as text
    assert "src=x onerror" not in Article.objects.get(pk=article.pk).body


# -- Caching ------------------------------------------------------------------------------------


def test_editing_a_picture_refreshes_every_page_showing_it(
    client, settings, illustrated, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_MEMO_SECONDS = 300
    cache.clear()
    urls = [illustrated["article"].get_absolute_url(), illustrated["person"].get_absolute_url(), "/quotes/"]
    other = illustrated["article"].get_absolute_url().replace("article-", "nothing-")
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        lead = illustrated["lead"]
        lead.alt_text = "Gov. Patrick, June 2011"
        lead.save()
    response = client.get(urls[0])
    assert response["X-Cache"] == "miss"
    assert 'alt="Gov. Patrick, June 2011"' in response.text
    assert 'og:image:alt" content="Gov. Patrick, June 2011"' in response.text
    assert client.get(urls[1])["X-Cache"] == "hit"  # the person page shows another picture
    with django_capture_on_commit_callbacks(execute=True):
        portrait = illustrated["portrait"]
        portrait.focal_y = 10  # a new crop
        portrait.save()
    new_square = portrait.largest("square")[0]
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert new_square in response.text or portrait.sources("square")["jpeg"][0][0] in response.text, url
    assert other  # (the addresses above are the only ones showing these pictures)


# -- Storage ------------------------------------------------------------------------------------


def settings_with(env):
    """The settings a server would load with `env`: a fresh process, nothing reached over the network."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'default': settings.STORAGES['default'], 'csp': settings.CONTENT_SECURITY_POLICY}))"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_S3")}
    environ |= {"DJANGO_SETTINGS_MODULE": "newsroom.settings", "DJANGO_SECRET_KEY": "x" * 50, **env}
    found = subprocess.run(
        [sys.executable, "-c", code],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(found.stdout.strip().splitlines()[-1])


def test_pictures_are_files_here_unless_an_object_store_is_configured():
    local = settings_with({})
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "img-src" not in local["csp"]
    s3 = settings_with(
        {
            "NEWSROOM_S3_BUCKET": "newsroom-media",
            "NEWSROOM_S3_ENDPOINT_URL": "https://minio.internal:9000",
            "NEWSROOM_S3_ACCESS_KEY_ID": "key",
            "NEWSROOM_S3_SECRET_ACCESS_KEY": "secret",
            "NEWSROOM_S3_CUSTOM_DOMAIN": "media.example.org",
        }
    )
    assert s3["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = s3["default"]["OPTIONS"]
    assert options["bucket_name"] == "newsroom-media"
    assert options["endpoint_url"] == "https://minio.internal:9000"
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert "img-src 'self' https://media.example.org" in s3["csp"]
    # Files of this machine served from a host of their own.
    elsewhere = settings_with({"NEWSROOM_MEDIA_URL": "https://pictures.example.org/media/"})
    assert elsewhere["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "img-src 'self' https://pictures.example.org" in elsewhere["csp"]


def test_the_s3_storage_names_pictures_at_the_custom_domain(settings):
    from storages.backends.s3 import S3Storage

    storage = S3Storage(bucket_name="b", custom_domain="media.example.org", querystring_auth=False)
    assert storage.url("images/ab/cdef/wide-480.webp") == "https://media.example.org/images/ab/cdef/wide-480.webp"


def test_publishing_protects_a_picture_uploaded_after_the_body_named_it(admin_client, make):
    article = make.article("Named first", status="draft", published_at=None, body="<p>Text.</p>")
    image = make.image("Uploaded later")
    Article.objects.filter(pk=article.pk).update(
        body=f'<figure data-image="{image.pk}"></figure>'
    )  # as if typed first
    admin_client.post("/admin/articles/article/", {"action": "publish_now", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).status == "published"
    with pytest.raises(ProtectedError):
        image.delete()
