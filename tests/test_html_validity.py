"""Every public page is valid HTML according to the Nu HTML Checker (vnu)."""

import pytest

from tests.checks import vnu_problems
from tests.public_pages import ERROR_PAGES, public_pages

pytestmark = pytest.mark.django_db


def test_public_pages_are_valid_html(client, demo_data, tmp_path):
    """vnu reports no errors and no warnings on any public page."""
    files = {}
    for index, path in enumerate(public_pages() + ERROR_PAGES):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        target = tmp_path / f"page{index}.html"
        target.write_bytes(response.content)
        files[str(target)] = path
    assert vnu_problems(files, css=True) == []
