"""Locked means locked: a justerat protokoll cannot change by any path.

The services refuse (test_protocol_services), the pages show no edit controls
(test_protocol_views), the admin shows it read-only (tests/test_admin.py), and on
PostgreSQL the database itself rejects UPDATE and DELETE (here).
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from meetings.models import ActionItem, Justering, Paragraph, Protocol
from meetings.services.protocol.justering import (
    protocol_justera,
    protocol_send_to_justering,
)

pytestmark = pytest.mark.django_db


def raw(sql: str, obj) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, [obj.pk])


@pytest.fixture
def postgres_only():
    """The trigger exists only on PostgreSQL. CI runs the suite there too, so this
    skips on SQLite alone and runs (and fails loudly) everywhere else."""
    if connection.vendor == "sqlite":
        pytest.skip("Databastriggern finns bara i PostgreSQL.")
    assert connection.vendor == "postgresql", connection.vendor


def rejected(action) -> bool:
    try:
        with transaction.atomic():
            action()
    except DatabaseError as error:
        assert "justerat" in str(error)
        return True
    return False


def test_trigger_rejects_changing_a_justerat_protokoll(postgres_only, cast, justerat):
    rows = Protocol.objects.filter(pk=justerat.pk)
    assert rejected(lambda: rows.update(justering_place="Någon annanstans"))
    assert rejected(lambda: rows.update(state=Protocol.State.DRAFT))
    assert rejected(lambda: rows.update(content_sha256="0" * 64))
    # Django's own delete stops at the protected justeringar; plain SQL reaches
    # the row and the trigger.
    assert rejected(
        lambda: raw("DELETE FROM meetings_protocol WHERE id = %s", justerat)
    )
    justerat.refresh_from_db()
    assert justerat.state == Protocol.State.JUSTERAT


def test_trigger_allows_publishing_a_justerat_protokoll(postgres_only, cast, justerat):
    rows = Protocol.objects.filter(pk=justerat.pk)
    assert not rejected(
        lambda: rows.update(state=Protocol.State.PUBLISHED, published_at=timezone.now())
    )
    assert not rejected(lambda: rows.update(published_at=timezone.now()))
    # … but never back.
    assert rejected(lambda: rows.update(state=Protocol.State.JUSTERAT))


def test_trigger_rejects_changing_paragraphs_of_a_justerat_protokoll(
    postgres_only, cast, draft
):
    paragraph = draft.paragraphs.order_by("order").first()
    # An action item in the text that is sent, to test the trigger on them too.
    item = ActionItem.objects.create(paragraph=paragraph, description="Följa upp")
    in_justering = protocol_send_to_justering(
        protocol_id=draft.pk, actor=cast.secretary
    )
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    paragraphs = Paragraph.objects.filter(pk=paragraph.pk)
    assert rejected(lambda: paragraphs.update(text="Ändrad i efterhand"))
    assert rejected(lambda: paragraphs.delete())
    items = ActionItem.objects.filter(pk=item.pk)
    assert rejected(lambda: items.update(description="Ändrad"))
    assert rejected(lambda: items.delete())
    justeringar = Justering.objects.filter(protocol=in_justering)
    assert rejected(lambda: justeringar.update(content_sha256="0" * 64))
    assert rejected(lambda: justeringar.delete())
    paragraph.refresh_from_db()
    assert paragraph.text != "Ändrad i efterhand"


def test_trigger_rejects_saving_a_model_instance(postgres_only, cast, justerat):
    """The ORM's ordinary save() of a stale copy is refused as well."""
    paragraph = justerat.paragraphs.first()
    paragraph.text = "Ny lydelse"
    assert rejected(paragraph.save)


def test_trigger_leaves_drafts_alone(postgres_only, cast, draft):
    paragraph = draft.paragraphs.first()
    assert not rejected(
        lambda: Paragraph.objects.filter(pk=paragraph.pk).update(text="Utkast")
    )
    assert not rejected(
        lambda: Protocol.objects.filter(pk=draft.pk).update(justering_place="Nora")
    )


def test_migration_installs_the_trigger_only_on_postgresql(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'meetings_%_locked'"
            )
            assert cursor.fetchone()[0] == 4
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' "
                "AND name LIKE 'meetings_%_locked'"
            )
            assert cursor.fetchone()[0] == 0


def test_the_views_show_no_edit_controls_once_locked(client, cast, justerat):
    client.force_login(cast.secretary)
    response = client.get(f"/protokoll/{justerat.pk}/utkast/")
    assert response.status_code == 302
    assert response.url == f"/protokoll/{justerat.pk}/granska/"
    page = client.get(response.url).content.decode()
    assert "Redigera" not in page
    assert 'name="comment_' not in page
    assert "Skicka för justering" not in page
    response = client.post(f"/protokoll/{justerat.pk}/skicka/", follow=True)
    assert "kan inte skickas för justering nu" in response.content.decode()
    assert Protocol.objects.get(pk=justerat.pk).state == Protocol.State.JUSTERAT
