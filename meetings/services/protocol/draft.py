"""Saving the editor: the justering details and every paragraph's text at once."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute
from council.models import Person
from meetings.models import Paragraph, Protocol
from meetings.services.protocol.base import (
    EDITABLE_PARAGRAPH_FIELDS,
    JUSTERARE_PLACEHOLDER,
    _editable,
    present_people,
    touch,
)


@transaction.atomic
def protocol_save_draft(
    *,
    protocol_id: int,
    actor: Any,
    base_version: int,
    chair_id: int | None,
    justerare_ids: list[int],
    justering_date: datetime.date | None,
    justering_place: str,
    paragraphs: list[dict[str, Any]],
) -> Protocol:
    """Save the editor: justering details, every paragraph's text and its jäv.

    A paragraph's `recused` (person ids, optional) says who is jävig for it;
    they are chosen among those present.

    Refused with `ProtocolConflict` when the protokoll changed after
    `base_version`; the caller keeps what the user typed.
    """
    protocol = _editable(protocol_id, actor, base_version)
    present = {p.pk: p for p in present_people(protocol.meeting)}
    chosen = list(dict.fromkeys(justerare_ids))
    if any(pk not in present for pk in chosen):
        raise ValidationError(_("Justerare väljs bland dem som var närvarande."))
    if chair_id is not None and chair_id in chosen:
        raise ValidationError(_("Ordföranden kan inte också vara justerare."))
    changed = False
    if chair_id != protocol.chair_id:
        if chair_id is not None and not Person.objects.filter(pk=chair_id).exists():
            raise ValidationError(_("Välj ordförande bland personerna."))
        protocol.chair_id = chair_id
        changed = True
    if (protocol.justering_date, protocol.justering_place) != (
        justering_date,
        justering_place,
    ):
        protocol.justering_date = justering_date
        protocol.justering_place = justering_place
        changed = True
    before = set(protocol.justerare.values_list("pk", flat=True))
    if before != set(chosen):
        attribute(protocol, user=actor, reason=_("Justerare valda"))
        protocol.justerare.set(chosen)
        changed = True
    names = " och ".join(present[pk].name for pk in chosen)

    by_id = {
        p.pk: p
        for p in Paragraph.objects.filter(protocol=protocol).prefetch_related("recused")
    }
    for values in paragraphs:
        paragraph = by_id.get(values["id"])
        if paragraph is None:
            raise ValidationError(_("En paragraf finns inte längre. Ladda om sidan."))
        if "recused" in values and _save_recused(
            paragraph, values["recused"], present=set(present), actor=actor
        ):
            changed = True
        new = {
            name: values[name] for name in EDITABLE_PARAGRAPH_FIELDS if name in values
        }
        if (
            names
            and "justerare" in paragraph.heading.casefold()
            and new.get("text", paragraph.text).strip() == JUSTERARE_PLACEHOLDER
        ):
            new["text"] = _("%(names)s väljs till justerare.") % {"names": names}
        if all(getattr(paragraph, k) == v for k, v in new.items()):
            continue
        for name, value in new.items():
            setattr(paragraph, name, value)
        attribute(paragraph, user=actor, reason=_("Paragrafen redigerad"))
        paragraph.full_clean()
        paragraph.save()
        changed = True
    return touch(
        protocol,
        actor=actor,
        reason=_("Utkastet sparat") if changed else _("Utkastet sparat utan ändringar"),
    )


def _save_recused(
    paragraph: Paragraph, person_ids: list[int], *, present: set[int], actor: Any
) -> bool:
    """Record who is jävig for the paragraph; True if that changed.

    Someone already recorded stays choosable even if the attendance changed
    since, so that saving never drops a jäv silently.
    """
    before = {person.pk for person in paragraph.recused.all()}
    chosen = set(person_ids)
    if chosen == before:
        return False
    if chosen - present - before:
        raise ValidationError(
            _(
                "§ %(number)s: jäv anges för någon som var närvarande vid mötet. Välj bland "
                "de närvarande."
            )
            % {"number": paragraph.number or paragraph.order}
        )
    attribute(paragraph, user=actor, reason=_("Jäv registrerat"))
    paragraph.recused.set(sorted(chosen))
    return True
