"""The portal as its own signing service, in DIGG's model.

A signer who has just confirmed (password or passkey) gets a one-time key and a
certificate bound to their name and role, issued by the portal's signing CA;
that key signs the document (PAdES with an RFC 3161 timestamp, a visible stamp
in the signer's slot) and is then discarded. Signatures are sequential incremental revisions, so each earlier
signature stays valid.

The CA comes from settings (a PKCS#12 file and its passphrase). Without one, a
development CA is generated on first use, stored outside the repository and
named as a test CA.

- `authority`: the CA and the certificates it issues; `tsa`: the timestamps;
  `revocation`: revoking certificates and the CA's CRL;
- `backend`: the one seam for a signing service (prepare, sign a hash, embed);
- `sign`: signing a PDF (PAdES B-T); `finalise`: closing it for the long term
  (B-LT, B-LTA) and renewing its document timestamp;
- `validate`: checking its signatures, each at its timestamp's time; `diff`: what
  may follow a signature;
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
from council.signing.finalise import (
    AssociatedFile,
    finalise_pdf,
    renew_document_timestamp,
)
from council.signing.sign import sign_pdf
from council.signing.validate import validate_pdf

__all__ = [
    "AssociatedFile",
    "TEST_CA_NAME",
    "Authority",
    "Passkey",
    "SignatureCheck",
    "SignerIdentity",
    "SigningError",
    "Slot",
    "finalise_pdf",
    "issue_signer_certificate",
    "renew_document_timestamp",
    "sign_pdf",
    "signing_authority",
    "validate_pdf",
]
