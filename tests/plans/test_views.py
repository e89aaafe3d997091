"""The plan pages: who sees what, editing through the views, messages and queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from meetings.models import Protocol
from plans import permissions, selectors, services
from plans.models import Activity, AnnualPlan
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

pytestmark = pytest.mark.django_db

ROLES = [
    "anonym",
    "annat organ",
    "ledamot",
    "beredningsgruppen",
    "sekreterare",
    "administratör",
]


@pytest.fixture
def draft(council, officials) -> AnnualPlan:
    plan = AnnualPlanFactory(
        body=council, year=2025, prepared_by=officials, introduction="Hemligt utkast"
    )
    AssignmentFactory(plan=plan, title="Utkastets uppdrag")
    return plan


@pytest.fixture
def published(council, officials) -> AnnualPlan:
    plan = AnnualPlanFactory(
        body=council,
        year=2024,
        prepared_by=officials,
        state=AnnualPlan.State.PUBLISHED,
    )
    AssignmentFactory(plan=plan, title="Publicerat uppdrag")
    ActivityFactory(
        plan=plan,
        title="Genomförd temadag",
        status="genomford",
        follow_up="200 deltagare",
    )
    ActivityFactory(plan=plan, title="Pågående samverkan", status="pagar")
    return plan


def login(client, user):
    if not isinstance(user, AnonymousUser):
        client.force_login(user)


# Who sees a draft -------------------------------------------------------------------

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


EDITORS = {
    "anonym": False,
    "annat organ": False,
    "ledamot": False,
    "beredningsgruppen": True,
    "sekreterare": True,
    "administratör": True,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit(client, users, draft, role):
    user = users[role]
    login(client, user)
    assert permissions.can_edit_plan(user, draft) is EDITORS[role]
    response = client.get(f"/planer/{draft.body.slug}/2025/redigera/")
    post = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/uppdrag/ny/",
        {"uppdrag-title": "Nytt", "uppdrag-text": ""},
    )
    if EDITORS[role]:
        assert response.status_code == 200
        assert post.status_code == 302
        assert draft.assignments.filter(title="Nytt").exists()
    else:
        expected = 302 if role == "anonym" else 403
        assert response.status_code == expected
        assert post.status_code == expected
        assert not draft.assignments.filter(title="Nytt").exists()
    if role == "anonym":
        assert response["Location"].startswith("/logga-in/")


def test_adopt_publish_are_for_secretary_and_admin(users, draft):
    allowed = {r for r in ROLES if permissions.can_adopt_plan(users[r], draft)}
    assert allowed == {"sekreterare", "administratör"}


# Editing through the views ------------------------------------------------------------


def test_bad_input_keeps_what_was_typed(client, secretary, draft):
    """A missing title gives a Swedish message and the typed text stays in the form."""
    client.force_login(secretary)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/aktiviteter/ny/",
        {
            "aktiviteter-title": "",
            "aktiviteter-description": "En lång beskrivning som inte får försvinna",
            "aktiviteter-owner": "extern",
            "aktiviteter-status": "planerad",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in page
    assert "En lång beskrivning som inte får försvinna" in page
    assert "inget har sparats" in page
    assert not draft.activities.exists()


def test_service_errors_land_on_the_field(client, secretary, draft):
    client.force_login(secretary)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/aktiviteter/ny/",
        {
            "aktiviteter-title": "Seminarium med universitetet",
            "aktiviteter-owner": "extern",
            "aktiviteter-status": "planerad",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ange vilken extern part som är ansvarig." in page
    assert 'value="Seminarium med universitetet"' in page


def test_item_edit_move_and_delete_by_plain_forms(client, official, draft):
    client.force_login(official)
    second = AssignmentFactory(plan=draft, title="Andra uppdraget")
    base = f"/planer/{draft.body.slug}/2025/redigera/uppdrag/{second.pk}/"
    assert client.get(base).status_code == 200
    response = client.post(base, {"title": "Omdöpt", "text": "Ny text"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.title == "Omdöpt"
    client.post(base + "flytta/", {"riktning": "upp"})
    assert list(
        draft.assignments.order_by("order").values_list("title", flat=True)
    ) == [
        "Omdöpt",
        "Utkastets uppdrag",
    ]
    client.post(base + "ta-bort/")
    assert list(draft.assignments.values_list("title", flat=True)) == [
        "Utkastets uppdrag"
    ]
    # Moves and deletes are POST only.
    assert client.get(base + "ta-bort/").status_code == 405


def test_adopted_plan_shows_no_edit_controls_and_refuses_posts(
    client, secretary, draft, council
):
    """Wrong-state actions give a clear message, never a 500."""
    paragraph = ParagraphFactory(
        protocol=ProtocolFactory(meeting=MeetingFactory(body=council))
    )
    services.plan_adopt(plan_id=draft.pk, actor=secretary, paragraph_id=paragraph.pk)
    client.force_login(secretary)
    page = client.get(f"/planer/{draft.body.slug}/2025/redigera/").content.decode()
    assert "texten är låst" in page
    assert "Lägg till uppdrag" not in page
    assert "Ta bort" not in page
    assert "Publicera planen" in page
    assert "Skapa ny version" in page
    item = draft.assignments.get()
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/uppdrag/{item.pk}/ta-bort/",
        follow=True,
    )
    assert response.status_code == 200
    assert (
        "Planen är fastställd och texten kan inte längre ändras"
        in response.content.decode()
    )
    assert draft.assignments.exists()
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/faststall/",
        {"paragraph": paragraph.pk},
        follow=True,
    )
    assert "redan är fastställd" in response.content.decode()


def test_adopt_then_publish_through_the_views(client, secretary, draft, council):
    meeting = MeetingFactory(body=council)
    paragraph = ParagraphFactory(protocol=ProtocolFactory(meeting=meeting), number=7)
    client.force_login(secretary)
    edit = f"/planer/{draft.body.slug}/2025/redigera/"
    response = client.post(edit + "faststall/", {"paragraph": "", "meeting": ""})
    assert response.status_code == 400
    assert "Välj paragrafen" in response.content.decode()
    client.post(edit + "faststall/", {"paragraph": paragraph.pk})
    draft.refresh_from_db()
    assert draft.state == "faststalld" and draft.adopted_in_paragraph == paragraph
    response = client.post(edit + "publicera/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "publicerad"
    client.logout()
    page = client.get(f"/planer/{draft.body.slug}/2025/").content.decode()
    assert "§ 7" in page


def test_new_version_needs_a_reason_and_keeps_the_adopted_one(
    client, secretary, published
):
    client.force_login(secretary)
    edit = f"/planer/{published.body.slug}/2024/redigera/"
    response = client.post(edit + "ny-version/", {"reason": ""})
    assert response.status_code == 400
    assert "Ange varför planen behöver ändras." in response.content.decode()
    client.post(edit + "ny-version/", {"reason": "Rättelse av en aktivitet"})
    assert AnnualPlan.objects.filter(body=published.body, year=2024).count() == 2
    client.logout()
    # The public still reads the published version 1.
    page = client.get(f"/planer/{published.body.slug}/2024/").content.decode()
    assert "Publicerat uppdrag" in page
    assert "Utkast:" not in page


def test_follow_up_form_on_the_new_plan(client, secretary, published):
    client.force_login(secretary)
    response = client.post(f"/planer/{published.body.slug}/2024/ny-plan-fran-aret/")
    assert response.status_code == 302
    assert response["Location"] == f"/planer/{published.body.slug}/2025/redigera/"
    page = client.get(response["Location"]).content.decode()
    assert "Uppföljning av aktiviteter 2024" in page
    ongoing = published.activities.get(status="pagar")
    done = published.activities.get(status="genomford")
    data = {
        f"fu-{ongoing.pk}-status": "genomford",
        f"fu-{ongoing.pk}-follow_up": "Avslutad i december.",
        f"fu-{done.pk}-status": "genomford",
        f"fu-{done.pk}-follow_up": "200 deltagare",
    }
    response = client.post(
        f"/planer/{published.body.slug}/2025/redigera/uppfoljning/", data, follow=True
    )
    assert "1 aktiviteter ändrade" in response.content.decode()
    ongoing.refresh_from_db()
    assert (ongoing.status, ongoing.follow_up) == ("genomford", "Avslutad i december.")


# Public pages -------------------------------------------------------------------------


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


# Links both ways ------------------------------------------------------------------------


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


# Styrdokument register ------------------------------------------------------------------


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


def test_empty_plan_from_the_list_page(client, secretary, member, council):
    """The secretary starts an empty plan; a bad year keeps the input and explains."""
    client.force_login(member)
    assert "Ny tom plan" not in client.get("/planer/").content.decode()
    client.force_login(secretary)
    assert "Ny tom plan" in client.get("/planer/").content.decode()
    url = f"/planer/{council.slug}/ny/"
    response = client.post(url, {f"{council.slug}-year": "1850"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ange ett år mellan 2000 och 2100." in page
    assert 'value="1850"' in page
    response = client.post(url, {f"{council.slug}-year": "2031"})
    assert response["Location"] == f"/planer/{council.slug}/2031/redigera/"
    response = client.post(url, {f"{council.slug}-year": "2031"})
    assert response.status_code == 400
    assert "Det finns redan en verksamhetsplan för 2031." in response.content.decode()
    client.force_login(member)
    assert client.post(url, {f"{council.slug}-year": "2032"}).status_code == 403
