"""Skicka för justering as its own step: a summary of what goes out, then the
password or passkey; a refused attempt shows the same page again (400) with the
error at the field and in a summary at the top that links to it.
"""

from __future__ import annotations

import pytest

from council.models import Body, Membership
from meetings.models import Protocol
from meetings.services.protocol.justering import protocol_send_to_justering
from tests.meetings.helpers import draft_for, seat

pytestmark = pytest.mark.django_db


def url(protocol: Protocol) -> str:
    return f"/protokoll/{protocol.pk}/skicka/"


def test_the_send_page_sums_up_what_goes_out(client, cast, draft):
    seat(cast.body, Membership.Role.MEMBER, username="borta", name="Frida Borta")
    client.force_login(cast.secretary)
    response = client.get(url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Skicka för justering</h1>" in page
    for paragraph in draft.paragraphs.order_by("order"):
        assert f"§ {paragraph.order}</span> {paragraph.heading}" in page
    assert "§§ 1–5 (5 st)" in page
    # Attendance: the chair, the ledamot and Eva Sund present; a ledamot absent.
    present = page.split("Närvarande (3)")[1].split("Frånvarande")[0]
    assert cast.chair.person.name in present and cast.member.person.name in present
    absent = page.split("Frånvarande (1)")[1].split("</ul>")[0]
    assert "Frida Borta" in absent
    assert "Eva Sund" in present
    assert "<dt>Närvarande</dt>\n    <dd>3</dd>" in page
    # Who justerar, and by when.
    assert cast.chair.person.name in page.split("<dt>Ordförande</dt>")[1][:200]
    assert cast.member.person.name in page.split("<dt>Justerare</dt>")[1][:200]
    deadline = draft.meeting.justering_deadline
    assert f"Senast {deadline.day} " in page
    assert "Protokollets PDF-fil med §§ 1–5" in page
    # Back to the editor, then the password and one submit button.
    assert f'href="/protokoll/{draft.pk}/utkast/"' in page
    form = page.split(f'action="/protokoll/{draft.pk}/skicka/"')[1].split("</form>")[0]
    assert 'name="password"' in form
    assert form.count('type="submit"') == 1
    assert 'data-passkey-step-up="/protokoll/' in form
    assert page.index("Det här skickas") < page.index('name="password"')
    assert "error-summary" not in page


def test_per_year_numbers_are_shown_as_they_will_be(client, cast, draft):
    """A body numbering through the year: the next protokoll starts after the
    last one's numbers, and the page says so before anything is fixed."""
    import datetime

    from meetings.services.planning import meeting_create

    cast.body.numbering = Body.Numbering.PER_YEAR
    cast.body.save()
    start = draft.meeting.starts_at - datetime.timedelta(hours=3)
    earlier = meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Lärken",
    )
    protocol_send_to_justering(
        protocol_id=draft_for(cast, earlier).pk, actor=cast.secretary
    )
    client.force_login(cast.secretary)
    page = client.get(url(draft)).content.decode()
    assert "§§ 6–10 (5 st)" in page
    assert '<span class="paragraph-number">§ 6</span>' in page
    # Nothing was fixed by looking.
    assert not draft.paragraphs.filter(number__isnull=False).exists()


@pytest.mark.parametrize(
    "posted, message",
    [
        ({}, "Skriv ditt lösenord för att skicka protokollet för justering"),
        ({"password": "fel"}, "Lösenordet stämmer inte"),
    ],
)
def test_a_wrong_or_empty_password_shows_the_page_again_with_the_error(
    client, cast, draft, posted, message
):
    client.force_login(cast.secretary)
    response = client.post(url(draft), posted)
    assert response.status_code == 400
    page = response.content.decode()
    # The error summary comes first in main and links to the field.
    content = page.split('<main id="main" tabindex="-1">')[1]
    assert (
        content.split('<div class="wrap">')[1]
        .lstrip()
        .startswith('<div class="error-summary" role="alert" tabindex="-1"')
    )
    summary = content.split("</div>")[0]
    assert 'href="#skicka_password"' in summary and message in summary
    # The field itself is marked and points at its message.
    field = page.split('id="skicka_password"')[0].rsplit("<input", 1)[1]
    field += page.split('id="skicka_password"')[1].split(">")[0]
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="skicka_password_error"' in field
    assert 'id="skicka_password_error"' in page
    assert message in page.split('id="skicka_password_error"')[1][:300]
    assert "js/error-focus.js" in page  # which moves the focus to the summary
    assert "<title>Fel: Skicka för justering" in page
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.DRAFT


def test_the_right_password_sends_it(client, cast, draft):
    client.force_login(cast.secretary)
    response = client.post(url(draft), {"password": "pw"})
    assert response.status_code == 302
    assert response["Location"] == f"/protokoll/{draft.pk}/granska/"
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.IN_JUSTERING


def test_what_the_service_refuses_shows_on_the_page(client, cast, draft):
    """No justerare: the page lists what is missing and asks for no password."""
    draft.justerare.clear()
    client.force_login(cast.secretary)
    page = client.get(url(draft)).content.decode()
    assert "Innan protokollet kan skickas" in page
    assert "minst en justerare" in page
    assert 'name="password"' not in page
    response = client.post(url(draft), {"password": "pw"})
    assert response.status_code == 400
    summary = response.content.decode().split('class="error-summary"')[1]
    assert "minst en justerare" in summary.split("</div>")[0]


def test_a_protokoll_already_sent_goes_to_its_review_page(client, cast, in_justering):
    client.force_login(cast.secretary)
    response = client.get(url(in_justering), follow=True)
    assert response.redirect_chain[-1][0] == f"/protokoll/{in_justering.pk}/granska/"
    assert "kan inte skickas för justering nu" in response.content.decode()


@pytest.mark.parametrize("who", ["chair", "member", "substitute", "outsider"])
def test_only_the_secretary_reaches_the_send_page(client, cast, draft, who):
    client.force_login(getattr(cast, who))
    assert client.get(url(draft)).status_code in (403, 404)
    assert client.post(url(draft), {"password": "pw"}).status_code in (403, 404)


def test_the_review_page_links_to_the_send_step(client, cast, draft):
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{draft.pk}/granska/").content.decode()
    assert f'href="/protokoll/{draft.pk}/skicka/"' in page
    assert 'name="password"' not in page
