"""A body's yearly delivery to the e-archive, for those who may read all of it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from council.earkiv.export import export_package, zip_response
from council.earkiv.models import ArchiveExport
from council.models import Body
from meetings.archive.protocol import NotArchivable
from meetings.permissions import can_view_non_public
from plans.archive import year_package


@require_GET
@login_required
def year_archive(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    if not can_view_non_public(request.user, body):
        raise PermissionDenied
    try:
        package = year_package(body, year)
    except NotArchivable as error:
        raise Http404 from error
    export, data = export_package(
        package,
        kind=ArchiveExport.Kind.YEAR,
        channel=ArchiveExport.Channel.DOWNLOAD,
        body=body,
        year=year,
        user=request.user,
    )
    return zip_response(export, data)
