"""Passkeys in Chromium with its virtual authenticator (WebAuthn over CDP): the
secretary registers a passkey on Säkerhet, logs out, logs in with it and sends
the protokoll for justering with it; the chair justerar with a passkey of their
own. The stored assertions verify against the justerat text and no other, and
/verifiera/ finds both in the final file."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from meetings.documents.evidence import (
    evidence_for_protocol,
    read_evidence,
    verify_evidence,
)
from meetings.models import Justering, JusteringEvidence, Protocol, SignedDocument
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_protocol_journey import (
    hold_upcoming_meetings,
    log_in,
    log_out,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server, settings):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    hold_upcoming_meetings()
    # WebAuthn needs a secure context: http://localhost is one.
    url = live_server.url.replace("127.0.0.1", "localhost")
    settings.WEBAUTHN_RP_ID = "localhost"
    settings.WEBAUTHN_ORIGIN = url
    return url


def virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


class Site:
    """What log_in needs of a live server: its address (here as localhost)."""

    def __init__(self, url: str) -> None:
        self.url = url


def register_passkey(page, site: str, name: str) -> None:
    page.goto(site + "/konto/sakerhet/")
    page.get_by_label("Namn på nyckeln").fill(name)
    page.get_by_label("Ditt lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Registrera nyckeln").click()
    expect(page.get_by_text(f"Nyckeln ”{name}” är registrerad.")).to_be_visible()
    expect(page.get_by_role("rowheader", name=name)).to_be_visible()


def test_register_log_in_and_justera_with_passkeys(browser, demo_site, tmp_path):
    site = demo_site
    secretary = browser.new_context(locale="sv-SE").new_page()
    virtual_authenticator(secretary)
    log_in(secretary, Site(site), "sekreterare")
    register_passkey(secretary, site, "Datorn")
    assert axe_violations(secretary) == []

    # Logged out, the secretary logs in with the passkey alone.
    log_out(secretary)
    secretary.goto(site + "/logga-in/")
    assert axe_violations(secretary) == []
    assert secretary.get_by_text("Det kräver JavaScript").is_visible()
    secretary.get_by_role("button", name="Använd nyckel").click()
    expect(
        secretary.get_by_role("button", name=re.compile("^Logga ut"))
    ).to_be_visible()
    assert secretary.url == site + "/"

    # A protokoll for the meeting just held, sent for justering with the passkey
    # from the step "Skicka för justering".
    secretary.goto(site + "/protokoll/oversikt/")
    secretary.get_by_role("button", name=re.compile("^Skriv protokoll")).click()
    secretary.wait_for_url(re.compile(r"/protokoll/\d+/utkast/$"))
    protocol_id = int(re.search(r"/protokoll/(\d+)/", secretary.url).group(1))
    secretary.get_by_role("link", name="Närvaro").first.click()
    secretary.get_by_role("button", name="Spara närvaron").click()
    secretary.wait_for_url(re.compile(r"/utkast/$"))
    secretary.get_by_label("Håkan Söderman").check()
    texts = secretary.locator("textarea[name$='-text']")
    for index in range(texts.count()):
        if not texts.nth(index).input_value().strip():
            texts.nth(index).fill(f"Text till punkt {index + 1}.")
    secretary.get_by_role("button", name="Spara utkastet").click()
    expect(secretary.locator("#editor-announce")).to_contain_text("Utkastet är sparat")
    secretary.goto(site + f"/protokoll/{protocol_id}/granska/")
    secretary.get_by_role("link", name="Skicka för justering").click()
    secretary.wait_for_url(re.compile(r"/skicka/$"))
    assert axe_violations(secretary) == []
    secretary.get_by_role("button", name="Skicka för justering med nyckel").click()
    expect(
        secretary.get_by_text("Protokollet är skickat för justering")
    ).to_be_visible()
    assert Protocol.objects.get(pk=protocol_id).state == Protocol.State.IN_JUSTERING

    # The chair registers a passkey and justerar with it.
    chair = browser.new_context(locale="sv-SE").new_page()
    virtual_authenticator(chair)
    log_in(chair, Site(site), "ordforande")
    register_passkey(chair, site, "Telefonen")
    chair.goto(site + f"/protokoll/{protocol_id}/granska/")
    expect(chair.get_by_role("button", name="Justera med nyckel")).to_be_visible()
    assert axe_violations(chair) == []
    chair.get_by_label(re.compile("Jag har läst protokollet")).check()
    chair.get_by_role("button", name="Justera med nyckel").click()
    expect(chair.get_by_text("Det väntar på övriga justerare")).to_be_visible()

    # The justerare justerar with the password, as before.
    justerare = browser.new_context(locale="sv-SE").new_page()
    log_in(justerare, Site(site), "justerare")
    justerare.goto(site + f"/protokoll/{protocol_id}/granska/")
    justerare.get_by_label("Ditt lösenord").fill(settings.DEMO_PASSWORD)
    justerare.get_by_label(re.compile("Jag har läst protokollet")).check()
    justerare.get_by_role("button", name="Justera protokollet").click()
    assert justerare.get_by_text("det är nu låst").is_visible()

    protocol = Protocol.objects.get(pk=protocol_id)
    assert protocol.state == Protocol.State.JUSTERAT
    roles = set(JusteringEvidence.objects.values_list("role", flat=True))
    assert roles == {Justering.Role.SECRETARY, Justering.Role.CHAIR}
    [(_, data, _, _)] = evidence_for_protocol(protocol)
    evidence = read_evidence(data)
    verdicts = verify_evidence(evidence, protocol.content_sha256)
    assert [v.valid for v in verdicts] == [True, True]
    other = hashlib.sha256(b"En annan text.").hexdigest()
    assert not any(v.valid for v in verify_evidence(evidence, other))

    # Anyone can check the final file at /verifiera/: both justeringsbevis hold.
    document = SignedDocument.objects.get(protocol=protocol, is_final=True)
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(bytes(document.data))
    justerare.goto(site + "/verifiera/")
    justerare.locator('input[type="file"]').set_input_files(str(path))
    justerare.get_by_role("button", name="Kontrollera filen").click()
    expect(justerare.get_by_text("Samlad bedömning: Giltig.")).to_be_visible()
    valid = justerare.get_by_text("Ja, giltigt: det stämmer med den justerade texten")
    expect(valid).to_have_count(2)
