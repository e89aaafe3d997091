"""The editor's forms: the justering details, and each paragraph with its uppdrag,
bilagor and jäv.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from council.forms import KeysModelMultipleChoiceField, PageForm
from council.models import Person
from council.uploads import ACCEPTED_TEXT
from meetings.models import Meeting, Paragraph, Protocol
from meetings.services.attachments import max_bytes, validate_upload
from meetings.services.protocol.base import EDITABLE_PARAGRAPH_FIELDS


class ProtocolHeaderForm(PageForm):
    """Who justerar, when and where; and the version the editor started from."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    chair = forms.ModelChoiceField(
        label=_("Ordförande"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– välj –"),
    )
    justerare = KeysModelMultipleChoiceField(
        label=_("Justerare"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Väljs bland de närvarande."),
    )
    justering_date = forms.DateField(
        label=_("Justering, datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ange datum som ÅÅÅÅ-MM-DD.")},
    )
    justering_place = forms.CharField(
        label=_("Justering, plats"), max_length=200, required=False
    )

    def __init__(
        self,
        *args: Any,
        present: list[Person],
        meeting: Meeting | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        ids = [p.pk for p in present]
        self.fields["justerare"].queryset = Person.objects.filter(pk__in=ids)
        self.fields["chair"].queryset = Person.objects.filter(pk__in=ids) | (
            Person.objects.filter(pk=self.initial.get("chair"))
        )
        order = {pk: index for index, pk in enumerate(ids)}
        self.fields["justerare"].choices = sorted(
            self.fields["justerare"].choices, key=lambda c: order.get(c[0].value, 0)
        )

    def clean_justering_date(self) -> datetime.date | None:
        day = self.cleaned_data.get("justering_date")
        if self.meeting is not None:
            try:
                self.meeting.check_justering_date(day)
            except ValidationError as error:
                raise ValidationError(error.message_dict["justering_date"]) from error
        return day

    def service_values(self) -> dict[str, Any]:
        """The cleaned header as the drafting services take it."""
        data = self.cleaned_data
        return {
            "base_version": data["lock_version"],
            "chair_id": data["chair"].pk if data["chair"] else None,
            "justerare_ids": [p.pk for p in data["justerare"]],
            "justering_date": data["justering_date"],
            "justering_place": data["justering_place"],
        }

    @classmethod
    def initial_for(cls, protocol: Protocol) -> dict[str, Any]:
        return {
            "lock_version": protocol.lock_version,
            "chair": protocol.chair_id,
            "justerare": list(protocol.justerare.values_list("pk", flat=True)),
            "justering_date": protocol.justering_date,
            "justering_place": protocol.justering_place,
        }


class ParagraphTextForm(PageForm):
    """A paragraph's text and jäv: what Spara and the autosave both save."""

    heading = forms.CharField(label=_("Rubrik"), max_length=500)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Markdown: tom rad mellan stycken, - för punktlista, **fetstil**, "
            "[länktext](https://…)."
        ),
    )
    outcome = forms.CharField(
        label=_("Ställningstagande"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dnr = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    presenter = forms.CharField(label=_("Föredragande"), max_length=300, required=False)
    motions = forms.CharField(
        label=_("Yrkanden"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reservations = forms.CharField(
        label=_("Reservationer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    protocol_note = forms.CharField(
        label=_("Protokollsanteckning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_public = forms.BooleanField(label=_("Offentlig paragraf"), required=False)
    recused = forms.TypedMultipleChoiceField(
        label=_("Jäv"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Den som är jävig deltar inte i handläggningen och är inte närvarande "
            "vid paragrafen. Väljs bland de närvarande."
        ),
    )
    # Set when the jäv checkboxes were on the page, so that a save without them
    # leaves the paragraph's jäv as it is.
    recused_shown = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # The paragraph's own text, in the order the editor shows it.
    TEXT_FIELDS = EDITABLE_PARAGRAPH_FIELDS
    MAIN_FIELDS = ("heading", "text", "outcome", "is_public")
    # Fields that are not the paragraph's text (the editor's subclass has them).
    EXTRA_FIELDS: tuple[str, ...] = ()

    def __init__(
        self,
        *args: Any,
        paragraph: Paragraph,
        decides: str,
        present: list[Person] | None = None,
        show_recused: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"p{paragraph.pk}")
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        self.paragraph = paragraph
        self.fields["outcome"].help_text = decides
        # Whoever is already recorded stays a choice even if no longer present.
        recused = list(paragraph.recused.all())
        people = {p.pk: p for p in present or []}
        for person in recused:
            people.setdefault(person.pk, person)
        self.fields["recused"].choices = [(pk, p.name) for pk, p in people.items()]
        # Most paragraphs have no jäv: their checkboxes appear on request only.
        if self.is_bound:
            shown = self.data.get(self.add_prefix("recused_shown"), "")
            self.show_recused = shown in ("True", "true", "on", "1")
        else:
            self.show_recused = bool(show_recused or recused)
        self.fields["recused_shown"].initial = self.show_recused
        self.can_recuse = bool(people)

    @classmethod
    def posted_differs(cls, data: Any, paragraph: Paragraph) -> bool:
        """Whether the posted text of a paragraph may differ from what is stored
        (a cheap check before a form is built: it may say yes for text that
        cleans to the same)."""
        prefix = f"p{paragraph.pk}-"
        if data.get(prefix + "recused_shown") in ("True", "true", "on", "1"):
            return True
        for name in cls.TEXT_FIELDS:
            value = data.get(prefix + name)
            if name == "is_public":
                if (value in ("on", "true", "True", "1")) != paragraph.is_public:
                    return True
            elif value is not None and value != getattr(paragraph, name):
                return True
        return False

    @classmethod
    def initial_for(cls, paragraph: Paragraph) -> dict[str, Any]:
        initial = {name: getattr(paragraph, name) for name in cls.TEXT_FIELDS}
        initial["recused"] = [person.pk for person in paragraph.recused.all()]
        return initial

    def service_values(self) -> dict[str, Any]:
        values = {
            k: v for k, v in self.cleaned_data.items() if k not in self.EXTRA_FIELDS
        }
        if not values.pop("recused_shown", False):
            values.pop("recused", None)
        values["id"] = self.paragraph.pk
        return values


class ParagraphForm(ParagraphTextForm):
    """A paragraph in the editor: its text and jäv, a new uppdrag and a new bilaga."""

    new_action = forms.CharField(
        label=_("Nytt uppdrag: vad"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    new_action_assignee = forms.CharField(
        label=_("Nytt uppdrag: vem"),
        max_length=200,
        required=False,
        help_text=_("Namn och organisation, t.ex. Ewa Lindberg, Region Örebro län."),
    )
    attachment_file = forms.FileField(
        label=_("Ny bilaga: fil"),
        required=False,
        error_messages={"empty": _("Filen är tom."), "missing": _("Välj en fil.")},
    )
    attachment_title = forms.CharField(
        label=_("Ny bilaga: titel"),
        max_length=300,
        required=False,
        help_text=_("Lämna tomt för att använda filnamnet."),
    )
    attachment_public = forms.BooleanField(
        label=_("Bilagan är offentlig"),
        required=False,
        help_text=_("Icke offentliga bilagor visas inte för allmänheten."),
    )

    EXTRA_FIELDS = (
        "new_action",
        "new_action_assignee",
        "attachment_file",
        "attachment_title",
        "attachment_public",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachment_file"].help_text = _(
            "%(accepted)s Högst %(max)s MB."
        ) % {"accepted": ACCEPTED_TEXT, "max": max_bytes() // (1024 * 1024)}

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.TEXT_FIELDS]

    def main_fields(self) -> list[forms.BoundField]:
        """What every paragraph shows: heading, text, outcome, and if public."""
        return [self[name] for name in self.MAIN_FIELDS]

    def more_fields(self) -> list[forms.BoundField]:
        """The optional fields, folded until used."""
        return [self[name] for name in self.TEXT_FIELDS if name not in self.MAIN_FIELDS]

    def _used(self, names: tuple[str, ...]) -> bool:
        """Whether any of the fields holds something or has an error."""
        for name in names:
            if self.errors.get(name):
                return True
            value = self[name].value()
            if isinstance(value, str) and value.strip():
                return True
        return False

    def opens(
        self, *, action_items: bool, attachments: bool, recused: bool
    ) -> dict[str, bool]:
        """Which folded parts start open: those that hold something or an error."""
        more = tuple(n for n in self.TEXT_FIELDS if n not in self.MAIN_FIELDS)
        return {
            "more": self._used(more),
            "jav": recused or self.show_recused or bool(self.errors.get("recused")),
            "actions": action_items
            or self._used(("new_action", "new_action_assignee")),
            "attachments": attachments
            or bool(self.errors.get("attachment_file"))
            or self._used(("attachment_title",)),
        }

    def clean_attachment_file(self) -> Any:
        uploaded = self.cleaned_data.get("attachment_file")
        if uploaded:
            validate_upload(uploaded)
        return uploaded

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("attachment_title") and not (
            data.get("attachment_file") or self.has_error("attachment_file")
        ):
            self.add_error(
                "attachment_file", _("Välj en fil till bilagan, eller töm titeln.")
            )
        return data

    def attachment(self) -> dict[str, Any] | None:
        """The bilaga to upload with this save, if a file was chosen."""
        uploaded = self.cleaned_data.get("attachment_file")
        if not uploaded:
            return None
        return {
            "uploaded": uploaded,
            "title": self.cleaned_data.get("attachment_title") or "",
            "is_public": bool(self.cleaned_data.get("attachment_public")),
        }


def outcome_help(meeting: Meeting) -> str:
    """What the outcome says: a decision, or a recommendation and who decides."""
    body = meeting.body
    if body.has_decision_power:
        return str(_("Beslutet, t.ex. ”Rådet beslutar att …”."))
    decides = body.deciding_bodies or _("andra organ")
    return str(
        _(
            "Organet beslutar inte utan rekommenderar, t.ex. ”%(body)s ställer sig "
            "bakom förslaget”. Skriv vem som beslutar: %(decides)s."
        )
        % {"body": body.short_name, "decides": decides}
    )
