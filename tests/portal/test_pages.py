"""The start page and the bodies' pages."""

import re

import pytest
from django.urls import reverse

from council.models import Body, Membership, Person

pytestmark = pytest.mark.django_db


def test_start_page_shows_the_council_and_its_members(client, demo_data):
    """/ shows the council, with members by role, party and organisation."""
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert (
        "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning" in html
    )
    # Each name links to the person's page.
    assert re.search(
        r'<span class="member-name"><a href="/personer/\d+/">Håkan Söderman</a> \(M\)'
        r'</span>, <span class="member-role">vice ordförande</span>, '
        r'<span class="member-org">Lekebergs kommun</span>',
        html,
    )
    # Grouped by role: the chair first, then the vice chair, then the ledamöter.
    assert html.index("<h3>Ordförande</h3>") < html.index("<h3>Vice ordförande</h3>")
    assert html.index("<h3>Vice ordförande</h3>") < html.index("<h3>Ledamot</h3>")
    assert re.search(r">Irén Lejegren</a> \(S\)", html)
    assert 'href="/organ/chefsgruppen/"' in html
    for slug in ["reko", "gysam", "sakkunnigstodet"]:
        assert f'href="/natverk/{slug}/"' in html


def test_start_page_has_landmarks_and_skip_link(client, demo_data):
    """One h1, a skip link to main, header, nav, main and footer landmarks."""
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert 'href="#main"' in html and 'id="main"' in html
    for tag in ["<header", "<nav", "<main", "<footer"]:
        assert tag in html


def test_start_page_without_data(client, db):
    """An empty portal still answers with a page, not an error."""
    response = client.get("/")
    assert response.status_code == 200
    assert "inget innehåll" in response.content.decode()


def test_ended_membership_is_not_shown(client, demo_data):
    """Only current members appear on the start page."""
    membership = Membership.objects.get(person__name="Linda Svahn")
    membership.ends = membership.starts
    membership.save()
    assert "Linda Svahn" not in client.get("/").content.decode()


def test_network_page(client, demo_data):
    """A network's page shows its purpose, size, frequency and agreement topics."""
    old = client.get(reverse("council:body_detail", kwargs={"slug": "reko"}))
    assert old.status_code == 301 and old["Location"] == "/natverk/reko/"
    response = client.get(reverse("networks:network_detail", kwargs={"slug": "reko"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Regionalt kompetensforum för vuxnas lärande" in html
    assert "22 personer" in html
    assert "Fördelning av statsbidrag" in html
    assert "https://vux.regionorebrolan.se/" in html


def test_unknown_or_inactive_body_is_404(client, demo_data):
    """A missing or inactive body answers 404 with a Swedish page."""
    assert client.get("/organ/finns-inte/").status_code == 404
    Body.objects.filter(slug="chefsgruppen").update(is_active=False)
    response = client.get("/organ/chefsgruppen/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_start_page_query_count_does_not_grow(
    client, demo_data, django_assert_max_num_queries
):
    """The start page's queries stay the same with more members."""
    with django_assert_max_num_queries(6):
        client.get("/")
    council = Body.objects.get(slug="ssr")
    for number in range(20):
        person = Person.objects.create(name=f"Extra Ersättare {number}")
        Membership.objects.create(
            person=person, body=council, role="ersattare", starts="2020-01-01"
        )
    with django_assert_max_num_queries(6):
        client.get("/")


def test_body_page_lists_its_public_meetings_and_plans(client, demo_data):
    """/organ/ssr/ lists the 2018 meeting (its protokoll is published) and the plans;
    the upcoming meeting without kallelse is not shown."""
    from meetings.models import Meeting

    html = client.get("/organ/ssr/").content.decode()
    held = Meeting.objects.get(starts_at__year=2018)
    upcoming = Meeting.objects.filter(body__slug="ssr").latest("starts_at")
    assert f'href="{held.get_absolute_url()}"' in html
    assert f'href="{upcoming.get_absolute_url()}"' not in html
    assert 'href="/planer/ssr/2023/"' in html and 'href="/planer/ssr/2022/"' in html
