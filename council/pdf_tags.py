"""What a document needs beyond WeasyPrint's tagged PDF to be PDF/UA-1.

WeasyPrint writes the structure tree (headings, tables with their headers,
lists, links with their annotations), the document language and the title
shown in the window (`/DisplayDocTitle`). Three things it leaves to the
caller, done here on its PDF objects before they are written (the finisher
in council/pdf.py):

- the PDF/UA identification in the XMP (`pdfuaid:part` 1, ISO 14289-1,
  5), with the PDF/A extension schema that declares it, since PDF/A admits
  only described schemas (ISO 19005-3, 6.6.2.3);
- a list item's block content inside `LBody`: WeasyPrint places the blocks
  of an `<li>` (a heading, paragraphs) directly in `LI`, where ISO 32000-1,
  14.8.4.3.3 allows only `Lbl` and `LBody`;
- the signature fields. A document to be signed has one empty signature
  field per signer, made here so that every field is in the first revision
  with its place in the structure tree: a `Form` element in the reading
  order where the signature stands, holding the widget (ISO 14289-1, 7.18.4)
  and a `/TU` naming the signer and role (7.18.1). The templates mark each
  place with an empty link to itself (`<a id="f" href="#f">`), which
  WeasyPrint tags and lays out like any link; here the link becomes the
  widget and its `Link` element the `Form`. Signing then only fills the
  fields (council/signing/sign.py) and never changes the structure tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pydyf

PDFUA_PART = 1

PDFUA_XMP = b"""<rdf:Description rdf:about="" \
xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>\
<rdf:Description rdf:about="" \
xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name>\
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed\
</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property>\
</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"""

# An element's page index and its box (x1, y1, x2, y2) in PDF points.
Place = tuple[int, tuple[float, float, float, float]]

# Annotation flag Print (ISO 32000-1, 12.5.3), which PDF/A asks of every widget.
PRINT_FLAG = 4


class SignatureFieldMissing(RuntimeError):
    """A signature field was asked for, but its place is not in the document."""


def _object(pdf: pydyf.PDF, reference: Any) -> Any:
    """The object a pydyf reference (`b"12 0 R"`) points at."""
    if isinstance(reference, bytes):
        reference = reference.decode()
    return pdf.objects[int(str(reference).split()[0])]


def _struct_elements(pdf: pydyf.PDF) -> list[pydyf.Dictionary]:
    return [
        item
        for item in pdf.objects
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem"
    ]


def declare_pdfua(pdf: pydyf.PDF) -> None:
    """Add the PDF/UA-1 identification to the XMP WeasyPrint wrote."""
    metadata = _object(pdf, pdf.catalog["Metadata"])
    packet = b"".join(
        chunk if isinstance(chunk, bytes) else str(chunk).encode()
        for chunk in metadata.stream
    )
    if b"pdfuaid:part" in packet:
        return
    metadata.stream = [packet.replace(b"</rdf:RDF>", PDFUA_XMP + b"</rdf:RDF>", 1)]


def list_bodies(pdf: pydyf.PDF) -> None:
    """Put what WeasyPrint placed directly in an `LI` beside its `Lbl` into
    one `LBody`, in the same order."""
    for item in _struct_elements(pdf):
        if item.get("S") != "/LI":
            continue
        loose = [
            kid
            for kid in item["K"]
            if not isinstance(kid, int)
            and _object(pdf, kid).get("S") not in ("/Lbl", "/LBody")
        ]
        if not loose:
            continue
        body = pydyf.Dictionary(
            {
                "Type": "/StructElem",
                "S": "/LBody",
                "K": pydyf.Array(loose),
                "P": item.reference,
            }
        )
        if "Pg" in item:
            body["Pg"] = item["Pg"]
        pdf.add_object(body)
        for kid in loose:
            _object(pdf, kid)["P"] = body.reference
        position = item["K"].index(loose[0])
        kept = [kid for kid in item["K"] if kid not in loose]
        kept.insert(position, body.reference)
        item["K"] = pydyf.Array(kept)


def _link_elements(pdf: pydyf.PDF) -> dict[bytes, pydyf.Dictionary]:
    """Each link annotation's `Link` structure element, by the annotation."""
    found = {}
    for item in _struct_elements(pdf):
        if item.get("S") != "/Link":
            continue
        for kid in item["K"]:
            if isinstance(kid, int):
                continue
            marker = _object(pdf, kid)
            if marker.get("Type") == "/OBJR":
                found[marker["Obj"]] = item
    return found


def _at(annotation: pydyf.Dictionary, pdf: pydyf.PDF, place: Place) -> bool:
    """Whether the annotation lies on the element's page, its centre in the
    element's box (in PDF points, with a point's leeway)."""
    page, (left, bottom, right, top) = place
    if annotation.reference not in _object(pdf, pdf.page_references[page]).get(
        "Annots", ()
    ):
        return False
    x1, y1, x2, y2 = (float(value) for value in annotation["Rect"])
    x, y = (x1 + x2) / 2, (y1 + y2) / 2
    return left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1


def signature_fields(
    pdf: pydyf.PDF, fields: Mapping[str, str], places: Mapping[str, Place]
) -> None:
    """Turn the self-links named in `fields` (element id -> the signer and
    role, for `/TU`) into empty signature fields tagged as `Form`.

    `places` says where each element with that id landed: only the link
    there becomes the field. A link typed in the protokoll's text to the same
    id (`[x](#signatur-…)`) stays a link."""
    if not fields:
        return
    elements = _link_elements(pdf)
    made: list[tuple[str, bytes]] = []
    for annotation in list(pdf.objects):
        if not isinstance(annotation, pydyf.Dictionary):
            continue
        if annotation.get("Subtype") != "/Link":
            continue
        name = annotation.get("Dest")
        name = str(name.string if hasattr(name, "string") else name or "")
        if name not in fields or name in {field for field, _ in made}:
            continue
        if name not in places or not _at(annotation, pdf, places[name]):
            continue
        element = elements.get(annotation.reference)
        if element is None:
            raise SignatureFieldMissing(f"{name}: the link is not tagged")
        kids = [kid for kid in element["K"] if not isinstance(kid, int)]
        if len(element["K"]) != 1 or len(kids) != 1:
            raise SignatureFieldMissing(f"{name}: the place holds more than a field")
        x1, y1, x2, y2 = (float(value) for value in annotation["Rect"])
        rect = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
        appearance = pydyf.Stream(
            [],
            {
                "Type": "/XObject",
                "Subtype": "/Form",
                "BBox": pydyf.Array((0, 0, rect[2] - rect[0], rect[3] - rect[1])),
            },
        )
        pdf.add_object(appearance)
        for key in ("Dest", "BS", "Contents", "A"):
            annotation.pop(key, None)
        annotation.update(
            {
                "Subtype": "/Widget",
                "FT": "/Sig",
                "T": pydyf.String(name),
                "TU": pydyf.String(fields[name]),
                "Rect": pydyf.Array(rect),
                "P": pdf.page_references[places[name][0]],
                "F": PRINT_FLAG,
                "AP": pydyf.Dictionary({"N": appearance.reference}),
            }
        )
        # The one kid as such, not in an array: `Form.K.Obj` is where pyHanko's
        # check of later revisions looks for a filled field in the tree.
        element["K"] = kids[0]
        element["S"] = "/Form"
        made.append((name, annotation.reference))
    missing = set(fields) - {name for name, _ in made}
    if missing:
        raise SignatureFieldMissing(f"no place for {', '.join(sorted(missing))}")
    form = pdf.catalog.get("AcroForm")
    if form is None:
        form = pdf.catalog["AcroForm"] = pydyf.Dictionary({"Fields": pydyf.Array()})
    form["Fields"].extend(reference for _, reference in made)


def make_accessible(
    pdf: pydyf.PDF, fields: Mapping[str, str], places: Mapping[str, Place]
) -> None:
    """Everything this module adds, in order."""
    declare_pdfua(pdf)
    list_bodies(pdf)
    signature_fields(pdf, fields, places)
