"""Publishing: never with a personnummer, the anslag, and the public pages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import Notice, Protocol
from meetings.services.protocol.justering import (
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import anslag_dates, protocol_publish
from tests import factories
from tests.meetings.helpers import (
    editor_post,
    editor_values,
    justera_all,
    save_draft,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "written",
    ["850709-1232", "19121212–1212", "20101010 1234", "121212+1212", "850769-1239"],
)
def test_publish_refuses_personnummer_with_a_clear_message(draft, cast, written):
    """Every form of personnummer and samordningsnummer stops the publishing; the
    message says where it is."""
    paragraph = draft.paragraphs.get(heading="Övriga frågor")
    save_draft(
        cast,
        draft,
        paragraphs=editor_values(
            draft, **{paragraph.heading: f"Anmälan från {written} diskuterades."}
        ),
        place="",
    )
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    protocol = justera_all(cast, draft)
    with pytest.raises(ValidationError, match=r"personnummer \(§ 4\)"):
        protocol_publish(protocol_id=protocol.pk, actor=cast.secretary)
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.JUSTERAT


def test_publish_is_not_stopped_by_dates_phone_numbers_and_dnr(draft, cast):
    paragraph = draft.paragraphs.get(heading="Övriga frågor")
    text = (
        "Dnr RS 2018/00123-12345. Planen 2018–2019 kostar 1 850 709 kr. "
        "Frågor till 019-602 10 00 eller 070-123 45 67 före 2018-09-28."
    )
    save_draft(
        cast,
        draft,
        paragraphs=editor_values(draft, **{paragraph.heading: text}),
        place="",
    )
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    protocol = justera_all(cast, draft)
    protocol = protocol_publish(protocol_id=protocol.pk, actor=cast.secretary)
    assert protocol.state == Protocol.State.PUBLISHED


def test_publishing_without_anslag(justerat, cast):
    protocol = protocol_publish(protocol_id=justerat.pk, actor=cast.secretary)
    assert protocol.state == Protocol.State.PUBLISHED
    assert protocol.published_at is not None
    assert not Notice.objects.exists()


def test_publishing_posts_an_anslag_for_21_days(justerat, cast):
    body = cast.body
    body.uses_anslag = True
    body.office = "Förv. Regional utveckling"
    body.save()
    protocol_publish(protocol_id=justerat.pk, actor=cast.secretary)
    notice = Notice.objects.get(protocol=justerat)
    today = timezone.localdate()
    assert notice.posted_on == today
    assert notice.removed_on == today + datetime.timedelta(days=21)
    assert "Förv. Regional utveckling" in notice.kept_at


def test_anslag_dates():
    posted, removed = anslag_dates(datetime.date(2026, 3, 2))
    assert (posted, removed) == (datetime.date(2026, 3, 2), datetime.date(2026, 3, 23))


def test_publishing_and_the_public_pages(client, cast, justerat):
    client.force_login(cast.secretary)
    response = client.post(f"/protokoll/{justerat.pk}/publicera/", {"confirm": "ja"})
    assert response.url == f"/protokoll/{justerat.pk}/"
    client.logout()
    page = client.get("/protokoll/").content.decode()
    assert f"/protokoll/{justerat.pk}/" in page
    page = client.get(f"/protokoll/{justerat.pk}/").content.decode()
    assert page.count("<h1") == 1
    assert "Övriga frågor" in page
    assert client.get(f"/protokoll/{justerat.pk}/protokoll.pdf").status_code == 200


def test_publishing_refused_for_personnummer_shows_a_message(client, cast, draft):
    client.force_login(cast.secretary)
    client.post(
        f"/protokoll/{draft.pk}/utkast/",
        editor_post(draft, **{"Mötet öppnas": "Född 19121212–1212."}),
    )
    client.post(f"/protokoll/{draft.pk}/skicka/", {"password": "pw"})
    protocol_justera(protocol_id=draft.pk, actor=cast.chair)
    protocol_justera(protocol_id=draft.pk, actor=cast.member)
    response = client.post(
        f"/protokoll/{draft.pk}/publicera/", {"confirm": "ja"}, follow=True
    )
    assert "ser ut som ett personnummer (§ 1)" in response.content.decode()
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.JUSTERAT
    client.logout()
    assert client.get(f"/protokoll/{draft.pk}/").status_code == 404


def test_anslag_page_lists_current_notices_and_drops_expired_ones(client, db):
    today = timezone.localdate()
    current = factories.NoticeFactory(posted_on=today - datetime.timedelta(days=20))
    expired = factories.NoticeFactory(posted_on=today - datetime.timedelta(days=21))
    future = factories.NoticeFactory(posted_on=today + datetime.timedelta(days=1))
    page = client.get("/anslag/").content.decode()
    assert f"/protokoll/{current.protocol_id}/" in page
    assert f"/protokoll/{expired.protocol_id}/" not in page
    assert f"/protokoll/{future.protocol_id}/" not in page
    assert Notice.objects.count() == 3
