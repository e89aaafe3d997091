"""Shared defaults of the factories: Swedish names and places, the first meeting."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


FIRST_MEETING = datetime.datetime(2026, 2, 3, 9, 0, tzinfo=STOCKHOLM)


FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders"]


LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson"]


PDF_BYTES = b"%PDF-1.4\n% Underlag till dagordningen\n"


PLACES = ["Örebro", "Karlskoga", "Lindesberg", "Kumla", "Hallsberg", "Askersund"]


def swedish_name(n: int) -> str:
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"
