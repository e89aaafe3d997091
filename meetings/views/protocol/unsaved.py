"""The editor's text, kept across a login when the session ran out while typing.

A secretary who presses Spara after her session has expired (idle timeout or
the absolute lifetime) is anonymous by then. Her posted form is kept in the
(anonymous) session and she is sent to the login page; Django's login keeps the
session's data, and back in the editor the text is put into the form again, not
saved, for her to check and save. Passwords and files are never kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_KEY = "unsaved_protocol_editor"
NOT_KEPT = {"csrfmiddlewaretoken", "password", "op"}


def unsaved_store(request: HttpRequest, *, protocol_id: int) -> str:
    """Keep what an anonymous visitor posted to the editor; the login page's URL,
    which leads back to the editor."""
    kept = {
        name: values
        for name, values in request.POST.lists()
        if name not in NOT_KEPT and not name.endswith("-password")
    }
    request.session[SESSION_KEY] = {"protocol": protocol_id, "data": kept}
    # Said once on the login page, even when several autosaves kept the text.
    if not request.session.get(SESSION_KEY + "_told"):
        request.session[SESSION_KEY + "_told"] = True
        messages.warning(
            request,
            _(
                "Du var utloggad när du sparade. Logga in igen: det du skrev i "
                "protokollet finns kvar och visas i redigeringen, men är inte sparat."
            ),
        )
    return redirect_to_login(reverse("meetings:protocol_edit", args=[protocol_id])).url


def unsaved_keep(request: HttpRequest, *, protocol_id: int) -> HttpResponse:
    """Keep what an anonymous visitor posted to the editor and ask for a login."""
    return HttpResponseRedirect(unsaved_store(request, protocol_id=protocol_id))


def unsaved_restore(request: HttpRequest, *, protocol_id: int) -> QueryDict | None:
    """The text kept for this protokoll before the login, once; None when none."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("protocol") != protocol_id:
        return None
    del request.session[SESSION_KEY]
    request.session.pop(SESSION_KEY + "_told", None)
    data = QueryDict(mutable=True)
    for name, values in kept["data"].items():
        data.setlist(name, values)
    messages.warning(
        request,
        _(
            "Texten du skrev innan du loggades ut är återställd i formuläret nedan "
            "men är inte sparad. Kontrollera den och tryck Spara."
        ),
    )
    return data
