"""The editor's autosave: the page posts its form a moment after typing stops.

Text and choices only (no files, no uppdrag, no change of structure), through
`services.protocol.drafting.protocol_autosave` with the version the page holds,
so an autosave never overwrites what someone else saved. The answer is JSON:
the new `lock_version` for the page to keep, or why nothing was saved. When the
session has run out, the text is kept over the login as Spara keeps it
(`unsaved`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.forms.protocol.drafting import (
    ParagraphTextForm,
    ProtocolHeaderForm,
    outcome_help,
)
from meetings.models import Paragraph, Protocol
from meetings.services.protocol import drafting
from meetings.services.protocol.base import ProtocolConflict, present_people
from meetings.views._helpers import error_text
from meetings.views.protocol.access import protocol_for_editor
from meetings.views.protocol.unsaved import unsaved_store


def _answer(status: str, message: str, code: int, **extra: object) -> JsonResponse:
    return JsonResponse({"status": status, "message": message, **extra}, status=code)


@require_POST
def protocol_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    if not request.user.is_authenticated:
        login = unsaved_store(request, protocol_id=pk)
        return _answer(
            "login",
            _(
                "Inte sparat: du är utloggad. Logga in igen; det du skrivit finns "
                "kvar och visas i redigeringen efter inloggningen."
            ),
            401,
            login_url=login,
        )
    protocol = protocol_for_editor(request, pk)
    if protocol.state != Protocol.State.DRAFT:
        return _answer(
            "refused",
            _("Inte sparat: protokollet är %(state)s och kan inte redigeras.")
            % {"state": protocol.get_state_display().lower()},
            409,
        )
    present = present_people(protocol.meeting)
    decides = outcome_help(protocol.meeting)
    header = ProtocolHeaderForm(request.POST, present=present, meeting=protocol.meeting)
    # Only the paragraphs on the page, only their text (bilagor and uppdrag are
    # added with Spara), and only those whose text may have changed: a long
    # protokoll is saved every few seconds.
    data = request.POST
    forms = [
        ParagraphTextForm(data, paragraph=p, decides=decides, present=present)
        for p in Paragraph.objects.filter(protocol=protocol)
        .order_by("order")
        .prefetch_related("recused")
        if f"p{p.pk}-heading" in data and ParagraphTextForm.posted_differs(data, p)
    ]
    if not header.is_valid() or not all([f.is_valid() for f in forms]):
        return _answer(
            "invalid",
            _(
                "Inte sparat: något behöver rättas. Tryck Spara utkastet för att se vad."
            ),
            400,
        )
    try:
        saved = drafting.protocol_autosave(
            protocol_id=protocol.pk,
            actor=request.user,
            **header.service_values(),
            paragraphs=[f.service_values() for f in forms],
        )
    except ProtocolConflict:
        return _answer(
            "conflict",
            _(
                "Inte sparat: någon annan har sparat protokollet medan du skrev. "
                "Din text finns kvar här. Ladda om sidan för att jämföra, eller "
                "tryck Spara utkastet för att se skillnaderna."
            ),
            409,
        )
    except ValidationError as error:
        return _answer("invalid", _("Inte sparat: %s") % error_text(error), 400)
    return _answer(
        "saved",
        _("Sparat %(time)s") % {"time": timezone.localtime().strftime("%H.%M")},
        200,
        lock_version=saved.lock_version,
    )
