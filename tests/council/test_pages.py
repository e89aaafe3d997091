"""The start page, body pages and the Swedish login."""

import pytest
from django.urls import reverse

from council.models import Body, Membership, Person
from council.text import render_markdown

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
    assert (
        '<span class="member-name">Håkan Söderman (M)</span>, '
        '<span class="member-role">vice ordförande</span>, '
        '<span class="member-org">Lekebergs kommun</span>'
    ) in html
    # Grouped by role: the chair first, then the vice chair, then the ledamöter.
    assert html.index("<h3>Ordförande</h3>") < html.index("<h3>Vice ordförande</h3>")
    assert html.index("<h3>Vice ordförande</h3>") < html.index("<h3>Ledamot</h3>")
    assert "Irén Lejegren (S)" in html
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


def test_login_page_is_swedish_and_logs_in(client, demo_data, settings):
    """The login page is in Swedish; a demo user logs in and out."""
    page = client.get(reverse("login")).content.decode()
    assert "Logga in" in page and "Lösenord" in page
    response = client.post(
        reverse("login"), {"username": "ledamot", "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "Logga ut" in home
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "Logga in" in client.get("/").content.decode()


def test_wrong_password_keeps_username_and_says_why(client, demo_data):
    """A failed login shows a Swedish message and keeps what was typed."""
    response = client.post(reverse("login"), {"username": "ledamot", "password": "fel"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inloggningen misslyckades" in html
    assert 'value="ledamot"' in html


def test_markdown_is_sanitised():
    """Typed HTML and script URLs never survive rendering."""
    html = render_markdown(
        "**fet** <script>alert(1)</script> [x](javascript:alert(1)) "
        "<img src=x onerror=alert(1)>\n\n- en\n- två"
    )
    assert "<strong>fet</strong>" in html
    assert "<script" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert "<li>två</li>" in html


@pytest.mark.parametrize("username", ["admin", "sekreterare"])
def test_demo_staff_see_every_model_in_admin(client, demo_data, settings, username):
    """The demo administrator and secretary log in to /admin/ and see every model."""
    from django.apps import apps

    assert client.login(username=username, password=settings.DEMO_PASSWORD)
    html = client.get("/admin/").content.decode()
    for model in apps.get_models():
        if model._meta.app_label not in {"council", "meetings", "plans", "networks"}:
            continue
        if model.__name__.startswith("Historical") or model._meta.auto_created:
            continue
        if username == "sekreterare" and model.__name__ == "User":
            continue
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        assert f'href="{url}"' in html, model.__name__


def test_member_is_refused_by_admin(client, demo_data, settings):
    """A ledamot has no back office: /admin/ sends them to the admin login."""
    assert client.login(username="ledamot", password=settings.DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_logout_address_asks_before_logging_out(client, demo_data, settings):
    """GET /logga-ut/ shows a Swedish page with a logout button; POST logs out."""
    assert client.login(username="ledamot", password=settings.DEMO_PASSWORD)
    response = client.get(reverse("logout"))
    assert response.status_code == 200
    assert "Du är inloggad som Linda Svahn" in response.content.decode()
    assert client.get("/").context["user"].is_authenticated
    client.post(reverse("logout"))
    assert not client.get("/").context["user"].is_authenticated


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


def test_every_public_page_has_one_h1_landmarks_skip_link_and_print_css(
    client, demo_data
):
    """Each public page type: one h1, a skip link to main, the landmarks, a language,
    a title, and the print stylesheet."""
    from tests.public_pages import ERROR_PAGES, public_pages

    for path in public_pages() + ERROR_PAGES:
        html = client.get(path).content.decode()
        assert html.count("<h1") == 1, path
        assert 'href="#main"' in html and 'id="main"' in html, path
        for tag in ["<header", "<nav", "<main", "<footer"]:
            assert tag in html, (path, tag)
        assert '<html lang="sv">' in html and "<title>" in html, path
        assert 'href="/static/css/print.css" media="print"' in html, path
