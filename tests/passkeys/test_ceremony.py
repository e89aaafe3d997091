"""The step-up challenge and the offline check of an assertion, at the level of
the ceremony: a signature over one text's hash holds for that text only."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import Client

from council.passkeys import ceremony
from council.passkeys.models import Passkey
from meetings.documents.content import content_sha256
from meetings.documents.evidence import (
    evidence_for_protocol,
    read_evidence,
    verify_evidence,
)
from tests.passkeys.authenticator import b64url, from_b64url
from tests.passkeys.flows import authenticator, register, step_up

pytestmark = pytest.mark.django_db

TEXT = hashlib.sha256(b"Protokollets text.").hexdigest()
OTHER = hashlib.sha256(b"En annan text.").hexdigest()


def test_the_challenge_is_the_hash_of_the_text_and_the_nonce():
    nonce = bytes(range(32))
    expected = hashlib.sha256(bytes.fromhex(TEXT) + nonce).digest()
    assert ceremony.step_up_challenge(TEXT, nonce) == expected
    assert ceremony.step_up_challenge(OTHER, nonce) != expected


def test_an_assertion_holds_for_its_text_only(settings):
    device = authenticator()
    nonce = b"n" * 32
    challenge = ceremony.step_up_challenge(TEXT, nonce)
    answer = device.assertion({"challenge": b64url(challenge)})
    response = json.loads(answer)["response"]
    fields = {
        "credential_id": device.credential_id,
        "authenticator_data": from_b64url(response["authenticatorData"]),
        "client_data_json": from_b64url(response["clientDataJSON"]),
        "signature": from_b64url(response["signature"]),
        "public_key": device.cose_public_key(),
        "rp_id": settings.WEBAUTHN_RP_ID,
        "origin": settings.WEBAUTHN_ORIGIN,
    }
    assert ceremony.check_assertion(challenge=challenge, **fields)
    other = ceremony.step_up_challenge(OTHER, nonce)
    assert not ceremony.check_assertion(challenge=other, **fields)
    assert not ceremony.check_assertion(
        challenge=challenge, **{**fields, "rp_id": "evil.example"}
    )
    assert not ceremony.check_assertion(
        challenge=challenge, **{**fields, "public_key": b"\xa0"}
    )


def test_justeringsbevis_from_a_real_justering(cast, in_justering):
    client = Client()
    client.force_login(cast.chair)
    device, _ = register(client)
    answer = step_up(client, device, in_justering.pk, "justera")
    client.post(
        f"/protokoll/{in_justering.pk}/justera/",
        {"confirm": "on", "passkey_assertion": answer},
    )
    assert Passkey.objects.get(user=cast.chair).last_used_at
    [(_, data, _, _)] = evidence_for_protocol(in_justering)
    evidence = read_evidence(data)
    digest = content_sha256(in_justering)
    assert [v.valid for v in verify_evidence(evidence, digest)] == [True]
    assert [v.valid for v in verify_evidence(evidence, OTHER)] == [False]


@pytest.mark.parametrize(
    "data", [b"", b"\xff\xfe", b"[]", b'{"format": "annat"}', b'{"format": 1}']
)
def test_read_evidence_refuses_what_is_not_a_justeringsbevis(data):
    from meetings.documents.evidence import EvidenceError

    with pytest.raises(EvidenceError):
        read_evidence(data)
