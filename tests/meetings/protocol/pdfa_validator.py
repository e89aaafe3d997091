"""The independent PDF/A validator the tests run: `page` (PyPI page-validation),
a validator of PDF/A-1 to 3 written apart from veraPDF and checked by its
authors against the veraPDF and Isartor test corpora. veraPDF itself is a Java
application served from its own site and Maven Central, which this project's
machines cannot reach.

One reading differs from veraPDF's. For ISO 19005-3, 6.4.3, `page` wants every
signature's /ByteRange to cover the whole file, so in a file signed in
sequential revisions it reports every signature but the last; veraPDF wants
each to reach the %%EOF of the revision it was made in. That finding is
allowed here for exactly the signatures followed by a later revision, and the
portal's own rules (pdfa_signatures.py) check that each of them ends where its
revision ends.
"""

from __future__ import annotations

import page

EARLIER_SIGNATURE_RANGE = {
    "3b": "PDFA3B-SIGNATURE-BYTERANGE-001",
    "3a": "PDFA3A-SIGNATURE-BYTERANGE-001",
    "3u": "PDFA3U-SIGNATURE-BYTERANGE-001",
}


def findings(report) -> list[str]:
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


def assert_valid(data: bytes, *, profile: str = "3a", earlier_signatures: int = 0):
    """`page` finds `data` conforming to `profile`, but for the byte range of
    the `earlier_signatures` signatures made before the file's last revision.
    A failure names the rules broken, by id."""
    report = page.validate_pdf_bytes(data, profile=profile)
    allowed = (
        {EARLIER_SIGNATURE_RANGE[profile]}
        if earlier_signatures and profile in EARLIER_SIGNATURE_RANGE
        else set()
    )
    broken = sorted({f.rule_id for f in report.failures} - allowed)
    assert not broken, f"PDF {profile} breaks {broken}: {findings(report)}"
    if allowed:
        assert report.checks.failed == earlier_signatures, (
            report.checks.failed,
            findings(report),
        )
    else:
        assert report.checks.failed == 0, findings(report)
    assert report.rules.passed > 100  # it did read the file: each profile has >100
    return report


def assert_archival_and_accessible(data: bytes, *, earlier_signatures: int = 0):
    """What every PDF of the portal declares: PDF/A-3a and PDF/UA-1, each
    found so by `page` (`earlier_signatures` as for `assert_valid`; PDF/UA-1
    has no rule on byte ranges). A failure names every rule either profile
    finds broken."""
    broken = []
    for profile, earlier in (("3a", earlier_signatures), ("ua1", 0)):
        try:
            assert_valid(data, profile=profile, earlier_signatures=earlier)
        except AssertionError as failure:
            broken.append(str(failure))
    assert not broken, "\n".join(broken)
