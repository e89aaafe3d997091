"""The WebAuthn ceremonies, with py_webauthn: registering a passkey, logging in
with one, and the step-up whose challenge is bound to the exact text approved.

Each ceremony keeps its challenge (or, for a step-up, its nonce and the text's
SHA-256) in the session: used once, and only for a few minutes. Everything a
browser sends is checked here; any fault becomes a `CeremonyError` with a
message for the user.

The step-up challenge is SHA-256(text digest || nonce), where the text digest is
the 32 bytes of the SHA-256 of the exact text and the nonce 32 random bytes from
the server. The authenticator signs its data and the SHA-256 of the client data,
which holds the challenge: the signature proves that the holder of the passkey
approved that text, and anyone with the public key can check it later.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import webauthn
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    parse_authentication_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from council.passkeys.models import Passkey

# How long a challenge holds, in seconds.
CHALLENGE_SECONDS = 300
SESSION_KEY = "passkeys:%s"
REGISTER = "register"
LOGIN = "login"
STEP_UP = "step-up"
# What the portal says a justeringsbevis challenge is, in the evidence itself.
CHALLENGE_RULE = (
    "challenge = SHA-256(bytes.fromhex(content_sha256) || nonce): the 32 bytes of "
    "the SHA-256 of the justerat text followed by the server's nonce"
)
# Faults py_webauthn and the base64url decoding raise on bad input.
FAULTS = (WebAuthnException, ValueError, TypeError, KeyError, AttributeError)


class CeremonyError(Exception):
    """The browser's answer was not accepted; the message is for the user."""


def rp_id() -> str:
    return settings.WEBAUTHN_RP_ID


def origin() -> str:
    return settings.WEBAUTHN_ORIGIN


def step_up_challenge(content_sha256: str, nonce: bytes) -> bytes:
    """The challenge that binds an assertion to one text (by its SHA-256 hex)."""
    return hashlib.sha256(bytes.fromhex(content_sha256) + nonce).digest()


def _user_handle(user: Any) -> bytes:
    # Stable per user, and says nothing about who the user is.
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"passkey-user:{user.pk}".encode(), "sha256").digest()


def _remember(request: HttpRequest, kind: str, **values: Any) -> None:
    request.session[SESSION_KEY % kind] = {
        **values,
        "expires": time.time() + CHALLENGE_SECONDS,
    }


def _recall(request: HttpRequest, kind: str) -> dict[str, Any]:
    """The pending ceremony's state, removed: each challenge is used once."""
    state = request.session.pop(SESSION_KEY % kind, None)
    if not isinstance(state, dict) or state.get("expires", 0) < time.time():
        raise CeremonyError(
            _(
                "Begäran om nyckel har gått ut eller redan använts. Försök igen "
                "med nyckeln."
            )
        )
    return state


def _descriptors(user: Any) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(id=bytes(key.credential_id))
        for key in Passkey.objects.filter(user=user)
    ]


def _parse_assertion(response: str) -> Any:
    try:
        return parse_authentication_credential_json(response)
    except FAULTS as error:
        raise CeremonyError(
            _("Svaret från nyckeln kunde inte läsas. Försök igen.")
        ) from error


# Registration ---------------------------------------------------------------


def registration_options(request: HttpRequest, user: Any) -> str:
    """Options for navigator.credentials.create(), as JSON."""
    options = webauthn.generate_registration_options(
        rp_id=rp_id(),
        rp_name=settings.WEBAUTHN_RP_NAME,
        user_name=user.get_username(),
        user_id=_user_handle(user),
        user_display_name=user.get_full_name() or user.get_username(),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=_descriptors(user),
    )
    _remember(request, REGISTER, challenge=bytes_to_base64url(options.challenge))
    return webauthn.options_to_json(options)


@dataclass(frozen=True)
class NewCredential:
    credential_id: bytes
    public_key: bytes
    sign_count: int


def verify_registration(request: HttpRequest, response: str) -> NewCredential:
    """Check the browser's answer to registration_options; the new credential."""
    state = _recall(request, REGISTER)
    try:
        verified = webauthn.verify_registration_response(
            credential=response,
            expected_challenge=base64url_to_bytes(state["challenge"]),
            expected_rp_id=rp_id(),
            expected_origin=origin(),
            require_user_verification=True,
        )
    except FAULTS as error:
        raise CeremonyError(
            _("Nyckeln kunde inte registreras: svaret från den stämde inte.")
        ) from error
    return NewCredential(
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )


# Login ----------------------------------------------------------------------


def login_options(request: HttpRequest) -> str:
    """Options for logging in with any passkey the browser holds (discoverable)."""
    options = webauthn.generate_authentication_options(
        rp_id=rp_id(), user_verification=UserVerificationRequirement.REQUIRED
    )
    _remember(request, LOGIN, challenge=bytes_to_base64url(options.challenge))
    return webauthn.options_to_json(options)


def find_passkey(response: str) -> Passkey | None:
    """The stored passkey an assertion names, without checking it."""
    credential = _parse_assertion(response)
    return (
        Passkey.objects.select_related("user")
        .filter(credential_id=credential.raw_id)
        .first()
    )


def _verify(credential: Any, passkey: Passkey, challenge: bytes) -> int:
    """Check one assertion against a stored passkey; its new sign count."""
    try:
        verified = webauthn.verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id(),
            expected_origin=origin(),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except FAULTS as error:
        raise CeremonyError(
            _("Nyckelns underskrift stämde inte. Försök igen.")
        ) from error
    return verified.new_sign_count


def verify_login(request: HttpRequest, response: str) -> tuple[Passkey, int]:
    """The passkey that answered login_options, and its new sign count."""
    state = _recall(request, LOGIN)
    credential = _parse_assertion(response)
    passkey = (
        Passkey.objects.select_related("user")
        .filter(credential_id=credential.raw_id)
        .first()
    )
    if passkey is None:
        raise CeremonyError(
            _("Nyckeln är inte registrerad i portalen. Logga in med lösenord.")
        )
    count = _verify(credential, passkey, base64url_to_bytes(state["challenge"]))
    return passkey, count


# Step-up bound to a text ----------------------------------------------------


def step_up_options(
    request: HttpRequest, user: Any, *, purpose: str, content_sha256: str
) -> str:
    """Options for confirming `purpose` (e.g. "justera:12") of the text whose
    SHA-256 is `content_sha256` with one of the user's passkeys."""
    descriptors = _descriptors(user)
    if not descriptors:
        raise CeremonyError(_("Du har ingen nyckel. Registrera en på sidan Säkerhet."))
    nonce = secrets.token_bytes(32)
    options = webauthn.generate_authentication_options(
        rp_id=rp_id(),
        challenge=step_up_challenge(content_sha256, nonce),
        allow_credentials=descriptors,
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    _remember(
        request,
        STEP_UP,
        purpose=purpose,
        user=user.pk,
        content_sha256=content_sha256,
        nonce=bytes_to_base64url(nonce),
    )
    return webauthn.options_to_json(options)


@dataclass(frozen=True)
class Assertion:
    """A verified step-up: everything needed to check it again, offline."""

    passkey: Passkey
    credential_id: bytes
    authenticator_data: bytes
    client_data_json: bytes
    signature: bytes
    public_key: bytes
    content_sha256: str
    nonce: bytes
    sign_count: int
    rp_id: str
    origin: str


def verify_step_up(
    request: HttpRequest, user: Any, *, purpose: str, response: str
) -> Assertion:
    """Check a step-up answer from `user` for `purpose`; the verified assertion.

    The caller still checks that `content_sha256` is the text's digest now.
    """
    state = _recall(request, STEP_UP)
    if state.get("purpose") != purpose or state.get("user") != user.pk:
        raise CeremonyError(
            _("Nyckeln bekräftade något annat än detta. Försök igen med nyckeln.")
        )
    credential = _parse_assertion(response)
    passkey = Passkey.objects.filter(user=user, credential_id=credential.raw_id).first()
    if passkey is None:
        raise CeremonyError(
            _("Nyckeln hör inte till ditt konto. Registrera den på sidan Säkerhet.")
        )
    nonce = base64url_to_bytes(state["nonce"])
    digest = state["content_sha256"]
    count = _verify(credential, passkey, step_up_challenge(digest, nonce))
    return Assertion(
        passkey=passkey,
        credential_id=credential.raw_id,
        authenticator_data=credential.response.authenticator_data,
        client_data_json=credential.response.client_data_json,
        signature=credential.response.signature,
        public_key=bytes(passkey.public_key),
        content_sha256=digest,
        nonce=nonce,
        sign_count=count,
        rp_id=rp_id(),
        origin=origin(),
    )


def check_assertion(
    *,
    credential_id: bytes,
    authenticator_data: bytes,
    client_data_json: bytes,
    signature: bytes,
    public_key: bytes,
    challenge: bytes,
    rp_id: str,
    origin: str,
) -> bool:
    """Whether a stored assertion is a valid signature over `challenge`, offline."""
    raw = bytes_to_base64url(credential_id)
    credential = json.dumps(
        {
            "id": raw,
            "rawId": raw,
            "type": "public-key",
            "response": {
                "authenticatorData": bytes_to_base64url(authenticator_data),
                "clientDataJSON": bytes_to_base64url(client_data_json),
                "signature": bytes_to_base64url(signature),
            },
        }
    )
    try:
        webauthn.verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=public_key,
            credential_current_sign_count=0,
            require_user_verification=False,
        )
    except FAULTS:
        return False
    return True
