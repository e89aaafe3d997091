"""The one personnummer detector: what it finds, and what it leaves alone."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from council.personnummer import (
    check_no_personnummer,
    find_personnummer,
    luhn_valid,
    personnummer_places,
    where_list,
)

# (text, what is found); every number found passes the Luhn check.
FOUND = [
    # The reviewer's two examples: en dash, and a space.
    ("Anmälan från 19121212–1212 diskuterades.", ["19121212–1212"]),
    ("Född 20101010 1234, folkbokförd i Kumla.", ["20101010 1234"]),
    # The four forms with a hyphen or nothing between.
    ("Personnummer 850709-1232 nämndes.", ["850709-1232"]),
    ("Personnummer 19850709-1232 nämndes.", ["19850709-1232"]),
    ("Personnummer 8507091232 nämndes.", ["8507091232"]),
    ("Personnummer 198507091232 nämndes.", ["198507091232"]),
    # The other separators: minus sign, plus (100 years or older), no-break space.
    ("Personnummer 850709−1232.", ["850709−1232"]),
    ("Personnummer 121212+1212 (över 100 år).", ["121212+1212"]),
    ("Personnummer 850709\u00a01232.", ["850709\u00a01232"]),
    # Samordningsnummer: the day plus 60.
    ("Samordningsnummer 850769-1239.", ["850769-1239"]),
    ("Samordningsnummer 19850769-1239.", ["19850769-1239"]),
    # 29 February of a leap year.
    ("Född 000229-1235.", ["000229-1235"]),
    # At the start and the end of the text, and beside punctuation.
    ("811218-9876 anmälde förhinder", ["811218-9876"]),
    ("Anmälan gjordes av 811218-9876", ["811218-9876"]),
    ("(811218-9876)", ["811218-9876"]),
    ("Pnr: 811218-9876.", ["811218-9876"]),
    ("”811218-9876”, sade hon", ["811218-9876"]),
    (
        "811218-9876, 121212-1212 och 4501012340",
        ["811218-9876", "121212-1212", "4501012340"],
    ),
    ("Namn (pnr 811218-9876): Anna", ["811218-9876"]),
]

NOT_FOUND = [
    # Luhn fails.
    "Personnummer 850709-1234 nämndes.",
    "Personnummer 19850709-1234 nämndes.",
    "Samordningsnummer 850769-1234.",
    # No such date.
    "Nummer 851309-1232.",
    "Nummer 850732-1238.",
    "Nummer 010229-1234 (2001 var inget skottår).",
    # Dates and years, alone or as ranges.
    "Mötet hölls 2018-09-28 kl 09:00.",
    "Mötet hölls 20180928 och 180928.",
    "Planen gäller 2018–2019.",
    "Handlingsplan 2020–2024, Kunskapslyft 2016–2022.",
    "Perioden 20180101–20181231.",
    "Perioden 180101–181231.",
    # Phone numbers.
    "Telefon 019-602 10 00.",
    "Mobil 070-123 45 67.",
    "Mobil +46 70 123 45 67.",
    "Telefon 019-6021000.",
    # Diarienummer.
    "Dnr RS 2018/00123-12345.",
    "Dnr 18RS1234.",
    "Dnr RS 2018/8112189876.",
    # An account number and an IBAN, and a long run of digits.
    "Bankgiro 5050-1055, konto 8112-189876.",
    "IBAN SE35 5000 0000 0549 1000 0003.",
    "IBAN SE3550000000054910000003.",
    "Ordernummer 1811218987612.",
    # Longer numbers that hold a personnummer-like run.
    "Referens 1-811218-9876.",
    "Referens 811218-9876-2.",
    "Referens 811218-9876.5",
    # Amounts and percentages.
    "Ca 1,6 miljoner per år, 83 procent.",
    "Budget 1 850 709 kr.",
    "Summa 12 345 678,90 kr.",
    "",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_personnummer_is_found(text, expected):
    assert [hit.match for hit in find_personnummer(text)] == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_what_is_not_a_personnummer_is_left_alone(text):
    assert find_personnummer(text) == []


def test_there_are_enough_cases():
    assert len(FOUND) + len(NOT_FOUND) >= 30


def test_a_hit_says_where_it_stands_and_whether_samordningsnummer():
    text = "A 850769-1239 och 811218-9876"
    first, second = find_personnummer(text)
    assert text[first.start : first.end] == "850769-1239"
    assert first.samordningsnummer
    assert text[second.start : second.end] == "811218-9876"
    assert not second.samordningsnummer


def test_luhn():
    assert luhn_valid("8112189876")
    assert not luhn_valid("8112189875")


def test_places_are_reported_once_each_in_order():
    places = personnummer_places(
        [
            ("§ 1", "811218-9876"),
            ("§ 2", "ingenting"),
            ("§ 4", "121212-1212 8112189876"),
        ]
    )
    assert [(p.where, p.match) for p in places] == [
        ("§ 1", "811218-9876"),
        ("§ 4", "121212-1212"),
        ("§ 4", "8112189876"),
    ]
    assert where_list(places) == "§ 1, § 4"


def test_check_refuses_field_by_field_in_swedish():
    with pytest.raises(ValidationError) as caught:
        check_no_personnummer({"title": "Anna 811218-9876", "text": "Inget här"})
    errors = caught.value.message_dict
    assert list(errors) == ["title"]
    assert "ser ut som ett personnummer (811218-9876)" in errors["title"][0]
    assert "Personnummer får aldrig publiceras" in errors["title"][0]
    check_no_personnummer({"title": "Budget 2018–2019"})
