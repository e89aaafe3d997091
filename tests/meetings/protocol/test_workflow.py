"""The protokoll's states: a wrong transition gets a message, a justerat protokoll
refuses every edit, and every change is attributed with a reason.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Paragraph
from meetings.services.protocol import drafting
from meetings.services.protocol.correction import protocol_correct
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import protocol_publish

pytestmark = pytest.mark.django_db


def test_wrong_state_transitions_get_messages(draft, cast):
    """Publishing a draft or justera before sending: a message, not a crash."""
    with pytest.raises(ValidationError, match="utkast och kan inte bli publicerat"):
        protocol_publish(protocol_id=draft.pk, actor=cast.secretary)
    with pytest.raises(ValidationError, match="kan inte justeras nu"):
        protocol_justera(protocol_id=draft.pk, actor=cast.chair)
    with pytest.raises(ValidationError, match="Bara ett justerat protokoll"):
        protocol_correct(protocol_id=draft.pk, actor=cast.secretary, reason="x")


def test_a_justerat_protokoll_refuses_every_edit(justerat, cast):
    paragraph = justerat.paragraphs.first()
    calls = [
        lambda: drafting.protocol_paragraph_add(
            protocol_id=justerat.pk, actor=cast.secretary
        ),
        lambda: drafting.protocol_paragraph_delete(
            paragraph_id=paragraph.pk, actor=cast.secretary
        ),
        lambda: drafting.protocol_action_item_add(
            paragraph_id=paragraph.pk, actor=cast.secretary, description="x"
        ),
        lambda: protocol_send_to_justering(
            protocol_id=justerat.pk, actor=cast.secretary
        ),
        lambda: protocol_comment(
            protocol_id=justerat.pk, actor=cast.member, comments={paragraph.pk: "x"}
        ),
        lambda: protocol_justera(protocol_id=justerat.pk, actor=cast.member),
    ]
    for call in calls:
        with pytest.raises(ValidationError):
            call()
    assert Paragraph.objects.filter(protocol=justerat).count() == 5


def test_every_change_is_attributed_with_a_reason(justerat, cast):
    reasons = list(
        justerat.history.order_by("history_date").values_list(
            "history_change_reason", "history_user"
        )
    )
    assert ("Skickat för justering", cast.secretary.pk) in reasons
    assert ("Justerat av alla", cast.member.pk) in reasons
    assert all(reason for reason, _user in reasons)
