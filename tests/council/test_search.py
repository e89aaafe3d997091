"""Search over public protokoll, meeting items, plans and networks."""

import pytest
from django.db import connection
from django.utils import timezone

from council.search import search, tsquery_text, word_variants
from meetings.models import Paragraph, Protocol
from plans.models import AnnualPlan
from tests import factories

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_finds_the_2018_protokoll_and_links_to_the_paragraph(demo_data):
    """'Komtek' finds § 5 of the published 2018 protokoll with a highlighted snippet."""
    results = search("Komtek")
    hit = next(
        h
        for h in results.hits
        if h.title == "Besök från Komtek" and h.kind == "Protokoll"
    )
    assert hit.body == "SSR" and hit.year == 2018
    assert hit.url.endswith("#paragraf-5")
    assert "<mark>" in hit.snippet


def test_finds_plans_and_networks(demo_data):
    """Plan activities and network pages are searched too, with facets by kind."""
    assert "Diskutera lärarförsörjningen" in titles(search("lärarförsörjningen"))
    assert "GySam" in titles(search("gymnasiechefer"))
    facets = dict(search("kompetensförsörjning").facets["kind"])
    assert facets["Protokoll"] >= 1 and facets["Verksamhetsplan"] >= 1


def test_swedish_stemming_on_postgresql(demo_data):
    """On PostgreSQL 'förslaget' also finds paragraphs that say only 'förslag'."""
    eight = "Framtagandet av handlingsplan för kompetensförsörjning"
    paragraph = Paragraph.objects.get(heading=eight)
    assert "förslag " in paragraph.text and "förslaget" not in paragraph.text
    found = titles(search("förslaget"))
    if connection.vendor == "postgresql":
        assert eight in found
    else:  # SQLite matches the words as typed
        assert eight not in found
        assert eight in titles(search("förslag"))


def test_nothing_unpublished_is_found(demo_data):
    """Drafts, non-public paragraphs and items of meetings without kallelse stay out."""
    council = factories.BodyFactory(slug="ett-rad", short_name="Rådet")
    draft = factories.ProtocolFactory(meeting__body=council)
    factories.ParagraphFactory(
        protocol=draft, order=1, heading="Hemlighetsmakeri utkast"
    )
    published = factories.ProtocolFactory(
        meeting__body=council, state=Protocol.State.PUBLISHED
    )
    factories.ParagraphFactory(
        protocol=published, order=1, heading="Hemlighetsmakeri sluten", is_public=False
    )
    meeting = factories.MeetingFactory(body=council)
    factories.AgendaItemFactory(
        meeting=meeting, order=1, title="Hemlighetsmakeri punkt"
    )
    plan = factories.AnnualPlanFactory(
        body=council, year=2031, state=AnnualPlan.State.DRAFT
    )
    factories.ActivityFactory(plan=plan, title="Hemlighetsmakeri aktivitet")
    assert search("Hemlighetsmakeri").hits == []

    meeting.notice_sent_at = timezone.now()
    meeting.save()
    assert titles(search("Hemlighetsmakeri")) == ["Hemlighetsmakeri punkt"]


def test_snippets_escape_typed_html(demo_data):
    """Text that looks like HTML is shown as text, only the highlight is markup."""
    council = factories.BodyFactory(short_name="Rådet")
    protocol = factories.ProtocolFactory(
        meeting__body=council, state=Protocol.State.PUBLISHED
    )
    factories.ParagraphFactory(
        protocol=protocol,
        order=1,
        heading="Skriptfrågan",
        text="Angrepp <script>alert(1)</script> testas här mot Skriptfrågan.",
    )
    (hit,) = [h for h in search("Skriptfrågan").hits if h.kind == "Protokoll"]
    assert "<script" not in hit.snippet
    assert "alert(1)" in hit.snippet  # shown as text (escaped, or the tag dropped)


def test_facet_narrowing(demo_data):
    """Choosing a kind, body or year narrows the hits but keeps the facet counts."""
    everything = search("kompetensförsörjning")
    plans_only = search("kompetensförsörjning", kind="Verksamhetsplan")
    assert plans_only.hits and all(h.kind == "Verksamhetsplan" for h in plans_only.hits)
    assert plans_only.facets == everything.facets
    year_2018 = search("kompetensförsörjning", year=2018)
    assert year_2018.hits and all(h.year == 2018 for h in year_2018.hits)


def test_search_page(client, demo_data):
    """/sok/ shows hits with links, facets and a Swedish count."""
    html = client.get("/sok/", {"q": "Komtek"}).content.decode()
    assert "träff" in html and 'role="search"' in html
    assert "Besök från Komtek" in html
    assert "<mark>" in html
    empty = client.get("/sok/", {"q": "xyzzyqwerty"}).content.decode()
    assert "Inga träffar" in empty
    assert client.get("/sok/", {"q": "Komtek", "ar": "inte-ett-år"}).status_code == 200


def test_search_queries_do_not_grow(client, demo_data, django_assert_max_num_queries):
    """The number of queries does not depend on the number of hits."""
    with django_assert_max_num_queries(8):
        client.get("/sok/", {"q": "kompetensförsörjning"})
    protocol = Protocol.objects.get(state=Protocol.State.PUBLISHED)
    for order in range(20, 60):
        factories.ParagraphFactory(
            protocol=protocol,
            order=order,
            number=order,
            heading=f"Kompetensförsörjning {order}",
        )
    with django_assert_max_num_queries(8):
        client.get("/sok/", {"q": "kompetensförsörjning"})


def test_query_words_are_tried_without_definite_endings():
    """förslaget is also tried as förslag; only letters and digits reach the query."""
    assert word_variants("förslaget") == ["förslaget", "förslag"]
    assert word_variants("planer") == ["planer"]
    assert tsquery_text("Förslaget & 'drop") == "(förslaget | förslag) & (drop)"


def test_search_uses_gin_indexes_on_postgresql(db):
    """On PostgreSQL the paragraph search runs on its GIN index."""
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder.Migration.objects.filter(name="0004_search_indexes")
    assert applied.filter(app="meetings").exists()
    if connection.vendor != "postgresql":
        return  # SQLite searches with a plain match; there is no such index
    with connection.cursor() as cursor:
        cursor.execute(
            "select indexname from pg_indexes where indexname like %s", ["%_search"]
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "meetings_paragraph_search",
        "meetings_agendaitem_search",
        "plans_activity_search",
    } <= names
    query = (
        Paragraph.objects.annotate(
            v=SearchVector("heading", "text", "outcome", config="swedish")
        )
        .filter(v=SearchQuery("förslag", config="swedish", search_type="raw"))
        .order_by()
        .values("pk")
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        # Tiny tables make a full scan cheapest; forbid those to see the index used.
        cursor.execute("set local enable_seqscan = off")
        cursor.execute("set local enable_indexscan = off")
        cursor.execute("explain " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "meetings_paragraph_search" in plan


def test_pages_of_hits_with_marked_snippets(demo_data):
    """search() pages its hits; each shown hit marks the words, definite forms too."""
    results = search("kompetensförsörjning", page_size=2)
    assert len(results.page.object_list) == 2 and len(results.hits) > 2
    assert all("<mark>" in hit.snippet for hit in results.page.object_list)
    second = search("kompetensförsörjning", page_size=2, page=2)
    assert second.page.number == 2
    assert all("<mark>" in hit.snippet for hit in second.page.object_list)
    if connection.vendor == "postgresql":  # the definite form finds and marks "förslag"
        (hit,) = [
            h for h in search("förslaget").hits if h.title.startswith("Framtagandet")
        ]
        assert "<mark>förslag</mark>" in hit.snippet


def test_punctuation_only_query_finds_nothing_without_error(client, demo_data):
    """A query without letters answers with the Swedish no-hits text."""
    html = client.get("/sok/", {"q": "!!!"}).content.decode()
    assert "0 träffar" in html and "Inga träffar" in html
