"""Rättelse: a new version with a reason and its own justering; the old one stays
and is marked as replaced.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Protocol
from meetings.services.protocol.correction import protocol_correct
from meetings.services.protocol.justering import (
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import protocol_publish
from tests.meetings.helpers import (
    justera_all,
)

pytestmark = pytest.mark.django_db


def test_a_correction_is_a_new_version_with_its_own_justering(published, cast):
    with pytest.raises(ValidationError, match="skälet"):
        protocol_correct(protocol_id=published.pk, actor=cast.secretary, reason=" ")
    correction = protocol_correct(
        protocol_id=published.pk, actor=cast.secretary, reason="Fel namn i § 4."
    )
    assert correction.version == 2
    assert correction.corrects == published
    assert correction.state == Protocol.State.DRAFT
    assert list(correction.paragraphs.values_list("number", flat=True)) == list(
        published.paragraphs.values_list("number", flat=True)
    )
    assert list(correction.justerare.all()) == [cast.member.person]
    with pytest.raises(ValidationError, match="redan en rättelse"):
        protocol_correct(protocol_id=published.pk, actor=cast.secretary, reason="Igen")
    protocol_send_to_justering(protocol_id=correction.pk, actor=cast.secretary)
    correction = justera_all(cast, correction)
    assert correction.state == Protocol.State.JUSTERAT
    published.refresh_from_db()
    assert published.state == Protocol.State.PUBLISHED  # the original is untouched


def test_correction_page_and_superseded_marking(client, cast, published):
    client.force_login(cast.secretary)
    response = client.post(
        f"/protokoll/{published.pk}/rattelse/", {"reason": "Fel namn i § 4."}
    )
    correction = Protocol.objects.get(corrects=published)
    assert response.url == f"/protokoll/{correction.pk}/utkast/"
    protocol_send_to_justering(protocol_id=correction.pk, actor=cast.secretary)
    protocol_justera(protocol_id=correction.pk, actor=cast.chair)
    protocol_justera(protocol_id=correction.pk, actor=cast.member)
    protocol_publish(protocol_id=correction.pk, actor=cast.secretary)
    client.logout()
    old = client.get(f"/protokoll/{published.pk}/").content.decode()
    assert "ersatt av en rättelse" in old
    new = client.get(f"/protokoll/{correction.pk}/").content.decode()
    assert "Fel namn i § 4." in new
    listing = client.get("/protokoll/").content.decode()
    assert f"/protokoll/{published.pk}/" not in listing
    assert f"/protokoll/{correction.pk}/" in listing
