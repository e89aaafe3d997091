"""A body's yearly delivery to the e-archive: one E-ARK SIP with a
representation per justerat protokoll, the adopted plan and the year's
kallelser; from the plan page and from `manage.py export_earkiv`."""

from __future__ import annotations

import hashlib
import zipfile
from xml.etree import ElementTree as ET

import pytest
from django.core.management import CommandError, call_command

from council.earkiv.models import ArchiveExport
from council.earkiv.package import write_folder
from council.models import Body
from meetings.models import Protocol, SignedDocument
from plans.archive import year_package
from tests.earkiv_checks import NS, eark_findings, package_problems, schema_problems

pytestmark = pytest.mark.django_db


def test_the_2018_delivery_is_valid_and_lists_every_protokoll(demo_data, tmp_path):
    body = Body.objects.get(slug="ssr")
    package = year_package(body, 2018)
    folder = write_folder(package, tmp_path)
    assert eark_findings(folder) == []
    assert schema_problems(folder) == []
    assert package_problems(folder) == []
    protocols = Protocol.objects.filter(
        meeting__body=body,
        meeting__starts_at__year=2018,
        state__in=Protocol.LOCKED_STATES,
    )
    assert protocols.exists()
    representations = {p.name for p in (folder / "representations").iterdir()}
    for protocol in protocols:
        name = f"protokoll-{protocol.meeting.local_start:%Y-%m-%d}"
        assert name in representations
        record = SignedDocument.objects.get(protocol=protocol, kind="protokoll")
        stored = folder / "representations" / name / "data" / "protokoll.pdf"
        assert stored.read_bytes() == bytes(record.data)
    mets = ET.parse(folder / "METS.xml").getroot()
    uses = [g.get("USE") for g in mets.iterfind(".//mets:fileGrp", NS)]
    assert {f"Representations/{name}" for name in representations} <= set(uses)


def test_the_scheduled_export_writes_the_zip_and_records_it(demo_data, tmp_path):
    call_command("export_earkiv", body="ssr", year=2018, out=str(tmp_path))
    [path] = tmp_path.glob("uuid-*.zip")
    export = ArchiveExport.objects.get()
    assert path.name == f"{export.package_id}.zip"
    assert export.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (export.kind, export.channel, export.made_by) == ("ar", "kommando", None)
    assert export.history.get().history_change_reason == (
        "Arkivpaket skrivet av den schemalagda exporten"
    )
    assert zipfile.ZipFile(path).testzip() is None
    assert eark_findings(path) == []


def test_a_year_without_anything_to_deliver_is_refused(demo_data, tmp_path):
    with pytest.raises(CommandError, match="inget att leverera"):
        call_command("export_earkiv", body="ssr", year=1999, out=str(tmp_path))
    assert not ArchiveExport.objects.exists()


def test_a_year_out_of_range_is_a_404_not_an_error(client, demo_data):
    from council.models import Membership

    member = (
        Membership.objects.current()
        .filter(body__slug="ssr", person__user__isnull=False)
        .first()
        .person.user
    )
    client.force_login(member)
    for year in (0, 1899, 99999, 2**40):
        assert client.get(f"/planer/ssr/{year}/arkivpaket.zip").status_code == 404
    assert client.get("/planer/finns-inte/2018/arkivpaket.zip").status_code == 404


def test_only_members_get_the_year_package_from_the_plan_page(client, demo_data):
    from council.models import Membership

    url = "/planer/ssr/2023/arkivpaket.zip"
    plan_page = "/planer/ssr/2023/"
    assert url not in client.get(plan_page).content.decode()
    assert client.get(url).status_code == 302
    member = (
        Membership.objects.current()
        .filter(body__slug="ssr", person__user__isnull=False)
        .select_related("person__user")
        .first()
        .person.user
    )
    client.force_login(member)
    assert url in client.get(plan_page).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert ArchiveExport.objects.get().made_by == member
