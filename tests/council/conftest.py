"""Fixtures of the core's tests."""

import pytest

from council import signing


@pytest.fixture
def fresh_authority(settings, tmp_path):
    """Its own test CA for the test (and so its own timestamping authority), made
    on first use in a directory of the test's."""
    settings.SIGNING_DEV_CA_DIR = tmp_path / "ca"
    settings.SIGNING_CA_PKCS12 = ""
    settings.SIGNING_TSA_PKCS12 = ""
    settings.SIGNING_TSA_URL = ""
    signing.signing_authority.cache_clear()
    yield
    signing.signing_authority.cache_clear()
