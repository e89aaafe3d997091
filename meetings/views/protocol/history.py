"""A protokoll's history: its saved revisions, and what changed between two."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from council.text import id_or_none
from meetings.selectors.protocol import history as history_selectors
from meetings.selectors.protocol import review as review_selectors
from meetings.views.protocol.access import (
    can_see_overview,
    protocol_for_viewer,
)


@login_required
@require_GET
def protocol_history(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_for_viewer(request, pk)
    revisions = history_selectors.revisions(protocol=protocol)
    by_id = {r.history_id: r for r in revisions}

    def chosen(name: str, default):
        value = request.GET.get(name, "")
        history_id = id_or_none(value)
        return by_id.get(history_id) if history_id is not None else default

    end = chosen("till", revisions[-1] if revisions else None)
    start = chosen("fran", revisions[-2] if len(revisions) > 1 else None)
    diff = history_selectors.diff_between(
        protocol=protocol,
        start=start.at if start else None,
        end=end.at if end else None,
    )
    return render(
        request,
        "meetings/protocol/protocol_history.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "revisions": list(reversed(revisions)),
            "start": start,
            "end": end,
            "diff": diff,
            "versions": review_selectors.versions(protocol=protocol),
            "can_see_overview": can_see_overview(request, protocol),
        },
    )
