"""Skicka för justering and Justera with a passkey instead of the password: the
challenge is bound to the exact text, the assertion is kept as justeringsbevis,
verifies against that text's hash and no other, and a body can require passkeys.

The passkeys are the software authenticator's (tests/passkeys/authenticator.py):
real ES256 keys and signatures, checked by the portal's real verification."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader

from council.passkeys.models import Passkey
from council.signing import AssociatedFile
from council.signing import Passkey as PasskeyState
from council.signing.finalise import embed_associated_file
from council.signing.pdfa import incremental_writer
from meetings.documents.content import content_sha256
from meetings.documents.evidence import (
    evidence_for_protocol,
    passkey_findings,
    passkey_state,
    read_evidence,
    verify_evidence,
)
from meetings.models import (
    Justering,
    JusteringEvidence,
    Paragraph,
    Protocol,
    SignedDocument,
)
from meetings.services.protocol.justering import protocol_justera
from tests.meetings.protocol.pdfa_rules import assert_pdfa
from tests.meetings.protocol.test_verification import text_of, upload
from tests.passkeys.flows import register, step_up

pytestmark = pytest.mark.django_db

OTHER_TEXT = hashlib.sha256(b"En annan text.").hexdigest()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def chair(cast):
    client = signed_in(cast.chair)
    device, _ = register(client)
    return client, device


@pytest.fixture
def secretary(cast):
    client = signed_in(cast.secretary)
    device, _ = register(client)
    return client, device


def justera(client, protocol, **data):
    return client.post(f"/protokoll/{protocol.pk}/justera/", {"confirm": "on", **data})


def test_justera_with_a_passkey(cast, in_justering, chair):
    client, device = chair
    answer = step_up(client, device, in_justering.pk, "justera")
    response = justera(client, in_justering, passkey_assertion=answer)
    assert response.status_code == 302
    justering = Justering.objects.get(protocol=in_justering, person=cast.chair.person)
    assert justering.history.first().history_change_reason == "Justerat med nyckel"
    evidence = JusteringEvidence.objects.get(protocol=in_justering)
    assert evidence.role == Justering.Role.CHAIR
    assert evidence.person == cast.chair.person
    assert evidence.content_sha256 == content_sha256(in_justering)
    assert bytes(evidence.credential_id) == device.credential_id
    assert Passkey.objects.get(user=cast.chair).sign_count == device.sign_count


def test_the_justeringsbevis_holds_for_the_text_and_no_other(cast, in_justering, chair):
    client, device = chair
    justera(
        client,
        in_justering,
        passkey_assertion=step_up(client, device, in_justering.pk, "justera"),
    )
    protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    protocol = Protocol.objects.get(pk=in_justering.pk)
    assert protocol.state == Protocol.State.JUSTERAT
    [(name, data, mime, description)] = evidence_for_protocol(protocol)
    assert name == "justeringsbevis.json" and mime == "application/json"
    assert "Justeringsbevis" in description
    evidence = read_evidence(data)
    assert evidence["content_sha256"] == protocol.content_sha256
    assert "SHA-256" in evidence["challenge_rule"]
    [verdict] = verify_evidence(evidence, protocol.content_sha256)
    assert verdict.valid and verdict.signer == cast.chair.person.name
    assert verdict.field_name == f"signatur-ordforande-{cast.chair.person.pk}"
    [wrong] = verify_evidence(evidence, OTHER_TEXT)
    assert not wrong.valid


def test_a_changed_signature_in_the_file_does_not_verify(cast, in_justering, chair):
    client, device = chair
    justera(
        client,
        in_justering,
        passkey_assertion=step_up(client, device, in_justering.pk, "justera"),
    )
    [(_, data, _, _)] = evidence_for_protocol(in_justering)
    evidence = read_evidence(data)
    evidence["assertions"][0]["signature"] = evidence["assertions"][0]["signature"][
        ::-1
    ]
    evidence["assertions"].append({"signature": 42})
    verdicts = verify_evidence(evidence, content_sha256(in_justering))
    assert [v.valid for v in verdicts] == [False, False]


def test_the_final_pdf_carries_the_justeringsbevis_and_verifiera_checks_it(
    client, cast, in_justering, chair
):
    """The last justering closes the file with the justeringsbevis as a PDF/A-3
    associated file (Supplement); its assertion holds for the justerat text and
    no other, the chair's signature record says so, and /verifiera/ shows it."""
    chair_client, device = chair
    justera(
        chair_client,
        in_justering,
        passkey_assertion=step_up(chair_client, device, in_justering.pk, "justera"),
    )
    protocol = protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    document = SignedDocument.objects.get(protocol=protocol, is_final=True)
    pdf = bytes(document.data)
    root = PdfFileReader(io.BytesIO(pdf), strict=False).root
    [spec] = [entry.get_object() for entry in root["/AF"]]
    assert spec["/UF"] == "justeringsbevis.json"
    assert spec["/AFRelationship"] == "/Supplement"
    chair_field = f"signatur-ordforande-{cast.chair.person.pk}"
    member_field = f"signatur-justerare-{cast.member.person.pk}"
    findings = passkey_findings(pdf, protocol.content_sha256)
    assert passkey_state(findings, chair_field) == PasskeyState.VALID
    assert passkey_state(findings, member_field) == PasskeyState.NONE
    [wrong] = passkey_findings(pdf, OTHER_TEXT)
    assert not wrong.valid
    assert passkey_state([wrong], chair_field) == PasskeyState.INVALID
    assert passkey_findings(b"not a pdf", protocol.content_sha256) == []
    records = {r.field_name: r.passkey for r in document.signatures.all()}
    assert records[chair_field] == PasskeyState.VALID
    assert records[member_field] == PasskeyState.NONE
    assert_pdfa(pdf)
    page = text_of(upload(client, pdf))
    assert "Samlad bedömning: Giltig." in page
    assert "Justeringsbevis Ja, giltigt: det stämmer med den justerade texten" in page


def test_a_forged_justeringsbevis_added_later_makes_the_file_fail(
    client, cast, in_justering, chair
):
    """A justeringsbevis for another text, appended to the final file, is found
    and named: the file no longer holds."""
    chair_client, device = chair
    justera(
        chair_client,
        in_justering,
        passkey_assertion=step_up(chair_client, device, in_justering.pk, "justera"),
    )
    protocol = protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    pdf = bytes(SignedDocument.objects.get(protocol=protocol, is_final=True).data)
    [(name, data, mime, description)] = evidence_for_protocol(protocol)
    evidence = json.loads(data)
    evidence["assertions"][0]["signature"] = evidence["assertions"][0]["signature"][
        ::-1
    ]
    writer = incremental_writer(pdf)
    embed_associated_file(
        writer,
        AssociatedFile(
            "justeringsbevis-2.json", json.dumps(evidence).encode(), mime, description
        ),
    )
    out = io.BytesIO()
    writer.write(out)
    page = text_of(upload(client, out.getvalue()))
    assert "Samlad bedömning: Ej giltig." in page
    assert "justeringsbeviset (nyckeln) stämmer inte" in page


def test_send_for_justering_with_a_passkey_binds_the_frozen_text(
    cast, draft, secretary
):
    client, device = secretary
    answer = step_up(client, device, draft.pk, "skicka")
    response = client.post(
        f"/protokoll/{draft.pk}/skicka/", {"passkey_assertion": answer}
    )
    assert response.status_code == 302
    protocol = Protocol.objects.get(pk=draft.pk)
    assert protocol.state == Protocol.State.IN_JUSTERING
    evidence = JusteringEvidence.objects.get(protocol=protocol)
    assert evidence.role == Justering.Role.SECRETARY
    # The text as frozen: numbers fixed, the sender as secretary.
    assert evidence.content_sha256 == content_sha256(protocol)
    document = SignedDocument.objects.get(protocol=protocol)
    assert document.content_sha256 == evidence.content_sha256
    [(_, data, _, _)] = evidence_for_protocol(protocol)
    [verdict] = verify_evidence(read_evidence(data), content_sha256(protocol))
    assert verdict.valid and verdict.role == Justering.Role.SECRETARY


def test_a_text_changed_after_the_passkey_confirmed_is_not_sent(cast, draft, secretary):
    client, device = secretary
    answer = step_up(client, device, draft.pk, "skicka")
    Paragraph.objects.filter(protocol=draft).update(text="Ändrat efteråt.")
    response = client.post(
        f"/protokoll/{draft.pk}/skicka/", {"passkey_assertion": answer}
    )
    assert response.status_code == 400  # the send page again, with the reason
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.DRAFT
    page = response.content.decode()
    assert "har ändrats sedan du bekräftade med nyckeln" in page
    assert not JusteringEvidence.objects.exists()


def test_an_answer_is_used_once(cast, in_justering, chair):
    client, device = chair
    answer = step_up(client, device, in_justering.pk, "justera")
    assert justera(client, in_justering, passkey_assertion=answer).status_code == 302
    Justering.objects.all().delete()
    again = justera(client, in_justering, passkey_assertion=answer)
    assert again.status_code == 400
    assert "redan använts" in again.content.decode()


def test_a_forged_signature_is_refused(cast, in_justering, chair):
    client, device = chair
    answer = step_up(client, device, in_justering.pk, "justera", tamper=True)
    response = justera(client, in_justering, passkey_assertion=answer)
    assert response.status_code == 400
    assert "underskrift stämde inte" in response.content.decode()
    assert not Justering.objects.filter(protocol=in_justering).exists()


def test_another_users_passkey_does_not_confirm(cast, in_justering, chair):
    _, device = chair
    member = signed_in(cast.member)
    register(member)
    options = member.post(f"/protokoll/{in_justering.pk}/nyckel/justera/").json()
    response = justera(
        member, in_justering, passkey_assertion=device.assertion(options)
    )
    assert response.status_code == 400
    assert "hör inte till ditt konto" in response.content.decode()


def test_the_options_are_only_for_those_who_may(cast, draft, in_justering, chair):
    client, _ = chair
    outsider = signed_in(cast.outsider)
    assert (
        outsider.post(f"/protokoll/{in_justering.pk}/nyckel/justera/").status_code
        == 404
    )
    assert (
        client.post(f"/protokoll/{in_justering.pk}/nyckel/skicka/").status_code == 403
    )
    assert (
        client.post(f"/protokoll/{in_justering.pk}/nyckel/radera/").status_code == 404
    )
    assert (
        client.get(f"/protokoll/{in_justering.pk}/nyckel/justera/").status_code == 405
    )
    anonymous = Client().post(f"/protokoll/{in_justering.pk}/nyckel/justera/")
    assert anonymous.status_code == 302
    without = signed_in(cast.member)
    response = without.post(f"/protokoll/{in_justering.pk}/nyckel/justera/")
    assert response.status_code == 400
    assert "Registrera en på sidan Säkerhet" in response.json()["error"]


def test_the_review_page_offers_the_passkey_and_the_password(cast, in_justering, chair):
    client, _ = chair
    page = client.get(f"/protokoll/{in_justering.pk}/granska/").content.decode()
    assert "Justera med nyckel" in page
    assert f"/protokoll/{in_justering.pk}/nyckel/justera/" in page
    assert "Lösenordet fungerar alltid, även utan JavaScript." in page
    assert "js/passkeys.js" in page


def test_a_body_that_requires_passkeys_refuses_the_password(cast, in_justering, chair):
    cast.body.justering_requires_passkey = True
    cast.body.save()
    client, device = chair
    response = justera(client, in_justering, password="pw")
    assert response.status_code == 400
    page = response.content.decode()
    assert "kräver att du bekräftar med en nyckel (passkey)" in page
    assert "Registrera en nyckel på sidan Säkerhet" in page
    assert not Justering.objects.filter(protocol=in_justering).exists()
    with pytest.raises(ValidationError, match="kräver"):
        protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    answer = step_up(client, device, in_justering.pk, "justera")
    assert justera(client, in_justering, passkey_assertion=answer).status_code == 302
    assert Justering.objects.filter(protocol=in_justering).count() == 1


def test_a_body_that_requires_passkeys_refuses_sending_with_the_password(
    cast, draft, secretary
):
    cast.body.justering_requires_passkey = True
    cast.body.save()
    client, _ = secretary
    response = client.post(f"/protokoll/{draft.pk}/skicka/", {"password": "pw"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "kräver att du bekräftar med en nyckel" in page
    assert "Skicka för justering med nyckel" in page
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.DRAFT


def test_justeringsbevis_cannot_be_changed(cast, in_justering, chair, settings):
    client, device = chair
    justera(
        client,
        in_justering,
        passkey_assertion=step_up(client, device, in_justering.pk, "justera"),
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        JusteringEvidence.objects.update(content_sha256=OTHER_TEXT)
    from django.db import connection

    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            JusteringEvidence.objects.all().delete()
    assert JusteringEvidence.objects.get().content_sha256 == content_sha256(
        in_justering
    )


@pytest.mark.parametrize(
    "answer",
    ["inte json", "{}", "[1]", '{"id": 1, "rawId": "!!", "response": {}}', "ä" * 3000],
)
def test_hostile_answers_at_justera_get_a_message(cast, in_justering, chair, answer):
    client, device = chair
    step_up(client, device, in_justering.pk, "justera")
    response = justera(client, in_justering, passkey_assertion=answer)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode() or "errorlist" in (
        response.content.decode()
    )
    assert not Justering.objects.filter(protocol=in_justering).exists()


def test_no_options_for_a_protokoll_not_in_that_state(cast, draft, chair, secretary):
    client, _ = chair
    response = client.post(f"/protokoll/{draft.pk}/nyckel/justera/")
    assert response.status_code in (400, 404)
    sender, _ = secretary
    sender.post(f"/protokoll/{draft.pk}/skicka/", {"password": "pw"})
    again = sender.post(f"/protokoll/{draft.pk}/nyckel/skicka/")
    assert again.status_code == 400
    assert "inte ett utkast" in again.json()["error"]
