"""/verifiera/: anyone checks whether a file, or a SHA-256, is a document the
portal issued, whether its signatures hold, and whether a correction replaced it.

The documents are made by the real workflow and validated live with pyHanko; the
page's own pdfsig instructions are run as written.
"""

from __future__ import annotations

import hashlib
import html
import re
import secrets
import shlex
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats, translation

from council import signing
from meetings.documents import record as record_selectors
from meetings.documents import verification
from meetings.models import Protocol, SignedDocument
from meetings.services.protocol.correction import protocol_correct
from meetings.services.protocol.justering import protocol_send_to_justering
from meetings.services.protocol.publishing import protocol_publish
from tests.checks import vnu_problems
from tests.meetings.helpers import justera_all

pytestmark = pytest.mark.django_db

VERIFY = "/verifiera/"


def stored(protocol: Protocol) -> bytes:
    return bytes(record_selectors.final_record(protocol, with_data=True).data)


def upload(client, data: bytes, name: str = "protokoll.pdf"):
    return client.post(
        VERIFY, {"file": SimpleUploadedFile(name, data, "application/pdf")}
    )


def flip_one_byte(data: bytes) -> bytes:
    """Change one bit inside the first stream, well within every signed range."""
    changed = bytearray(data)
    position = changed.index(b"stream", 200) + 40
    changed[position] ^= 0x01
    return bytes(changed)


def day_of(protocol: Protocol) -> str:
    """The meeting's date as the page writes it, e.g. "14 december 2026"."""
    with translation.override("sv"):
        return formats.date_format(protocol.meeting.local_start, "j F Y")


def text_of(response) -> str:
    """The page as a reader hears it: no tags, entities decoded, one space."""
    plain = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(plain).split())


def test_the_route_is_verifiera():
    assert reverse("meetings:verify") == VERIFY
    assert reverse("meetings:verify_ca") == "/verifiera/ca.pem"


def test_an_uploaded_protokoll_is_recognised_and_every_signature_valid(
    client, cast, published
):
    response = upload(client, stored(published))
    assert response.status_code == 200
    result = response.context["result"]
    assert result.issued and result.published
    assert result.document.version == 1
    assert not result.document.is_extract
    assert result.document.superseded_by_url == ""
    assert [s.role for s in result.signatures] == [
        "Sekreterare",
        "Ordförande",
        "Justerare",
        "Dokumenttidsstämpel",
    ]
    assert all(s.intact and s.valid and s.trusted for s in result.signatures)
    page = text_of(response)
    assert "Filen är en handling som portalen har utfärdat: ett signerat protokoll" in (
        page
    )
    assert cast.body.name in page
    assert f"Sammanträde {day_of(published)}" in page
    assert "Protokollets version 1" in page
    assert "Alla 3 underskrifter är oförändrade, giltiga" in page
    assert page.count("Resultat Giltig") == 4  # three signers, the document timestamp
    assert "Ingen senare rättelse ersätter den här versionen" in page
    assert f'href="/protokoll/{published.pk}/"' in response.content.decode()


def test_a_flipped_byte_is_not_recognised_and_the_signatures_are_broken(
    client, published
):
    response = upload(client, flip_one_byte(stored(published)))
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.issued
    assert len(result.signatures) == 4
    assert result.broken
    assert not any(s.ok for s in result.signatures)
    page = text_of(response)
    assert "Filen är inte en handling som portalen har utfärdat" in page
    assert "Minst en underskrift är bruten" in page
    assert page.count("Ej giltig : filen har ändrats efter underskriften") == 3
    assert "Samlad bedömning: Ej giltig." in page
    # Nothing beside a broken signature reads as valid.
    assert "Giltig: Ja" not in response.content.decode()
    assert not re.search(r"Giltig(?: vid tidsstämpeln)?\s*:?\s*Ja\b", page)
    assert page.count("Bedöms inte: underskriften är bruten") == 6


def test_an_unfinished_record_has_valid_signatures_but_is_not_issued(
    client, in_justering
):
    """A copy taken during justering: the secretary's signature holds, but it is
    not a final document of the portal."""
    document = SignedDocument.objects.get(protocol=in_justering)
    assert not document.is_final
    response = upload(client, bytes(document.data))
    result = response.context["result"]
    assert not result.issued
    assert result.signatures_ok and len(result.signatures) == 1
    assert "inte en slutlig handling från portalen" in text_of(response)


def test_a_pasted_checksum_is_recognised_with_the_stored_record(client, published):
    digest = hashlib.sha256(stored(published)).hexdigest()
    response = client.get(VERIFY, {"sha256": f"  {digest.upper()}\n"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.sha256 == digest
    assert result.issued and result.document.version == 1
    assert not result.uploaded
    assert [s.ok for s in result.signatures] == [True, True, True, True]
    page = text_of(response)
    assert "Kontrollsumman hör till en handling som portalen har utfärdat" in page
    assert "Underskrifter, kontrollerade när de gjordes" in page


def test_the_sha512_that_oparl_gives_is_recognised_too(client, published):
    """OParl's sha512Checksum pasted finds the same document and record."""
    digest = hashlib.sha512(stored(published)).hexdigest()
    response = client.get(VERIFY, {"sha256": digest.upper()})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.issued and result.document.version == 1 and not result.uploaded
    assert [s.ok for s in result.signatures] == [True, True, True, True]
    page = text_of(response)
    assert f"Kontrollsumman (SHA-512) {digest}" in page
    assert "Kontrollsumman hör till en handling som portalen har utfärdat" in page
    other = client.get(VERIFY, {"sha256": secrets.token_hex(64)})
    assert not other.context["result"].issued


def test_a_random_checksum_is_not_found(client, published):
    response = client.get(VERIFY, {"sha256": secrets.token_hex(32)})
    assert response.status_code == 200
    assert not response.context["result"].issued
    assert "Ingen handling som portalen har utfärdat har den kontrollsumman" in (
        text_of(response)
    )


@pytest.mark.parametrize(
    "value", ["abc", "z" * 64, "a" * 63, "a" * 65, "a" * 127, "", "a" * 300]
)
def test_anything_but_a_sha256_or_sha512_gets_a_clear_message(client, value):
    response = client.get(VERIFY, {"sha256": value})
    assert response.status_code == 400
    assert response.context["result"] is None
    page = text_of(response)
    assert "Kontrollen kunde inte göras" in page
    assert "SHA-256" in page
    assert "64 tecken" in page or "Ange filens kontrollsumma" in page


def test_parse_sha256_trims_and_folds_case():
    digest = "AB" * 32
    assert verification.parse_checksum(f"\t{digest} ") == "ab" * 32
    assert verification.parse_checksum("CD" * 64) == "cd" * 64


def test_a_file_that_is_not_a_pdf_is_refused_in_swedish(client):
    response = upload(client, b"PK\x03\x04 not a pdf at all", name="protokoll.pdf")
    assert response.status_code == 400
    assert response.context["result"] is None
    assert "Filen är ingen PDF" in text_of(response)


def test_an_empty_or_missing_file_is_refused(client):
    assert upload(client, b"").status_code == 400
    response = client.post(VERIFY, {})
    assert response.status_code == 400
    assert "Välj en PDF-fil att kontrollera" in text_of(response)


def test_an_oversized_file_is_refused_before_it_is_read(client, settings):
    settings.VERIFY_MAX_BYTES = 2048
    response = upload(client, b"%PDF-1.7\n" + b"0" * 4096)
    assert response.status_code == 400
    assert response.context["result"] is None
    page = text_of(response)
    assert "Filen är för stor" in page
    assert "Största fil som kan kontrolleras är 2,0 kB" in page


def test_the_default_limit_is_30_mb(settings):
    if hasattr(settings, "VERIFY_MAX_BYTES"):
        del settings.VERIFY_MAX_BYTES
    assert verification.max_bytes() == 30 * 1024 * 1024


def test_a_damaged_pdf_is_reported_not_a_crash(client):
    response = upload(client, b"%PDF-1.7\nthis is not really a PDF\n%%EOF\n")
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.issued and result.unreadable
    assert "Filen kunde inte läsas som PDF" in text_of(response)


def test_the_upload_form_needs_the_csrf_token(published):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert upload(strict, stored(published)).status_code == 403


def test_a_later_correction_supersedes_the_old_version(client, cast, published):
    old = stored(published)
    correction = protocol_correct(
        protocol_id=published.pk, actor=cast.secretary, reason="Fel namn i § 4."
    )
    protocol_send_to_justering(protocol_id=correction.pk, actor=cast.secretary)
    justera_all(cast, correction)
    # Justerat but not yet published: nothing public replaces the old version.
    result = verification.verify_upload(old)
    assert result.document.superseded_by_url == ""
    protocol_publish(protocol_id=correction.pk, actor=cast.secretary)

    response = upload(client, old)
    result = response.context["result"]
    assert result.document.version == 1
    assert result.document.superseded_by_version == 2
    assert result.signatures_ok  # still the genuine version 1
    page = text_of(response)
    assert "Den här versionen är ersatt av en rättelse" in page
    assert f'href="/protokoll/{correction.pk}/"' in response.content.decode()

    newest = client.get(
        VERIFY, {"sha256": hashlib.sha256(stored(correction)).hexdigest()}
    )
    assert newest.context["result"].document.version == 2
    assert newest.context["result"].document.superseded_by_url == ""


def test_an_unpublished_document_reveals_no_meeting_details(client, cast, justerat):
    """Only "issued by the portal, not yet published": no body, date or signer."""
    data = stored(justerat)
    for response in (
        client.get(VERIFY, {"sha256": hashlib.sha256(data).hexdigest()}),
        upload(client, data),
    ):
        assert response.status_code == 200
        result = response.context["result"]
        assert result.issued and not result.published
        assert result.document is None
        page = text_of(response)
        assert "Utfärdad av portalen, ännu inte publicerad" in page
        assert cast.body.name not in page
        assert f"/protokoll/{justerat.pk}/" not in response.content.decode()
        assert day_of(justerat) not in page
    # The stored record names the signers; for a checksum it is not shown.
    by_hash = client.get(VERIFY, {"sha256": hashlib.sha256(data).hexdigest()})
    assert by_hash.context["result"].signatures == []
    assert cast.chair.person.name not in text_of(by_hash)


def test_the_ca_certificate_is_downloadable(client):
    response = client.get("/verifiera/ca.pem")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-pem-file"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="samverkansportalen-ca.pem"' in response["Content-Disposition"]
    assert response.content == signing.signing_authority().pem
    assert response.content.startswith(b"-----BEGIN CERTIFICATE-----")


def test_the_page_says_when_the_ca_is_a_test_ca(client):
    assert signing.signing_authority().is_test
    page = text_of(client.get(VERIFY))
    assert "TEST-CA" in page
    assert "testmiljö" in page
    assert "Adobe Acrobat Reader" in page
    assert "Använd det här certifikatet som en betrodd rot" in page
    assert verification.certificate_authority().fingerprint in page


def test_the_pdfsig_instructions_on_the_page_work(client, published, tmp_path):
    """The commands shown on the page, run as written, trust the portal's
    signatures; a modified copy fails."""
    page = client.get(VERIFY).content.decode()
    block = re.search(r"<pre><code>(.*?)</code></pre>", page, re.S).group(1)
    commands = [shlex.split(html.unescape(line)) for line in block.splitlines()]
    assert [c[0] for c in commands] == ["mkdir", "certutil", "certutil", "pdfsig"]
    (tmp_path / "samverkansportalen-ca.pem").write_bytes(
        client.get("/verifiera/ca.pem").content
    )
    (tmp_path / "fil.pdf").write_bytes(stored(published))
    outputs = [
        subprocess.run(c, cwd=tmp_path, capture_output=True, text=True, check=True)
        for c in commands
    ]
    report = outputs[-1].stdout
    assert report.count("Signature is Valid.") == 3
    assert report.count("Certificate is Trusted.") == 3

    (tmp_path / "fil.pdf").write_bytes(flip_one_byte(stored(published)))
    broken = subprocess.run(
        commands[-1], cwd=tmp_path, capture_output=True, text=True, check=False
    ).stdout
    assert "Signature is Valid." not in broken


def test_every_state_of_the_page_is_valid_html(client, published, tmp_path):
    """vnu finds no error or warning on the answers and on the error page."""
    data = stored(published)
    responses = {
        "recognised upload": upload(client, data),
        "broken upload": upload(client, flip_one_byte(data)),
        "checksum": client.get(VERIFY, {"sha256": hashlib.sha256(data).hexdigest()}),
        "not found": client.get(VERIFY, {"sha256": "0" * 64}),
        "bad checksum": client.get(VERIFY, {"sha256": "fel"}),
        "not a pdf": upload(client, b"GIF89a"),
    }
    files = {}
    for index, (name, response) in enumerate(responses.items()):
        target = tmp_path / f"page{index}.html"
        target.write_bytes(response.content)
        files[str(target)] = name
    assert vnu_problems(files) == []
