"""A person's public page: seats and the published paragraphs that name them, by
any spelling; only for people with a seat in an active body."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Protocol
from tests import factories

pytestmark = pytest.mark.django_db


def page(pk: int) -> str:
    return reverse("council:person_detail", kwargs={"pk": pk})


@pytest.fixture
def chair(db):
    person = factories.PersonFactory(name="Irén Lejegren", aliases=["Irén Lejgren"])
    council = factories.BodyFactory(name="Samverkansrådet", short_name="SSR")
    factories.MembershipFactory(person=person, body=council, role="ordforande")
    factories.MembershipFactory(
        person=person,
        body=factories.BodyFactory(name="Beredningen"),
        starts=datetime.date(2015, 1, 1),
        ends=datetime.date(2018, 12, 31),
    )
    return person


def _paragraph(heading: str, text: str, state=Protocol.State.PUBLISHED, **kwargs):
    protocol = factories.ProtocolFactory(state=state)
    return factories.ParagraphFactory(
        protocol=protocol, heading=heading, text=text, **kwargs
    )


def test_the_page_lists_seats_and_paragraphs_by_every_spelling(client, chair):
    _paragraph("Mötet öppnas", "Irén Lejegren hälsar alla välkomna.")
    _paragraph("Justerare", "Irén Lejgren utses att justera.")
    _paragraph("Utkast", "Irén Lejegren i ett utkast.", Protocol.State.DRAFT)
    _paragraph("Slutet", "Irén Lejegren, sluten.", is_public=False)
    _paragraph("Annan Irén", "Irén Svensson talar.")
    response = client.get(page(chair.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Irén Lejgren" in html  # the other spelling, said
    assert "Samverkansrådet" in html and "Beredningen" in html and "pågår" in html
    assert html.index("Samverkansrådet") < html.index("Beredningen")  # current first
    assert "Mötet öppnas" in html and "Justerare" in html
    for hidden in ("Utkast", "Slutet", "Annan Irén"):
        assert hidden not in html


def test_only_people_with_a_public_seat_have_a_page(client, chair):
    guest = factories.PersonFactory()
    retired = factories.PersonFactory()
    factories.MembershipFactory(
        person=retired, body=factories.BodyFactory(is_active=False)
    )
    assert client.get(page(guest.pk)).status_code == 404
    assert client.get(page(retired.pk)).status_code == 404
    assert client.get(f"/personer/{10**30}/").status_code == 404
    assert client.get("/personer/-1/").status_code == 404


def test_the_members_list_links_each_person(client, chair):
    body = chair.memberships.get(role="ordforande").body
    html = client.get(body.get_absolute_url()).content.decode()
    assert f'href="{page(chair.pk)}"' in html


def test_search_lists_the_person_an_alias_names(client, chair):
    html = client.get("/sok/", {"q": "Lejgren"}).content.decode()
    assert f'<a href="{page(chair.pk)}">Irén Lejegren</a>' in html
    assert "även stavat Irén Lejgren" in html


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_takes_the_same_queries_however_many_paragraphs(
    client, chair, count, django_assert_num_queries
):
    protocol = factories.ProtocolFactory(state=Protocol.State.PUBLISHED)
    for order in range(1, count + 1):
        factories.ParagraphFactory(
            protocol=protocol, order=order, number=order, text="Irén Lejgren talar."
        )
    with django_assert_num_queries(3):  # person, seats, paragraphs
        html = client.get(page(chair.pk)).content.decode()
    assert html.count('class="named-list"') == 1 and html.count("§&nbsp;") == count


def test_the_sitemap_lists_the_people_with_a_page(client, chair):
    guest = factories.PersonFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert page(chair.pk) in xml and page(guest.pk) not in xml
