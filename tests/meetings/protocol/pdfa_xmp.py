"""Reading an XMP packet and a document information dictionary for the PDF/A
rules (pdfa_rules.py): the PDF/A identification and the properties that must
agree with the Info dictionary (ISO 19005-3, 6.6).
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
}
# Namespaces of the XMP specification's own schemas and of ISO 19005: any other
# needs an extension schema described in the packet (6.6.2.3.2).
PREDEFINED = {
    "adobe:ns:meta/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/XML/1998/namespace",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/xap/1.0/",
    "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/",
    "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
    "http://ns.adobe.com/xap/1.0/sType/ResourceRef#",
    "http://ns.adobe.com/xap/1.0/sType/Version#",
    "http://ns.adobe.com/xap/1.0/sType/Job#",
    "http://ns.adobe.com/xap/1.0/sType/Dimensions#",
    "http://ns.adobe.com/xap/1.0/g/",
    "http://ns.adobe.com/xap/1.0/g/img/",
    "http://ns.adobe.com/xmp/Identifier/qual/1.0/",
    "http://ns.adobe.com/pdf/1.3/",
    "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/camera-raw-settings/1.0/",
    "http://ns.adobe.com/tiff/1.0/",
    "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/",
    "http://www.aiim.org/pdfa/ns/id/",
    "http://www.aiim.org/pdfa/ns/extension/",
    "http://www.aiim.org/pdfa/ns/schema#",
    "http://www.aiim.org/pdfa/ns/property#",
    "http://www.aiim.org/pdfa/ns/type#",
    "http://www.aiim.org/pdfa/ns/field#",
}
# Info key -> (XMP property, kind): the pairs that must hold equal values.
EQUIVALENT = {
    "/Title": (f"{{{NS['dc']}}}title", "alt"),
    "/Author": (f"{{{NS['dc']}}}creator", "seq"),
    "/Subject": (f"{{{NS['dc']}}}description", "alt"),
    "/Keywords": (f"{{{NS['pdf']}}}Keywords", "text"),
    "/Creator": (f"{{{NS['xmp']}}}CreatorTool", "text"),
    "/Producer": (f"{{{NS['pdf']}}}Producer", "text"),
    "/CreationDate": (f"{{{NS['xmp']}}}CreateDate", "date"),
    "/ModDate": (f"{{{NS['xmp']}}}ModifyDate", "date"),
}


def packet_problems(xmp: bytes) -> list[str]:
    """The xpacket header may carry neither `bytes` nor `encoding` (6.6.2.1)."""
    header = re.search(rb"<\?xpacket begin=[^>]*\?>", xmp)
    if header is None:
        return ["the XMP packet has no <?xpacket begin ...?> header"]
    return [
        f"the XMP packet header carries the forbidden attribute {attribute!r}"
        for attribute in ("bytes", "encoding")
        if re.search(rb"\s" + attribute.encode() + rb"=", header.group())
    ]


def properties(xmp: bytes) -> dict[str, ET.Element | str]:
    """Every top-level property of every rdf:Description: an attribute's text, or
    the element (for arrays)."""
    root = ET.fromstring(xmp.strip().strip(b"\x00"))
    found: dict[str, ET.Element | str] = {}
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for name, value in description.attrib.items():
            if not name.startswith(f"{{{NS['rdf']}}}"):
                found.setdefault(name, value)
        for child in description:
            found.setdefault(child.tag, child)
    return found


def namespaces(xmp: bytes) -> set[str]:
    """The namespace of every element and attribute in the packet."""
    root = ET.fromstring(xmp.strip().strip(b"\x00"))
    used = set()
    for element in root.iter():
        for name in (element.tag, *element.attrib):
            if isinstance(name, str) and name.startswith("{"):
                used.add(name[1:].split("}", 1)[0])
    return used


def simple(value: ET.Element | str | None) -> str | None:
    """The text of a simple property, or of the first item of an array."""
    if value is None or isinstance(value, str):
        return value
    item = value.find(f".//{{{NS['rdf']}}}li")
    return (item.text if item is not None else value.text) or ""


def parse_date(text: str) -> datetime.datetime | None:
    """An XMP date (ISO 8601) or a PDF date (D:YYYYMMDDHHmmSSOHH'mm')."""
    text = text.strip()
    if text.startswith("D:"):
        match = re.match(
            r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
            r"(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?",
            text,
        )
        if not match:
            return None
        year, month, day, hour, minute, second, sign, tz_h, tz_m = match.groups()
        offset = datetime.timedelta(hours=int(tz_h or 0), minutes=int(tz_m or 0))
        zone = datetime.timezone(-offset if sign == "-" else offset)
        return datetime.datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=zone,
        )
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def info_problems(info: dict[str, str], xmp: bytes) -> list[str]:
    """Each Info entry with an XMP twin has the same value there (6.6.2.3.1)."""
    found = properties(xmp)
    problems = []
    for key, text in info.items():
        if key not in EQUIVALENT:
            continue
        name, kind = EQUIVALENT[key]
        twin = simple(found.get(name))
        if twin is None:
            problems.append(f"Info {key} {text!r} has no XMP {name}")
        elif kind == "date":
            if parse_date(text) != parse_date(twin):
                problems.append(f"Info {key} {text!r} differs from XMP {twin!r}")
        elif twin != text:
            problems.append(f"Info {key} {text!r} differs from XMP {twin!r}")
    return problems
