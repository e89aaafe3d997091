"""The Swedish login and logout, the admin's door, Markdown, and what every public
page has."""

import pytest
from django.urls import reverse

from council.text import render_markdown

pytestmark = pytest.mark.django_db


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
