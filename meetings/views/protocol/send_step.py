"""The step "Skicka för justering": the secretary sees what goes out (§§,
attendance, signers and deadline, what is signed), then confirms with the
password or a passkey. A refused attempt shows this page again, the error at
its field and in a summary at the top.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meetings.forms.protocol.justering import SendForm
from meetings.models import Protocol
from meetings.selectors.protocol.send import send_summary
from meetings.services.protocol import justering
from meetings.services.protocol.numbering import predicted_numbers


def send_page(
    request: HttpRequest,
    protocol: Protocol,
    *,
    form: SendForm | None = None,
    refusals: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page. `refusals`, what the service refused on a POST, go in the error
    summary; without them the page lists what still stops the sending, if
    anything, in place of the form."""
    user = request.user
    blockers = justering.send_refusals(protocol, actor=user)
    form = form or SendForm(user=user, protocol=protocol)
    errors = list(refusals or []) + [str(e) for e in form.non_field_errors()]
    return render(
        request,
        "meetings/protocol/protocol_send.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "summary": send_summary(
                protocol=protocol, numbers=predicted_numbers(protocol)
            ),
            "send_form": form,
            # What the service refused is in the error summary already.
            "blockers": [] if refusals else blockers,
            "can_send": not blockers,
            "refusals": errors,
            "has_errors": bool(errors or form.errors),
        },
        status=status,
    )
