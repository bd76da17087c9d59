"""The Sources page and /compare/ as a reader uses them: filters applied through the form, the
chart and the table telling the same numbers, the CSV download, people compared and their quotes
followed; axe on each page reached."""

import csv
import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_tests.test_accessibility import SERIOUS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def serious_violations(page):
    return [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]


def table_rows(section):
    """{label: [quotes, share of quotes, offices, share of offices]} of a section's table."""
    rows = {}
    for row in section.locator("tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        rows[cells[0]] = cells[1:]
    return rows


def chart_bars(section):
    """{(label, "quotes" | "offices"): "12.5%"} from the chart's bars' titles."""
    bars = {}
    for title in section.locator("svg rect title").all():
        label, value, kind = re.fullmatch(r"(.+): ([\d.]+%) of (quotes|offices)", title.text_content()).groups()
        bars[(label, kind)] = value
    return bars


def test_sources_filters_from_the_form_and_the_chart_table_and_csv_agree(live_server, page, demo):
    page.goto(f"{live_server.url}/sources/")
    page.get_by_label("Topic").select_option(label="Secure Communities")
    page.get_by_label("Speaker’s state").select_option(label="Massachusetts")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert "topic=secure-communities" in page.url and "state=MA" in page.url
    assert page.get_by_label("Topic").input_value() == "secure-communities"
    sections = page.locator("section.sources-section")
    assert sections.count() == 4
    for index in range(4):
        section = sections.nth(index)
        rows = table_rows(section)
        assert rows, section.locator("h2").inner_text()
        bars = chart_bars(section)
        # Every bar is a row of the table, with the same share; every share shown has its bar.
        for (label, kind), value in bars.items():
            # written as the table writes it (25.0%)
            assert rows[label][1 if kind == "quotes" else 3] == value, label
        for label, (_, quote_share, _, office_share) in list(rows.items())[:15]:
            assert (quote_share == "–") == ((label, "quotes") not in bars)
            assert (office_share == "–") == ((label, "offices") not in bars)
        # The download is the same table.
        with page.expect_download() as download:
            section.get_by_role("link", name="Download this table (CSV)").click()
        assert "topic=secure-communities" in download.value.url
        text = Path(download.value.path()).read_text(encoding="utf-8")
        lines = list(csv.reader(io.StringIO(text)))
        assert lines[0][1:] == ["quotes", "share_of_quotes_percent", "offices", "share_of_offices_percent"]
        downloaded = {line[0]: line[1:] for line in lines[1:]}
        shown = {
            label: [
                quotes,
                share.rstrip("%").replace("–", ""),
                offices.replace("–", ""),
                held.rstrip("%").replace("–", ""),
            ]
            for label, (quotes, share, offices, held) in rows.items()
        }
        assert downloaded == shown
    assert serious_violations(page) == []
    # A filter the form refuses: the page says so, with the field marked, and stays accessible.
    page.goto(f"{live_server.url}/sources/?from=2012-01-01&to=2011-01-01")
    assert page.get_by_role("alert").first.is_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("width", [320, 360, 390])
def test_every_sources_table_fits_a_phone_without_scrolling_sideways(live_server, page, demo, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/sources/")
    tables = page.locator(".table-scroll")
    assert tables.count() == 4
    # The state table's "Massachusetts" once pushed its last column out of sight on a phone.
    widths = tables.evaluate_all("regions => regions.map(r => [r.scrollWidth, r.clientWidth])")
    assert all(scroll <= client for scroll, client in widths), widths


def test_compare_two_people_by_topic_and_follow_a_quote(live_server, page, demo):
    page.goto(f"{live_server.url}/compare/")
    page.get_by_label("People", exact=True).fill("deval-patrick,mary-beth-heffernan")
    page.get_by_label("Topic").select_option(label="Secure Communities")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Compare: Deval Patrick, Mary Beth Heffernan"
    assert page.get_by_role("heading", name="How often on Secure Communities").is_visible()
    assert serious_violations(page) == []
    # The counts link to each one's quotes on the topic; the side-by-side quotes to the quote itself.
    total = page.locator(".compare-table tbody tr").first.locator("td a").first
    count = int(total.inner_text())
    side = page.locator(".compare-quotes tbody td a[href^='/quotes/']")
    assert side.count() > 0
    words = side.first.inner_text().strip("“”")
    side.first.click()
    page.wait_for_load_state()
    assert re.search(r"/quotes/\d+/$", page.url)
    assert words.split()[0] in page.locator("main").inner_text()
    page.go_back()
    total = page.locator(".compare-table tbody tr").first.locator("td a").first
    total.click()
    page.wait_for_load_state()
    assert "person=deval-patrick" in page.url and "topic=secure-communities" in page.url
    assert page.locator("main blockquote, main q").count() >= min(count, 1)


def test_compare_refuses_one_person_with_the_form_and_an_alert(live_server, page, demo):
    page.goto(f"{live_server.url}/compare/")
    page.get_by_label("People", exact=True).fill("deval-patrick")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    assert "Name 2 to 4 different people" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("People", exact=True).input_value() == "deval-patrick"
    assert serious_violations(page) == []
