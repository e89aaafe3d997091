"""Making a package for delivery: zip it, record who made it, which it was."""

from __future__ import annotations

import hashlib

from django.http import HttpResponse
from django.utils.translation import gettext as _

from council.earkiv.models import ArchiveExport
from council.earkiv.package import Package, write_zip
from council.history import save_attributed
from council.models import Body


def export_package(
    package: Package,
    *,
    kind: str,
    channel: str,
    body: Body,
    year: int,
    user=None,
    object_id: int | None = None,
) -> tuple[ArchiveExport, bytes]:
    """The package as a zip, recorded with its id and the zip's SHA-256."""
    data = write_zip(package)
    export = ArchiveExport(
        kind=kind,
        channel=channel,
        body=body,
        year=year,
        object_id=object_id,
        label=package.label,
        package_id=package.package_id,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        made_by=user if user is not None and user.is_authenticated else None,
    )
    save_attributed(
        export,
        user=export.made_by,
        reason=(
            _("Arkivpaket nedladdat")
            if channel == ArchiveExport.Channel.DOWNLOAD
            else _("Arkivpaket skrivet av den schemalagda exporten")
        ),
    )
    return export, data


def zip_response(export: ArchiveExport, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.package_id}.zip"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
