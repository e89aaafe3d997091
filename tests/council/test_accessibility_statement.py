"""The tillgänglighetsredogörelse with its feedback form; robots.txt and sitemap.xml."""

import xml.etree.ElementTree as ET

import pytest
from django.core import mail

from council.models import AccessibilityFeedback
from meetings.models import Meeting
from plans.models import AnnualPlan
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/tillganglighet/"


def test_statement_has_what_the_law_asks(client):
    """Status, known gaps, how and when assessed, feedback and DIGG's complaint route."""
    html = client.get(URL).content.decode()
    for text in [
        "delvis förenlig",
        "Kända brister",
        "Hur vi har testat webbplatsen",
        "axe-core",
        '<time datetime="2026-11-23">',
        "Rapportera brister",
        "https://www.digg.se/",
    ]:
        assert text in html


def test_feedback_is_stored_and_mailed(
    client, settings, django_capture_on_commit_callbacks
):
    """A report is stored and e-mailed to the secretariat; the visitor gets thanks."""
    settings.FEEDBACK_EMAIL = "kansliet@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {
                "message": "Kalendern går inte att nå med tangentbord.",
                "page": "/moten/",
                "email": "besok@example.org",
            },
            follow=True,
        )
    assert "Tack! Din synpunkt är mottagen" in response.content.decode()
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page == "/moten/"
    assert feedback.history.get().history_change_reason
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kansliet@example.org"]
    assert "Kalendern går inte att nå" in mail.outbox[0].body


def test_bad_input_keeps_what_was_typed(client):
    """An empty message or a bad address gives Swedish errors and keeps the input."""
    response = client.post(
        URL, {"message": "", "email": "inte-en-adress", "page": "/x/"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv vad som inte fungerar." in html
    assert "Skriv en giltig e-postadress" in html
    assert 'value="inte-en-adress"' in html and 'value="/x/"' in html
    assert not AccessibilityFeedback.objects.exists()


def test_robot_filled_form_is_not_stored(client):
    """The hidden field catches robots; they see the same thanks."""
    response = client.post(
        URL, {"message": "köp", "website": "http://spam"}, follow=True
    )
    assert "Tack!" in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_robots_txt(client):
    """robots.txt keeps crawlers out of private pages and names the sitemap."""
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text and "Disallow: /mina-moten/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_public_pages_only(client, demo_data):
    """sitemap.xml lists public pages, published plans, and no draft or uncalled meeting."""
    draft = AnnualPlan.objects.get(year=2023)
    factories.AnnualPlanFactory(
        body=draft.body, year=2025, state=AnnualPlan.State.DRAFT
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        loc.text.removeprefix("http://testserver")
        for loc in root.findall(".//s:loc", namespace)
    }
    for path in [
        "/",
        "/natverk/",
        "/planer/",
        "/tillganglighet/",
        "/organ/ssr/",
        "/natverk/reko/",
        draft.get_absolute_url(),
    ]:
        assert path in urls
    assert not any("/2025/" in url for url in urls)
    # The 2018 meeting is public through its published protokoll; the upcoming one
    # has no kallelse yet and stays out.
    meetings = Meeting.objects.filter(body__slug="ssr").order_by("starts_at")
    held, upcoming = meetings.first(), meetings.last()
    assert held.get_absolute_url() in urls
    assert f"/protokoll/{held.protocols.get().pk}/" in urls
    assert upcoming.get_absolute_url() not in urls
