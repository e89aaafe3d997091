"""Reading a tagged PDF as a screen reader and a validator do.

`structure(data)` is the structure tree as poppler's `pdfinfo -struct-text`
prints it (each element's type and the text it holds, in the tree's order);
`widgets(data)` the widget annotations with the structure element each is
tagged in, read with pyHanko. The tests of the portal's PDFs check these
against what the document says (pdf_accessibility tests).
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader


@dataclass
class Element:
    kind: str  # "H1", "P", "Table", "Form" ...
    text: str = ""  # the text right under it (a marked-content leaf)
    kids: list[Element] = field(default_factory=list)

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def words(self, *, without: frozenset[str] = frozenset()) -> list[str]:
        """The words of the element in reading order, leaving out the
        elements of the kinds in `without`."""
        if self.kind in without:
            return []
        found = self.text.split()
        for kid in self.kids:
            found += kid.words(without=without)
        return found


LINE = re.compile(r"^(?P<indent> *)(?P<body>.*)$")


def structure(data: bytes) -> Element:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        printed = subprocess.run(
            ["pdfinfo", "-struct-text", str(path)],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    root = Element("root")
    stack: list[tuple[int, Element]] = [(-1, root)]
    for line in printed.splitlines():
        match = LINE.match(line)
        indent, body = len(match["indent"]), match["body"].rstrip()
        if not body or body.startswith("/"):  # an attribute line
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if body.startswith('"') and body.endswith('"'):
            parent.kids.append(Element("text", text=body[1:-1]))
            continue
        kind = body.split()[0].rstrip(":")
        element = Element(kind)
        parent.kids.append(element)
        stack.append((indent, element))
    return root


def headings(tree: Element) -> list[tuple[int, str]]:
    return [
        (int(element.kind[1]), " ".join(element.words()))
        for element in tree.walk()
        if re.fullmatch(r"H[1-6]", element.kind)
    ]


def pdftotext_raw(data: bytes) -> list[str]:
    """The words in the order the pages draw them (`pdftotext -raw`)."""
    return (
        subprocess.run(
            ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
        )
        .stdout.decode()
        .split()
    )


@dataclass(frozen=True)
class Widget:
    name: str
    tooltip: str  # /TU
    rect: tuple[float, ...]
    page: int
    tagged_as: str | None  # the /S of the structure element holding it
    kids_of_tag: int  # how many kids that element has


def _parent_tree(reader: PdfFileReader) -> dict[int, object]:
    tree = reader.root["/StructTreeRoot"]["/ParentTree"]
    numbers = tree["/Nums"]
    return {int(numbers[i]): numbers.raw_get(i + 1) for i in range(0, len(numbers), 2)}


def widgets(data: bytes) -> list[Widget]:
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    parents = _parent_tree(reader)
    found = []
    for index, page in enumerate(reader.root["/Pages"]["/Kids"]):
        for reference in page.get_object().get("/Annots", []):
            annotation = reference.get_object()
            if annotation.get("/Subtype") != "/Widget":
                continue
            tagged_as, kids = None, 0
            if "/StructParent" in annotation:
                element = parents[int(annotation["/StructParent"])].get_object()
                tagged_as = element.get("/S")
                raw = element.raw_get("/K")
                kids = len(raw) if isinstance(raw, generic.ArrayObject) else 1
                marker = element["/K"]
                assert marker.get("/Type") == "/OBJR"
                assert marker.raw_get("/Obj").reference == reference.reference
            found.append(
                Widget(
                    name=str(annotation.get("/T", "")),
                    tooltip=str(annotation.get("/TU", "")),
                    rect=tuple(float(v) for v in annotation["/Rect"]),
                    page=index,
                    tagged_as=tagged_as,
                    kids_of_tag=kids,
                )
            )
    return found


def catalog(data: bytes):
    return PdfFileReader(io.BytesIO(data), strict=False).root
