"""The protokoll where people meet it: the meeting page, the menu, the plan links."""

import pytest
from django.utils import timezone

from meetings.models import Meeting, Paragraph, Protocol
from plans.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(demo_data) -> Meeting:
    return Meeting.objects.get(starts_at__gt=timezone.now())


def login(client, settings, username):
    assert client.login(username=username, password=settings.DEMO_PASSWORD)


def test_secretary_starts_the_protokoll_from_the_meeting_page(
    client, settings, upcoming
):
    """The secretary sees Skriv protokoll; posting it opens a draft."""
    login(client, settings, "sekreterare")
    html = client.get(upcoming.get_absolute_url()).content.decode()
    assert "Skriv protokoll" in html
    response = client.post(f"/moten/{upcoming.pk}/protokoll/")
    protocol = upcoming.protocols.get()
    assert response.status_code == 302
    assert response["Location"] == f"/protokoll/{protocol.pk}/utkast/"
    html = client.get(upcoming.get_absolute_url()).content.decode()
    assert "Skriv protokoll" not in html and "(utkast)" in html


def test_members_do_not_get_the_button(client, settings, upcoming):
    """A ledamot sees no Skriv protokoll (after the kallelse the page is theirs too)."""
    upcoming.notice_sent_at = timezone.now()
    upcoming.save()
    login(client, settings, "ledamot")
    html = client.get(upcoming.get_absolute_url()).content.decode()
    assert "Skriv protokoll" not in html


def test_imported_meeting_is_public_through_its_published_protokoll(client, demo_data):
    """The 2018 meeting had no kallelse here, but its protokoll is published."""
    meeting = Meeting.objects.get(starts_at__year=2018)
    protocol = meeting.protocols.get()
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert f'href="/protokoll/{protocol.pk}/"' in response.content.decode()
    assert meeting in Meeting.objects.public()


def test_menu_offers_the_overview_to_secretaries_only(client, settings, demo_data):
    """Protokoll for everyone, Protokollöversikt for the secretary and administrators."""
    assert 'href="/protokoll/"' in client.get("/").content.decode()
    assert "Protokollöversikt" not in client.get("/").content.decode()
    login(client, settings, "ledamot")
    assert "Protokollöversikt" not in client.get("/").content.decode()
    login(client, settings, "sekreterare")
    assert "Protokollöversikt" in client.get("/").content.decode()
    login(client, settings, "admin")
    assert "Protokollöversikt" in client.get("/").content.decode()


def test_published_paragraph_shows_the_plan_activities_it_concerns(client, demo_data):
    """Links both ways: the paragraph lists the activity, the plan links the paragraph."""
    paragraph = Paragraph.objects.get(
        heading="Framtagandet av handlingsplan för kompetensförsörjning"
    )
    activity = Activity.objects.get(title="Diskutera lärarförsörjningen")
    activity.paragraphs.add(paragraph)
    page = client.get(f"/protokoll/{paragraph.protocol_id}/").content.decode()
    assert "Aktiviteter i verksamhetsplanen" in page
    assert "Diskutera lärarförsörjningen" in page
    plan_page = client.get(activity.plan.get_absolute_url()).content.decode()
    assert paragraph.get_absolute_url() in plan_page
    assert paragraph.protocol.state == Protocol.State.PUBLISHED
