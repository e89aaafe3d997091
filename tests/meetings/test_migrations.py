"""Migrations that change documents of record keep them as they were."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from meetings.models import SignatureRecord, SignedDocument
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("meetings", "0006_search_vectors")
AFTER = ("meetings", "0007_signed_document_sha512")


def migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def migrate_to_latest() -> None:
    """Back to the newest schema, whatever migrations came after the one tested."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("meetings"))


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
        migrate_to_latest()
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


def test_signature_records_already_kept_get_no_timestamp_and_unknown_data():
    """0008 adds the timestamp, validation data, document timestamp and
    justeringsbevis to the records; those kept before say: no timestamp, not a
    document timestamp, no justeringsbevis, validation data unknown. A final
    document's records keep everything else (on PostgreSQL past no guard: adding
    columns writes no row)."""
    document = factories.SignedDocumentFactory(data=b"%PDF-1.7\n% kept\n%%EOF\n")
    record = factories.SignatureRecordFactory(document=document)
    document.is_final = True
    document.finalised_at = timezone.now()
    document.save()
    kept = (
        record.signer_name,
        record.signed_at,
        record.certificate_serial,
        record.intact,
        record.valid,
        record.trusted,
    )
    try:
        migrate(AFTER)
    finally:
        migrate_to_latest()
    record = SignatureRecord.objects.get(pk=record.pk)
    assert (
        record.signer_name,
        record.signed_at,
        record.certificate_serial,
        record.intact,
        record.valid,
        record.trusted,
    ) == kept
    assert record.timestamp_at is None
    assert record.timestamp_authority == ""
    assert record.timestamp_trusted is False
    assert record.validation_data_embedded is None
    assert record.is_document_timestamp is False
    assert record.passkey == ""
    # Intact, valid and trusted as kept, but with no proven time it is not
    # called valid any more.
    assert record.intact and record.valid and record.trusted
    assert not record.ok
