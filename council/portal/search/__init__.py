"""Search over what is public: protokoll paragraphs, meeting items, plans, networks.

On PostgreSQL: full-text search with the `swedish` configuration (stemming, so
"förslaget" finds "förslag"), ranked. Paragraphs, agenda items and plan entries
keep their vector in a stored `search_vector` column (a trigger fills it; see
meetings migration 0006 and plans 0003), so matching and ranking read it instead
of computing `to_tsvector` for each matching row; the few network pages are
vectorised as they are searched. On SQLite (the embedded default) the same
words are found: an FTS5 index of each row's Swedish stems (`sqlite`, with the
stemmer and stop words of PostgreSQL's `swedish`, `stemming`), ranked by BM25.
A word that is one spelling of a public person's name also tries the others
(`names`). Only published material is searched; the visibility rules are the
same as the public pages'.

The sources are searched together, as one UNION ALL of plain values without the
long texts. One query finds and ranks the matches once and returns both the number
of every match by kind, body and year (the facets and the count of hits) and the
page of hits shown; the texts of that page are read in a second, and their marked
snippets made from them. The facets count every match, not only the best ones.

`sources` says what is searched and where a hit links to, `ranking` builds and
runs the one query, `results` turns its rows into hits, pages and snippets.
The snippets are made in Python from the text, the same on both databases.
"""

from council.portal.search.results import Hit, Results, search

__all__ = ["Hit", "Results", "search"]
