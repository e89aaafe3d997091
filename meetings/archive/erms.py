"""The descriptive metadata of a protokoll's package, as E-ARK CITS ERMS 2.1.

FGS Ärendehantering 2.0 is CITS ERMS. The meeting is one aggregation (an
`own_aggregation_definition`, "sammanträde", of the body) with its date, the
body, the persons present with their role at the meeting, the justering, and
one record per § (its number and heading, the dnr where it has one, whether
it is public) and one for the signed protokoll itself.
"""

from __future__ import annotations

import datetime
from xml.etree import ElementTree as ET

from django.utils import timezone

from council.earkiv.package import iso
from meetings.documents.protocol import ProtocolDocument

ERMS = "https://DILCIS.eu/XML/ERMS"
ET.register_namespace("", ERMS)


def _e(name: str) -> str:
    return f"{{{ERMS}}}{name}"


def _text(parent: ET.Element, name: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, _e(name), attributes)
    element.text = text
    return element


def _agent(parent: ET.Element, name: str, role: str, organisation: str = "") -> None:
    agent = ET.SubElement(parent, _e("agent"), {"agentType": "other"})
    _text(agent, "name", name)
    if organisation:
        _text(agent, "organisation", organisation)
    _text(agent, "role", role)


def erms_root(
    *, package_id: str, created: datetime.datetime, creator: str
) -> tuple[ET.Element, ET.Element]:
    """The ERMS document's root and its (still empty) `aggregations`."""
    root = ET.Element(_e("erms"))
    control = ET.SubElement(root, _e("control"))
    _text(control, "identification", package_id, identificationType="package_id")
    maintenance = ET.SubElement(control, _e("maintenanceInformation"))
    ET.SubElement(maintenance, _e("maintenanceStatus"), {"value": "new"})
    agency = ET.SubElement(maintenance, _e("maintenanceAgency"))
    _text(agency, "agencyName", creator)
    history = ET.SubElement(maintenance, _e("maintenanceHistory"))
    event = ET.SubElement(history, _e("maintenanceEvent"))
    ET.SubElement(event, _e("eventType"), {"value": "created"})
    _text(event, "eventDateTime", iso(created))
    by = ET.SubElement(event, _e("agent"), {"agentType": "creator"})
    _text(by, "name", "Samverkansportalen")
    return root, ET.SubElement(root, _e("aggregations"))


def serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def add_aggregation(
    aggregations: ET.Element,
    *,
    ident: str,
    level: str,
    title: str,
    created: datetime.datetime,
    records: list[tuple[str, str]],
) -> None:
    """An aggregation of another kind (a plan, the year's kallelser), each
    record an (identifier, title) pair."""
    aggregation = ET.SubElement(
        aggregations,
        _e("aggregation"),
        {
            "systemIdentifier": ident,
            "aggregationType": "own_aggregation_definition",
            "otherAggregationType": level.lower(),
        },
    )
    _text(aggregation, "objectId", ident)
    _text(aggregation, "levelName", level)
    _text(aggregation, "title", title)
    dates = ET.SubElement(aggregation, _e("dates"))
    _text(dates, "date", iso(created), dateType="created")
    for record_ident, record_title in records:
        record = ET.SubElement(
            aggregation, _e("record"), {"systemIdentifier": record_ident}
        )
        _text(record, "objectId", record_ident)
        _text(record, "title", record_title)


def add_protocol(aggregations: ET.Element, doc: ProtocolDocument) -> None:
    """The meeting as an aggregation: body, date, signers, those present, §§."""
    protocol, meeting = doc.protocol, doc.meeting
    aggregation = ET.SubElement(
        aggregations,
        _e("aggregation"),
        {
            "systemIdentifier": f"protokoll-{protocol.pk}",
            "aggregationType": "own_aggregation_definition",
            "otherAggregationType": "sammanträde",
        },
    )
    _text(aggregation, "objectId", f"protokoll-{protocol.pk}-v{protocol.version}")
    _text(aggregation, "levelName", "Sammanträde")
    _text(aggregation, "title", f"{doc.title} {meeting.local_start:%Y-%m-%d}")
    ET.SubElement(aggregation, _e("status"), {"value": "closed"})
    if protocol.corrects_id:
        relation = ET.SubElement(
            aggregation, _e("relation"), {"relationType": "replaces"}
        )
        relation.text = f"protokoll-{protocol.corrects_id}"
    agents = ET.SubElement(aggregation, _e("agents"))
    _agent(agents, doc.body.name, "Organ")
    for signer in doc.signers:
        if signer.person is not None:
            _agent(agents, signer.person.name, signer.label)
    for group in doc.attendance:
        for row in group.rows:
            role = group.heading
            if row.presence:
                role = f"{role} ({row.presence})"
            _agent(agents, row.name, role, row.organisation)
    dates = ET.SubElement(aggregation, _e("dates"))
    _text(dates, "date", iso(meeting.starts_at), dateType="created")
    if doc.justerat_on:
        moment = timezone.make_aware(
            datetime.datetime.combine(doc.justerat_on, datetime.time(12))
        )
        _text(dates, "date", iso(moment), dateType="main_signature")
    if protocol.published_at:
        _text(dates, "date", iso(protocol.published_at), dateType="expedited")

    record = ET.SubElement(
        aggregation,
        _e("record"),
        {"systemIdentifier": f"protokoll-{protocol.pk}-pdf", "recordType": "protokoll"},
    )
    _text(record, "objectId", f"protokoll-{protocol.pk}-v{protocol.version}-pdf")
    _text(
        record, "title", f"{doc.title} {meeting.local_start:%Y-%m-%d} (signerad PDF/A)"
    )
    for entry in doc.paragraphs:
        paragraph = entry.paragraph
        record = ET.SubElement(
            aggregation,
            _e("record"),
            {"systemIdentifier": f"paragraf-{paragraph.pk}", "recordType": "paragraf"},
        )
        _text(record, "objectId", f"§ {paragraph.number}")
        if paragraph.dnr:
            _text(record, "identification", paragraph.dnr, identificationType="dnr")
        _text(record, "title", f"§ {paragraph.number} {paragraph.heading}")
        if not paragraph.is_public:
            restriction = ET.SubElement(
                record, _e("restriction"), {"restrictionType": "confidential"}
            )
            restriction.text = "Ej offentlig"


def erms_document(
    doc: ProtocolDocument, *, package_id: str, created: datetime.datetime, creator: str
) -> bytes:
    """The ERMS document of one protokoll's package."""
    root, aggregations = erms_root(
        package_id=package_id, created=created, creator=creator
    )
    add_protocol(aggregations, doc)
    return serialise(root)
