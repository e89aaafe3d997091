"""The protokoll as a document of record: what it says, how it reads, and what was
signed.

- `content`: the canonical content that is justerat, its SHA-256, the
  personnummer check;
- `protocol`: the protokoll as it reads, built once for the page and the PDF;
- `record`: the signed PDFs of record, which is final and which is public;
- `verification`: checking a file or a checksum against what the portal issued.

The signing itself is the core's (`council.signing`); the services that sign and
store a record are `meetings.services.protocol.record` and `.extract`.
"""
