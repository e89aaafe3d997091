"""A person's public page: the seats they hold or held, and the published
paragraphs that name them, by any spelling of their name."""

from __future__ import annotations

from django.db.models import F, Q
from django.http import Http404

from council.models import Membership, Person
from council.portal.search.ranking import has_words, matching, query_groups
from council.portal.search.sources import PARAGRAPHS, published_paragraphs
from council.selectors import people_with_public_seat, public_seats
from meetings.models import Paragraph

# Paragraphs shown on the page, newest first; the search finds the rest.
NAMED_LIMIT = 200


def public_person(pk: int) -> Person:
    """A person with a seat, now or before, in an active body; else 404."""
    try:
        return people_with_public_seat().select_related("organisation").get(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc


def seats(person: Person) -> list[Membership]:
    """The person's seats in active bodies, the current ones and the latest first."""
    return list(
        public_seats()
        .filter(person=person)
        .select_related("body", "organisation")
        .order_by(F("ends").desc(nulls_first=True), "-starts", "body__name")
    )


def named_paragraphs(person: Person) -> list[Paragraph]:
    """Published paragraphs whose text holds every word of one of the spellings."""
    condition = Q()
    for spelling in person.spellings():
        groups = query_groups(spelling)
        if has_words(groups):
            condition |= Q(pk__in=matching(PARAGRAPHS, groups).values("s_pk"))
    if not condition:
        return []
    return list(
        published_paragraphs()
        .filter(condition)
        .order_by("-protocol__meeting__starts_at", "number", "order")[:NAMED_LIMIT]
    )
