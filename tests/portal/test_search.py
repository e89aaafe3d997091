"""Search over public protokoll, meeting items, plans and networks."""

import pytest
from django.db import connection
from django.utils import timezone

from council.portal.search import search
from council.portal.search.ranking import tsquery_text, word_variants
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


def test_swedish_stemming_on_every_database(demo_data):
    """'förslaget' also finds paragraphs that say only 'förslag', on SQLite too."""
    eight = "Framtagandet av handlingsplan för kompetensförsörjning"
    paragraph = Paragraph.objects.get(heading=eight)
    assert "förslag " in paragraph.text and "förslaget" not in paragraph.text
    assert eight in titles(search("förslaget"))
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
    assert list(search("Hemlighetsmakeri").hits) == []

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
    for huge in ["9999999999999999999999", str(2**62)]:
        beyond = client.get("/sok/", {"q": "Komtek", "ar": huge, "sida": huge})
        assert beyond.status_code == 200


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


def test_search_reads_stored_vectors_on_their_gin_indexes(db):
    """On PostgreSQL paragraphs match and rank on their stored vector's GIN index."""
    from django.db.migrations.recorder import MigrationRecorder

    from council.portal.search import ranking

    applied = MigrationRecorder.Migration.objects.filter(name="0006_search_vectors")
    assert applied.filter(app="meetings").exists()
    if connection.vendor != "postgresql":
        return  # SQLite searches with a plain match; there is no such index
    with connection.cursor() as cursor:
        cursor.execute(
            "select indexname, indexdef from pg_indexes where indexname like %s",
            ["%_search"],
        )
        indexes = dict(cursor.fetchall())
    for table in [
        "meetings_paragraph",
        "meetings_agendaitem",
        "plans_assignment",
        "plans_visionitem",
        "plans_activity",
    ]:
        assert "gin (search_vector)" in indexes[f"{table}_search"]
    query = ranking.matching(0, "förslag")
    sql, params = query.query.sql_with_params()
    assert "to_tsvector" not in sql  # ranking reads the stored vector
    with connection.cursor() as cursor:
        # Tiny tables make a full scan cheapest; forbid those to see the index used.
        cursor.execute("set local enable_seqscan = off")
        cursor.execute("set local enable_indexscan = off")
        cursor.execute("explain " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "meetings_paragraph_search" in plan


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the vectors are kept on PostgreSQL"
)
def test_vectors_follow_every_change_even_of_a_locked_protokoll(db):
    """The trigger fills the vector on insert and update; history keeps none."""
    protocol = factories.ProtocolFactory()
    paragraph = factories.ParagraphFactory(
        protocol=protocol, order=1, heading="Skolskjutsar", text="Om busslinjer."
    )
    item = factories.AgendaItemFactory(title="Lärarlöner")
    activity = factories.ActivityFactory(title="Studiebesök", description="")

    def vector(obj) -> str:
        obj.refresh_from_db(fields=["search_vector"])
        return str(obj.search_vector)

    assert "skolskjuts" in vector(paragraph) and "busslinj" in vector(paragraph)
    assert "lärarlön" in vector(item)
    assert "studiebesök" in vector(activity)
    paragraph.text = "Om cykelbanor."
    paragraph.save()
    assert "cykelban" in vector(paragraph) and "busslinj" not in vector(paragraph)
    assert not paragraph.history.filter(search_vector__isnull=False).exists()

    protocol.state = Protocol.State.PUBLISHED
    protocol.save()
    found = search("cykelbanorna")
    assert [h.title for h in found.hits if h.kind == "Protokoll"] == ["Skolskjutsar"]


def test_hits_make_links_and_snippets_only_when_shown(
    demo_data, django_assert_num_queries
):
    """A page of hits is built from the loaded rows: no query per hit."""
    results = search("kompetensförsörjning", page_size=5)
    with django_assert_num_queries(0):
        shown = [(hit.url, str(hit.snippet)) for hit in results.page.object_list]
    assert all(url.startswith("/") for url, _ in shown)
    assert all("<mark>" in snippet for _, snippet in shown)


def test_stemming_finds_the_plural_definite_form(db):
    """'kommunerna' finds 'kommun', and 'KOMMUNER' too, on every database."""
    protocol = factories.ProtocolFactory(state=Protocol.State.PUBLISHED)
    factories.ParagraphFactory(
        protocol=protocol, order=1, heading="Samråd", text="Varje kommun svarar."
    )
    for query in ("kommunerna", "KOMMUNER", "kommun"):
        assert "Samråd" in [h.title for h in search(query).hits], query


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


def test_published_paragraphs_follow_the_public_protokoll_rule(db):
    """The joins in search match Protocol.objects.public() exactly."""
    from council.portal.search.sources import published_paragraphs

    body = factories.BodyFactory()
    original = factories.ProtocolFactory(
        meeting__body=body, state=Protocol.State.PUBLISHED
    )
    factories.ProtocolFactory(
        meeting=original.meeting,
        version=2,
        corrects=original,
        correction_reason="Fel namn.",
        state=Protocol.State.PUBLISHED,
    )
    pending = factories.ProtocolFactory(state=Protocol.State.PUBLISHED)
    factories.ProtocolFactory(
        meeting=pending.meeting,
        version=2,
        corrects=pending,
        correction_reason="Fel datum.",
        state=Protocol.State.DRAFT,
    )
    factories.ProtocolFactory(
        state=Protocol.State.PUBLISHED, meeting__body__is_active=False
    )
    factories.ProtocolFactory(state=Protocol.State.JUSTERAT)
    for protocol in Protocol.objects.all():
        factories.ParagraphFactory(protocol=protocol, order=1)
        factories.ParagraphFactory(protocol=protocol, order=2, is_public=False)
    expected = Paragraph.objects.filter(
        protocol__in=Protocol.objects.public(), is_public=True
    )
    assert set(published_paragraphs()) == set(expected)
    assert len(expected) == 2


def test_a_hit_beyond_the_page_still_has_its_snippet(demo_data):
    """Texts are read for the page shown; another hit reads its own when asked."""
    results = search("kompetensförsörjning", page_size=1)
    beyond = results.hits[-1]
    assert beyond not in results.page.object_list
    assert "<mark>" in beyond.snippet


def _many_paragraphs(count: int, word: str) -> Protocol:
    protocol = factories.ProtocolFactory(state=Protocol.State.PUBLISHED)
    Paragraph.objects.bulk_create(
        Paragraph(
            protocol=protocol,
            order=order,
            number=order,
            heading=f"{word} {order}",
            text=f"Om {word}." + (f" {word}" * (order % 3)),
        )
        for order in range(1, count + 1)
    )
    return protocol


def test_facets_and_count_cover_every_match(db, django_assert_num_queries):
    """Every match is counted, however many: counts and page in one query, texts in
    one; the other spellings of names in one before them."""
    protocol = _many_paragraphs(230, "Lärlingsutbildning")
    with django_assert_num_queries(3):
        results = search("lärlingsutbildning", page_size=20)
        shown = [(hit.url, str(hit.snippet)) for hit in results.page.object_list]
    assert dict(results.facets["kind"]) == {"Protokoll": 230}
    assert dict(results.facets["body"]) == {protocol.meeting.body.short_name: 230}
    assert results.page.paginator.count == 230 and len(results.hits) == 230
    assert results.page.paginator.num_pages == 12 and len(shown) == 20
    assert all("<mark>" in snippet for _, snippet in shown)


def test_pages_follow_each_other_in_rank_order(db):
    """Page 2 goes on where page 1 stopped; past the last page, the last is shown."""
    _many_paragraphs(45, "Yrkesvux")
    pages = [search("yrkesvux", page_size=20, page=n).page for n in (1, 2, 3)]
    seen = [hit.pk for page in pages for hit in page.object_list]
    assert len(seen) == len(set(seen)) == 45
    everything = list(search("yrkesvux").hits)
    assert [hit.pk for hit in everything] == seen
    ranks = [hit.rank for hit in everything]
    assert ranks == sorted(ranks, reverse=True)
    beyond = search("yrkesvux", page_size=20, page=99).page
    assert beyond.number == 3 and [h.pk for h in beyond.object_list] == seen[40:]
    assert search("yrkesvux", page_size=20, page="x").page.number == 1


def test_narrowed_count_is_the_chosen_hits(demo_data):
    """With a facet chosen, the count is the hits of that facet, the facets all."""
    everything = search("kompetensförsörjning")
    kinds = dict(everything.facets["kind"])
    plans = search("kompetensförsörjning", kind="Verksamhetsplan")
    assert plans.page.paginator.count == kinds["Verksamhetsplan"]
    assert len(list(plans.hits)) == kinds["Verksamhetsplan"]
    assert everything.page.paginator.count == sum(kinds.values())
