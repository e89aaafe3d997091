"""An E-ARK SIP: what a package holds and how it is written.

FGS Paketstruktur 2.0 (Riksarkivet, RAFGS1V2.0) is E-ARK CSIP 2.1.0 with E-ARK
SIP 2.1.0. A package is one root folder named after its id, with:

- `METS.xml`, the package's own METS (CSIP1-CSIP117, SIP1-SIP31);
- `metadata/descriptive/` (here ERMS, FGS Ärendehantering 2.0 = E-ARK CITS
  ERMS) and `metadata/preservation/` (PREMIS 3);
- `representations/<name>/METS.xml` and `representations/<name>/data/…`, one
  per representation, each METS listing its data files;
- `schemas/` with every XML schema the package's XML files use;
- `documentation/` with a README in Swedish saying what the package is.

Every file is listed with its size and SHA-256 in the METS that holds it
(CSIP69-CSIP71). A package is written as a zip file whose one top folder is
the root folder (CSIPSTR1), or as that folder in a directory. The writer
takes the content as bytes; it knows nothing of protokoll or plans.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

from django.conf import settings

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for prefix, uri in (
    ("mets", METS),
    ("csip", CSIP),
    ("sip", SIP),
    ("xlink", XLINK),
    ("xsi", XSI),
):
    ET.register_namespace(prefix, uri)

SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SCHEMAS = Path(__file__).parent / "schemas"
# The schemas every package ships: METS and XLink for its METS files, PREMIS
# for its preservation metadata, ERMS for its descriptive metadata.
SHIPPED_SCHEMAS = ("mets.xsd", "xlink.xsd", "premis-v3-0.xsd", "ERMS.xsd")
SOFTWARE = "Samverkansportalen"


def _m(name: str) -> str:
    return f"{{{METS}}}{name}"


def _c(name: str) -> str:
    return f"{{{CSIP}}}{name}"


def _x(name: str) -> str:
    return f"{{{XLINK}}}{name}"


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class PackageFile:
    """One file: its path below the folder that holds it, and its bytes."""

    path: str
    data: bytes
    mime_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Representation:
    """A representation: its name (`representations/<name>`) and data files."""

    name: str
    files: list[PackageFile]


@dataclass(frozen=True)
class Agent:
    """An agent of the METS header, with its identification code."""

    role: str  # ARCHIVIST (the archival creator), PRESERVATION, ...
    name: str
    code: str = ""
    type: str = "ORGANIZATION"


@dataclass
class Package:
    package_id: str  # "uuid-…", also the root folder's name (CSIPSTR2)
    label: str
    content_type: str  # what csip:OTHERTYPE says it is: "Protokoll", "Årsleverans"
    created: datetime.datetime
    agents: list[Agent]
    descriptive: list[PackageFile]  # below metadata/descriptive/
    preservation: list[PackageFile]  # below metadata/preservation/
    documentation: list[PackageFile]  # below documentation/
    representations: list[Representation]
    submission_agreement: str = ""
    extra_schemas: list[PackageFile] = field(default_factory=list)


def _file_element(
    parent: ET.Element, ident: str, file: PackageFile, href: str, created: str
) -> None:
    element = ET.SubElement(
        parent,
        _m("file"),
        {
            "ID": ident,
            "MIMETYPE": file.mime_type,
            "SIZE": str(len(file.data)),
            "CREATED": created,
            "CHECKSUM": file.sha256.upper(),
            "CHECKSUMTYPE": "SHA-256",
        },
    )
    ET.SubElement(
        element,
        _m("FLocat"),
        {"LOCTYPE": "URL", _x("type"): "simple", _x("href"): href},
    )


def _header(root: ET.Element, package: Package, created: str, *, agents: bool) -> None:
    header = ET.SubElement(
        root,
        _m("metsHdr"),
        {
            "CREATEDATE": created,
            "LASTMODDATE": created,
            "RECORDSTATUS": "NEW",
            _c("OAISPACKAGETYPE"): "SIP",
        },
    )
    software = ET.SubElement(
        header,
        _m("agent"),
        {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"},
    )
    ET.SubElement(software, _m("name")).text = SOFTWARE
    ET.SubElement(
        software, _m("note"), {_c("NOTETYPE"): "SOFTWARE VERSION"}
    ).text = settings.PORTAL_VERSION
    if not agents:
        return
    for agent in package.agents:
        element = ET.SubElement(
            header, _m("agent"), {"ROLE": agent.role, "TYPE": agent.type}
        )
        ET.SubElement(element, _m("name")).text = agent.name
        if agent.code:
            ET.SubElement(
                element, _m("note"), {_c("NOTETYPE"): "IDENTIFICATIONCODE"}
            ).text = agent.code
    if package.submission_agreement:
        ET.SubElement(
            header, _m("altRecordID"), {"TYPE": "SUBMISSIONAGREEMENT"}
        ).text = package.submission_agreement


def _mets_root(object_id: str, label: str, package: Package, depth: int) -> ET.Element:
    up = "../" * depth
    return ET.Element(
        _m("mets"),
        {
            "OBJID": object_id,
            "LABEL": label,
            "TYPE": "Other",
            _c("OTHERTYPE"): package.content_type,
            _c("CONTENTINFORMATIONTYPE"): "ERMS",
            "PROFILE": SIP_PROFILE,
            f"{{{XSI}}}schemaLocation": (
                f"{METS} {up}schemas/mets.xsd {XLINK} {up}schemas/xlink.xsd"
            ),
        },
    )


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def representation_mets(package: Package, representation: Representation) -> bytes:
    """The representation's own METS: its data files, with sizes and checksums."""
    created = iso(package.created)
    root = _mets_root(
        f"{package.package_id}-{representation.name}",
        representation.name,
        package,
        depth=2,
    )
    _header(root, package, created, agents=False)
    section = ET.SubElement(root, _m("fileSec"), {"ID": "fileSec-data"})
    group = ET.SubElement(
        section,
        _m("fileGrp"),
        {
            "ID": "fileGrp-data",
            "USE": "Data",
            _c("CONTENTINFORMATIONTYPE"): "OTHER",
            _c("OTHERCONTENTINFORMATIONTYPE"): "Data",
        },
    )
    for number, file in enumerate(representation.files, start=1):
        _file_element(group, f"file-{number}", file, f"data/{file.path}", created)
    structure = ET.SubElement(
        root, _m("structMap"), {"ID": "structMap", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(
        structure, _m("div"), {"ID": "div-root", "LABEL": representation.name}
    )
    data = ET.SubElement(top, _m("div"), {"ID": "div-data", "LABEL": "Data"})
    ET.SubElement(data, _m("fptr"), {"FILEID": "fileGrp-data"})
    return _serialise(root)


def schemas(package: Package) -> list[PackageFile]:
    shipped = [
        PackageFile(name, (SCHEMAS / name).read_bytes(), "application/xml")
        for name in SHIPPED_SCHEMAS
    ]
    return shipped + list(package.extra_schemas)


def _md_ref(parent: ET.Element, file: PackageFile, href: str, created: str, **kind):
    ET.SubElement(
        parent,
        _m("mdRef"),
        {
            "LOCTYPE": "URL",
            _x("type"): "simple",
            _x("href"): href,
            **kind,
            "MIMETYPE": file.mime_type,
            "SIZE": str(len(file.data)),
            "CREATED": created,
            "CHECKSUM": file.sha256.upper(),
            "CHECKSUMTYPE": "SHA-256",
        },
    )


def package_mets(
    package: Package, representation_files: dict[str, PackageFile]
) -> bytes:
    """The package's METS, listing its metadata, documentation, schemas and
    each representation's METS (`representation_files`: name -> its METS)."""
    created = iso(package.created)
    root = _mets_root(package.package_id, package.label, package, depth=0)
    _header(root, package, created, agents=True)
    dmd_ids, amd_ids = [], []
    for number, file in enumerate(package.descriptive, start=1):
        ident = f"dmd-{number}"
        section = ET.SubElement(
            root, _m("dmdSec"), {"ID": ident, "CREATED": created, "STATUS": "CURRENT"}
        )
        _md_ref(
            section,
            file,
            f"metadata/descriptive/{file.path}",
            created,
            MDTYPE="OTHER",
            OTHERMDTYPE="ERMS",
        )
        dmd_ids.append(ident)
    administrative = ET.SubElement(root, _m("amdSec"), {"ID": "amdSec"})
    for number, file in enumerate(package.preservation, start=1):
        ident = f"digiprov-{number}"
        section = ET.SubElement(
            administrative,
            _m("digiprovMD"),
            {"ID": ident, "CREATED": created, "STATUS": "CURRENT"},
        )
        _md_ref(
            section,
            file,
            f"metadata/preservation/{file.path}",
            created,
            MDTYPE="PREMIS",
            MDTYPEVERSION="3.0",
        )
        amd_ids.append(ident)

    files = ET.SubElement(root, _m("fileSec"), {"ID": "fileSec"})
    groups = [
        ("Documentation", "documentation", package.documentation),
        ("Schemas", "schemas", schemas(package)),
    ]
    for use, folder, content in groups:
        group = ET.SubElement(
            files,
            _m("fileGrp"),
            {
                "ID": f"fileGrp-{folder}",
                "USE": use,
                _c("CONTENTINFORMATIONTYPE"): "OTHER",
                _c("OTHERCONTENTINFORMATIONTYPE"): use,
            },
        )
        for number, file in enumerate(content, start=1):
            _file_element(
                group, f"file-{folder}-{number}", file, f"{folder}/{file.path}", created
            )
    for representation in package.representations:
        name = representation.name
        group = ET.SubElement(
            files,
            _m("fileGrp"),
            {
                "ID": f"fileGrp-rep-{name}",
                "USE": f"Representations/{name}",
                _c("CONTENTINFORMATIONTYPE"): "OTHER",
                _c("OTHERCONTENTINFORMATIONTYPE"): "ERMS",
            },
        )
        _file_element(
            group,
            f"file-rep-{name}-mets",
            representation_files[name],
            f"representations/{name}/METS.xml",
            created,
        )

    structure = ET.SubElement(
        root, _m("structMap"), {"ID": "structMap", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(
        structure, _m("div"), {"ID": "div-root", "LABEL": package.package_id}
    )
    ET.SubElement(
        top,
        _m("div"),
        {
            "ID": "div-metadata",
            "LABEL": "Metadata",
            "ADMID": " ".join(amd_ids),
            "DMDID": " ".join(dmd_ids),
        },
    )
    for use, folder, _content in groups:
        division = ET.SubElement(top, _m("div"), {"ID": f"div-{folder}", "LABEL": use})
        ET.SubElement(division, _m("fptr"), {"FILEID": f"fileGrp-{folder}"})
    # CSIP 2.1.0 lets each representation be its own division beside these;
    # the community validator wants them gathered in one "Representations"
    # division, which the METS schema allows as well.
    gathered = ET.SubElement(
        top, _m("div"), {"ID": "div-representations", "LABEL": "Representations"}
    )
    for representation in package.representations:
        name = representation.name
        ET.SubElement(gathered, _m("fptr"), {"FILEID": f"fileGrp-rep-{name}"})
    for representation in package.representations:
        name = representation.name
        division = ET.SubElement(
            gathered,
            _m("div"),
            {"ID": f"div-rep-{name}", "LABEL": f"Representations/{name}"},
        )
        ET.SubElement(
            division,
            _m("mptr"),
            {
                "LOCTYPE": "URL",
                _x("type"): "simple",
                _x("href"): f"representations/{name}/METS.xml",
                _x("title"): f"fileGrp-rep-{name}",
            },
        )
    return _serialise(root)


def package_contents(package: Package) -> dict[str, bytes]:
    """Every file of the package by its path below the root folder."""
    contents: dict[str, bytes] = {}
    representation_files = {}
    for representation in package.representations:
        base = f"representations/{representation.name}"
        for file in representation.files:
            contents[f"{base}/data/{file.path}"] = file.data
        mets = PackageFile(
            "METS.xml",
            representation_mets(package, representation),
            "application/xml",
        )
        representation_files[representation.name] = mets
        contents[f"{base}/METS.xml"] = mets.data
    for folder, content in (
        ("metadata/descriptive", package.descriptive),
        ("metadata/preservation", package.preservation),
        ("documentation", package.documentation),
        ("schemas", schemas(package)),
    ):
        for file in content:
            contents[f"{folder}/{file.path}"] = file.data
    contents["METS.xml"] = package_mets(package, representation_files)
    return dict(sorted(contents.items()))


def write_zip(package: Package) -> bytes:
    """The package as a zip file holding its root folder."""
    buffer = io.BytesIO()
    moment = package.created.astimezone(datetime.UTC)
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in package_contents(package).items():
            info = zipfile.ZipInfo(str(PurePosixPath(package.package_id, path)), stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def write_folder(package: Package, directory: Path) -> Path:
    """The package as its root folder inside `directory`; returns the folder."""
    root = Path(directory) / package.package_id
    for path, data in package_contents(package).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root
