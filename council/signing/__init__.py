"""The portal as its own signing service, in DIGG's model.

A signer who has just confirmed with their password gets a short-lived
certificate bound to their name and role, issued by the portal's signing CA;
that key signs the document (PAdES, a visible stamp in the signer's slot) and is
then discarded. Signatures are sequential incremental revisions, so each earlier
signature stays valid.

The CA comes from settings (a PKCS#12 file and its passphrase). Without one, a
development CA is generated on first use, stored outside the repository and
named as a test CA.

- `authority`: the CA and the signers' certificates;
- `sign`: signing a PDF; `validate`: checking its signatures;
- `common`: the types they share.
"""

from council.signing.authority import issue_signer_certificate, signing_authority
from council.signing.common import (
    TEST_CA_NAME,
    Authority,
    Passkey,
    SignatureCheck,
    SignerIdentity,
    SigningError,
    Slot,
)
from council.signing.sign import sign_pdf
from council.signing.validate import validate_pdf

__all__ = [
    "TEST_CA_NAME",
    "Authority",
    "Passkey",
    "SignatureCheck",
    "SignerIdentity",
    "SigningError",
    "Slot",
    "issue_signer_certificate",
    "sign_pdf",
    "signing_authority",
    "validate_pdf",
]
