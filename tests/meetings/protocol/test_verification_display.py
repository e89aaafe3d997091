"""What /verifiera/ and the protokoll page say of each signature: a broken one is
never called valid, a missing timestamp is said plainly, a timestamp shows its
time and authority, document timestamps and justeringsbevis get their own lines.

The findings are built directly (a validator's SignatureCheck, or a kept
SignatureRecord) and the real templates and pages render them; last, a protokoll
signed by the real workflow is checked the same way.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from council.signing import Passkey, SignatureCheck, validate_pdf
from meetings.documents import record as record_selectors
from meetings.documents import verification
from meetings.documents.signature_report import SignatureReport
from meetings.models import Protocol
from tests import factories

pytestmark = pytest.mark.django_db

SIGNED = datetime.datetime(2026, 11, 23, 13, 3, tzinfo=datetime.UTC)
STAMPED = datetime.datetime(2026, 11, 23, 13, 3, 27, tzinfo=datetime.UTC)
TSA = "Tidsstämpeltjänsten TEST-TSA"
BROKEN = "Bedöms inte: underskriften är bruten"
NO_TIMESTAMP = "Ingen tidsstämpel – tiden är bara undertecknarens egen uppgift"
# "Giltig: Ja", or "Giltig vid tidsstämpeln: Ja", in any spacing.
VALID_YES = re.compile(r"Giltig(?: vid tidsstämpeln)?\s*:?\s*Ja\b")


def check(**changes) -> SignatureCheck:
    """A signature that holds, with a trusted timestamp; `changes` make it worse."""
    base = SignatureCheck(
        field_name="signatur-justerare-1",
        signer="Maria Andersson",
        role="Justerare",
        signed_at=SIGNED,
        serial="1f",
        issuer="Samverkansportalen TEST-CA",
        intact=True,
        valid=True,
        trusted=True,
        summary="",
        covers_whole_file=True,
        timestamp_at=STAMPED,
        timestamp_authority=TSA,
        timestamp_trusted=True,
        validation_data_embedded=True,
    )
    return replace(base, **changes)


def document_timestamp(**changes) -> SignatureCheck:
    return check(
        field_name="dokumenttidsstampel",
        signer=TSA,
        role="",
        serial="2a",
        issuer=TSA,
        is_document_timestamp=True,
        **changes,
    )


def text(fragment: str) -> str:
    plain = re.sub(r"<[^>]+>", " ", fragment)
    return " ".join(html.unescape(plain).split())


def entries(page: str) -> list[dict[str, str]]:
    """Each signature or document timestamp as its lines: {dt: dd}."""
    found = []
    for list_ in re.findall(r'<ol class="signature-record">(.*?)</ol>', page, re.S):
        for item in re.findall(r"<li>\s*<dl>(.*?)</dl>", list_, re.S):
            pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", item, re.S)
            found.append({text(dt): text(dd) for dt, dd in pairs})
    return found


def uploaded(*checks: SignatureCheck) -> str:
    """The answer for an uploaded file with these findings, as rendered."""
    result = verification.Verification(
        checksum="0" * 64, uploaded=True, signatures=list(checks), size=1000
    )
    return render_to_string("meetings/verify/_result.html", {"result": result})


def verdict(page: str) -> str:
    """The overall verdict at the top: "Giltig" or "Ej giltig"."""
    return text(page).split("Samlad bedömning: ", 1)[1].split(".", 1)[0]


# --- A validator's findings, as /verifiera/ shows an upload ---------------------------


def test_a_broken_signature_is_never_called_valid():
    page = uploaded(check(intact=False), check(field_name="b", signer="Erik"))
    [broken, whole] = entries(page)
    assert broken["Oförändrad"].startswith("Nej")
    assert broken["Giltig vid tidsstämpeln"] == BROKEN
    assert broken["Betrodd: leder till portalens CA"] == BROKEN
    assert broken["Resultat"].startswith("Ej giltig")
    assert whole["Giltig vid tidsstämpeln"] == "Ja"
    assert verdict(page) == "Ej giltig"
    assert "Minst en underskrift är bruten" in text(page)


def test_no_line_says_valid_when_every_signature_is_broken():
    page = uploaded(check(intact=False, valid=True, trusted=True))
    assert not VALID_YES.search(text(page))
    assert "Giltig: Ja" not in page
    assert verdict(page) == "Ej giltig"


def test_a_signature_without_timestamp_says_its_time_is_only_the_signers_word():
    page = uploaded(check(timestamp_at=None, timestamp_authority=""))
    [entry] = entries(page)
    assert entry["Tidsstämpel"] == NO_TIMESTAMP
    assert entry["Tid enligt undertecknaren"] == "2026-11-23 14.03"
    assert entry["Giltig vid tidsstämpeln"].startswith("Ja, men bedömt vid")
    # Without a proven time a signature does not hold: its time is only a claim.
    assert entry["Resultat"] == (
        "Ej giltig : underskriften saknar tidsstämpel: tidpunkten är bara "
        "undertecknarens egen uppgift"
    )
    assert verdict(page) == "Ej giltig"


def test_a_timestamp_shows_its_time_and_authority():
    page = uploaded(check())
    [entry] = entries(page)
    # 13.03.27 UTC is 14.03.27 in Sweden in November.
    assert entry["Tidsstämpel"] == f"2026-11-23 14.03.27, från {TSA}"
    assert entry["Giltig vid tidsstämpeln"] == "Ja"
    assert entry["Resultat"] == "Giltig : oförändrad och betrodd"
    assert verdict(page) == "Giltig"
    assert "Det här försvagar" not in text(page)


def test_a_timestamp_that_cannot_be_confirmed_says_so():
    page = uploaded(check(timestamp_trusted=False))
    [entry] = entries(page)
    assert entry["Tidsstämpel"].endswith("tidsstämpeln går inte att bekräfta")
    assert entry["Giltig vid tidsstämpeln"] == (
        "Ja, men tidsstämpeln går inte att bekräfta"
    )


def test_document_timestamps_are_lines_of_their_own_after_the_signatures():
    page = uploaded(check(), check(field_name="b", signer="Erik"), document_timestamp())
    assert page.index("Dokumenttidsstämplar") > page.index("Erik")
    [*signatures, stamp] = entries(page)
    assert len(signatures) == 2
    assert stamp["Dokumenttidsstämpel"] == f"2026-11-23 14.03.27, från {TSA}"
    assert stamp["Resultat"].startswith("Giltig")
    assert "Undertecknare" not in stamp
    assert "hela filen, med sin valideringsdata, fanns oförändrad" in text(page)
    assert "Alla 2 underskrifter är oförändrade" in text(page)
    assert "dokumenttidsstämpeln håller" in text(page)


def test_a_broken_document_timestamp_fails_the_file():
    page = uploaded(check(), document_timestamp(intact=False))
    [_signature, stamp] = entries(page)
    assert stamp["Oförändrad"].startswith("Nej")
    assert stamp["Betrodd utfärdare"] == "Bedöms inte: tidsstämpeln är bruten"
    assert stamp["Resultat"].startswith("Ej giltig")
    assert verdict(page) == "Ej giltig"
    assert "En dokumenttidsstämpel är bruten" in text(page)


@pytest.mark.parametrize(
    ("passkey", "line", "ok"),
    [
        (Passkey.VALID, "Ja, giltigt: det stämmer med den justerade texten", True),
        (
            Passkey.INVALID,
            "Ja, men ogiltigt : det stämmer inte med den justerade texten",
            False,
        ),
        (Passkey.NONE, "Inget", True),
    ],
)
def test_the_justeringsbevis_line(passkey, line, ok):
    page = uploaded(check(passkey=passkey))
    [entry] = entries(page)
    assert entry["Justeringsbevis"] == line
    assert verdict(page) == ("Giltig" if ok else "Ej giltig")
    if not ok:
        assert "justeringsbeviset (nyckeln) stämmer inte" in entry["Resultat"]
        assert "Underskriften av Maria Andersson (justerare) – justeringsbeviset" in (
            text(page)
        )


@pytest.mark.parametrize(
    ("embedded", "line"), [(True, "Ja"), (False, "Nej"), (None, "okänt")]
)
def test_validation_data_embedded_yes_no_or_unknown(embedded, line):
    page = uploaded(check(validation_data_embedded=embedded))
    [entry] = entries(page)
    assert entry["Valideringsdata inbäddad"] == line
    remark = "valideringsdata (certifikatkedja och spärrinformation) är inte inbäddad"
    assert (remark in text(page).lower()) is (embedded is False)


def test_an_untrusted_certificate_fails_with_its_reason():
    page = uploaded(check(trusted=False))
    [entry] = entries(page)
    assert entry["Betrodd: leder till portalens CA"] == "Nej"
    assert verdict(page) == "Ej giltig"
    assert "certifikatet är inte betrott" in text(page)


def test_a_file_the_last_signature_does_not_cover_is_not_valid():
    """Something appended after the newest signature leaves every signature
    intact, but the file is no longer what was signed."""
    page = uploaded(check(covers_whole_file=False))
    assert verdict(page) == "Ej giltig"
    assert "Den sista underskriften omfattar inte hela filen" in text(page)


def test_the_page_explains_every_line():
    page = uploaded(check())
    explained = text(re.search(r"<details.*?</details>", page, re.S).group(0))
    for term in (
        "Oförändrad",
        "Tidsstämpel",
        "Giltig vid tidsstämpeln",
        "Betrodd: leder till portalens CA",
        "Valideringsdata inbäddad",
        "Justeringsbevis",
        "Dokumenttidsstämpel",
    ):
        assert term in explained


def test_the_report_counts_only_persons_as_signatures():
    report = SignatureReport.of([document_timestamp()])
    assert not report.ok
    assert report.problems == ["Filen har inga digitala underskrifter."]


# --- Kept records, as the checksum answer and the protokoll page show them ---------


def issued_with(*records: dict):
    """A published protokoll's final document with these signature records."""
    protocol = factories.ProtocolFactory(state=Protocol.State.PUBLISHED)
    document = factories.SignedDocumentFactory(protocol=protocol)
    for order, fields in enumerate(records, start=1):
        factories.SignatureRecordFactory(document=document, order=order, **fields)
    document.is_final = True
    document.finalised_at = timezone.now()
    document.save()
    return document


def test_records_kept_before_timestamps_say_so_honestly(client):
    """A record made before the portal kept timestamps: no timestamp, validation
    data unknown; the checksum answer and the protokoll page both say so."""
    document = issued_with({}, {"role": "Ordförande"})
    record = document.signatures.first()
    assert record.timestamp_at is None and record.validation_data_embedded is None
    by_checksum = client.get("/verifiera/", {"sha256": document.sha256})
    assert by_checksum.status_code == 200
    protocol_page = client.get(f"/protokoll/{document.protocol.pk}/")
    assert protocol_page.status_code == 200
    for response in (by_checksum, protocol_page):
        page = response.content.decode()
        found = entries(page)
        assert len(found) == 2
        for entry in found:
            assert entry["Tidsstämpel"] == NO_TIMESTAMP
            assert entry["Valideringsdata inbäddad"] == "okänt"
            assert entry["Justeringsbevis"] == "Inget"
        # Without a proven time they are not called valid, but said plainly why.
        assert verdict(page) == "Ej giltig"
        assert "underskriften saknar tidsstämpel" in text(page)


def test_records_keep_timestamp_document_timestamp_and_justeringsbevis(client):
    document = issued_with(
        {
            "timestamp_at": STAMPED,
            "timestamp_authority": TSA,
            "timestamp_trusted": True,
            "validation_data_embedded": True,
            "passkey": Passkey.VALID,
        },
        {
            "field_name": "dokumenttidsstampel",
            "person": None,
            "signer_name": TSA,
            "role": "",
            "signed_at": STAMPED,
            "timestamp_at": STAMPED,
            "timestamp_authority": TSA,
            "timestamp_trusted": True,
            "is_document_timestamp": True,
        },
    )
    checks = verification.verify_checksum(document.sha256).signatures
    assert [c.is_document_timestamp for c in checks] == [False, True]
    assert checks[0].has_trusted_time and checks[0].passkey == Passkey.VALID
    for url in (
        f"/verifiera/?sha256={document.sha256}",
        f"/protokoll/{document.protocol.pk}/",
    ):
        page = client.get(url).content.decode()
        signature, stamp = entries(page)
        assert signature["Tidsstämpel"] == f"2026-11-23 14.03.27, från {TSA}"
        assert signature["Valideringsdata inbäddad"] == "Ja"
        assert signature["Justeringsbevis"].startswith("Ja, giltigt")
        assert stamp["Dokumenttidsstämpel"] == f"2026-11-23 14.03.27, från {TSA}"
        assert verdict(page) == "Giltig"
        assert "Det här försvagar" not in text(page)


def test_a_record_with_an_invalid_justeringsbevis_is_not_ok():
    document = issued_with({"passkey": Passkey.INVALID})
    assert not document.signatures.get().ok
    report = verification.recorded_report(document)
    assert not report.ok


# --- The real workflow: signed by the portal, validated live --------------------------


def final(protocol: Protocol) -> bytes:
    return bytes(record_selectors.final_record(protocol, with_data=True).data)


def test_each_signature_tells_its_timestamp_or_that_it_has_none(client, published):
    """Live from the file: a signature with a timestamp shows its time and
    authority; one without says the time is only the signer's word."""
    response = client.post(
        "/verifiera/",
        {
            "file": SimpleUploadedFile(
                "protokoll.pdf", final(published), "application/pdf"
            )
        },
    )
    page = text(response.content.decode())
    checks = response.context["result"].signatures
    without = [c for c in checks if c.timestamp_at is None]
    assert page.count(
        "Tidsstämpel Ingen tidsstämpel – tiden är bara undertecknarens egen uppgift"
    ) == len(without)
    for check in checks:
        if check.timestamp_at is not None:
            with translation.override("sv"):
                moment = formats.date_format(
                    timezone.localtime(check.timestamp_at), "Y-m-d H.i.s"
                )
            assert f"{moment}, från {check.timestamp_authority}" in page


def test_each_record_keeps_what_the_validator_found(published):
    """The record made when each signature was made holds the same timestamp,
    authority and kind as the file's signature validated now."""
    document = record_selectors.final_record(published, with_data=True)
    live = {
        c.field_name: c
        for c in validate_pdf(bytes(document.data), document_timestamps=True)
    }
    records = list(document.signatures.all())
    assert len(records) == 4  # three signers and the document timestamp
    for record in records:
        check = live[record.field_name]
        assert (
            record.timestamp_at,
            record.timestamp_authority,
            record.timestamp_trusted,
            record.is_document_timestamp,
            record.passkey,
        ) == (
            check.timestamp_at,
            check.timestamp_authority,
            check.timestamp_trusted,
            check.is_document_timestamp,
            check.passkey,
        )
        assert record.ok and check.ok
