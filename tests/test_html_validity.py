"""Every public page is valid HTML according to the Nu HTML Checker (vnu)."""

import json
import shutil
import subprocess

import pytest

from tests.checks import MISSING, VNU_JAR
from tests.public_pages import ERROR_PAGES, public_pages

pytestmark = pytest.mark.django_db


def test_public_pages_are_valid_html(client, demo_data, tmp_path):
    """vnu reports no errors and no warnings on any public page."""
    assert VNU_JAR.exists(), MISSING
    java = shutil.which("java")
    assert java, (
        "The Nu HTML Checker needs Java (apt-get install default-jre-headless)."
    )
    files = {}
    for index, path in enumerate(public_pages() + ERROR_PAGES):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        target = tmp_path / f"page{index}.html"
        target.write_bytes(response.content)
        files[str(target)] = path
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"{m['type']}/{m.get('subType', '')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
        or (m["type"] == "info" and m.get("subType") == "warning")
    ]
    assert problems == []
