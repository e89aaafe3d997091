"""People by any spelling: the other spellings of a name a search also tries, and
the people a search names.

The documents spell some names in more than one way (Lejegren and Lejgren in the
same 2018 protokoll, Ingemar and Ingmar Ångman); each person keeps the spellings
(`Person.aliases`). A query word that is one spelling's part of a name is also
tried as the parts the other spellings have instead, so each spelling finds every
paragraph. Every person of the register lends their spellings: they are those the
documents use, and a search only ever returns public texts. The people a search
lists are only the public ones (a seat in an active body, now or before:
`council.selectors.people_with_public_seat`), whose pages say where they sit and
where they are named.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from council.models import Person
from council.portal.search.stemming import stem, words
from council.selectors import public_seats

MIN_LENGTH = 2  # an initial ("Anita T Ladinek") is no spelling of a name


def spelling_parts(spellings: list[str]) -> dict[str, set[str]]:
    """Each part that not every spelling shares, and the parts of the other
    spellings that differ: {"lejgren": {"lejegren"}, "lejegren": {"lejgren"}}."""
    parts = [words(spelling) for spelling in spellings]
    shared = set.intersection(*(set(p) for p in parts)) if parts else set()
    differing = {
        word
        for p in parts
        for word in p
        if word not in shared and len(word) >= MIN_LENGTH
    }
    return {word: differing - {word} for word in differing if differing - {word}}


@dataclass(frozen=True)
class NamedPerson:
    pk: int
    name: str
    party: str
    spellings: tuple[str, ...]
    stems: frozenset[str]

    @property
    def url(self) -> str:
        return reverse("council:person_detail", kwargs={"pk": self.pk})

    @property
    def other_spellings(self) -> tuple[str, ...]:
        return self.spellings[1:]


@dataclass
class Names:
    """By the stem of a part of a name, the other spellings of that part; and the
    public people, to list those a query names."""

    spellings: dict[str, list[str]] = field(default_factory=dict)
    people: list[NamedPerson] = field(default_factory=list)

    def named(self, stem_groups: list[list[str]]) -> list[NamedPerson]:
        """The public people whose names hold a stem of every group."""
        if not stem_groups:
            return []
        return [
            person
            for person in self.people
            if all(any(s in person.stems for s in group) for group in stem_groups)
        ]


@functools.cache
def _rows_sql(vendor: str) -> tuple[str, tuple]:
    """The SQL of the people with spellings or a public seat, built once per
    process: building the queryset took longer than the database's answer."""
    rows = (
        Person.objects.filter(
            ~Q(aliases=[]) | Q(pk__in=public_seats().values("person"))
        )
        .annotate(public=Exists(public_seats().filter(person=OuterRef("pk"))))
        .values_list("pk", "name", "aliases", "party", "public")
        .order_by("name", "pk")
    )
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params)


def names() -> Names:
    """The spellings and the public people, in one query."""
    sql, params = _rows_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    aliases_of = Person._meta.get_field("aliases").from_db_value
    return _names(
        tuple(
            (pk, Person.spellings_of(name, aliases_of(aliases, None, connection)))
            + (party, bool(public))
            for pk, name, aliases, party, public in fetched
        )
    )


@functools.lru_cache(maxsize=8)
def _names(rows: tuple) -> Names:
    """Names from the rows read: the same rows give the same (shared) Names."""
    found = Names()
    spellings: dict[str, set[str]] = defaultdict(set)
    for pk, every, party, public in rows:
        name = every[0]
        for word, others in spelling_parts(list(every)).items():
            spellings[stem(word) or word] |= others
        if public:
            person_stems = frozenset(stem(w) or w for s in every for w in words(s))
            found.people.append(NamedPerson(pk, name, party, every, person_stems))
    found.spellings = {key: sorted(others) for key, others in spellings.items()}
    return found
