"""The meeting of 2018-09-28; its paragraphs are in protokoll_2018_09_28.json."""

from pathlib import Path

PROTOKOLL_JSON = Path(__file__).with_name("protokoll_2018_09_28.json")

MEETING_2018 = {
    "starts": "2018-09-28 09:00",
    "ends": "2018-09-28 12:00",
    "location": "Konferenslokal Lärken",
    "address": "Eklundavägen 1, Örebro",
    "justerat_on": "2018-10-12",
}
