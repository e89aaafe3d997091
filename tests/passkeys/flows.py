"""The passkey ceremonies as a browser runs them, through the portal's pages,
with the software authenticator."""

from __future__ import annotations

from django.conf import settings

from tests.passkeys.authenticator import SoftAuthenticator


def authenticator() -> SoftAuthenticator:
    return SoftAuthenticator(
        rp_id=settings.WEBAUTHN_RP_ID, origin=settings.WEBAUTHN_ORIGIN
    )


def register(client, *, name: str = "Telefonen", password: str = "pw"):
    """Register a new passkey for the client's user; the authenticator and the
    page's response."""
    device = authenticator()
    options = client.post("/konto/sakerhet/ny-nyckel/alternativ/").json()
    response = client.post(
        "/konto/sakerhet/ny-nyckel/",
        {"name": name, "password": password, "credential": device.register(options)},
    )
    return device, response


def log_in(client, device: SoftAuthenticator, **assertion):
    options = client.post("/logga-in/nyckel/alternativ/").json()
    return client.post(
        "/logga-in/nyckel/",
        {"credential": device.assertion(options, **assertion), "next": "/"},
    )


def step_up(client, device: SoftAuthenticator, protocol_id: int, action: str, **kw):
    """The hidden field's value for Skicka ("skicka") or Justera ("justera")."""
    options = client.post(f"/protokoll/{protocol_id}/nyckel/{action}/").json()
    return device.assertion(options, **kw)
