"""A protokoll's history: its revisions, the text at a moment, and what changed
since a signer last looked (paragraphs, attendance, justering details).
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from council.models import Organisation, Person
from meetings.documents.protocol import ATTENDANCE_HEADINGS, paragraph_ranges
from meetings.models import (
    Attendance,
    Paragraph,
    Protocol,
)


@dataclass(frozen=True)
class Revision:
    """One saved state of a protokoll version, from its history."""

    history_id: int
    at: datetime.datetime
    user: Any
    reason: str
    state: str
    lock_version: int


def revisions(*, protocol: Protocol) -> list[Revision]:
    rows = (
        protocol.history.select_related("history_user")
        .order_by("history_date", "history_id")
        .all()
    )
    return [
        Revision(
            history_id=row.history_id,
            at=row.history_date,
            user=row.history_user,
            reason=row.history_change_reason or "",
            state=row.get_state_display(),
            lock_version=row.lock_version,
        )
        for row in rows
    ]


def _paragraph_lines(paragraphs: list[Paragraph]) -> list[str]:
    lines: list[str] = []
    for p in sorted(paragraphs, key=lambda p: p.order):
        lines.append(f"§ {p.number or p.order} {p.heading}")
        for label, value in (
            ("", p.text),
            ("Ställningstagande: ", p.outcome),
            ("Dnr: ", p.dnr),
            ("Yrkanden: ", p.motions),
            ("Reservationer: ", p.reservations),
            ("Protokollsanteckning: ", p.protocol_note),
        ):
            if value:
                lines += [
                    f"{label}{line}" for line in value.splitlines() if line.strip()
                ]
        lines.append("")
    return lines


def text_at(*, protocol: Protocol, when: datetime.datetime | None) -> list[str]:
    """The paragraphs as they read at `when` (now if None), one line per line."""
    if when is None:
        paragraphs = list(Paragraph.objects.filter(protocol=protocol))
    else:
        paragraphs = list(Paragraph.history.as_of(when).filter(protocol_id=protocol.pk))
    return _paragraph_lines(paragraphs)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "same"
    text: str


def diff_lines(before: list[str], after: list[str]) -> list[DiffLine]:
    out = []
    for line in difflib.ndiff(before, after):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(code, "same")
        out.append(DiffLine(kind=kind, text=text))
    return out


def diff_between(
    *,
    protocol: Protocol,
    start: datetime.datetime | None,
    end: datetime.datetime | None,
) -> list[DiffLine]:
    before = text_at(protocol=protocol, when=start) if start else []
    return diff_lines(before, text_at(protocol=protocol, when=end))


def changed_paragraphs_since(
    *, protocol: Protocol, since: datetime.datetime
) -> list[tuple[str, list[DiffLine]]]:
    """Per paragraph that changed after `since`: its heading and the difference."""
    old = {
        p.pk: p for p in Paragraph.history.as_of(since).filter(protocol_id=protocol.pk)
    }
    changes = []
    for p in Paragraph.objects.filter(protocol=protocol).order_by("order"):
        before = _paragraph_lines([old[p.pk]]) if p.pk in old else []
        after = _paragraph_lines([p])
        if before != after:
            changes.append(
                (f"§ {p.number or p.order} {p.heading}", diff_lines(before, after))
            )
    return changes


def _as_of_rows(history: Any, since: datetime.datetime, **where: Any) -> list[Any]:
    """The historical rows as they stood at `since`; a later id wins a tie."""
    latest: dict[int, Any] = {}
    rows = history.filter(history_date__lte=since, **where).latest_of_each()
    for row in rows.order_by("history_date", "history_id"):
        latest[row.id] = row
    return [row for row in latest.values() if row.history_type != "-"]


def _attendance_lines(
    rows: list[Any],
    present_for: dict[int, list[int]],
    names: dict[int, str],
    organisations: dict[int, str],
    number_of_item: dict[int, int],
) -> list[str]:
    rank = {role: index for index, (role, _heading) in enumerate(ATTENDANCE_HEADINGS)}
    lines = []
    shown = [r for r in rows if r.present and r.role in rank]
    for row in sorted(shown, key=lambda r: (rank[r.role], r.order, r.id)):
        parts = [names.get(row.person_id, "") if row.person_id else row.name]
        if row.party:
            parts[0] += f" ({row.party})"
        parts += [
            row.role_note,
            row.title if row.role == Attendance.Role.OTHER else "",
            organisations.get(row.organisation_id, "") or row.organisation_text,
        ]
        if row.replaces_id:
            parts.append(
                _("ersätter %(name)s") % {"name": names.get(row.replaces_id, "")}
            )
        numbers = sorted(
            number_of_item[item]
            for item in present_for.get(row.id, [])
            if item in number_of_item
        )
        if numbers:
            parts.append(
                _("närvarande %(ranges)s") % {"ranges": paragraph_ranges(numbers)}
            )
        label = Attendance.Role(row.role).label
        lines.append(f"{label}: {', '.join(p for p in parts if p)}")
    return lines


def _justering_lines(
    chair_id: int | None,
    justerare_ids: list[int],
    date: datetime.date | None,
    place: str,
    names: dict[int, str],
) -> list[str]:
    justerare = sorted(names.get(pk, "") for pk in justerare_ids)
    return [
        _("Ordförande: %(name)s")
        % {"name": names.get(chair_id, "–") if chair_id else "–"},
        _("Justerare: %(names)s") % {"names": _(" och ").join(justerare) or "–"},
        _("Justering, datum: %(date)s") % {"date": date.isoformat() if date else "–"},
        _("Justering, plats: %(place)s") % {"place": place or "–"},
    ]


def changed_attendance_since(
    *, protocol: Protocol, since: datetime.datetime
) -> list[tuple[str, list[DiffLine]]]:
    """Attendance (who, role, whom a tjänstgörande ersättare replaces, for which
    §§) and the justering details (chair, justerare, date, place), where they
    changed after `since`: per section its heading and the changed lines.

    Read from the history in a fixed number of queries; `protocol` is taken as
    it stands now, so pass it freshly loaded. § numbers are today's, so that
    moving a paragraph does not show as a change of attendance.
    """
    meeting_id = protocol.meeting_id
    now_rows = list(
        Attendance.objects.filter(meeting_id=meeting_id).prefetch_related("present_for")
    )
    now_for = {r.pk: [item.pk for item in r.present_for.all()] for r in now_rows}
    old_rows = _as_of_rows(Attendance.history, since, meeting_id=meeting_id)
    old_for: dict[int, list[int]] = {}
    by_history = {row.history_id: row.id for row in old_rows}
    # Each history row keeps the present_for it had, in its own table.
    old_links = Attendance.history.model.present_for.model.objects.filter(
        history_id__in=list(by_history)
    ).values_list("history_id", "agendaitem_id")
    for history_id, item_id in old_links:
        old_for.setdefault(by_history[history_id], []).append(item_id)

    old_protocol = (
        protocol.history.filter(history_date__lte=since)
        .order_by("-history_date", "-history_id")
        .first()
    )
    justerare_history = Protocol.history.model.justerare.model.objects
    old_justerare = (
        list(
            justerare_history.filter(history_id=old_protocol.history_id).values_list(
                "person_id", flat=True
            )
        )
        if old_protocol
        else []
    )
    now_justerare = list(protocol.justerare.values_list("pk", flat=True))

    people = {r.person_id for r in [*now_rows, *old_rows]}
    people |= {r.replaces_id for r in [*now_rows, *old_rows]}
    people |= {protocol.chair_id, *now_justerare, *old_justerare}
    if old_protocol:
        people.add(old_protocol.chair_id)
    names = {
        pk: person.name
        for pk, person in Person.objects.in_bulk([p for p in people if p]).items()
    }
    organisations = {
        pk: organisation.name
        for pk, organisation in Organisation.objects.in_bulk(
            [r.organisation_id for r in [*now_rows, *old_rows] if r.organisation_id]
        ).items()
    }
    number_of_item = {
        p.agenda_item_id: p.number or p.order
        for p in Paragraph.objects.filter(protocol=protocol, agenda_item__isnull=False)
    }

    sections = [
        (
            _("Närvaro"),
            _attendance_lines(old_rows, old_for, names, organisations, number_of_item),
            _attendance_lines(now_rows, now_for, names, organisations, number_of_item),
        ),
        (
            _("Justering"),
            _justering_lines(
                old_protocol.chair_id,
                old_justerare,
                old_protocol.justering_date,
                old_protocol.justering_place,
                names,
            )
            if old_protocol
            else [],
            _justering_lines(
                protocol.chair_id,
                now_justerare,
                protocol.justering_date,
                protocol.justering_place,
                names,
            ),
        ),
    ]
    changes = []
    for heading, before, after in sections:
        if before != after:
            lines = [d for d in diff_lines(before, after) if d.kind != "same"]
            changes.append((heading, lines))
    return changes
