"""The site header names the body whose pages these are; elsewhere the council."""

import re

import pytest
from django.utils import timezone

from meetings.models import Protocol
from tests import factories

pytestmark = pytest.mark.django_db

COUNCIL = "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning"


def tagline(response) -> str:
    html = response.content.decode()
    [found] = re.findall(r'<p class="site-tagline">(.*?)</p>', html, re.S)
    return found


def test_pages_of_no_body_name_the_council(client):
    assert tagline(client.get("/")) == (
        f"{COUNCIL} – Region Örebro län och länets kommuner"
    )
    assert tagline(client.get("/moten/")).startswith(COUNCIL)


def test_a_networks_pages_name_the_network(client):
    network = factories.NetworkProfileFactory(body__name="GySam nätverket")
    body = network.body
    assert tagline(client.get(f"/natverk/{body.slug}/")) == (
        "GySam nätverket – Region Örebro län och länets kommuner"
    )
    meeting = factories.MeetingFactory(body=body, notice_sent_at=timezone.now())
    assert tagline(client.get(f"/moten/{meeting.pk}/")).startswith("GySam nätverket")
    protocol = factories.ProtocolFactory(
        meeting=meeting, state=Protocol.State.PUBLISHED
    )
    page = client.get(f"/protokoll/{protocol.pk}/")
    assert page.status_code == 200
    assert tagline(page).startswith("GySam nätverket")
    assert COUNCIL not in tagline(page)


def test_a_council_page_names_that_body(client):
    body = factories.BodyFactory(name="Samverkansråd för kultur")
    assert tagline(client.get(f"/organ/{body.slug}/")).startswith(
        "Samverkansråd för kultur"
    )
