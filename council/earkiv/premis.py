"""PREMIS 3 preservation metadata: the files of a package and what happened to them.

One `premis:object` per file (its path in the package as identifier, SHA-256
fixity, size, format name), one `premis:event` per thing the portal recorded
(a signature, a document timestamp, publication, a correction, an anslag, the
package's own creation), each linked to the agents that did it and the files
it concerns, and those agents. Event types are the Library of Congress
preservation vocabulary's (id.loc.gov/vocabulary/preservation/eventType)
where it has the term.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from council.earkiv.package import XSI, PackageFile, iso

PREMIS = "http://www.loc.gov/premis/v3"
ET.register_namespace("premis", PREMIS)
EVENT_TYPES = "http://id.loc.gov/vocabulary/preservation/eventType"


def _p(name: str) -> str:
    return f"{{{PREMIS}}}{name}"


@dataclass(frozen=True)
class PremisAgent:
    ident: str
    name: str
    type: str  # "person", "organization", "software" (LoC agentType)


@dataclass(frozen=True)
class PremisEvent:
    ident: str
    type: str  # e.g. "digital signature generation"
    at: datetime.datetime
    detail: str
    agents: tuple[str, ...] = ()  # agent idents, with role
    objects: tuple[str, ...] = ()  # paths in the package
    outcome: str = "success"
    roles: tuple[str, ...] = ()


def _identifier(parent: ET.Element, kind: str, type_: str, value: str) -> None:
    element = ET.SubElement(parent, _p(f"{kind}Identifier"))
    ET.SubElement(element, _p(f"{kind}IdentifierType")).text = type_
    ET.SubElement(element, _p(f"{kind}IdentifierValue")).text = value


FORMAT_NAMES = {
    "application/pdf": "Portable Document Format",
    "application/json": "JSON",
    "application/xml": "Extensible Markup Language",
    "text/plain": "Plain text",
}


def premis_document(
    files: list[tuple[str, PackageFile]],
    events: list[PremisEvent],
    agents: list[PremisAgent],
) -> bytes:
    """`files` are (path in the package, file) pairs."""
    root = ET.Element(_p("premis"), {"version": "3.0"})
    for path, file in files:
        item = ET.SubElement(root, _p("object"), {f"{{{XSI}}}type": "premis:file"})
        _identifier(item, "object", "local", path)
        characteristics = ET.SubElement(item, _p("objectCharacteristics"))
        ET.SubElement(characteristics, _p("compositionLevel")).text = "0"
        fixity = ET.SubElement(characteristics, _p("fixity"))
        ET.SubElement(fixity, _p("messageDigestAlgorithm")).text = "SHA-256"
        ET.SubElement(fixity, _p("messageDigest")).text = file.sha256
        ET.SubElement(characteristics, _p("size")).text = str(len(file.data))
        form = ET.SubElement(characteristics, _p("format"))
        designation = ET.SubElement(form, _p("formatDesignation"))
        ET.SubElement(designation, _p("formatName")).text = FORMAT_NAMES.get(
            file.mime_type, file.mime_type
        )
    for event in events:
        item = ET.SubElement(root, _p("event"))
        _identifier(item, "event", "local", event.ident)
        ET.SubElement(
            item,
            _p("eventType"),
            {"authority": "eventType", "authorityURI": EVENT_TYPES},
        ).text = event.type
        ET.SubElement(item, _p("eventDateTime")).text = iso(event.at)
        information = ET.SubElement(item, _p("eventDetailInformation"))
        ET.SubElement(information, _p("eventDetail")).text = event.detail
        outcome = ET.SubElement(item, _p("eventOutcomeInformation"))
        ET.SubElement(outcome, _p("eventOutcome")).text = event.outcome
        for number, agent in enumerate(event.agents):
            link = ET.SubElement(item, _p("linkingAgentIdentifier"))
            ET.SubElement(link, _p("linkingAgentIdentifierType")).text = "local"
            ET.SubElement(link, _p("linkingAgentIdentifierValue")).text = agent
            if number < len(event.roles) and event.roles[number]:
                ET.SubElement(link, _p("linkingAgentRole")).text = event.roles[number]
        for path in event.objects:
            link = ET.SubElement(item, _p("linkingObjectIdentifier"))
            ET.SubElement(link, _p("linkingObjectIdentifierType")).text = "local"
            ET.SubElement(link, _p("linkingObjectIdentifierValue")).text = path
    for agent in agents:
        item = ET.SubElement(root, _p("agent"))
        _identifier(item, "agent", "local", agent.ident)
        ET.SubElement(item, _p("agentName")).text = agent.name
        ET.SubElement(item, _p("agentType")).text = agent.type
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
