"""Reading a PDF for the PDF/A rules (pdfa_rules.py) with qpdf, independent of
the code that wrote it, and the rules of the file's own syntax.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

REFERENCE = re.compile(r"^(\d+) (\d+) R$")


def text(value) -> str:
    if isinstance(value, str) and value.startswith("u:"):
        return value[2:]
    if isinstance(value, str) and value.startswith("b:"):
        return bytes.fromhex(value[2:]).decode("latin-1")
    return str(value)


class PdfFile:
    """One file as qpdf reads it: its objects, trailer and decoded streams."""

    def __init__(self, data: bytes, folder: Path) -> None:
        self.data = data
        self.path = folder / "document.pdf"
        self.path.write_bytes(data)
        report = self.qpdf("--json=2", "--json-key=qpdf", "--json-stream-data=none")
        header, self.objects = json.loads(report)["qpdf"]
        self.max_object = header["maxobjectid"]
        self.trailer = self.objects["trailer"]["value"]
        self.catalog = self.get(self.trailer["/Root"])

    def qpdf(self, *args: str) -> str:
        result = subprocess.run(
            ["qpdf", *args, str(self.path)], capture_output=True, check=False
        )
        assert result.returncode in (0, 3), result.stderr.decode()
        return result.stdout.decode("utf-8", "replace")

    def entry(self, reference: str) -> dict:
        return self.objects.get(f"obj:{reference}", {})

    def get(self, value):
        """A reference resolved: the value, or a stream's dictionary."""
        if isinstance(value, str) and REFERENCE.match(value):
            entry = self.entry(value)
            return entry["stream"]["dict"] if "stream" in entry else entry.get("value")
        return value

    def stream(self, reference: str) -> bytes:
        number = REFERENCE.match(reference).group(1)
        return subprocess.run(
            ["qpdf", f"--show-object={number}", "--filtered-stream-data"]
            + [str(self.path)],
            capture_output=True,
            check=True,
        ).stdout

    def dictionaries(self):
        """(reference or None, dictionary) for every dictionary in the file,
        nested ones included."""

        def walk(value, owner):
            if isinstance(value, dict):
                yield owner, value
                for item in value.values():
                    yield from walk(item, None)
            elif isinstance(value, list):
                for item in value:
                    yield from walk(item, None)

        for key, entry in self.objects.items():
            if key.startswith("obj:"):
                value = entry["stream"]["dict"] if "stream" in entry else entry["value"]
                yield from walk(value, key[4:])


def file_problems(pdf: PdfFile) -> list[str]:
    """Header, end of file, trailer, object count, qpdf's check and each
    stream's /Length as PDF/A counts it (ISO 19005-3, 6.1.2 to 6.1.7)."""
    problems = stream_length_problems(pdf)
    header = re.match(rb"%PDF-(\d\.\d)(\r\n|\r|\n)%([^\r\n]*)", pdf.data)
    if header is None:
        problems.append("the file does not begin with %PDF-n.n and a comment line")
    elif sum(byte > 127 for byte in header.group(3)) < 4:
        problems.append("the header's comment has fewer than four bytes above 127")
    if not re.search(rb"%%EOF(\r\n|\r|\n)?$", pdf.data):
        problems.append("something follows the last %%EOF")
    if "/ID" not in pdf.trailer:
        problems.append("the trailer has no /ID")
    if "/Encrypt" in pdf.trailer:
        problems.append("the file is encrypted")
    if pdf.max_object > 8_388_607:
        problems.append("more indirect objects than PDF/A allows")
    check = pdf.qpdf("--check")
    if "No syntax or stream encoding errors" not in check:
        problems.append(f"qpdf --check: {check.strip()}")
    return problems


def stream_length_problems(pdf: PdfFile) -> list[str]:
    """Each stream of the final revision: /Length bytes of data, then an
    end-of-line marker and `endstream`, read as PDF/A reads it: the marker
    taken whole, so data ending with CR before a lone LF is one byte short."""
    offsets = {
        f"{match.group(1)} {match.group(2)} R": int(match.group(3))
        for match in re.finditer(
            r"^(\d+)/(\d+): uncompressed; offset = (\d+)$",
            pdf.qpdf("--show-xref"),
            re.MULTILINE,
        )
    }
    problems = []
    for key, entry in pdf.objects.items():
        reference = key[4:]
        if "stream" not in entry or reference not in offsets:
            continue
        keyword = re.compile(rb">>\s*stream(\r\n|\n)").search(
            pdf.data, offsets[reference]
        )
        start = keyword.end()
        end = start + int(pdf.get(entry["stream"]["dict"]["/Length"]))
        after = re.match(rb"(\r\n|\n|\r)endstream", pdf.data[end : end + 11])
        if after is None:
            problems.append(f"stream {reference}: no EOL and endstream after /Length")
        elif after.group(1) == b"\n" and pdf.data[end - 1 : end] == b"\r":
            problems.append(
                f"stream {reference}: data ends with CR before LF endstream, "
                "so PDF/A reads its /Length one byte too long"
            )
    return problems
