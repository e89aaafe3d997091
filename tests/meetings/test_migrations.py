"""Migrations that change documents of record keep them as they were."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from meetings.models import SignedDocument
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("meetings", "0006_search_vectors")
AFTER = ("meetings", "0007_signed_document_sha512")


def migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def test_sha512_is_filled_in_for_final_documents_already_stored():
    """0007 gives every stored document the SHA-512 of its bytes, a final one too
    (on PostgreSQL past its guard), and changes nothing else of it."""
    final = factories.SignedDocumentFactory(
        data=b"%PDF-1.7\n% final\n%%EOF\n", is_final=True, finalised_at=timezone.now()
    )
    unfinished = factories.SignedDocumentFactory(
        data=b"%PDF-1.7\n% in justering\n%%EOF\n"
    )
    before = {
        d.pk: (bytes(d.data), d.sha256, d.size, d.is_final, d.finalised_at)
        for d in SignedDocument.objects.all()
    }
    try:
        migrate(BEFORE)
    finally:
        migrate(AFTER)
    for document in (final, unfinished):
        document.refresh_from_db()
        data = bytes(document.data)
        assert document.sha512 == hashlib.sha512(data).hexdigest()
        assert before[document.pk] == (
            data,
            document.sha256,
            document.size,
            document.is_final,
            document.finalised_at,
        )
    if connection.vendor == "postgresql":  # the guard is back on
        with pytest.raises(Exception, match="slutligt"):
            SignedDocument.objects.filter(pk=final.pk).update(sha512="0" * 128)
