"""Forms of the protokoll pages: parse and check input; services save."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from council.models import Membership, Person
from meetings.models import Attendance, Meeting, Paragraph, Protocol
from meetings.services.attachments import ACCEPTED_TEXT, max_bytes, validate_upload
from meetings.services.protocol.base import EDITABLE_PARAGRAPH_FIELDS


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ProtocolHeaderForm(_Form):
    """Who justerar, when and where; and the version the editor started from."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    chair = forms.ModelChoiceField(
        label=_("Ordförande"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– välj –"),
    )
    justerare = forms.ModelMultipleChoiceField(
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

    def __init__(self, *args: Any, present: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in present]
        self.fields["justerare"].queryset = Person.objects.filter(pk__in=ids)
        self.fields["chair"].queryset = Person.objects.filter(pk__in=ids) | (
            Person.objects.filter(pk=self.initial.get("chair"))
        )
        order = {pk: index for index, pk in enumerate(ids)}
        self.fields["justerare"].choices = sorted(
            self.fields["justerare"].choices, key=lambda c: order.get(c[0].value, 0)
        )

    @classmethod
    def initial_for(cls, protocol: Protocol) -> dict[str, Any]:
        return {
            "lock_version": protocol.lock_version,
            "chair": protocol.chair_id,
            "justerare": list(protocol.justerare.values_list("pk", flat=True)),
            "justering_date": protocol.justering_date,
            "justering_place": protocol.justering_place,
        }


class ParagraphForm(_Form):
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

    # The paragraph's own text, in the order the editor shows it.
    TEXT_FIELDS = EDITABLE_PARAGRAPH_FIELDS
    EXTRA_FIELDS = (
        "new_action",
        "new_action_assignee",
        "attachment_file",
        "attachment_title",
        "attachment_public",
    )

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
        self.fields["attachment_file"].help_text = _(
            "%(accepted)s Högst %(max)s MB."
        ) % {"accepted": ACCEPTED_TEXT, "max": max_bytes() // (1024 * 1024)}

    @classmethod
    def initial_for(cls, paragraph: Paragraph) -> dict[str, Any]:
        initial = {name: getattr(paragraph, name) for name in cls.TEXT_FIELDS}
        initial["recused"] = [person.pk for person in paragraph.recused.all()]
        return initial

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.TEXT_FIELDS]

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

    def service_values(self) -> dict[str, Any]:
        values = {
            k: v for k, v in self.cleaned_data.items() if k not in self.EXTRA_FIELDS
        }
        if not values.pop("recused_shown", False):
            values.pop("recused", None)
        values["id"] = self.paragraph.pk
        return values

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


# Attendance -----------------------------------------------------------------------

ROLE_CHOICES = [
    ("", _("Inte närvarande")),
    (Attendance.Role.MEMBER, _("Närvarande ledamot")),
    (Attendance.Role.SERVING_SUBSTITUTE, _("Tjänstgörande ersättare")),
    (Attendance.Role.SUBSTITUTE, _("Ej tjänstgörande ersättare")),
]
RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def parse_paragraphs(value: str) -> list[int]:
    """'1–6, 9' -> [1, 2, 3, 4, 5, 6, 9]."""
    numbers: list[int] = []
    for part in filter(None, (p.strip() for p in value.replace("§", "").split(","))):
        match = RANGE.match(part)
        if not match:
            raise ValidationError(_("Skriv paragrafer som 1–6, 9."))
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise ValidationError(_("Skriv paragrafer som 1–6, 9."))
        numbers += range(first, last + 1)
    return sorted(set(numbers))


class AttendanceForm(_Form):
    """One row per member of the body, and free rows for övriga närvarande."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    EXTRA_OTHERS = 3

    def __init__(
        self,
        *args: Any,
        seats: list[Membership],
        rows: dict[int, Attendance],
        others: list[Attendance],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.seats = seats
        voting = [s.person for s in seats if s.role in Membership.VOTING_ROLES]
        self.member_rows = []
        for seat in seats:
            pid = seat.person_id
            row = rows.get(pid)
            if row is not None:
                role = row.role if row.present else ""
            elif seat.role in Membership.VOTING_ROLES:
                role = Attendance.Role.MEMBER
            else:
                role = ""
            self.fields[f"role_{pid}"] = forms.ChoiceField(
                label=_("Närvaro"), choices=ROLE_CHOICES, required=False, initial=role
            )
            self.fields[f"replaces_{pid}"] = forms.ChoiceField(
                label=_("Ersätter"),
                choices=[("", "–")] + [(p.pk, p.name) for p in voting if p.pk != pid],
                required=False,
                initial=row.replaces_id if row else "",
            )
            self.fields[f"paragraphs_{pid}"] = forms.CharField(
                label=_("Bara vid §§"),
                required=False,
                help_text=_("T.ex. 1–6. Tomt: hela mötet."),
            )
            self.member_rows.append(
                {
                    "seat": seat,
                    "row": row,
                    "role": self[f"role_{pid}"],
                    "replaces": self[f"replaces_{pid}"],
                    "paragraphs": self[f"paragraphs_{pid}"],
                }
            )
        self.other_rows = []
        for index, other in enumerate([*others, *[None] * self.EXTRA_OTHERS]):
            prefix = f"other_{index}"
            self.fields[f"{prefix}_id"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=other and other.pk
            )
            self.fields[f"{prefix}_name"] = forms.CharField(
                label=_("Namn"),
                max_length=200,
                required=False,
                initial=other.display_name if other else "",
            )
            self.fields[f"{prefix}_title"] = forms.CharField(
                label=_("Titel"),
                max_length=200,
                required=False,
                initial=other.title if other else "",
            )
            self.fields[f"{prefix}_organisation"] = forms.CharField(
                label=_("Organisation"),
                max_length=200,
                required=False,
                initial=(
                    (other.organisation.name if other.organisation_id else "")
                    or other.organisation_text
                )
                if other
                else "",
            )
            fields = {
                name: self[f"{prefix}_{name}"]
                for name in ("id", "name", "title", "organisation")
            }
            if other is not None:
                self.fields[f"{prefix}_delete"] = forms.BooleanField(
                    label=_("Ta bort"), required=False
                )
                fields["delete"] = self[f"{prefix}_delete"]
            self.other_rows.append(fields)

    def set_present_for(self, present_for: dict[int, str]) -> None:
        for pid, text in present_for.items():
            name = f"paragraphs_{pid}"
            if name in self.fields:
                self.fields[name].initial = text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for seat in self.seats:
            pid = seat.person_id
            try:
                data[f"paragraphs_{pid}"] = parse_paragraphs(
                    data.get(f"paragraphs_{pid}") or ""
                )
            except ValidationError as error:
                self.add_error(f"paragraphs_{pid}", error)
            if data.get(f"role_{pid}") == Attendance.Role.SERVING_SUBSTITUTE and not (
                data.get(f"replaces_{pid}")
            ):
                self.add_error(
                    f"replaces_{pid}",
                    _("Ange vem den tjänstgörande ersättaren ersätter."),
                )
        return data

    def members(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "person_id": seat.person_id,
                "role": data.get(f"role_{seat.person_id}") or "",
                "replaces_id": int(data[f"replaces_{seat.person_id}"])
                if data.get(f"replaces_{seat.person_id}")
                else None,
                "paragraphs": data.get(f"paragraphs_{seat.person_id}") or [],
            }
            for seat in self.seats
        ]

    def others(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        result = []
        for index in range(len(self.other_rows)):
            prefix = f"other_{index}"
            result.append(
                {
                    "id": data.get(f"{prefix}_id"),
                    "name": data.get(f"{prefix}_name") or "",
                    "title": data.get(f"{prefix}_title") or "",
                    "organisation": data.get(f"{prefix}_organisation") or "",
                    "delete": bool(data.get(f"{prefix}_delete")),
                }
            )
        return result


# Justering ------------------------------------------------------------------------


class _StepUpForm(_Form):
    """Step-up: the signer confirms with their password before signing."""

    password_required = _("Skriv ditt lösenord.")
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password"].error_messages["required"] = self.password_required

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Lösenordet stämmer inte. Försök igen."))
        return password


class JusteraForm(_StepUpForm):
    """The chair or a justerare justerar, and signs, the text as it stands."""

    password_required = _("Skriv ditt lösenord för att justera.")
    confirm = forms.BooleanField(
        label=_("Jag har läst protokollet och justerar det i den här lydelsen."),
        error_messages={"required": _("Bekräfta att du justerar protokollet.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "justera_%s")
        super().__init__(*args, user=user, **kwargs)


class SendForm(_StepUpForm):
    """The secretary sends the protokoll for justering and signs it "Vid protokollet"."""

    password_required = _(
        "Skriv ditt lösenord för att skicka protokollet för justering: du "
        "undertecknar det vid protokollet."
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "skicka_%s")
        super().__init__(*args, user=user, **kwargs)


class CorrectionForm(_Form):
    reason = forms.CharField(
        label=_("Skäl till rättelsen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Ange skälet till rättelsen.")},
        help_text=_("Visas i den nya versionen och i historiken."),
    )
