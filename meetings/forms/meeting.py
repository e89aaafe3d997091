"""Forms of the meetings app: parse and check input, never save (services do)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.forms import NoPersonnummerMixin, PageForm
from council.models import AgendaTemplateItem, ItemKind
from council.uploads import ACCEPTED_TEXT
from meetings.models import AgendaItem, Meeting
from meetings.services.attachments import max_bytes


class MeetingForm(PageForm):
    """Date, start and end, and a place: a room, an address, a link, or several."""

    id_prefix = "mote"

    title = forms.CharField(
        label=_("Rubrik"),
        max_length=200,
        required=False,
        help_text=_("Lämna tomt för ”Sammanträde”."),
    )
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Ange datum."),
            "invalid": _("Ange datum som ÅÅÅÅ-MM-DD."),
        },
    )
    start = forms.TimeField(
        label=_("Börjar"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Ange när mötet börjar."),
            "invalid": _("Ange tid som TT:MM."),
        },
    )
    end = forms.TimeField(
        label=_("Slutar"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Ange när mötet slutar."),
            "invalid": _("Ange tid som TT:MM."),
        },
    )
    location = forms.CharField(
        label=_("Lokal"),
        max_length=200,
        required=False,
        help_text=_("T.ex. Konferenslokal Lärken."),
    )
    address = forms.CharField(label=_("Adress"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Länk till digitalt möte"),
        required=False,
        assume_scheme="https",
        help_text=_("Visas bara för organets ledamöter, ersättare och sekreterare."),
        error_messages={"invalid": _("Ange en fullständig webbadress (https://…).")},
    )

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        return {
            "title": meeting.title,
            "date": start.date(),
            "start": start.time(),
            "end": end.time(),
            "location": meeting.location,
            "address": meeting.address,
            "online_url": meeting.online_url,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        if day and start and end:
            zone = ZoneInfo(settings.TIME_ZONE)
            data["starts_at"] = datetime.datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = datetime.datetime.combine(day, end, tzinfo=zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("Mötet måste sluta efter att det börjar."))
        if not any(data.get(name) for name in ("location", "address", "online_url")):
            raise ValidationError(
                _("Ange en lokal, en adress eller en länk till ett digitalt möte.")
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "location": data["location"],
            "address": data["address"],
            "online_url": data["online_url"],
        }


class AgendaItemForm(NoPersonnummerMixin, forms.ModelForm):
    personnummer_fields = ("title", "presenter", "text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "punkt_%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "presenter", "text", "is_public"]
        labels = {
            "title": _("Rubrik"),
            "kind": _("Typ av ärende"),
            "presenter": _("Föredragande"),
            "text": _("Text"),
            "is_public": _("Offentlig punkt"),
        }
        help_texts = {
            "text": _("Markdown: stycken, listor, fetstil, länkar."),
            "is_public": _(
                "Offentliga punkter visas för alla när kallelsen är skickad."
            ),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": _("Ange en rubrik.")}}


class AgendaTemplateItemForm(NoPersonnummerMixin, forms.ModelForm):
    personnummer_fields = ("title", "text")

    class Meta:
        model = AgendaTemplateItem
        fields = ["title", "kind", "text"]
        labels = {
            "title": _("Rubrik"),
            "kind": _("Typ av ärende"),
            "text": _("Standardtext"),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": _("Ange en rubrik.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = ItemKind.FORMALIA


class AttachmentForm(NoPersonnummerMixin, PageForm):
    id_prefix = "bilaga"
    personnummer_fields = ("title",)

    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        required=False,
        help_text=_("Lämna tomt för att använda filnamnet."),
    )
    file = forms.FileField(
        label=_("Fil"),
        error_messages={
            "required": _("Välj en fil."),
            "empty": _("Filen är tom."),
            "missing": _("Välj en fil."),
        },
    )
    agenda_item = forms.TypedChoiceField(
        label=_("Hör till"), coerce=int, required=False, empty_value=None
    )
    is_public = forms.BooleanField(
        label=_("Offentlig bilaga"),
        required=False,
        help_text=_("Icke offentliga bilagor visas bara för organets ledamöter."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", _("Hela mötet"))] + [
            (item.pk, f"{item.order}. {item.title}")
            for item in meeting.agenda_items.order_by("order", "pk")
        ]
        self.fields["file"].help_text = _("%(accepted)s Högst %(max)s MB.") % {
            "accepted": ACCEPTED_TEXT,
            "max": max_bytes() // (1024 * 1024),
        }


class AbsenceForm(PageForm):
    id_prefix = "forhinder"

    note = forms.CharField(
        label=_("Meddelande till sekreteraren (frivilligt)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SupplementForm(PageForm):
    id_prefix = "tillagg"

    message = forms.CharField(
        label=_("Meddelande i tillägget (frivilligt)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MeetingCancelForm(NoPersonnummerMixin, PageForm):
    """Why the meeting is cancelled: shown to members and the public."""

    id_prefix = "installt"
    personnummer_fields = ("reason",)

    reason = forms.CharField(
        label=_("Skäl till att mötet ställs in"),
        max_length=1000,
        help_text=_(
            "Visas på mötessidan för alla som kan se mötet, i kalendrarna och i "
            "meddelandet till ledamöterna och ersättarna."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv varför mötet ställs in.")},
    )
