"""Paths to the npm-installed checkers (`npm ci` installs them; see package.json)."""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING = "Run `npm ci` (make install does) to get the accessibility and HTML checkers."


def inject_axe(page) -> None:
    """Load axe-core into the page from outside it.

    An added <script> would be inline script, which the portal's
    Content-Security-Policy refuses; Playwright's evaluate is not the page's own.
    """
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")


def vnu_problems(files: dict[str, str], *, css: bool = False) -> list[str]:
    """The Nu HTML Checker's errors and warnings on `files` (a saved page's path
    and what it is), each named by what it is."""
    assert VNU_JAR.exists(), MISSING
    java = shutil.which("java")
    assert java, (
        "The Nu HTML Checker needs Java (apt-get install default-jre-headless)."
    )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json"]
        + (["--also-check-css"] if css else [])
        + list(files),
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"{m['type']}/{m.get('subType', '')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
        or (m["type"] == "info" and m.get("subType") == "warning")
    ]
