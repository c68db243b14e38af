"""Dutch words for the kennisbank search on SQLite, the way PostgreSQL's 'dutch' text search
configuration treats them: lower case, without its stop words, reduced to their stem by the
Snowball Dutch stemmer ("vrijstellingen" and "vrijstelling" both become "vrijstell").

PostgreSQL 15 stems with Snowball's original Dutch algorithm, which the `snowballstemmer`
package (3.x) calls "dutch_porter" (its "dutch" is a newer algorithm that turns "gemeenten"
into "meen"); the same algorithm here gives the same results on both databases.

Used by `knowledge.services` (the stemmed text kept in the full-text index) and
`knowledge.selectors` (the stemmed query, and the snippet with the words marked).
"""

import re

import snowballstemmer

ALGORITHM = "dutch_porter"
# PostgreSQL's share/tsearch_data/dutch.stop (Snowball's list of Dutch stop words).
STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar
    haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden
    toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier
    wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand
    geweest andere
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
WORD = re.compile(r"\w+")
SNIPPET_WORDS = 35  # as SearchHeadline(max_words=35) on PostgreSQL
SNIPPET_LEAD = 5  # words shown before the first match


def stemmer():
    """A stemmer for one text or query (the objects keep state: not shared between
    threads)."""
    return snowballstemmer.stemmer(ALGORITHM)


def stem_words(words, stem=None) -> list[str]:
    """The stems of the words that are not stop words, in order."""
    stem = stem or stemmer().stemWord
    return [stem(word) for word in (w.lower() for w in words) if word not in STOP_WORDS]


def document(text: str) -> str:
    """The text as the full-text index holds it: its stems, separated by spaces."""
    return " ".join(stem_words(WORD.findall(text)))


def match_expression(query: str, *, any_word: bool = False) -> str | None:
    """An FTS5 query for what someone typed, as PostgreSQL's websearch_to_tsquery reads
    it: every word (stemmed) must occur, "-word" must not, "or" between words allows
    either; with `any_word` one of the words is enough (the suggestions while asking).
    None when nothing searchable is left (only stop words or signs)."""
    stem = stemmer().stemWord
    include, exclude = [], []
    joiner_or = False
    for token in query.split():
        if token.lower() == "or" and include:
            joiner_or = True
            continue
        negative = token.startswith("-")
        stems = stem_words(WORD.findall(token), stem)
        if not stems:
            continue
        term = " ".join(f'"{s}"' for s in stems)
        term = f"({term})" if len(stems) > 1 else term
        if negative and not any_word:
            exclude.append(term)
        elif joiner_or:
            include[-1] = f"{include[-1]} OR {term}"
            joiner_or = False
        else:
            include.append(term)
    if not include:
        return None
    separator = " OR " if any_word else " AND "
    expression = separator.join(f"({term})" if " OR " in term else term for term in include)
    for term in exclude:
        expression = f"({expression}) NOT {term}"
    return expression


def query_stems(query: str) -> set[str]:
    """The stems of the words someone looks for (not those after a "-")."""
    stem = stemmer().stemWord
    return {
        s
        for token in query.split()
        if not token.startswith("-")
        for s in stem_words(WORD.findall(token), stem)
    }


def snippet_parts(text: str, stems: set[str]) -> list[tuple[str, bool]]:
    """A passage of the text around the first word that matches the query, with the
    matching words marked: [(text, marked), ...], for the template to escape and mark. As
    PostgreSQL's headline: about SNIPPET_WORDS words, whole words only; the start of the
    text when no word matches (the item matched on its title or question)."""
    words = list(WORD.finditer(text))
    if not words:
        return [(text, False)] if text else []
    stem = stemmer().stemWord
    marked = [
        word.group().lower() not in STOP_WORDS and stem(word.group().lower()) in stems
        for word in words
    ]
    first = marked.index(True) if True in marked else 0
    start = max(0, min(first - SNIPPET_LEAD, len(words) - SNIPPET_WORDS))
    end = min(len(words), start + SNIPPET_WORDS)
    parts: list[tuple[str, bool]] = []
    if start > 0:
        parts.append(("… ", False))
    position = words[start].start()
    for word, hit in zip(words[start:end], marked[start:end], strict=True):
        if word.start() > position:
            parts.append((text[position : word.start()], False))
        parts.append((word.group(), hit))
        position = word.end()
    tail = text[position : words[end].start()] if end < len(words) else text[position:]
    if end < len(words):
        parts.append((tail.rstrip() + " …", False))
    elif tail:
        parts.append((tail, False))
    return _merged(parts)


def _merged(parts):
    """Adjacent unmarked pieces as one."""
    merged: list[tuple[str, bool]] = []
    for piece, hit in parts:
        if merged and not hit and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + piece, False)
        else:
            merged.append((piece, hit))
    return merged
