"""import_officials: people and positions from Open States and congress-legislators YAML."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from people import officials
from people.models import Person, Position

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data" / "officials"
OPENSTATES = DATA / "openstates"
CONGRESS = DATA / "congress"
PATRICK_FILE = OPENSTATES / "ma" / "executive" / "Deval-Patrick-00000000-0000-4000-8000-000000000001.yml"
PATRICK_ID = "ocd-person/00000000-0000-4000-8000-000000000001"
REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "officials"
D = datetime.date


def run(*paths, verbosity=1):
    """Run the command; return what it printed."""
    out = StringIO()
    call_command("import_officials", *map(str, paths), stdout=out, verbosity=verbosity)
    return out.getvalue()


def snapshot():
    return (
        sorted(Person.objects.values_list("name", "slug", "party", "state", "openstates_id", "bioguide_id")),
        sorted(Position.objects.values_list("person__name", "title", "organization", "start_date", "end_date")),
    )


def test_open_states_file_creates_person_with_position():
    run(PATRICK_FILE)
    patrick = Person.objects.get()
    assert (patrick.name, patrick.slug, patrick.sort_name) == ("Deval Patrick", "deval-patrick", "Patrick, Deval")
    assert (patrick.party, patrick.state_id, patrick.openstates_id) == ("democratic", "MA", PATRICK_ID)
    assert patrick.alias_list == ["Deval L. Patrick", "Patrick"]
    governor = patrick.positions.get()
    assert (governor.title, governor.organization, governor.state_id) == (
        "Governor",
        "Commonwealth of Massachusetts",
        "MA",
    )
    assert (governor.start_date, governor.end_date) == (D(2007, 1, 4), D(2015, 1, 8))


def test_open_states_role_without_end_is_current_and_unknown_party_is_other():
    run(OPENSTATES / "ny")
    james = Person.objects.get(name="Letitia James")
    assert (james.party, james.state_id, james.sort_name) == ("other", "NY", "James, Letitia")
    attorney_general, assembly = james.positions.all()
    assert (attorney_general.title, attorney_general.organization) == ("Attorney General", "State of New York")
    assert (attorney_general.start_date, attorney_general.end_date) == (D(2019, 1, 1), None)
    assert attorney_general.is_current
    assert (assembly.title, assembly.organization) == ("Assemblymember", "New York State Assembly, District 57")
    assert (assembly.start_date, assembly.end_date) == (None, D(2018, 12, 31))


def test_congress_file_creates_members_with_their_terms():
    run(CONGRESS / "legislators-current.yaml")
    sanders = Person.objects.get(bioguide_id="S000033")
    assert (sanders.name, sanders.sort_name, sanders.wikidata_id) == ("Bernard Sanders", "Sanders, Bernard", "Q359442")
    assert (sanders.party, sanders.state_id) == ("independent", "VT")
    assert sanders.alias_list == ["Bernie Sanders", "Sanders"]
    assert list(sanders.positions.values_list("title", "organization", "state", "start_date", "end_date")) == [
        ("U.S. Senator", "United States Senate", "VT", D(2025, 1, 3), D(2031, 1, 3)),
        ("U.S. Senator", "United States Senate", "VT", D(2019, 1, 3), D(2025, 1, 3)),
        (
            "U.S. Representative",
            "United States House of Representatives, Vermont at-large district",
            "VT",
            D(1991, 1, 3),
            D(1993, 1, 3),
        ),
    ]
    pelosi = Person.objects.get(bioguide_id="P000197").positions.get()
    assert (pelosi.title, pelosi.organization) == (
        "U.S. Representative",
        "United States House of Representatives, California's 11th district",
    )


def test_presidents_are_national_offices_with_the_party_of_the_latest_term():
    run(CONGRESS / "executive.yaml")
    adams = Person.objects.get(bioguide_id="A000039")
    assert (adams.party, adams.state) == ("other", None)
    assert list(adams.positions.values_list("title", "organization", "state")) == [
        ("President of the United States", "", None),
        ("Vice President of the United States", "", None),
    ]
    assert Person.objects.get(bioguide_id="W000178").party == ""  # "no party" is not an unknown party
    trump = Person.objects.get(name="Donald J. Trump")
    assert (trump.bioguide_id, trump.party, trump.positions.count()) == ("", "republican", 2)


def test_rerun_updates_instead_of_duplicating():
    run(DATA / "openstates", DATA / "congress")
    before = snapshot()
    output = run(DATA / "openstates", DATA / "congress")
    assert snapshot() == before
    assert "people: 0 created, 0 updated, 7 unchanged; positions: 0 created, 0 updated, 12 unchanged" in output


def test_rerun_with_changed_data_updates_the_fields(tmp_path):
    copy = tmp_path / "Deval-Patrick.yml"
    shutil.copy(PATRICK_FILE, copy)
    run(copy)
    changed = copy.read_text().replace("'2015-01-08'", "'2015-01'").replace("Democratic", "Green")
    copy.write_text(changed)

    output = run(copy)

    patrick = Person.objects.get()
    assert patrick.party == "green"
    governor = patrick.positions.get()
    assert (governor.end_date, governor.end_precision) == (D(2015, 1, 1), "month")
    assert "people: 0 created, 1 updated, 0 unchanged; positions: 0 created, 1 updated, 0 unchanged" in output


def test_person_without_ids_is_matched_by_name_and_state(make):
    patrick = make.person("Deval Patrick", state="MA", aliases="Governor Patrick")
    run(PATRICK_FILE)
    patrick.refresh_from_db()
    assert Person.objects.count() == 1
    assert patrick.openstates_id == PATRICK_ID
    assert patrick.alias_list == ["Governor Patrick", "Deval L. Patrick", "Patrick"]


def test_namesake_in_another_state_is_another_person(make):
    make.person("Deval Patrick", state="NY")
    run(PATRICK_FILE)
    assert Person.objects.filter(name="Deval Patrick").count() == 2


def test_namesake_with_another_id_of_the_same_kind_is_another_person(make):
    make.person("Deval Patrick", state="MA", openstates_id="ocd-person/someone-else")
    run(PATRICK_FILE)
    assert Person.objects.filter(name="Deval Patrick").count() == 2


def test_external_id_is_matched_before_the_name(make):
    make.person("Deval Patrick", state="MA")  # a namesake, not the one with the id
    known = make.person("Gov. Patrick", state="MA", openstates_id=PATRICK_ID)
    run(PATRICK_FILE)
    known.refresh_from_db()
    assert Person.objects.count() == 2
    assert known.name == "Deval Patrick"
    assert known.positions.get().title == "Governor"
    assert "Gov. Patrick" in known.alias_list  # the old name still finds them


def test_any_known_id_matches_and_the_others_are_added(make):
    bernie = make.person("Bernie Sanders", state="VT", party="independent", wikidata_id="Q359442")
    run(CONGRESS / "legislators-current.yaml")
    bernie.refresh_from_db()
    assert Person.objects.filter(name__icontains="Sanders").count() == 1
    assert (bernie.bioguide_id, bernie.positions.count()) == ("S000033", 3)


def test_ids_on_two_people_are_refused_and_the_file_rolled_back(make):
    make.person("Nancy Pelosi", state="CA", bioguide_id="P000197")
    make.person("Speaker Pelosi", state="CA", wikidata_id="Q170581")
    with pytest.raises(CommandError, match=r"legislators-current\.yaml: \[1\]: .*two people.*merge them"):
        run(CONGRESS / "legislators-current.yaml")
    # Sanders, the entry before, was written and then rolled back with the file.
    assert not Person.objects.filter(bioguide_id="S000033").exists()
    assert not Position.objects.exists()


def test_slug_gets_a_suffix_when_taken(make):
    make.person("Deval Patrick", state="NY", slug="deval-patrick")
    run(PATRICK_FILE)
    assert Person.objects.get(openstates_id=PATRICK_ID).slug == "deval-patrick-2"


def test_invalid_yaml_names_the_file_and_line():
    with pytest.raises(CommandError, match=r"invalid\.yml: line \d+, column \d+: not valid YAML"):
        run(DATA / "malformed" / "invalid.yml")
    assert not Person.objects.exists()


def test_missing_name_names_the_file_and_field():
    with pytest.raises(CommandError, match=r"missing-name\.yml: name: required field is missing"):
        run(DATA / "malformed" / "missing-name.yml")
    assert not Person.objects.exists()


def test_bad_date_writes_nothing_from_that_file():
    with pytest.raises(CommandError) as error:
        run(DATA / "malformed" / "bad-date.yaml")
    message = str(error.value)
    assert "bad-date.yaml: [1].terms[0].start: '2013-02-30' is not a date" in message
    assert "Nothing from this file was imported" in message
    assert not Person.objects.exists()  # not even the valid first entry


def test_files_before_a_bad_one_stay_imported():
    with pytest.raises(CommandError, match=r"The 1 file before it stay imported") as error:
        run(PATRICK_FILE, DATA / "malformed" / "missing-name.yml")
    assert "missing-name.yml" in str(error.value)
    assert Person.objects.get().openstates_id == PATRICK_ID


def test_missing_path_is_refused():
    with pytest.raises(CommandError, match=r"nowhere\.yml: no such file or directory"):
        run(DATA / "nowhere.yml")


def test_progress_is_shown_per_file_and_summary_at_the_end(monkeypatch):
    monkeypatch.setattr(officials, "PROGRESS_EVERY", 1)
    output = run(CONGRESS)
    assert "[1/2] " in output and "executive.yaml: 3 people (3 new), 5 positions (5 new)" in output
    assert "[2/2] " in output and "legislators-current.yaml: 1 of 2 people…" in output
    assert output.rstrip().endswith(
        "Imported 2 files: people: 5 created, 0 updated, 0 unchanged; positions: 9 created, 0 updated, 0 unchanged."
    )


def test_quiet_run_prints_only_the_summary():
    assert run(CONGRESS, verbosity=0).startswith("Imported 2 files:")


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared officials data is not beside this checkout")
def test_real_data_imports_with_a_current_massachusetts_governor():
    run(REAL, verbosity=0)
    assert Person.objects.count() > 700  # 535 members of Congress, ~45 presidents, ~200 state officers
    assert Position.objects.count() > 3000
    assert Position.objects.filter(title="U.S. Senator").values("person").distinct().count() >= 95
    # "Current" as of the data, not of the clock: no term in it starts after the data was taken.
    as_of = Position.objects.aggregate(Max("start_date"))["start_date__max"]
    governors = Position.objects.filter(title="Governor", state="MA", organization="Commonwealth of Massachusetts")
    current = [g for g in governors.select_related("person") if g.held_on(as_of)]
    assert len(current) == 1
    assert current[0].person.state_id == "MA" and current[0].person.openstates_id.startswith("ocd-person/")
