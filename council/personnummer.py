"""Finding personnummer and samordningsnummer in text that may become public.

A personnummer is a date of birth and four digits, the last a Luhn check digit:
YYMMDD-NNNN (ten digits) or YYYYMMDD-NNNN (twelve). Between the date and the
last four there may be a hyphen or another dash, a plus (used from the year one
turns 100), a space, or nothing. A samordningsnummer is the same with 60 added
to the day. A date alone (850709, 1985-07-09) is not a personnummer and is not
found: only a date followed by the four last digits is.

To keep false alarms down a hit must have a real date and a valid check digit,
and must not be part of a longer number: digits, or digits joined by a dash, a
slash or a full stop, right before or after it make it a phone number, a
diarienummer, an account number or an amount instead.

Every place that stores text for the public asks the same detector: publishing a
protokoll or a plan is refused while one is found, and forms and services refuse
to save an agenda item, an attachment or a plan entry that holds one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Hyphen, the Unicode hyphens and dashes (– en dash, — em dash), the minus sign.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
# Plain, no-break and narrow no-break space.
SPACES = " \u00a0\u202f"
SEPARATORS = DASHES + "+" + SPACES
# Characters that join digits into one longer number: "070-123", "2018/0012",
# "1.850.709".
JOINERS = DASHES + "/."

_CANDIDATE = re.compile(
    rf"""
    (?<!\d)(?<!\d[{JOINERS}])          # not the tail of a longer number
    (?P<century>1[89]|20)?
    (?P<date>\d{{6}})
    (?P<separator>[{SEPARATORS}]?)
    (?P<last>\d{{4}})
    (?!\d)(?![{JOINERS}]\d)            # nor its head
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class PersonnummerHit:
    """What was found: the text as written and where in the text it stands."""

    match: str
    start: int
    end: int
    samordningsnummer: bool = False


@dataclass(frozen=True)
class PersonnummerPlace:
    """A hit in a document of several texts: which part holds it."""

    where: str
    match: str


def luhn_valid(digits: str) -> bool:
    """The Luhn check over the ten digits YYMMDDNNNN."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value // 10 + value % 10
    return total % 10 == 0


def _day_exists(years: Iterable[int], month: int, day: int) -> bool:
    return any(1 <= day <= calendar.monthrange(year, month)[1] for year in years)


def _birth_date(century: str | None, date: str) -> tuple[bool, bool]:
    """(whether the six digits are a birth date, whether a samordningsnummer)."""
    yy, month, day = int(date[:2]), int(date[2:4]), int(date[4:])
    if not 1 <= month <= 12:
        return False, False
    # Without the century the year is any of three; 29 February needs a leap one.
    years = [int(century) * 100 + yy] if century else [1800 + yy, 1900 + yy, 2000 + yy]
    if _day_exists(years, month, day):
        return True, False
    if day > 60 and _day_exists(years, month, day - 60):
        return True, True
    return False, False


def find_personnummer(text: str) -> list[PersonnummerHit]:
    """Every personnummer and samordningsnummer in `text`, in order."""
    hits = []
    for candidate in _CANDIDATE.finditer(text or ""):
        date, last = candidate["date"], candidate["last"]
        is_date, samordning = _birth_date(candidate["century"], date)
        if is_date and luhn_valid(date + last):
            hits.append(
                PersonnummerHit(
                    match=candidate.group(0),
                    start=candidate.start(),
                    end=candidate.end(),
                    samordningsnummer=samordning,
                )
            )
    return hits


def contains_personnummer(text: str) -> bool:
    return bool(find_personnummer(text))


def personnummer_places(
    texts: Iterable[tuple[str, str]],
) -> list[PersonnummerPlace]:
    """The hits in a document given as (where, text) pairs, e.g. ("§ 4", text)."""
    return [
        PersonnummerPlace(where, hit.match)
        for where, text in texts
        for hit in find_personnummer(text)
    ]


def where_list(places: Iterable[PersonnummerPlace]) -> str:
    """The parts that hold a hit, each once, in order: "§ 1, § 4"."""
    return ", ".join(dict.fromkeys(place.where for place in places))


# Refusing to save -----------------------------------------------------------------


def _refuse(hits: list[PersonnummerHit], message: str) -> None:
    if hits:
        raise ValidationError(
            message % {"match": ", ".join(hit.match for hit in hits)},
            code="personnummer",
        )


def validate_no_personnummer(value: str) -> None:
    """A field validator: refuses text that holds a personnummer, saying which."""
    _refuse(
        find_personnummer(value) if isinstance(value, str) else [],
        _(
            "Texten innehåller något som ser ut som ett personnummer "
            "(%(match)s). Personnummer får aldrig publiceras: ta bort det och "
            "spara igen."
        ),
    )


def validate_filename_no_personnummer(name: str) -> None:
    """Refuses a file whose name holds a personnummer: the name is shown too."""
    _refuse(
        find_personnummer(name or ""),
        _(
            "Filnamnet innehåller något som ser ut som ett personnummer "
            "(%(match)s). Personnummer får aldrig publiceras: byt namn på filen "
            "och ladda upp den igen."
        ),
    )


def check_no_personnummer(fields: Mapping[str, str]) -> None:
    """Refuse, field by field, text about to be stored that holds a personnummer.

    Services call this with the texts they are given; forms attach the same
    validator to their fields (`council.forms.NoPersonnummerMixin`).
    """
    errors: dict[str, list[ValidationError]] = {}
    for name, value in fields.items():
        try:
            validate_no_personnummer(value)
        except ValidationError as error:
            errors[name] = [error]
    if errors:
        raise ValidationError(errors)
