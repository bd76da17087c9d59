"""The sample story: the Boston Herald, June 6, 2011, with its people and quotes.

Facts the story does not give (dates in office, parties) are the public record.
A date known only to the month is stored as the month's first day with
precision "month", so nothing more exact than the sources is claimed.
"""

import datetime
from pathlib import Path

BODY = (Path(__file__).parent / "secure-communities-body.txt").read_text(encoding="utf-8").strip()

OUTLET = {"slug": "boston-herald", "name": "Boston Herald", "homepage_url": "https://www.bostonherald.com/"}

TOPICS = [
    {"slug": "secure-communities", "name": "Secure Communities", "aliases": "S-Comm"},
    {"slug": "immigration-enforcement", "name": "Immigration enforcement"},
]

AUTHORS = [{"slug": "hillary-chabot", "name": "Hillary Chabot", "bio": "Reporter for the Boston Herald."}]

D = datetime.date

PEOPLE = [
    {
        "slug": "deval-patrick",
        "name": "Deval Patrick",
        "sort_name": "Patrick, Deval",
        "party": "democratic",
        "gender": "male",
        "state": "MA",
        "aliases": "Deval L. Patrick\nGovernor Patrick\nPatrick",
        "bio": "Governor of Massachusetts from 2007 to 2015.",
        "positions": [
            {
                "title": "Governor",
                "organization": "Commonwealth of Massachusetts",
                "state": "MA",
                "level": "state",
                "start_date": D(2007, 1, 4),
                "end_date": D(2015, 1, 8),
            },
        ],
    },
    {
        "slug": "mary-beth-heffernan",
        "name": "Mary Beth Heffernan",
        "sort_name": "Heffernan, Mary Beth",
        "party": "",
        "gender": "female",
        "state": "MA",
        "aliases": "Mary Elizabeth Heffernan\nMarybeth Heffernan\nHeffernan",
        "bio": "Massachusetts Secretary of Public Safety and Security under Gov. Deval Patrick, 2010 to 2013.",
        "positions": [
            {
                "title": "Undersecretary for Criminal Justice",
                "organization": "Executive Office of Public Safety and Security, Commonwealth of Massachusetts",
                "state": "MA",
                "level": "state",
                "start_date": D(2007, 1, 1),
                "start_precision": "year",
                "end_date": D(2010, 1, 1),
                "end_precision": "month",
            },
            {
                "title": "Secretary of Public Safety and Security",
                "organization": "Commonwealth of Massachusetts",
                "state": "MA",
                "level": "state",
                "start_date": D(2010, 1, 1),
                "start_precision": "month",
                "end_date": D(2013, 1, 1),
                "end_precision": "month",
            },
        ],
    },
    {
        "slug": "andrew-cuomo",
        "name": "Andrew Cuomo",
        "sort_name": "Cuomo, Andrew",
        "party": "democratic",
        "gender": "male",
        "state": "NY",
        "aliases": "Andrew M. Cuomo\nCuomo",
        "bio": "Attorney General of New York from 2007 to 2010 and Governor of New York from 2011 to 2021.",
        "positions": [
            {
                "title": "Attorney General",
                "organization": "State of New York",
                "state": "NY",
                "level": "state",
                "start_date": D(2007, 1, 1),
                "end_date": D(2010, 12, 31),
            },
            {
                "title": "Governor",
                "organization": "State of New York",
                "state": "NY",
                "level": "state",
                "start_date": D(2011, 1, 1),
                "end_date": D(2021, 8, 23),
            },
        ],
    },
    {
        "slug": "pat-quinn",
        "name": "Pat Quinn",
        "sort_name": "Quinn, Pat",
        "party": "democratic",
        "gender": "male",
        "state": "IL",
        "aliases": "Patrick Quinn\nQuinn",
        "bio": "Lieutenant Governor of Illinois from 2003 and Governor of Illinois from 2009 to 2015.",
        "positions": [
            {
                "title": "Lieutenant Governor",
                "organization": "State of Illinois",
                "state": "IL",
                "level": "state",
                "start_date": D(2003, 1, 13),
                "end_date": D(2009, 1, 29),
            },
            {
                "title": "Governor",
                "organization": "State of Illinois",
                "state": "IL",
                "level": "state",
                "start_date": D(2009, 1, 29),
                "end_date": D(2015, 1, 12),
            },
        ],
    },
]

ARTICLE = {
    "slug": "gov-deval-patrick-refuses-to-sign-immigration-program",
    "headline": "Gov. Deval Patrick refuses to sign immigration program",
    "dek": "Massachusetts Governor Deval Patrick Refuses to Sign onto S-Comm",
    "body": BODY,
    "outlet": "boston-herald",
    "original_url": "",
    # The story gives the day, not the hour: midnight in the newsroom's time zone.
    "published_on": D(2011, 6, 6),
    "status": "published",
    "topics": ["secure-communities", "immigration-enforcement"],
    "states": ["MA", "NY", "IL", "CA"],
    "authors": ["hillary-chabot"],
}

LETTER = "in a letter to Immigration Customs Enforcement officials"
# "The letter, which Patrick's administration sent Friday": Friday, June 3, 2011.
LETTER_SENT = D(2011, 6, 3)

# What Heffernan's words were checked against (issue 18): her letter. The story gives no address
# for it and none is invented here; the note says so.
THE_LETTER = {
    "kind": "document",
    "title": "Letter from Secretary of Public Safety and Security Mary Beth Heffernan to Immigration and "
    "Customs Enforcement officials, June 3, 2011",
    "url": "",
    "note": "Sent by Gov. Patrick’s administration on Friday, June 3, 2011, and quoted by the Boston Herald "
    "on June 6, 2011. The sample story gives no public address for the letter, so none is linked.",
}
VERIFIED_AGAINST_THE_LETTER = {"verification": "verified", "evidence": [THE_LETTER]}

QUOTES = [
    {
        "speaker": "mary-beth-heffernan",
        "kind": "direct",
        "text": "The Governor and I are dubious of the Commonwealth taking on the federal role of immigration "
        "enforcement,",
        "context": LETTER,
        "said_on": LETTER_SENT,
        **VERIFIED_AGAINST_THE_LETTER,
    },
    {
        "speaker": "mary-beth-heffernan",
        "kind": "direct",
        "text": "We are even more skeptical of the potential impact that Secure Communities could have on the "
        "residents of the Commonwealth. Through the community meetings we have held around the "
        "Commonwealth, residents have expressed concerns about racial profiling as a result of the program.",
        "context": LETTER,
        "said_on": LETTER_SENT,
        **VERIFIED_AGAINST_THE_LETTER,
    },
    {
        "speaker": "deval-patrick",
        "kind": "paraphrase",
        "text": "he would sign onto the program",
        "context": "last December, when the White House indicated participation was mandatory",
        "said_on": D(2010, 12, 1),
        "said_on_precision": "month",
    },
    {
        "speaker": "mary-beth-heffernan",
        "kind": "direct",
        "text": "sending conflicting messages",
        "context": "in the same letter, charging ICE officials with sending conflicting messages about the program",
        "said_on": LETTER_SENT,
        **VERIFIED_AGAINST_THE_LETTER,
    },
    {
        "speaker": "andrew-cuomo",
        "kind": "paraphrase",
        "text": "he was withdrawing from Secure Communities",
        "context": "announcing last week that New York was withdrawing from the program",
        # New York suspended its participation on Wednesday, June 1, 2011 ("last week").
        "said_on": D(2011, 6, 1),
    },
    {
        "speaker": "andrew-cuomo",
        "kind": "paraphrase",
        "text": "it hasn’t deported felons",
        "context": "giving his reason for withdrawing New York from the program",
        "said_on": D(2011, 6, 1),
    },
    {
        "speaker": "pat-quinn",
        "kind": "paraphrase",
        "text": "many of the people deported hadn’t committed a serious crime",
        "context": "deciding in early May to bow out of the program",
        "said_on": D(2011, 5, 1),
        "said_on_precision": "month",
    },
]
