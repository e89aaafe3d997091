"""A protokoll for the e-archive: its E-ARK SIP (council/earkiv/ writes it)."""
