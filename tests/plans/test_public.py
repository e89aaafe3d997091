"""The public plan pages: who sees a draft, planned against done, the paragraphs and
activities a plan names, the styrdokument, and their queries.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from meetings.models import Protocol
from plans import permissions, selectors
from plans.models import Activity
from tests.factories import (
    ActivityFactory,
    AnnualPlanFactory,
    AssignmentFactory,
    MeetingFactory,
    ParagraphFactory,
    ProtocolFactory,
    StrategyAreaFactory,
    StyrdokumentFactory,
    VisionItemFactory,
)
from tests.plans.helpers import ROLES, login

pytestmark = pytest.mark.django_db


DRAFT_VISIBLE = {
    "anonym": False,
    "annat organ": False,
    "ledamot": True,
    "beredningsgruppen": True,
    "sekreterare": True,
    "administratör": True,
}


@pytest.mark.parametrize("role", ROLES)
def test_draft_is_seen_only_by_the_bodys_insiders(
    client, users, draft, published, role
):
    """Anonymous visitors and members of other bodies never see a draft, anywhere."""
    user = users[role]
    login(client, user)
    assert permissions.can_view_plan(user, draft) is DRAFT_VISIBLE[role]
    detail = client.get(f"/planer/{draft.body.slug}/2025/")
    pdf_status = client.get(f"/planer/{draft.body.slug}/2025/version/1/").status_code
    listing = client.get("/planer/").content.decode()
    if DRAFT_VISIBLE[role]:
        assert detail.status_code == 200
        assert "Utkastets uppdrag" in detail.content.decode()
        assert "inte publicerad" in detail.content.decode()
        assert pdf_status == 200
        assert "Verksamhetsplan 2025" in listing
    else:
        assert detail.status_code == 404
        assert pdf_status == 404
        assert "2025" not in listing
    # The published plan is public for everyone.
    page = client.get(f"/planer/{published.body.slug}/2024/").content.decode()
    assert "Publicerat uppdrag" in page
    assert "Verksamhetsplan 2024" in listing


def test_public_plan_page_shows_planned_against_done(client, published):
    page = client.get(f"/planer/{published.body.slug}/2024/").content.decode()
    assert "Planerat mot genomfört 2024" in page
    assert "1 av 2 planerade aktiviteter är genomförda" in page
    assert "200 deltagare" in page
    assert "Redigera planen" not in page
    assert "<h1>" in page and page.count("<h1") == 1


def test_plan_list_queries_stay_flat(client, council, django_assert_max_num_queries):
    for year in range(2010, 2013):
        AnnualPlanFactory(body=council, year=year, state="publicerad")
    with django_assert_max_num_queries(4):
        client.get("/planer/")
    for year in range(2013, 2023):
        AnnualPlanFactory(body=council, year=year, state="publicerad")
    with django_assert_max_num_queries(4):
        response = client.get("/planer/")
    assert response.content.decode().count("Verksamhetsplan 20") == 13


def test_plan_page_queries_do_not_grow_with_entries(client, published):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/planer/{published.body.slug}/2024/").status_code == 200
        return len(ctx.captured_queries)

    def add_entries():
        paragraph = ParagraphFactory(protocol__state=Protocol.State.PUBLISHED)
        ActivityFactory(plan=published).paragraphs.add(paragraph)
        VisionItemFactory(plan=published).strategy_areas.add(StrategyAreaFactory())
        AssignmentFactory(plan=published)

    add_entries()
    before = count()
    for _ in range(5):
        add_entries()
    assert count() == before


def test_paragraph_shows_the_activities_it_concerns(published, draft, council):
    protocol = ProtocolFactory(
        meeting=MeetingFactory(body=council), state=Protocol.State.PUBLISHED
    )
    paragraph = ParagraphFactory(protocol=protocol)
    public_activity = published.activities.first()
    public_activity.paragraphs.add(paragraph)
    hidden = ActivityFactory(plan=draft, title="Utkastets aktivitet")
    hidden.paragraphs.add(paragraph)

    found = selectors.activities_for_paragraph(
        paragraph=paragraph, user=AnonymousUser()
    )
    assert found == [public_activity]
    html = render_to_string("plans/_paragraph_activities.html", {"activities": found})
    assert public_activity.title in html
    assert f"/planer/{council.slug}/2024/#aktiviteter-{public_activity.pk}" in html
    assert "Utkastets aktivitet" not in html
    assert (
        render_to_string("plans/_paragraph_activities.html", {"activities": []}).strip()
        == ""
    )


def test_plan_page_names_paragraphs_of_published_protokoll_only(
    client, published, council
):
    shown = ParagraphFactory(
        protocol=ProtocolFactory(
            meeting=MeetingFactory(body=council), state="publicerat"
        ),
        heading="Diskussion om gymnasiesamverkan",
    )
    hidden = ParagraphFactory(
        protocol=ProtocolFactory(meeting=MeetingFactory(body=council), state="utkast"),
        heading="Ännu inte justerad paragraf",
    )
    activity = published.activities.first()
    activity.paragraphs.add(shown, hidden)
    page = client.get(f"/planer/{published.body.slug}/2024/").content.decode()
    assert "Diskussion om gymnasiesamverkan" in page
    assert "Ännu inte justerad paragraf" not in page


def test_styrdokument_register_and_detail(client, published):
    document = StyrdokumentFactory(title="Regional handlingsplan", status="gallande")
    successor = StyrdokumentFactory(title="Kraftsamling barn och unga")
    ended = StyrdokumentFactory(
        title="Kunskapslyft barn och unga", status="forlangd", successor=successor
    )
    published.styrdokument.add(document)
    page = client.get("/styrdokument/").content.decode()
    for text in [
        "Regional handlingsplan",
        "Förlängd",
        "Kraftsamling barn och unga",
        "2022–2030",
    ]:
        assert text in page
    detail = client.get(document.get_absolute_url()).content.decode()
    assert "Verksamhetsplan 2024" in detail
    assert client.get(ended.get_absolute_url()).status_code == 200
    # The plan page shows which documents it serves.
    plan_page = client.get(f"/planer/{published.body.slug}/2024/").content.decode()
    assert "Styrdokument som planen tjänar" in plan_page
    assert "Regional handlingsplan" in plan_page


def test_unknown_plan_section_and_year_are_404(client, secretary, draft):
    client.force_login(secretary)
    assert (
        client.post(f"/planer/{draft.body.slug}/2025/redigera/okant/ny/").status_code
        == 404
    )
    assert client.get(f"/planer/{draft.body.slug}/1999/").status_code == 404


def test_activity_status_choices_are_swedish():
    assert [label for _v, label in Activity.Status.choices] == [
        "Planerad",
        "Pågår",
        "Genomförd",
        "Ej påbörjad",
        "Struken",
    ]
