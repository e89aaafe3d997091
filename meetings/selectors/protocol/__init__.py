"""Reads for the protokoll, by page: `public`, `overview`, `review`, `history`. The
signed documents of record are read through `meetings.documents.record`."""
