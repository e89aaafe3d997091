"""Swedish words as the search compares them: folded, without stop words, stemmed.

The same rules as PostgreSQL's `swedish` text search configuration, so that the
embedded default (SQLite) finds what PostgreSQL finds: the words are the runs of
letters and digits, case-folded; the Snowball stop words are dropped; each word
is reduced by the Snowball Swedish stemmer (the version PostgreSQL ships, which
tests/portal/test_search_backends.py compares word by word).
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

WORD = re.compile(r"\w+")

# Snowball's Swedish stop words, as in PostgreSQL's tsearch_data/swedish.stop.
_STOP_LIST = """
    och det att i en jag hon som han på den med var sig för så till är men ett om
    hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där
    min man ej vid kunde något från ut när efter upp vi dem vara vad över än dig
    kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
    detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir
    mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
    vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas
"""
STOP_WORDS = frozenset(_STOP_LIST.split())

_stemmer = snowballstemmer.stemmer("swedish")


def words(text: str) -> list[str]:
    """The words of `text`, case-folded, in order."""
    return WORD.findall(text.casefold())


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word; empty for a stop word."""
    if word in STOP_WORDS:
        return ""
    return _stemmer.stemWord(word)


def stems(*texts: str | None) -> str:
    """The stems of every word of `texts`, space-separated: what is indexed."""
    found = (stem(word) for text in texts if text for word in words(text))
    return " ".join(s for s in found if s)
