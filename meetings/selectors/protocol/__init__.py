"""Reads for the protokoll, by page: `public`, `overview`, `review`, `history`, and
`record` for the signed documents of record."""
