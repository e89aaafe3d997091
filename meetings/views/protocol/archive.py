"""The archival package of a justerat protokoll, for those who may read all of it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from council.earkiv.export import export_package, zip_response
from council.earkiv.models import ArchiveExport
from meetings.archive.protocol import NotArchivable, protocol_package
from meetings.models import Protocol
from meetings.permissions import can_view_non_public


@require_GET
@login_required
def protocol_archive(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(
        Protocol.objects.select_related("meeting__body"), pk=pk
    )
    body = protocol.meeting.body
    if not can_view_non_public(request.user, body):
        raise PermissionDenied
    try:
        package = protocol_package(protocol)
    except NotArchivable as error:
        raise Http404 from error
    export, data = export_package(
        package,
        kind=ArchiveExport.Kind.PROTOCOL,
        channel=ArchiveExport.Channel.DOWNLOAD,
        body=body,
        year=protocol.meeting.local_start.year,
        object_id=protocol.pk,
        user=request.user,
    )
    return zip_response(export, data)
