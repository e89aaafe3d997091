"""The public network pages /natverk/ and /natverk/<slug>/."""

import pytest

from council.models import Body
from tests import factories

pytestmark = pytest.mark.django_db


def test_network_list_shows_the_three_networks(client, demo_data):
    """/natverk/ lists REKO, GySam and Sakkunnigstödet with size and frequency."""
    html = client.get("/natverk/").content.decode()
    for slug in ["reko", "gysam", "sakkunnigstodet"]:
        assert f'href="/natverk/{slug}/"' in html
    assert "22 deltagare" in html and "12 deltagare" in html
    assert "träffas ca 1 gång/månad" in html


def test_network_page_shows_everything_the_presentation_says(client, demo_data):
    """GySam: purpose, supporting networks, agreement topics, achievements, link."""
    html = client.get("/natverk/gysam/").content.decode()
    assert "<h1>GySam</h1>" in html
    for text in [
        "Gymnasiesamordningsnätverket",
        "GySär",
        "IM-nätverket",
        "Ekonomiska förutsättningar, IKE",
        "Planering och dimensionering",
        "160 deltagare",
        "https://utveckling.regionorebrolan.se/",
    ]:
        assert text in html
    assert 'href="/organ/chefsgruppen/"' in html


def test_inactive_or_unknown_network_is_404(client, demo_data):
    """An inactive network, a non-network body or an unknown slug answer 404."""
    assert client.get("/natverk/ssr/").status_code == 404
    assert client.get("/natverk/finns-inte/").status_code == 404
    Body.objects.filter(slug="reko").update(is_active=False)
    assert client.get("/natverk/reko/").status_code == 404
    assert 'href="/natverk/reko/"' not in client.get("/natverk/").content.decode()


def test_network_list_queries_do_not_grow(client, db, django_assert_max_num_queries):
    """The list costs the same queries for 1 or 10 networks."""
    factories.NetworkProfileFactory()
    with django_assert_max_num_queries(3):
        client.get("/natverk/")
    for _ in range(9):
        profile = factories.NetworkProfileFactory()
        factories.FocusAreaFactory(profile=profile)
    with django_assert_max_num_queries(3):
        client.get("/natverk/")
