"""Word lists and patterns the extractor reads text with: reporting verbs, titles, places, organisations."""

import re
from pathlib import Path

# Reporting verbs from the Gender Gap Tracker (MIT, see quote_cues/LICENSE).
CUE_LIST = Path(__file__).resolve().parent / "quote_cues" / "quote_verb_list.txt"

# Forms of that list whose usual news sense is belief, inference or a noun ("two other states",
# "reports"), which are not someone's words.
NOT_SPEECH = frozenset(
    """think thinking thinks thought finding finds ensure ensured ensures ensuring present presenting presents
    release released releases releasing demonstrate demonstrated demonstrates demonstrating illustrate illustrated
    illustrates illustrating persist persisted persisting persists estimated estimates indicate indicated indicates
    indicating acclaim acclaimed acclaiming acclaims declaim declaimed declaiming declaims disclaim disclaimed
    disclaiming disclaims preach preached preaches preaching rave raved raves raving state states report reports
    comment comments note notes claim claims point points reply tweet""".split()
)
# Reporting verbs the list lacks, common in wire copy.
MORE_SPEECH = frozenset(
    """reveal revealed reveals stress stressed stresses emphasize emphasized emphasizes emphasise emphasised
    opine opined opines reasoned quip quipped quips remark remarked remarks recall recalled recalls observe
    observed observes ask asked asks asking charge charged charges contend contended contends maintain maintained
    maintains allege alleged alleges complain complained complains boast boasted boasts concede conceded
    concedes deny denied denies posted cautioned joke joked jokes agree agrees agreed""".split()
)
# Verbs that characterize rather than report: they attribute a partial quote ("called the
# sentence "dangerous"", "labelling the comments as "a yawn"") but never a paraphrase.
CHARACTERIZING = frozenset(
    "call called calls calling label labelled labeled labels labelling labeling brand branded term termed".split()
)
# Verbs of denial: they attribute a quote ("denied that the UK was “complicit”") but report no clause as what was
# said, the clause being what the speaker says is not so (unlabelled as paraphrase, as the labelling rules' verbs are).
DENYING = frozenset("deny denied denies denying".split())
# Verbs whose object is often someone's words quoted in part ("urged supporters to “punch …”",
# "accused the agency of “stonewalling”"): they attribute a partial quote, never a paraphrase.
PARTIAL_CUES = frozenset(
    """urge urged urges urging demand demanded demands demanding accuse accused accuses accusing characterize
    characterized characterizes characterise characterised threaten threatened threatens vow vowed vows pledge
    pledged pledges liken likened likens recommend recommended recommends deem deemed deems praise praised praises
    criticize criticized criticizes criticise criticised condemn condemned condemns decry decried decries blast
    blasted slam slammed hail hailed dismiss dismissed dismisses promise promised promises attack attacks
    attacked believe believes believed""".split()
)
# Verbs of crying out whose object is the words cried ("fans have been yelling “cheater” or “steroids”",
# "protesters chanted “…”"): a quote right after one is someone's words, named or not.
SHOUTING = frozenset(
    """yell yelled yelling yells shout shouted shouting shouts chant chanted chanting chants scream screamed
    screaming screams""".split()
)
SAY = frozenset("say says said saying".split())
PLAIN_SPEECH = SAY | frozenset("added adds asked asks told tells wrote writes replied".split())
# Verbs whose listener comes before the reported clause: "told Judge Patrick Clifford that ...".
OBJECT_VERBS = frozenset(
    """tell tells told telling advise advised advises advising inform informed informs informing assure assured
    assures assuring warn warned warns warning remind reminded reminds reminding notify notified notifies
    notifying reassure reassured reassures reassuring convince convinced convinces convincing""".split()
)
# Words that introduce a name, not a quotation: a robot "named "Robogee"", a "so-called "unknown"".
NAMING = frozenset("named titled entitled headlined dubbed nicknamed so-called christened".split())

TITLES = frozenset(
    """gov governor lt lieutenant sen senator rep representative congressman congresswoman assemblyman
    assemblywoman delegate mr mrs ms miss dr prof professor president vice secretary undersecretary minister
    prime premier chancellor mayor attorney general gen col colonel maj capt captain cmdr commander adm
    admiral sgt sergeant officer judge justice chief sheriff commissioner director administrator ambassador
    envoy chairman chairwoman chair chairperson ceo cfo coo cto founder co-founder cofounder spokesman
    spokeswoman spokesperson coach bowler batsman player critic reporter editor correspondent member leader
    deputy assistant associate executive manager superintendent treasurer comptroller auditor councilman
    councilwoman councillor councilor alderman pope rev reverend pastor rabbi imam bishop archbishop sir dame lord
    former then acting interim speaker majority minority head sec atty supt whip lady marshal inspector detective
    trooper lawmaker counsel solicitor prosecutor clerk dean provost principal economist analyst ranger
    congressmember councilmember legislator selectman selectwoman pilot astronaut engineer scientist researcher
    spc cpl pvt pfc ens cdr lcdr brig ssgt msgt tsgt sfc seaman airman mate corpsman yeoman controlman ordnanceman
    physicist astronomer technician supervisor specialist coordinator advisor adviser commentator host anchor
    columnist strategist consultant agent charge""".split()
)
# Capitalized words that are never part of a person's name.
STOP_CAPS = frozenset(
    """The A An This That These Those It Its He She They We I His Her Their Our My Your In On At Of For To From
    With By As After Before During Since Until When While If But And Or Nor So Yet Also However Meanwhile
    According Although Though Because Despite Under Over Through Throughout Today Yesterday Tomorrow Tonight
    Last Next Every Each Both Some Many Most All Any No Not Only Even Just Still Then Now There Here Thanks
    Speaking Citing Asked Following Like Unlike Other Another Such What Why How Who Whom Which Where Whether
    Regarding Concerning Responding Referring Commenting Addressing Noting Asking Describing Considering
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July September October
    November December One Two Three Four Five Six Seven Eight Nine Ten First Second Third""".split()
)
PARTICLES = frozenset("von van der den de del della di da du la le dos das ter ten bin ibn al el".split())
SUFFIXES = frozenset("Jr Sr II III IV".split())
# Academic and professional degrees printed after a name ("Larry Robinson, Ph.D."): not part of it.
DEGREES = frozenset("Ph.D PhD M.D Ed.D J.D D.V.M D.D.S Esq".split())
# Capitalized words of offices and organizations: "Secretary of Public Safety Mary Beth
# Heffernan" is an office and then a name; "Korean Central News Agency" is an organization.
OFFICE_WORDS = frozenset(
    """Public Safety Security Health Human Services Service Energy Education Defense Defence Commerce Labor Labour
    Justice Treasury Transportation Transport Agriculture Interior Housing Urban Development Homeland Veterans
    Affairs Foreign Environment Environmental Protection Economic Finance Financial Trade Industry Culture Staff
    State Planning Budget Management Information Communications Intelligence Immigration Enforcement Customs
    Emergency Works Resources Science Technology Research Relations Operations Policy Intergovernmental
    Rights""".split()
)
ORG_WORDS = frozenset(
    """Agency Administration Authority Bureau Commission Committee Council Court Board Center Centre Institute
    Foundation Association Society University College School Academy Company Corporation Corp Inc Ltd LLC Group
    Party Ministry Government Department Office Conference Union League Police Force Forces Army Navy Museum Chamber
    Times News Post Journal Tribune Herald Gazette Press Network Bank Fund Program Programme Project Plan Act
    Senate House Assembly Congress Parliament Cabinet Coalition Alliance Federation Organization Organisation
    Club Team Church Hospital Shuttle Station Airport Summit Partnership Initiative Challenge Campaign Online
    Daily Magazine Radio Television TV Channel Systems Technologies Airlines Motors Capital Partners Holdings
    Industries International Global National Co Federal Communities District County City Province Region Republic
    Kingdom Nations Trust Guard Mission Embassy Prison Olympics Games Cup Festival Award Awards Prize Fair
    World Reporter Laboratory Laboratories Course Electric""".split()
)
ORG_OR_OFFICE_WORDS = ORG_WORDS | OFFICE_WORDS
# Lower-case words inside an organization's name: "House Energy and Commerce Committee".
ORG_JOINS = frozenset("and & of for on".split())
STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
    "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
    "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX",
    "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY", "District of Columbia": "DC", "Puerto Rico": "PR", "Guam": "GU",
    "U.S. Virgin Islands": "VI", "American Samoa": "AS", "Northern Mariana Islands": "MP",
}  # fmt: skip
# The AP's state abbreviations, as in "Sen. Elizabeth Warren (D-Mass.)".
AP_STATES = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE", "Fla": "FL",
    "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Ky": "KY", "La": "LA", "Md": "MD", "Mass": "MA",
    "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT", "Neb": "NE", "Nev": "NV", "N.H": "NH",
    "N.J": "NJ", "N.M": "NM", "N.Y": "NY", "N.C": "NC", "N.D": "ND", "Okla": "OK", "Ore": "OR", "Pa": "PA",
    "R.I": "RI", "S.C": "SC", "S.D": "SD", "Tenn": "TN", "Vt": "VT", "Va": "VA", "Wash": "WA", "W.Va": "WV",
    "Wis": "WI", "Wyo": "WY",
}  # fmt: skip
# Countries (and continents) that open a title, as in "Prime Minister of Canada Justin Trudeau".
COUNTRIES = frozenset(
    name.strip()
    for name in """
    Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|
    Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria|
    Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|
    Croatia|Cuba|Cyprus|Czech Republic|Denmark|Djibouti|Dominica|Dominican Republic|East Timor|Ecuador|Egypt|
    El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Germany|Ghana|Greece|Grenada|
    Guatemala|Guinea|Guyana|Haiti|Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|
    Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|
    Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|
    Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|
    Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|
    Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|
    San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|
    South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|
    Thailand|Togo|Tonga|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
    United States|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|America|Europe|Asia|
    Africa|U.S.|US|UK|U.K.|EU|Yugoslavia|Soviet Union|USSR|Czechoslovakia|East Germany|West Germany|Burma|Zaire|
    Rhodesia
""".split("|")
)
# Nationalities as adjectives: "Serbian Ratko Rudic" is a Serb named Ratko Rudic, not a person named Serbian.
DEMONYMS = frozenset(
    """Afghan Albanian Algerian American Argentine Argentinian Armenian Australian Austrian Azerbaijani Bangladeshi
    Belarusian Belgian Bolivian Bosnian Brazilian British Bulgarian Cambodian Cameroonian Canadian Chilean Chinese
    Colombian Congolese Croatian Cuban Czech Danish Dutch Ecuadorian Egyptian English Eritrean Estonian Ethiopian
    Filipino Finnish French Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian
    Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar
    Kuwaiti Kyrgyz Latvian Lebanese Liberian Libyan Lithuanian Macedonian Malaysian Malian Mexican Moldovan Mongolian
    Moroccan Mozambican Nepalese Nigerian Nigerien Norwegian Pakistani Palestinian Panamanian Paraguayan Peruvian
    Philippine Polish Portuguese Qatari Romanian Russian Rwandan Salvadoran Saudi Scottish Senegalese Serbian Slovak
    Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Tunisian Turkish Ugandan
    Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Yugoslav Zambian Zimbabwean""".split()
)
# US cities of two or more words from articles/places/us-cities.csv ("New Orleans", "St. Louis"): places, so not the
# person a later "he" stands for. One-word cities are left out: many are surnames or first names (Austin, Houston).
CITIES_FILE = Path(__file__).resolve().parent.parent / "places" / "us-cities.csv"
US_CITIES = frozenset(
    city for city in (line.split(",")[0].strip() for line in CITIES_FILE.read_text().splitlines()[1:]) if " " in city
)
PLACES = COUNTRIES | STATES.keys() | US_CITIES
MAX_PLACE_WORDS = max(len(place.split()) for place in PLACES)
PLACE_FIRST_WORDS = frozenset(place.split()[0] for place in PLACES)

PRONOUNS = frozenset("he she it they".split())
# Nouns for what a speaker issues; "the letter" later in the story means the letter quoted earlier.
DOCUMENTS = frozenset(
    """letter statement report analysis study survey memo email tweet post editorial release announcement
    remarks message speech testimony column review filing complaint ruling proclamation citation opinion
    lawsuit petition resolution judgment judgement article""".split()
)
# Verbs that are nouns as often as verbs ("two other states"), but only verbs when they end the
# sentence after a quote and its subject: "“…,” the governor's proclamation states."
FINAL_REPORTING = frozenset("states notes reads reports claims comments".split())
# What "according to the …" may name as a source with no one named for it: documents, and a video.
SOURCE_DOCUMENTS = DOCUMENTS | {"video"}
# Words a page prints as a label before a quote, "EXCERPT: “…”": what follows, not who says it.
LABEL_WORDS = DOCUMENTS | frozenset("excerpt excerpts extract update note quote quotes text transcript".split())
SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson".split())
# People of a court case a story may leave unnamed: "the co-defendant said …" is no one named before, unless the
# text called someone that.
UNNAMED_PARTIES = frozenset("co-defendant codefendant juror bystander eyewitness onlooker".split())
# Nouns for someone of an organisation named in capitals before them: "the UNHCR official", "the EU envoy".
MEMBER_NOUNS = frozenset("official representative envoy".split())
# Nouns for a person by their family or place in the story: "the father said" is someone named earlier.
# Of those, the occupations that also stand before a name like a title: "Nurse Kim Vale".
OCCUPATIONS = frozenset(
    """victim owner driver survivor witness resident teacher student veteran farmer nurse doctor officer pilot
    player coach manager lawyer forecaster meteorologist astronaut economist analyst researcher scientist engineer
    historian""".split()
)
# Of those, the people of a crime or a case whom releases and court news often leave unnamed: "the victim said" is
# whoever the text named as one, or no one it names (not the last person named in full, often the accused).
PARTIES_TO_A_CASE = frozenset("victim survivor witness".split())
# Nouns for someone's family: "her mother, Natalie Batalha," names a relative of the one "her" stands for.
KIN = frozenset(
    """father mother son daughter husband wife brother sister parent grandmother grandfather uncle aunt widow
    widower cousin niece nephew grandson granddaughter""".split()
)
PERSON_NOUNS = OCCUPATIONS | KIN | frozenset("man woman boy girl neighbor neighbour friend candidate nominee".split())
# Plural nouns for people a text does not name one by one: "White House officials said", "Weather experts say". Their
# words are someone's, but no one's a later "he" or the sentence before stands for, and no paraphrase's (a group's).
GROUPS = frozenset(
    """officials authorities experts analysts critics witnesses residents sources diplomats lawmakers legislators
    researchers scientists investigators prosecutors observers activists protesters organizers organisers forecasters
    meteorologists""".split()
)
# A member of a party, as a noun: "a Chicago Democrat", "an Ohio Republican" describe someone, never name them.
PARTY_MEMBERS = frozenset("Democrat Democrats Republican Republicans Independent Libertarian".split())
# Communication words that mark a sentence as leading into the quote after it.
COMMUNICATION = DOCUMENTS | frozenset("interview conference briefing hearing".split())
# Between a subject and its reporting verb: "Memon also said", "he went on to say".
FILLERS = frozenset(
    """also has have had was were is are would will could might must should did does do later then further
    previously earlier again repeatedly once recently reportedly publicly personally however already even
    finally flatly simply went on to still now often frequently openly immediately subsequently initially
    originally privately directly specifically sharply strongly bluntly jokingly himself herself themselves
    today yesterday tonight only""".split()
)
PREPOSITIONS = frozenset("of to for on at from in with by into onto over under about".split())
# Where a speaker's name ends after an inverted verb: "said Bolden to the gathered crowd".
PHRASE_ENDS = frozenset(
    "in to at from during after before with who which that when while because about via through on by as".split()
)
ARTICLES = frozenset("the a an".split())
PREPOSITIONS_OR_ARTICLES = PREPOSITIONS | ARTICLES
PREPOSITIONS_OR_AND = PREPOSITIONS | {"and"}
PREPOSITIONS_ARTICLES_OR_AND = PREPOSITIONS_OR_ARTICLES | {"and"}
CONJUNCTIONS = frozenset("and but or yet so".split())
RELATIVES = frozenset("which who whose whom that where when".split())
# Words that carry a sentence on after a quoted word rather than being the noun it qualifies.
NOT_A_NOUN = (
    PREPOSITIONS
    | PHRASE_ENDS
    | ARTICLES
    | CONJUNCTIONS
    | RELATIVES
    | FILLERS
    | frozenset("be been being than if since until unless whether nor not".split())
)
# Words that open a clause after a listener: "told reporters the council would ...".
CLAUSE_OPENERS = frozenset("he she it they we i there the this these those his her their its our".split())
# Words that open a clause as its subject's first word: "told Wikinews only 10% of the employees were …".
QUANTIFIERS = frozenset("only about nearly almost more most some many all few over under half every no".split())
# What "said" is followed by when it does not report a clause: "said goodbye", "said why".
NOT_CLAUSES = frozenset(
    """goodbye hello nothing something anything yes no little much more so otherwise sorry thanks thank grace
    what why how whether if when where who whom which""".split()
)
SMALL_WORDS = frozenset("of the a an and for in on to at by or with from de la vs".split())
ABBREVIATIONS = frozenset(
    """gov sen rep dr mr mrs ms jr sr st lt gen col capt sgt adm prof rev hon atty supt no inc co corp ltd vs v etc
    jan feb mar apr aug sep sept oct nov dec mass calif conn fla ill mich minn pa va wash ore okla tenn wis ariz
    colo ky md mo nev mt ft ave maj cmdr spc cpl pvt pfc ens cdr lcdr brig ssgt msgt tsgt sfc""".split()
)

MARKS = '"“”„'
PUA = "\ue000"  # stands in for the words of a quote while the text around it is read
EDGE = "\"'“”‘’()[],.;:!?"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
TIME_WORDS = rf"week|month|year|weekend|night|morning|afternoon|evening|spring|summer|fall|autumn|winter|{MONTHS}"

# The patterns below never start a match inside a run of spaces or marks that an earlier position
# would have matched too (a lookbehind, a possessive quantifier): each run is read once, not once
# per character, which would make one search quadratic in a text of spaces or "!!!!".
# A word; "said" run into the name after it ("saidMandy Cohen", a lost space) is a word of its own.
WORD = re.compile(r"sa(?:id|ys)(?=[A-Z][a-z])|\S+")
SPACES = re.compile(r"\s*")
# A full stop with its space lost ("top official.He said") ends a sentence too, after a lower-case word.
# So does a closing mark with the next sentence printed against it ("… said Bor. “….”As Soldiers").
# (The leading lookahead, which every branch meets, lets the search skip from stop to stop instead
# of trying the lookbehinds at every character: a third of the time on a long text.)
SENTENCE_END = re.compile(
    r"(?=[.!?])(?:(?<![.!?])[.!?]+[)\"”’\]]*(?=\s|$)|(?<=[a-z]{3})\.(?=[A-Z][a-z])|(?<![.!?])[.!?]+”(?=[A-Z]))"
)
ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")
PREFIXED_NAME = re.compile(r"(?:al|el|ad|bin|ibn|abu)-[A-Z]")
CITATION = re.compile(r"(?:\[[^\[\]]*\]|\([^()]*\))\s*$")  # what ends a paragraph: "[Tweet, 3/11/22]"
# Said of when or where the words were said, not part of them: "said last week he ...".
ADVERBIAL = re.compile(
    rf"""\s*+,?+\s*+(?:(?:last|this|next|earlier\ this|late\ last|on)\s+(?:{TIME_WORDS}|{WEEKDAYS})\b
    |yesterday\b|today\b|tonight\b|(?:on\s+)?(?:{WEEKDAYS})\b
    |(?:in|during|at)\s+(?:a|an|the|his|her|their)\s+(?:\w+\s+)?(?:statement|interview|speech|letter|email|briefing
      |press\ conference|news\ conference|hearing|meeting|tweet|post|release|video)\b
    |on\s+(?:Twitter|Facebook|Instagram|television|radio)\b
    |earlier\b|later\b|recently\b|previously\b|repeatedly\b|publicly\b|privately\b|again\b|also\b|out\b)""",
    re.X,
)
# "but" then one word in lower case set off by commas, then a word going on in lower case that opens no clause
# of its own ("valiant, but losing, battle against cancer"; not ", but now, the plan" or ", but still, we").
BUT_ASIDE = (
    r"\s+(?!(?:now|then|still|also|instead|rather|too|later|today|yesterday|first|again|so|not|yet|here|there)\b)"
    r"[a-z]+,\s+(?!(?:the|a|an|it|he|she|they|we|i|you|this|that|these|those|there|his|her|their|its|our|my)\b)[a-z]"
)
# Where a reported clause stops: another clause, another attribution, or a time that dates the saying;
# also the speaker's own next act ("stated it has been an honor … and expressed appreciation", in minutes),
# a typewriter's dash ("“potent … force” -- meaning that …", not "-- but that …", a second clause reported)
# and a concession after a partial quote's comma ("would be “the easiest no vote yet,” even though …").
CLAUSE_END = re.compile(
    rf"""\s*(?:;|\s[—–]\s|—|\s--\s(?!(?:but|and)\s+that\b)
    |,\s+(?:saying|adding|according\ to|and(?!\s+(?:that|how|whether|what|why)\b)
    |but(?!{BUT_ASIDE})|while|although|though|even\ though)\b
    |,\s+(?:explaining|noting|arguing|insisting|warning|claiming|stressing)\s+(?:that|he|she|they|we)\b
    |(?<=,[\"\u201d])\s+(?:explaining|noting|arguing|insisting|warning|claiming|stressing)\s+that\b
    |(?<=,[\"\u201d])\s+(?:although|though|even\ though)\b
    |(?<=\s)and\s+(?:expressed|thanked|commended|said|says|added|adds)\b
    |\s(?:last|earlier\ this)\s+(?:{TIME_WORDS})\b)""",
    re.X,
)
CLAUSE_END_AFTER_WORD = re.compile(rf"(?<!\s)(?:{CLAUSE_END.pattern})", re.X)
# A name's place of origin at the end of a phrase: "Governor Gretchen Whitmer of Michigan".
# "Jim Doe of Boston", and "Fazlullah Khan of northwestern Khyber Pakhtunkhwa province": a place after
# the name, maybe with a direction before it and a word for a region after it. Or the body the person
# is of, maybe a unit of another, or with its acronym after it: "Lieutenant DeWayne Little of CDFW’s
# Watershed Enforcement Team (WET)", "Jane Doe of NASA's Goddard Space Flight Center".
OF_PLACE = re.compile(
    r"(?<!\s)\s+of\s+(?:the\s+)?(?:(?:north|south|east|west|central|rural)\w*\s+)?"
    r"([A-Z]\w*(?:['’]s)?(?:\s+(?:(?:of|and|for|&)\s+)?[A-Z]\w*(?:['’]s)?)*)"
    r"(?:\s+(?:province|county|district|region|state|parish|township|village))?(?:\s+\([A-Z][A-Z0-9&]{1,7}\))?"
    # where that body is, after it: "Jane Doe of NASA's Goddard Space Flight Center in Greenbelt, Maryland",
    # "John Smith of the Acme Company in Dallas, Texas", "… of NASA's Jet Propulsion Laboratory in Southern California"
    r"(?:,?\s+(?:in|at|near)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?)?"
    r"[,.;:]*$"
)
# Punctuation of speech set outside the marks, maybe after a short bracket: `held" ((it)).`, `combined",`
PUNCTUATION_AFTER = re.compile(r"(?:\s?\(\(?[^()]{0,40}\)\)?|\s?\[[^\[\]]{0,40}\])?[,.;:!?]")
SET_OFF = re.compile(r",|\s*[—–-]\s")  # what follows a quote before its attribution: `", said X`, `" — X`
AS_SOURCE = re.compile(r"\b(?:[Aa]ccording to|quoting|[Ii]n the words of)\s+")
# A name in apposition to a possessive and a noun for family, at the end of the text before it: "her sister, Dr. ",
# "His son, " (the name follows): someone's relative, named beside the one the possessive stands for.
KIN_BEFORE = re.compile(
    rf"\b(?i:his|her|their)\s+(?i:late\s+|older\s+|younger\s+)?(?i:{'|'.join(sorted(KIN))})s?,\s+(?:[A-Z][\w.]*\s+){{0,2}}$"
)
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+")
DOCUMENT_MENTION = re.compile(rf"\b(?:a|an|the|his|her|their|its)\s+(?:\w+\s+)?({'|'.join(DOCUMENTS)})\b")


def _load_cue_verbs():
    listed = {line.strip().lower() for line in CUE_LIST.read_text(encoding="utf-8").splitlines() if line.strip()}
    return frozenset((listed - NOT_SPEECH) | MORE_SPEECH)


CUE_VERBS = _load_cue_verbs()
ATTRIBUTING = CUE_VERBS | CHARACTERIZING

# A first name's gender as officials are recorded with it (congress-legislators and Open States, CC0;
# built by build_first_names.py: two records at least, all of one gender), for "he"/"she" agreement.
FIRST_NAMES = Path(__file__).resolve().parent / "first_names.tsv"
with open(FIRST_NAMES, encoding="utf-8") as _names:
    FIRST_NAME_GENDER = {
        row[0]: row[1] for row in (line.rstrip("\n").split("\t") for line in _names if not line.startswith("#"))
    }
# Words of a title or role that say whether a "he" or a "she" can stand for its holder ("Mrs. Jones",
# "the congresswoman", "his wife"); "chairman", "actor" or "alderman" are said of women too.
GENDERED_WORDS = {
    **dict.fromkeys(
        """mr sir lord king prince duke father brother son husband grandfather uncle nephew widower boy man
        congressman spokesman councilman assemblyman businessman sportsman""".split(),
        "M",
    ),
    **dict.fromkeys(
        """mrs ms miss madam lady dame queen princess duchess mother sister daughter wife grandmother aunt niece
        widow girl woman congresswoman spokeswoman councilwoman assemblywoman businesswoman sportswoman
        chairwoman actress""".split(),
        "F",
    ),
}
