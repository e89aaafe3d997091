"""Paths to the npm-installed checkers (`npm ci` installs them; see package.json)."""

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
