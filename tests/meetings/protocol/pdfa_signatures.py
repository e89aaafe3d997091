"""The signatures' part of the PDF/A rules (pdfa_rules.py): ISO 19005-3, 6.4.3,
read as veraPDF reads it for a file signed in sequential revisions.

Each signature's /ByteRange starts at byte 0, leaves out exactly its /Contents
string and ends where the revision it was made in ends (its %%EOF): the last
signature covers the whole file, each earlier one the file as it was signed.
Its /Contents is a DER CMS SignedData with exactly one SignerInfo whose signer
certificate is included; digest and key are of kinds PAdES admits on PDF 1.7
(SHA-2; RSA, or ECDSA on a NIST curve), so no PDF 2.0 extension is needed.
"""

from __future__ import annotations

import re

from asn1crypto import cms

SUBFILTERS = {
    "/Sig": {"/adbe.pkcs7.detached", "/ETSI.CAdES.detached"},
    "/DocTimeStamp": {"/ETSI.RFC3161"},
}
DIGESTS = {"sha256", "sha384", "sha512"}
CURVES = {"secp256r1", "secp384r1", "secp521r1"}


def revision_ends(data: bytes) -> set[int]:
    """Where each revision ends: after its %%EOF and the end-of-line marker."""
    return {match.end() for match in re.finditer(rb"%%EOF(\r\n|\r|\n)?", data)}


def signature_problems(pdf) -> list[str]:
    ends = revision_ends(pdf.data)
    problems = []
    for reference, d in pdf.dictionaries():
        if "/ByteRange" not in d or "/Contents" not in d:
            continue
        kind = d.get("/Type", "/Sig")
        name = f"signature {reference} ({d.get('/SubFilter')})"
        if d.get("/SubFilter") not in SUBFILTERS.get(kind, set()):
            problems.append(f"{name}: /SubFilter not allowed for {kind}")
        contents = bytes.fromhex(d["/Contents"][2:])
        problems += _range_problems(pdf.data, d["/ByteRange"], contents, ends, name)
        problems += _cms_problems(contents, name)
    return problems


def _range_problems(data, byte_range, contents, ends, name) -> list[str]:
    if len(byte_range) != 4 or byte_range[0] != 0:
        return [f"{name}: /ByteRange does not start at byte 0"]
    _, first, start, length = byte_range
    gap = data[first:start]
    if not (gap.startswith(b"<") and gap.endswith(b">")):
        return [f"{name}: /ByteRange leaves out more than the /Contents string"]
    if bytes.fromhex(gap[1:-1].decode("ascii")) != contents:
        return [f"{name}: /ByteRange leaves out something else than /Contents"]
    if start + length not in ends:
        return [f"{name}: /ByteRange does not end where a revision ends"]
    return []


def _cms_problems(contents: bytes, name: str) -> list[str]:
    try:
        info = cms.ContentInfo.load(contents)
        signed = info["content"]
        if info["content_type"].native != "signed_data":
            return [f"{name}: /Contents is not a CMS SignedData"]
        signer_infos = list(signed["signer_infos"])
        certificates = [c.chosen for c in signed["certificates"]]
    except (ValueError, TypeError, KeyError) as error:
        return [f"{name}: /Contents is no DER CMS: {error}"]
    if len(signer_infos) != 1:
        return [f"{name}: {len(signer_infos)} SignerInfos, not one"]
    signer = signer_infos[0]
    sid = signer["sid"].chosen
    if signer["sid"].name == "issuer_and_serial_number":
        match = [
            c for c in certificates if (c.issuer, c.serial_number) ==
            (sid["issuer"], sid["serial_number"].native)
        ]  # fmt: skip
    else:
        match = [c for c in certificates if c.key_identifier == sid.native]
    if not match:
        return [f"{name}: the signer's certificate is not included"]
    problems = []
    digest = signer["digest_algorithm"]["algorithm"].native
    if digest not in DIGESTS:
        problems.append(f"{name}: digest {digest} needs more than PDF 1.7 and PAdES")
    algorithm = signer["signature_algorithm"].signature_algo
    if algorithm == "ecdsa":
        curve = match[0].public_key.curve[1]
        if curve not in CURVES:
            problems.append(f"{name}: ECDSA on {curve} needs ISO/TS 32002 (PDF 2.0)")
    elif algorithm not in ("rsassa_pkcs1v15", "rsassa_pss"):
        problems.append(f"{name}: {algorithm} needs ISO/TS 32002 (PDF 2.0)")
    return problems
