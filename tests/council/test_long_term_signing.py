"""Signatures that hold outside the portal: every signature timestamped (PAdES
B-T), the final file closed with validation data and a document timestamp
(B-LT, B-LTA), checked by pdfsig now and years ahead and by pyHanko offline."""

import asyncio
import datetime
import io
import subprocess

import pytest
from asn1crypto import crl as asn1_crl
from django.utils import timezone
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.ades.report import AdESStatus
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.policy_decl import (
    CertificateFetchingRule,
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)
from pyhanko_certvalidator.registry import SimpleTrustManager

from council import signing
from council.signing import finalise, tsa, validate_pdf
from council.signing.common import _blocking
from council.signing.diff import PORTAL_DIFF_POLICY
from council.signing.pdfa import incremental_writer
from tests.council.signing_helpers import issue_test_crl
from tests.council.test_signing import SIGNERS, pdfsig, sign_all, unsigned_pdf  # noqa: F401
from tests.meetings.protocol.pdfa_rules import assert_pdfa
from tests.meetings.protocol.pdfa_validator import assert_valid

pytestmark = pytest.mark.usefixtures("fresh_authority")


@pytest.fixture
def signed(unsigned_pdf):  # noqa: F811
    data, slots = unsigned_pdf
    return sign_all(data, slots)


@pytest.fixture
def final(signed):
    return finalise.finalise_pdf(
        signed,
        crls=[issue_test_crl()],
        files=[
            finalise.AssociatedFile(
                "justeringsbevis.json",
                b'{"bevis": []}',
                "application/json",
                "Justeringsbevis",
            )
        ],
    )


def reader(data: bytes) -> PdfFileReader:
    return PdfFileReader(io.BytesIO(data), strict=False)


def test_every_signature_carries_a_trusted_timestamp(signed):
    """Each signature has an RFC 3161 token from the portal's TSA, and is judged
    at that token's time."""
    checks = validate_pdf(signed)
    assert len(checks) == 3
    for check in checks:
        assert check.ok, check.summary
        assert check.has_trusted_time
        assert check.timestamp_authority.endswith("tidsstämpeltjänst")
        assert abs(check.timestamp_at - timezone.now()) < datetime.timedelta(minutes=2)


def test_the_timestamping_authority_is_issued_by_the_ca_for_timestamping():
    """The portal's TSA certificate comes from its CA, with the timeStamping usage
    (critical, as RFC 3161 requires) and a life of years."""
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID

    authority = tsa.timestamping_authority()
    certificate = authority.certificate
    assert certificate.issuer == signing.signing_authority().certificate.subject
    usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert usage.critical
    assert list(usage.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    assert certificate.not_valid_after_utc - timezone.now() > datetime.timedelta(
        days=365 * 5
    )


def test_a_signature_without_timestamp_is_not_taken_at_its_word(unsigned_pdf):  # noqa: F811
    """A signature whose only time is the one its signer wrote is not reported as
    valid: the validator says it lacks a trusted time."""
    data, slots = unsigned_pdf
    backend = signing.backend.signing_backend()
    credential = backend.prepare(SIGNERS[0])
    writer = incremental_writer(data)
    output = io.BytesIO()
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=slots[0].field_name, subfilter=SigSeedSubFilter.PADES
        ),
        signer=signing.backend.BackendSigner(backend, credential),
        new_field_spec=slots[0].spec(),
    )
    _blocking(pdf_signer.sign_pdf, writer, output=output)
    (check,) = validate_pdf(output.getvalue())
    assert check.intact and check.valid and check.trusted
    assert check.timestamp_at is None
    assert not check.ok
    assert any("saknar tidsstämpel" in problem for problem in check.problems)


def test_the_final_file_ends_with_a_document_timestamp_and_a_full_dss(final, signed):
    """The last revision is a document timestamp; the DSS holds the CA, the
    signers', the TSA's certificates and a CRL; earlier bytes are untouched."""
    assert final.startswith(signed)
    embedded = reader(final).embedded_signatures
    assert [e.sig_object_type for e in embedded] == ["/Sig"] * 3 + ["/DocTimeStamp"]
    dss = DocumentSecurityStore.read_dss(reader(final))
    held = {certificate.sha256 for certificate in dss.load_certs()}
    assert signing.signing_authority().asn1_certificate.sha256 in held
    assert tsa.timestamping_authority().asn1_certificate.sha256 in held
    assert all(e.signer_cert.sha256 in held for e in embedded[:3])
    (crl,) = [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
    assert crl.issuer == signing.signing_authority().asn1_certificate.subject


def test_the_final_file_validates_with_every_line_filled(final):
    """Each signature and the document timestamp: intact, valid at its
    timestamp, trusted, with its validation data embedded."""
    checks = validate_pdf(final, document_timestamps=True)
    assert [c.is_document_timestamp for c in checks] == [False] * 3 + [True]
    for check in checks:
        assert check.ok, check.summary
        assert check.validation_data_embedded
    assert checks[-1].covers_whole_file


def test_the_final_file_stays_pdfa_3a(final):
    """Associated file (Supplement), DSS and document timestamp keep PDF/A-3a,
    by the direct rules and by the independent validator."""
    assert_pdfa(final)
    assert_valid(final, earlier_signatures=3)


def _pdfsig_report(final, tmp_path, shift: str = "") -> str:
    path = tmp_path / "final.pdf"
    path.write_bytes(final)
    if not shift:
        return pdfsig(path, signing.signing_authority().pem, tmp_path)
    nss = tmp_path / "nss"
    pdfsig(path, signing.signing_authority().pem, tmp_path)  # makes the NSS db
    return subprocess.run(
        ["faketime", "-f", shift, "pdfsig", "-nssdir", f"sql:{nss}", str(path)],
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize("shift", ["", "+365d", "+3650d"])
def test_pdfsig_finds_every_signature_valid_and_trusted_for_years(
    final, tmp_path, shift
):
    """Poppler's pdfsig (NSS, the CA imported) reports the three signatures valid
    and trusted now, a year and ten years from now. (It lists the document
    timestamp but does not verify timestamps; pyHanko does, below.)"""
    report = _pdfsig_report(final, tmp_path, shift)
    assert report.count("Signature Validation: Signature is Valid.") == 3, report
    assert report.count("Certificate Validation: Certificate is Trusted.") == 3, report
    assert "dokumenttidsstampel-1" in report
    assert "Total document signed" in report


def test_pyhanko_validates_the_file_as_b_lta_two_years_ahead_offline(final):
    """pyHanko's AdES long-term validation (ETSI EN 319 102-1), two years ahead,
    offline, requiring a CRL for the signer: every signature passes with only
    what the file carries."""
    later = timezone.now() + datetime.timedelta(days=730)
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(
            trust_roots=[signing.signing_authority().asn1_certificate]
        ),
        revinfo_policy=CertRevTrustPolicy(
            RevocationCheckingPolicy(
                ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
                intermediate_ca_cert_rule=RevocationCheckingRule.NO_CHECK,
            )
        ),
    )
    # The newest document timestamp is judged at the validation time, offline,
    # where no fresher CRL can be had; its time then proves when the CRL in the
    # DSS was already there, and the signers are judged at that time.
    timestamp_policy = CertValidationPolicySpec(
        trust_manager=policy.trust_manager,
        revinfo_policy=CertRevTrustPolicy(
            RevocationCheckingPolicy(
                ee_certificate_rule=RevocationCheckingRule.NO_CHECK,
                intermediate_ca_cert_rule=RevocationCheckingRule.NO_CHECK,
            )
        ),
    )
    spec = PdfSignatureValidationSpec(
        diff_policy=PORTAL_DIFF_POLICY,
        signature_validation_spec=SignatureValidationSpec(
            cert_validation_policy=policy,
            ts_cert_validation_policy=timestamp_policy,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY,
                certificate_fetching_rule=CertificateFetchingRule.NEVER_FETCH,
            ),
        ),
    )
    timing = ValidationTimingInfo(
        validation_time=later, best_signature_time=later, point_in_time_validation=True
    )
    for embedded in reader(final).embedded_regular_signatures:
        result = _blocking(
            asyncio.run, ades_lta_validation(embedded, spec, timing_info=timing)
        )
        assert result.ades_subindic.status == AdESStatus.PASSED, result.ades_subindic


def test_a_revoked_signer_certificate_fails(signed):
    """A signer certificate the CA has revoked before the signature's time makes
    the signature invalid."""
    (first, *_rest) = validate_pdf(signed)
    earlier = timezone.now() - datetime.timedelta(hours=1)
    crl = issue_test_crl(revoked=[(int(first.serial, 16), earlier)])
    checks = validate_pdf(signed, crls=[crl])
    assert not checks[0].ok
    assert all(check.ok for check in checks[1:])


def test_renewal_adds_a_timestamp_and_keeps_every_byte(final):
    """A renewal appends fresh validation data and a second document timestamp;
    the file before it is a prefix, and everything still validates."""
    renewed = finalise.renew_document_timestamp(final, crls=[issue_test_crl()])
    assert renewed.startswith(final)
    checks = validate_pdf(renewed, document_timestamps=True)
    assert [c.is_document_timestamp for c in checks] == [False] * 3 + [True, True]
    assert all(check.ok for check in checks), [c.summary for c in checks]
    assert_pdfa(renewed)


def test_a_changed_final_file_is_caught(final):
    """One byte changed inside the signed text: the signatures are broken."""
    at = final.index(b"stream") + 40
    broken = final[:at] + bytes([final[at] ^ 0x01]) + final[at + 1 :]
    checks = validate_pdf(broken, document_timestamps=True)
    assert not any(check.ok for check in checks)


def test_validation_context_trusts_only_the_portal(final):
    """Against another CA no signature is trusted (and so none is ok); the
    document timestamp is judged by the timestamping roots, not the signers'."""
    other = signing.authority.generate_authority("Annan CA")
    checks = validate_pdf(final, authority=other, document_timestamps=True)
    assert not any(check.trusted or check.ok for check in checks[:3])
    assert checks[3].is_document_timestamp and checks[3].trusted


def _with_file(data: bytes, relationship: str) -> bytes:
    writer = incremental_writer(data)
    embedded = embed.EmbeddedFileObject.from_file_data(
        writer, data=b"{}", mime_type="application/json"
    )
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string="annat.json",
            embedded_data=embedded,
            af_relationship=generic.pdf_name(relationship),
        ),
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_only_the_justeringsbevis_kind_of_file_may_follow_a_signature(signed):
    """A supplementary associated file after the signatures is what finalisation
    adds and breaks nothing; any other kind of embedded file breaks them all."""
    supplement = validate_pdf(_with_file(signed, "/Supplement"))
    assert all(check.intact for check in supplement)
    other = validate_pdf(_with_file(signed, "/Source"))
    assert not any(check.intact or check.ok for check in other)
    assert all("ändrad efter underskriften" in check.summary for check in other)


def test_a_revision_after_the_document_timestamp_is_seen(final):
    """Anything appended after the document timestamp leaves it no longer
    covering the whole file."""
    later = _with_file(final, "/Supplement")
    checks = validate_pdf(later, document_timestamps=True)
    assert checks[-1].is_document_timestamp
    assert not checks[-1].covers_whole_file
