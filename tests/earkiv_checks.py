"""Checking an archival package: the community validator, the XML schemas the
package ships, and the CSIP rules the validator does not check.

`eark_findings(path)` runs eark-validator 1.1.3 (tests/tools/eark_validate.py
in its own venv) and returns what it reports as errors. It knows CSIP and SIP
2.0.4 and 2.1.0 and checks the root METS against the METS schema and the
CSIP/SIP schematron rules, and which folders exist. It does not check sizes
or checksums, the representations' METS, the metadata files' content, that
the root folder is named after the package, or that every file is listed;
`package_problems(folder)` does, each with the CSIP rule id it enforces.

One finding of the validator is its own error and is left out by name:
SIP14 tests an unqualified `@NOTETYPE` on the software agent's note, which
the METS schema does not allow there; CSIP16 asks for `csip:NOTETYPE`
"SOFTWARE VERSION" on that very note, and the package has it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
EARK_PYTHON = ROOT / ".tools" / "eark" / "bin" / "python"
SCHEMAS = ROOT / "council" / "earkiv" / "schemas"
VALIDATOR_OWN_ERRORS = {"SIP14"}

NS = {
    "mets": "http://www.loc.gov/METS/",
    "xlink": "http://www.w3.org/1999/xlink",
    "premis": "http://www.loc.gov/premis/v3",
    "erms": "https://DILCIS.eu/XML/ERMS",
}
HREF = f"{{{NS['xlink']}}}href"


def eark_report(path: Path) -> dict:
    assert EARK_PYTHON.exists(), "run `make install`: the E-ARK validator is missing"
    printed = subprocess.run(
        [
            str(EARK_PYTHON),
            str(ROOT / "tests" / "tools" / "eark_validate.py"),
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(printed.strip().splitlines()[-1])


def eark_findings(path: Path) -> list[str]:
    """Every error the validator reports, as "RULE: message", but for its own
    error SIP14. (Its one warning on the packages, CSIPSTR13, is a SHOULD: a
    representation may have a metadata folder of its own.)"""
    report = eark_report(path)
    found = []
    assert report["structure"]["status"] == "WellFormed", report["structure"]
    for message in report["structure"]["messages"]:
        if message["severity"] == "Error":
            found.append(f"{message['rule_id']}: {message['location']}")
    metadata = report["metadata"]
    for part in ("schema_results", "schematron_results"):
        for message in metadata[part]["messages"]:
            if message["severity"] == "Error" and (
                message["rule_id"] not in VALIDATOR_OWN_ERRORS
            ):
                found.append(f"{message['rule_id']}: {message['message'][:200]}")
    return found


class _Local(etree.Resolver):
    """Resolves the schemas' imports to the copies the package ships."""

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        if (SCHEMAS / name).exists():
            return self.resolve_filename(str(SCHEMAS / name), context)
        return None


def _schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def schema_problems(folder: Path) -> list[str]:
    """Each METS file against mets.xsd, premis.xml against PREMIS 3, each
    ERMS file against ERMS 2.1."""
    checks = [("mets.xsd", path) for path in folder.rglob("METS.xml")]
    checks += [
        ("premis-v3-0.xsd", path)
        for path in (folder / "metadata" / "preservation").glob("*.xml")
    ]
    checks += [
        ("ERMS.xsd", path)
        for path in (folder / "metadata" / "descriptive").glob("*.xml")
    ]
    problems = []
    for schema_name, path in checks:
        schema = _schema(schema_name)
        if not schema.validate(etree.parse(str(path))):
            for error in schema.error_log:
                problems.append(
                    f"{path.relative_to(folder)}:{error.line}: {error.message}"
                )
    return problems


def _listed(mets_path: Path) -> dict[Path, ET.Element]:
    """The files a METS file lists (file/FLocat and mdRef), by their path."""
    tree = ET.parse(mets_path)
    listed = {}
    for element in tree.iter(f"{{{NS['mets']}}}file"):
        location = element.find("mets:FLocat", NS)
        listed[(mets_path.parent / location.get(HREF)).resolve()] = element
    for element in tree.iter(f"{{{NS['mets']}}}mdRef"):
        listed[(mets_path.parent / element.get(HREF)).resolve()] = element
    return listed


def package_problems(folder: Path) -> list[str]:
    """The CSIP rules the validator leaves unchecked, each named by its id."""
    problems = []
    root_mets = folder / "METS.xml"
    if not root_mets.exists():
        return ["CSIPSTR4: no METS.xml in the root folder"]
    mets = ET.parse(root_mets).getroot()
    if mets.get("OBJID") != folder.name:
        problems.append(f"CSIPSTR2/CSIP1: root folder {folder.name} is not OBJID")
    for required in ("metadata", "representations", "schemas", "documentation"):
        if not (folder / required).is_dir():
            problems.append(f"CSIPSTR5-16: no {required}/ folder")
    listed = _listed(root_mets)
    representations = sorted((folder / "representations").iterdir())
    for representation in representations:
        representation_mets = representation / "METS.xml"
        if representation_mets.resolve() not in listed:
            problems.append(f"CSIP105: {representation.name} has no METS listed")
            continue
        listed.update(_listed(representation_mets))
    for path, element in listed.items():
        if not path.exists():
            problems.append(f"CSIP72/CSIP35: listed but missing: {path}")
            continue
        data = path.read_bytes()
        if element.get("SIZE") != str(len(data)):
            problems.append(f"CSIP69/CSIP27: size of {path.name} differs")
        if element.get("CHECKSUMTYPE") != "SHA-256" or (
            element.get("CHECKSUM", "").lower() != hashlib.sha256(data).hexdigest()
        ):
            problems.append(f"CSIP70/CSIP29: SHA-256 of {path.name} differs")
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "METS.xml" and path.resolve() not in listed:
            problems.append(f"CSIP: {path.relative_to(folder)} is in no METS file")
    return problems
