"""Attendance as the protokoll records it: members, ersättare and others, and
which paragraphs someone attended.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from council.forms import PageForm
from council.models import Membership
from meetings.models import Attendance

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


class AttendanceForm(PageForm):
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
