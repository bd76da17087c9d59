"""Proposes the quotes of a news article, from its plain text, for an editor to confirm.

`extract_quotes(text)` finds direct quotes (the words inside double quotation marks, straight or
curly, continued across paragraphs by the news convention) and, as a second tier, paraphrases
with an explicit attribution ("Cuomo said last week he was withdrawing ..."). Each proposal
carries the speaker's fullest name in the article, the title and state printed with it, and
character offsets into `text`. It is string work only: no database, nothing outside the
standard library, a few milliseconds per article.

The modules, from the bottom up: `lexicon` (word lists and patterns), `tokens` (paragraphs,
paired quotation marks, words), `names` (what makes a name, a title, a state; names as keys)
and `attribution` (reporting verbs, subjects, pronouns: who said it). Matching speakers to
`Person` rows is the importer's (`articles.importer.match_speakers`).
"""

from .attribution import ExtractionTooSlow, Proposal, extract_quotes
from .names import mentioned_states, name_keys, normal_name, title_words

__all__ = [
    "ExtractionTooSlow",
    "Proposal",
    "extract_quotes",
    "mentioned_states",
    "name_keys",
    "normal_name",
    "title_words",
]
