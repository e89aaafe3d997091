"""The justeringsbevis: a protokoll's passkey assertions as one JSON file, which
travels in the final PDF as an associated file and can be checked offline.

Each assertion is a WebAuthn signature by the signer's passkey. Its challenge
is SHA-256(bytes.fromhex(content_sha256) || nonce), where content_sha256 is the
SHA-256 of the justerat text (`meetings.documents.content`) and the nonce came
from the portal. The authenticator signed authenticatorData || SHA-256(
clientDataJSON), and clientDataJSON holds that challenge: with the credential's
public key (COSE, kept in the file) anyone can check that the holder of the
passkey approved exactly that text.

`evidence_for_protocol` gives the file for the finalised PDF; `read_evidence`,
`verify_evidence` and `passkey_findings` check one, from its bytes or from a
PDF that carries it.
"""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from council.passkeys.ceremony import CHALLENGE_RULE, check_assertion, step_up_challenge
from council.signing import Passkey
from meetings.documents.content import CONTENT_FORMAT, content_sha256
from meetings.models import JusteringEvidence, Protocol

FILENAME = "justeringsbevis.json"
MIME = "application/json"
DESCRIPTION = "Justeringsbevis: passkey-underskrifter av den justerade textens SHA-256"
FORMAT = "samverkansportalen/justeringsbevis"
FORMAT_VERSION = 1
EVIDENCE_NAME = re.compile(r"^justeringsbevis.*\.json$", re.IGNORECASE)
BINARY_FIELDS = (
    "credential_id",
    "authenticator_data",
    "client_data_json",
    "signature",
    "public_key",
    "nonce",
)


class EvidenceError(ValueError):
    """The bytes are not a justeringsbevis this module can read."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(bytes(data)).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    if not isinstance(text, str):
        raise EvidenceError("not base64url text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as error:
        raise EvidenceError("not base64url") from error


def _digest_of(protocol: Protocol) -> str:
    return protocol.content_sha256 or content_sha256(protocol)


def _assertion(row: JusteringEvidence) -> dict[str, Any]:
    return {
        "signer": row.person.name,
        "person_id": row.person_id,
        "role": row.role,
        "field_name": f"signatur-{row.role}-{row.person_id}",
        "created_at": row.created_at.isoformat(),
        "rp_id": row.rp_id,
        "origin": row.origin,
        "content_sha256": row.content_sha256,
        "challenge": b64url(step_up_challenge(row.content_sha256, bytes(row.nonce))),
        "sign_count": row.sign_count,
        **{name: b64url(getattr(row, name)) for name in BINARY_FIELDS},
    }


def evidence_document(protocol: Protocol) -> dict[str, Any] | None:
    """The justeringsbevis of the protokoll's justerat text, or None without one."""
    digest = _digest_of(protocol)
    rows = (
        JusteringEvidence.objects.filter(protocol=protocol, content_sha256=digest)
        .select_related("person")
        .order_by("created_at", "pk")
    )
    assertions = [_assertion(row) for row in rows]
    if not assertions:
        return None
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "description": (
            "Passkey-underskrifter (WebAuthn) med vilka protokollet skickades för "
            "justering och justerades. Varje underskrift gäller den justerade "
            "textens SHA-256."
        ),
        "protocol": {
            "id": protocol.pk,
            "version": protocol.version,
            "body": protocol.meeting.body.name,
            "meeting_starts_at": protocol.meeting.starts_at.isoformat(),
        },
        "content_sha256": digest,
        "content": (
            "SHA-256 of the protokoll's canonical content: UTF-8 JSON with sorted "
            f"keys and no spaces, content format {CONTENT_FORMAT}"
        ),
        "challenge_rule": CHALLENGE_RULE,
        "signature_rule": (
            "WebAuthn assertion: signature by the credential's key over "
            "authenticatorData || SHA-256(clientDataJSON); clientDataJSON has "
            "type 'webauthn.get', the challenge and the origin; authenticatorData "
            "starts with SHA-256(rp_id). public_key is the credential's COSE key."
        ),
        "encoding": "binary fields are base64url without padding",
        "assertions": assertions,
    }


def evidence_for_protocol(protocol: Protocol) -> list[tuple[str, bytes, str, str]]:
    """The files to embed in the final PDF: (filename, bytes, MIME type,
    description); empty when nobody used a passkey for this text."""
    document = evidence_document(protocol)
    if document is None:
        return []
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return [(FILENAME, data, MIME, DESCRIPTION)]


def read_evidence(data: bytes) -> dict[str, Any]:
    """A justeringsbevis from its JSON bytes; EvidenceError when it is not one."""
    try:
        evidence = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise EvidenceError("not JSON") from error
    if not isinstance(evidence, dict) or evidence.get("format") != FORMAT:
        raise EvidenceError("not a justeringsbevis")
    assertions = evidence.get("assertions")
    if not isinstance(assertions, list) or not all(
        isinstance(item, dict) for item in assertions
    ):
        raise EvidenceError("no assertions")
    return evidence


@dataclass(frozen=True)
class Verdict:
    """Whether one assertion of a justeringsbevis holds for a given text."""

    signer: str
    role: str
    field_name: str
    valid: bool
    reason: str


def _verdict(item: dict[str, Any], digest: str) -> Verdict:
    signer = str(item.get("signer", ""))
    role = str(item.get("role", ""))
    field_name = str(item.get("field_name", ""))

    def verdict(valid: bool, reason: str) -> Verdict:
        return Verdict(signer, role, field_name, valid, reason)

    try:
        values = {name: from_b64url(item.get(name)) for name in BINARY_FIELDS}
        rp_id, origin = item.get("rp_id"), item.get("origin")
        if not isinstance(rp_id, str) or not isinstance(origin, str):
            raise EvidenceError("no rp_id or origin")
        challenge = step_up_challenge(digest, values.pop("nonce"))
    except (EvidenceError, ValueError, TypeError):
        return verdict(False, "Beviset är ofullständigt eller felaktigt kodat.")
    if not check_assertion(challenge=challenge, rp_id=rp_id, origin=origin, **values):
        return verdict(
            False, "Underskriften gäller inte den här texten eller är förvanskad."
        )
    return verdict(True, "Underskriften gäller den här texten.")


def verify_evidence(evidence: dict[str, Any], content_sha256: str) -> list[Verdict]:
    """Each assertion checked offline against the text whose SHA-256 is given."""
    if not re.fullmatch(r"[0-9a-f]{64}", content_sha256 or ""):
        raise EvidenceError("content_sha256 is not a SHA-256 in hex")
    return [_verdict(item, content_sha256) for item in evidence["assertions"]]


def _name_tree_values(node: Any, depth: int = 0) -> list[Any]:
    """The values of a PDF name tree (its /Names pairs, through its /Kids)."""
    if depth > 8:
        return []
    values = []
    if "/Names" in node:
        names = node["/Names"]
        values += [names[i] for i in range(1, len(names), 2)]
    if "/Kids" in node:
        kids = node["/Kids"]
        for i in range(len(kids)):
            values += _name_tree_values(kids[i], depth + 1)
    return values


def embedded_evidence(pdf: bytes) -> list[bytes]:
    """The justeringsbevis files embedded in a PDF (catalog /AF and the
    /EmbeddedFiles name tree), each once."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        root = reader.root
    except Exception:  # noqa: BLE001 (any unreadable file has no evidence)
        return []
    specs: list[Any] = []
    try:
        if "/AF" in root:
            specs.extend(root["/AF"][i] for i in range(len(root["/AF"])))
        if "/Names" in root and "/EmbeddedFiles" in root["/Names"]:
            specs.extend(_name_tree_values(root["/Names"]["/EmbeddedFiles"]))
    except Exception:  # noqa: BLE001 (a malformed catalog: what was found so far)
        pass
    found: list[bytes] = []
    for spec in specs:
        try:
            spec = spec.get_object()
            name = str(spec.get("/UF") or spec.get("/F") or "")
            if not EVIDENCE_NAME.match(name):
                continue
            data = spec["/EF"]["/F"].get_object().data
        except Exception:  # noqa: BLE001 (a malformed file specification)
            continue
        if data not in found:
            found.append(data)
    return found


def passkey_findings(pdf: bytes, content_sha256: str | None) -> list[Verdict]:
    """The verdicts of every assertion in the justeringsbevis a PDF carries,
    against the given text hash (None, for a file the portal does not know:
    against the hash the justeringsbevis itself names); empty when it carries
    none. An embedded file that cannot be read is one invalid verdict."""
    verdicts: list[Verdict] = []
    for data in embedded_evidence(pdf):
        try:
            evidence = read_evidence(data)
            digest = content_sha256 or str(evidence.get("content_sha256", ""))
            verdicts += verify_evidence(evidence, digest)
        except EvidenceError:
            verdicts.append(
                Verdict("", "", "", False, "Justeringsbeviset kunde inte läsas.")
            )
    return verdicts


def passkey_state(verdicts: list[Verdict], field_name: str) -> str:
    """What a signature's line says about its justeringsbevis: Passkey.VALID when
    its signer's assertions (matched by signature field) all hold, INVALID when
    one does not or the file is unreadable, NONE when there is none."""
    mine = [v for v in verdicts if v.field_name in (field_name, "")]
    if not mine:
        return Passkey.NONE
    return Passkey.VALID if all(v.valid for v in mine) else Passkey.INVALID
