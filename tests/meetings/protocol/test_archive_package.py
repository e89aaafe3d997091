"""The archival package of a justerat protokoll (E-ARK SIP 2.1.0 = FGS
Paketstruktur 2.0), made from the workflow's real record and checked by the
community validator, by the XML schemas the package ships (METS, PREMIS 3,
ERMS 2.1) and by the CSIP rules the validator leaves out (earkiv_checks.py)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

from council import signing
from council.earkiv.package import write_folder, write_zip
from meetings.archive.protocol import NotArchivable, protocol_package
from meetings.models import Protocol, SignedDocument
from meetings.services.protocol import extract as protocol_extract
from meetings.services.protocol.justering import protocol_send_to_justering
from meetings.services.protocol.publishing import protocol_publish
from tests.earkiv_checks import (
    NS,
    eark_findings,
    package_problems,
    schema_problems,
)
from tests.meetings.helpers import justera_all
from tests.meetings.protocol.record_tools import stored

pytestmark = pytest.mark.django_db


def assert_valid_package(folder):
    assert eark_findings(folder) == []
    assert schema_problems(folder) == []
    assert package_problems(folder) == []


def test_a_justerat_protokoll_makes_a_valid_package(published, tmp_path):
    paragraph = published.paragraphs.order_by("order").first()
    protocol_extract.extract_issue(protocol_id=published.pk, number=paragraph.number)
    package = protocol_package(published)
    folder = write_folder(package, tmp_path)
    assert folder.name == package.package_id
    assert_valid_package(folder)

    data = folder / "representations" / "protokoll" / "data"
    record = bytes(stored(published).data)
    assert (data / "protokoll.pdf").read_bytes() == record
    checks = signing.validate_pdf((data / "protokoll.pdf").read_bytes())
    assert checks and all(check.ok for check in checks)
    [extract] = (data / "utdrag").iterdir()
    assert extract.read_bytes() == bytes(
        SignedDocument.objects.get(protocol=published, kind="utdrag").data
    )


def test_the_zip_holds_the_same_root_folder_and_is_valid(published, tmp_path):
    package = protocol_package(published)
    archive = tmp_path / f"{package.package_id}.zip"
    archive.write_bytes(write_zip(package))
    names = zipfile.ZipFile(io.BytesIO(archive.read_bytes())).namelist()
    assert {name.split("/")[0] for name in names} == {package.package_id}
    assert f"{package.package_id}/METS.xml" in names
    assert eark_findings(archive) == []


def test_the_metadata_describes_the_meeting_and_its_history(cast, draft, tmp_path):
    """ERMS: the meeting with the body, each § with heading and dnr, the
    signers and those present with their roles. PREMIS: an event per
    signature and the document timestamp, the publication and the package."""
    first = draft.paragraphs.order_by("order").first()
    first.dnr = "RS 2026/123"
    first.save()
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    published = protocol_publish(
        protocol_id=justera_all(cast, draft).pk, actor=cast.secretary
    )
    folder = write_folder(protocol_package(published), tmp_path)
    erms = ET.parse(folder / "metadata/descriptive/erms.xml").getroot()
    titles = [e.text for e in erms.iterfind(".//erms:record/erms:title", NS)]
    for paragraph in published.paragraphs.all():
        assert f"§ {paragraph.number} {paragraph.heading}" in titles
    assert "RS 2026/123" in [
        e.text for e in erms.iterfind(".//erms:record/erms:identification", NS)
    ]
    names = {e.text for e in erms.iterfind(".//erms:agent/erms:name", NS)}
    assert published.meeting.body.name in names
    assert published.secretary.name in names and published.chair.name in names

    premis = ET.parse(folder / "metadata/preservation/premis.xml").getroot()
    events = [
        (
            e.findtext("premis:eventType", namespaces=NS),
            e.findtext(".//premis:eventDetail", namespaces=NS),
        )
        for e in premis.iterfind("premis:event", NS)
    ]
    types = [kind for kind, _ in events]
    assert types.count("digital signature generation") == 4  # 3 signers + timestamp
    assert "dissemination" in types  # published
    assert types[-1] == "information package creation"
    digests = {
        e.findtext(".//premis:objectIdentifierValue", namespaces=NS): e.findtext(
            ".//premis:messageDigest", namespaces=NS
        )
        for e in premis.iterfind("premis:object", NS)
    }
    pdf = "representations/protokoll/data/protokoll.pdf"
    assert digests[pdf] == stored(published).sha256


def test_the_2018_protokoll_justerat_on_paper_makes_a_valid_package(
    demo_data, tmp_path
):
    protocol = Protocol.objects.get(
        meeting__body__slug="ssr", meeting__starts_at__year=2018, version=1
    )
    folder = write_folder(protocol_package(protocol), tmp_path)
    assert_valid_package(folder)
    erms = ET.parse(folder / "metadata/descriptive/erms.xml").getroot()
    records = list(erms.iterfind(".//erms:record", NS))
    assert len(records) == 1 + 14


def test_a_draft_has_no_package(draft):
    with pytest.raises(NotArchivable):
        protocol_package(draft)


def test_members_download_the_package_and_each_download_is_recorded(
    client, cast, published
):
    """The secretary and a member may (they read what is not public); the
    download is an E-ARK zip named after the package and is recorded with who,
    which package and the zip's SHA-256. Someone of another body gets 403, a
    visitor the login page, and nothing is recorded for them."""
    from council.earkiv.models import ArchiveExport

    url = f"/protokoll/{published.pk}/arkivpaket.zip"
    response = client.get(url)
    assert response.status_code == 302 and "/logga-in/" in response["Location"]
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 403
    assert not ArchiveExport.objects.exists()
    for user in (cast.secretary, cast.member):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert response["Cache-Control"] == "private, no-store"
        export = ArchiveExport.objects.get(made_by=user)
        assert response["Content-Disposition"] == (
            f'attachment; filename="{export.package_id}.zip"'
        )
        assert export.sha256 == hashlib.sha256(response.content).hexdigest()
        assert (export.kind, export.channel, export.object_id) == (
            "protokoll",
            "nedladdning",
            published.pk,
        )
    page = client.get(f"/protokoll/{published.pk}/").content.decode()
    assert url in page
    client.force_login(cast.outsider)
    assert url not in client.get(f"/protokoll/{published.pk}/").content.decode()


def test_a_draft_has_no_package_to_download(client, cast, draft):
    client.force_login(cast.secretary)
    assert client.get(f"/protokoll/{draft.pk}/arkivpaket.zip").status_code == 404


def test_the_configured_archive_names_stand_in_the_header(
    published, settings, tmp_path
):
    """What an archivist configures: the archival creator and the preservation
    agency with their codes, and the submission agreement (SIP: altRecordID)."""
    settings.EARKIV_ARCHIVAL_CREATOR = "Region Örebro län"
    settings.EARKIV_ARCHIVAL_CREATOR_ID = "ORG:2321000164"
    settings.EARKIV_PRESERVATION_AGENCY = "Sydarkivera"
    settings.EARKIV_PRESERVATION_AGENCY_ID = "ORG:2220003062"
    settings.EARKIV_SUBMISSION_AGREEMENT = "LÖK-2026-7"
    folder = write_folder(protocol_package(published), tmp_path)
    assert_valid_package(folder)
    header = ET.parse(folder / "METS.xml").getroot().find("mets:metsHdr", NS)
    agents = {
        a.get("ROLE"): (
            a.findtext("mets:name", namespaces=NS),
            a.findtext("mets:note", namespaces=NS),
        )
        for a in header.iterfind("mets:agent", NS)
    }
    assert agents["ARCHIVIST"] == ("Region Örebro län", "ORG:2321000164")
    assert agents["PRESERVATION"] == ("Sydarkivera", "ORG:2220003062")
    [agreement] = header.iterfind("mets:altRecordID", NS)
    assert (agreement.get("TYPE"), agreement.text) == (
        "SUBMISSIONAGREEMENT",
        "LÖK-2026-7",
    )
