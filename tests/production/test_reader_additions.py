"""The reader pages issue 15 added or changed, as deployed: stored by the page cache and the
memo, then changed by an editor's save, time passing. What a reader sees must follow."""

import datetime

from django.utils import timezone

from articles.models import Article

HOUR = 3600


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def stored(client, urls):
    for url in urls:
        read(client, url)
        assert client.get(url)["X-Cache"] == "hit", url


def test_the_home_pages_recent_quotes_follow_a_new_quote(client, make, clock, commit):
    speaker = make.person("Quincy Quoted", state="MA")
    article = make.article("Older story", published_at=timezone.now() - datetime.timedelta(2))
    make.quote(article, speaker, text="Old words of Quincy.", said_on=datetime.date(2020, 1, 1))
    stored(client, ["/"])
    clock.shift(HOUR)
    with commit():
        fresh = make.article("Fresh story", published_at=timezone.now())
        make.quote(fresh, speaker, text="Fresh words of Quincy.", said_on=timezone.localdate())
    clock.shift(5)
    home = read(client, "/")
    assert home.index("Fresh words of Quincy.") < home.index("Old words of Quincy.")
    with commit():
        fresh.status = Article.Status.RETRACTED
        fresh.save()
    assert "Fresh words of Quincy." not in read(client, "/")


def test_the_topics_page_follows_publication_renames_and_retraction(client, make, clock, commit):
    roads = make.topic("Roads")
    make.article("Potholes", topics=[roads], published_at=timezone.now() - datetime.timedelta(1))
    stored(client, ["/topics/"])
    clock.shift(HOUR)
    with commit():
        transit = make.topic("Transit")
        bus = make.article("Bus lanes", topics=[transit, roads], published_at=timezone.now())
    clock.shift(5)
    html = read(client, "/topics/")
    assert "Transit" in html and '>Roads</a> <span class="count">2 articles' in html
    stored(client, ["/topics/"])
    with commit():
        transit.name = "Public transit"
        transit.save()
    assert "Public transit" in read(client, "/topics/")
    with commit():
        bus.status = Article.Status.RETRACTED
        bus.save()
    html = read(client, "/topics/")
    assert "transit" not in html and '>Roads</a> <span class="count">1 article<' in html


def test_pages_filtered_by_a_typed_name_or_state_name_follow_changes(client, make, clock, commit):
    person = make.person("Nadia Named", state="IL")
    first = make.article("Named speaks", states=["IL"], published_at=timezone.now() - datetime.timedelta(1))
    make.quote(first, person, text="First words of Nadia.")
    urls = ["/articles/?person=nadia+named", "/quotes/?person=Nadia+Named", "/articles/?state=illinois"]
    stored(client, urls)
    clock.shift(HOUR)
    with commit():
        second = make.article("Named speaks again", states=["IL"], published_at=timezone.now())
        make.quote(second, person, text="Second words of Nadia.")
    clock.shift(5)
    assert "Named speaks again" in read(client, urls[0])
    assert "Second words of Nadia." in read(client, urls[1])
    assert "Named speaks again" in read(client, urls[2])
    stored(client, urls)
    with commit():
        person.name = "Nadia Renamed"
        person.save()
    # Her old name names nobody now; her slug shows the new name in the form.
    assert client.get(urls[0]).status_code == 400
    assert 'value="Nadia Renamed"' in read(client, f"/articles/?person={person.slug}")


def test_suggestions_follow_who_is_public(client, make, clock, commit):
    stored(client, ["/people/names.json?q=sug"])
    assert "Suggested" not in read(client, "/people/names.json?q=sug")
    clock.shift(HOUR)
    with commit():
        person = make.person("Sugar Suggested", state="MA")
        make.quote(make.article("Sugar story", published_at=timezone.now()), person)
    clock.shift(5)
    assert "Sugar Suggested" in read(client, "/people/names.json?q=sug")


def test_a_persons_chart_follows_a_new_month(client, make, clock, commit):
    person = make.person("Charta Months", state="MA")
    make.quote(make.article(), person, said_on=datetime.date(2024, 3, 5))
    stored(client, [person.get_absolute_url()])
    assert "May 2024" not in read(client, person.get_absolute_url())
    with commit():
        make.quote(make.article(), person, said_on=datetime.date(2024, 5, 5))
    html = read(client, person.get_absolute_url())
    assert "March 2024: 1 quote" in html and "May 2024: 1 quote" in html
