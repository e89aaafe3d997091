"""OParl 1.1's rules for each object type, as a table, and a checker over it.

Taken from the specification (OParl/spec, tag v1.1.1): the JSON schemas in
`schema/*.json` for the properties and their types, with the text's stricter
rules on top:
- 3.1 "Eigenschaften mit Verwendung in mehreren Objekttypen": `id` and `type`
  for every object; `created` and `modified` (date-time) for every object type,
  embedded ones too (new in 1.1);
- `schema/strings.yml`: Body's lists agendaItem, consultation, file,
  membership, locationList and legislativeTermList are **ZWINGEND**; a
  Membership's `person` and an AgendaItem's `meeting` must be given when the
  object is served alone; back-references (File.meeting/agendaItem/paper,
  Location.bodies/organizations/persons/meetings/papers) are given only then;
- 2.4 "JSON-Ausgabe": a date is yyyy-mm-dd, a date-time
  yyyy-mm-ddThh:mm:ss±hh:mm; no property is null, and an optional one has no
  empty list or empty string;
- 3 "Schema", "Herstellerspezifische Erweiterungen": a property of one's own has
  a vendor prefix (here `samverkansportalen:`).

A type or a property the table does not know fails the check, so nothing new
slips past it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPARL = "https://schema.oparl.org/1.1/"
VENDOR = "samverkansportalen:"

# The kinds of value: "url" (absolute http(s)), "list" (the URL of an external
# list), "date", "date-time", "string", "integer", "boolean", "urls" (array of
# url), "strings" (array of string), "object:T" / "objects:T" (one embedded
# object / an array of them, of OParl type T), "geojson" (an object).
COMMON = {
    "id": "url",
    "type": "string",
    "created": "date-time",
    "modified": "date-time",
    "license": "url",
    "keyword": "strings",
    "web": "url",
    "deleted": "boolean",
}


@dataclass(frozen=True)
class Rules:
    properties: dict[str, str]
    required: frozenset[str] = frozenset()
    # Required when served alone (at its id or in a list), absent when embedded.
    required_alone: frozenset[str] = frozenset()
    # Back-references: only when served alone.
    only_alone: frozenset[str] = frozenset()
    all_properties: dict[str, str] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "all_properties", {**COMMON, **self.properties})


def _rules(properties, required=(), required_alone=(), only_alone=()):
    always = {"id", "type", "created", "modified"}
    return Rules(
        properties,
        frozenset(always | set(required)),
        frozenset(required_alone),
        frozenset(only_alone) | frozenset(required_alone),
    )


RULES: dict[str, Rules] = {
    "System": _rules(
        {
            "oparlVersion": "string",
            "otherOparlVersions": "urls",
            "body": "list",
            "name": "string",
            "contactEmail": "string",
            "contactName": "string",
            "website": "url",
            "vendor": "url",
            "product": "url",
        },
        required={"oparlVersion", "body"},
    ),
    "Body": _rules(
        {
            "system": "url",
            "shortName": "string",
            "name": "string",
            "website": "url",
            "licenseValidSince": "date-time",
            "oparlSince": "date-time",
            "ags": "string",
            "rgs": "string",
            "equivalent": "urls",
            "contactEmail": "string",
            "contactName": "string",
            "organization": "list",
            "person": "list",
            "meeting": "list",
            "paper": "list",
            "legislativeTerm": "objects:LegislativeTerm",
            "agendaItem": "list",
            "consultation": "list",
            "file": "list",
            "locationList": "list",
            "legislativeTermList": "list",
            "membership": "list",
            "classification": "string",
            "location": "object:Location",
        },
        required={
            "name",
            "organization",
            "person",
            "meeting",
            "paper",
            "legislativeTerm",
            "agendaItem",
            "consultation",
            "file",
            "locationList",
            "legislativeTermList",
            "membership",
        },
    ),
    "LegislativeTerm": _rules(
        {"body": "url", "name": "string", "startDate": "date", "endDate": "date"},
        only_alone={"body"},
    ),
    "Organization": _rules(
        {
            "body": "url",
            "name": "string",
            "membership": "urls",
            "meeting": "list",
            "consultation": "list",
            "shortName": "string",
            "post": "strings",
            "subOrganizationOf": "url",
            "organizationType": "string",
            "classification": "string",
            "startDate": "date",
            "endDate": "date",
            "website": "url",
            "location": "object:Location",
            "externalBody": "url",
        }
    ),
    "Person": _rules(
        {
            "body": "url",
            "name": "string",
            "familyName": "string",
            "givenName": "string",
            "formOfAddress": "string",
            "affix": "string",
            "title": "strings",
            "gender": "string",
            "phone": "strings",
            "email": "strings",
            "location": "url",
            "locationObject": "object:Location",
            "status": "strings",
            "membership": "objects:Membership",
            "life": "string",
            "lifeSource": "string",
        }
    ),
    "Membership": _rules(
        {
            "person": "url",
            "organization": "url",
            "role": "string",
            "votingRight": "boolean",
            "startDate": "date",
            "endDate": "date",
            "onBehalfOf": "url",
        },
        required_alone={"person"},
    ),
    "Meeting": _rules(
        {
            "name": "string",
            "meetingState": "string",
            "cancelled": "boolean",
            "start": "date-time",
            "end": "date-time",
            "location": "object:Location",
            "organization": "urls",
            "participant": "urls",
            "invitation": "object:File",
            "resultsProtocol": "object:File",
            "verbatimProtocol": "object:File",
            "auxiliaryFile": "objects:File",
            "agendaItem": "objects:AgendaItem",
        }
    ),
    "AgendaItem": _rules(
        {
            "meeting": "url",
            "number": "string",
            "order": "integer",
            "name": "string",
            "public": "boolean",
            "consultation": "url",
            "result": "string",
            "resolutionText": "string",
            "resolutionFile": "object:File",
            "auxiliaryFile": "objects:File",
            "start": "date-time",
            "end": "date-time",
        },
        required={"order"},
        required_alone={"meeting"},
    ),
    "Paper": _rules(
        {
            "body": "url",
            "name": "string",
            "reference": "string",
            "date": "date",
            "paperType": "string",
            "relatedPaper": "urls",
            "superordinatedPaper": "urls",
            "subordinatedPaper": "urls",
            "mainFile": "object:File",
            "auxiliaryFile": "objects:File",
            "location": "objects:Location",
            "originatorPerson": "urls",
            "underDirectionOf": "urls",
            "originatorOrganization": "urls",
            "consultation": "objects:Consultation",
        }
    ),
    "Consultation": _rules(
        {
            "paper": "url",
            "agendaItem": "url",
            "meeting": "url",
            "organization": "urls",
            "authoritative": "boolean",
            "role": "string",
        },
        only_alone={"paper", "agendaItem", "meeting"},
    ),
    "File": _rules(
        {
            "name": "string",
            "fileName": "string",
            "mimeType": "string",
            "date": "date",
            "size": "integer",
            "sha1Checksum": "string",
            "sha512Checksum": "string",
            "text": "string",
            "accessUrl": "url",
            "downloadUrl": "url",
            "externalServiceUrl": "url",
            "masterFile": "url",
            "derivativeFile": "urls",
            "fileLicense": "url",
            "meeting": "urls",
            "agendaItem": "urls",
            "paper": "urls",
        },
        required={"accessUrl"},
        only_alone={"meeting", "agendaItem", "paper"},
    ),
    "Location": _rules(
        {
            "description": "string",
            "geojson": "geojson",
            "streetAddress": "string",
            "room": "string",
            "postalCode": "string",
            "subLocality": "string",
            "locality": "string",
            "bodies": "urls",
            "organizations": "urls",
            "persons": "urls",
            "meetings": "urls",
            "papers": "urls",
        },
        only_alone={"bodies", "organizations", "persons", "meetings", "papers"},
    ),
}

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
URL = re.compile(r"^https?://[^\s/]+/\S*$")


def _value_problems(where: str, kind: str, value) -> list[str]:
    def wrong(what: str) -> list[str]:
        return [f"{where}: {what}, not {value!r}"]

    if kind in ("url", "list"):
        return [] if isinstance(value, str) and URL.match(value) else wrong("a URL")
    if kind == "date":
        return [] if isinstance(value, str) and DATE.match(value) else wrong("a date")
    if kind == "date-time":
        ok = isinstance(value, str) and DATE_TIME.match(value)
        return [] if ok else wrong("a date-time")
    if kind == "string":
        return [] if isinstance(value, str) else wrong("a string")
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else wrong("an integer")
    if kind == "boolean":
        return [] if isinstance(value, bool) else wrong("a boolean")
    if kind == "geojson":
        ok = isinstance(value, dict) and value.get("type") == "Feature"
        return [] if ok else wrong("a GeoJSON Feature")
    if kind in ("urls", "strings") or kind.startswith("objects:"):
        if not isinstance(value, list):
            return wrong("an array")
        item_kind = {"urls": "url", "strings": "string"}.get(
            kind, kind.replace("objects:", "object:")
        )
        return [
            problem
            for n, item in enumerate(value)
            for problem in _value_problems(f"{where}[{n}]", item_kind, item)
        ]
    if kind.startswith("object:"):
        if not isinstance(value, dict):
            return wrong("an object")
        return check_object(value, embedded=True, expected=kind[7:], where=where)
    raise AssertionError(f"unknown kind {kind}")


def check_object(
    data: dict, *, embedded: bool = False, expected: str | None = None, where=""
) -> list[str]:
    """What in `data` breaks the rules: an empty list when it conforms. The
    objects it embeds are checked too, as embedded ones."""
    where = where or str(data.get("id", "?"))
    if "type" not in data:
        return [f"{where}: lacks type"]
    kind = data["type"]
    if not isinstance(kind, str) or not kind.startswith(OPARL):
        return [f"{where}: type {kind!r} is not an OParl 1.1 type"]
    name = kind.removeprefix(OPARL)
    if name not in RULES:
        return [f"{where}: unknown type {name}"]
    if expected and name != expected:
        return [f"{where}: a {name} where the spec wants a {expected}"]
    if data.get("deleted") is True:
        return _deleted_problems(data, where)
    rules = RULES[name]
    problems = []
    required = rules.required if embedded else rules.required | rules.required_alone
    problems += [f"{where}: {name} lacks {p}" for p in sorted(required - set(data))]
    for key, value in data.items():
        at = f"{where} {name}.{key}"
        if key.startswith(VENDOR):
            if value is None:
                problems.append(f"{at}: null")
            continue
        if key not in rules.all_properties:
            problems.append(f"{at}: not an OParl property of {name}")
            continue
        if embedded and key in rules.only_alone:
            problems.append(f"{at}: a back-reference in an embedded object")
        if value is None:
            problems.append(f"{at}: null")
            continue
        if key not in required and value in ("", []):
            problems.append(f"{at}: an empty optional property")
            continue
        problems += _value_problems(at, rules.all_properties[key], value)
    if data.get("type") and data["type"] != f"{OPARL}{name}":
        problems.append(f"{where}: type {data['type']}")
    return problems


DELETED = {"id": "url", "type": "string", "created": "date-time"}


def _deleted_problems(data: dict, where: str) -> list[str]:
    """2.8 "Gelöschte Objekte": a deleted object keeps id, type and created,
    has modified (the moment of deletion) and deleted true, and may drop the rest."""
    problems = [
        f"{where}: a deleted object lacks {p}" for p in DELETED if p not in data
    ]
    if "modified" not in data:
        problems.append(f"{where}: a deleted object lacks modified")
    for key, kind in {**DELETED, "modified": "date-time"}.items():
        if key in data:
            problems += _value_problems(f"{where} {key}", kind, data[key])
    return problems


def _typed(data: dict):
    """Each property of `data` with the kind its type's rules give it ("" if none)."""
    rules = RULES.get(str(data.get("type", "")).removeprefix(OPARL))
    for key, value in data.items():
        yield (rules.all_properties.get(key, "") if rules else ""), value


def embedded_objects(data: dict) -> list[dict]:
    """The objects embedded in `data`, at any depth."""
    found = []
    for kind, value in _typed(data):
        if kind.startswith("object:") and isinstance(value, dict):
            found += [value, *embedded_objects(value)]
        elif kind.startswith("objects:") and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    found += [item, *embedded_objects(item)]
    return found


def urls_of(data: dict) -> list[str]:
    """Every URL in the OParl properties of `data` and of what it embeds."""
    urls = []
    for kind, value in _typed(data):
        if kind in ("url", "list") and isinstance(value, str):
            urls.append(value)
        elif kind == "urls" and isinstance(value, list):
            urls += [v for v in value if isinstance(v, str)]
    for inner in embedded_objects(data):
        urls += urls_of(inner)
    return urls
