"""The tillgänglighetsredogörelse with its feedback form; robots.txt and sitemap.xml."""

import time
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
    """Status, known gaps, how and when assessed (pages and documents alike),
    feedback and DIGG's complaint route."""
    html = client.get(URL).content.decode()
    for text in [
        "delvis förenlig",
        "Kända brister",
        "Hur vi har testat webbplatsen",
        "axe-core",
        '<time datetime="2026-12-02">',
        "PDF/UA-1",
        "PDF/A-3a",
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


def test_feedback_is_limited_per_client_and_keeps_the_text(client, settings):
    """100 posts in a row: the first FEEDBACK_RATE_LIMIT are stored, the rest get a
    Swedish message with the text still in the form; another address may post."""
    settings.FEEDBACK_RATE_LIMIT = 5
    statuses = [
        client.post(URL, {"message": f"Synpunkt {n}"}).status_code for n in range(100)
    ]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert AccessibilityFeedback.objects.count() == 5

    refused = client.post(URL, {"message": "Kontrasten är för svag.", "page": "/x/"})
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Du har skickat många synpunkter på kort tid" in html
    assert "Kontrasten är för svag." in html and 'value="/x/"' in html

    other = client.post(
        URL, {"message": "Från en annan dator."}, REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 302
    assert AccessibilityFeedback.objects.count() == 6


def test_the_feedback_limit_ends_with_its_window(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    settings.FEEDBACK_RATE_WINDOW_SECONDS = 1
    assert client.post(URL, {"message": "Ett"}).status_code == 302
    assert client.post(URL, {"message": "Två"}).status_code == 429
    time.sleep(1.1)
    assert client.post(URL, {"message": "Tre"}).status_code == 302


def test_behind_the_proxy_the_limit_follows_the_address_it_added(client, settings):
    """The proxy appends the client's address; what the client sent before it
    does not buy a new count."""
    settings.CLIENT_IP_FROM_FORWARDED_FOR = True
    settings.FEEDBACK_RATE_LIMIT = 1

    def post(forwarded: str) -> int:
        return client.post(
            URL, {"message": "Hej"}, HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert post("203.0.113.5") == 302
    assert post("198.51.100.1, 203.0.113.5") == 429
    assert post("203.0.113.6") == 302


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
