"""Twenty Swedish queries over the demo data, each with what a reader expects to
find: the judged set the search's precision and recall are measured on.

A hit is named by its kind and its title as the search shows them; the titles of
the 2018 protokoll's paragraphs are shortened to their beginning. The judgements
say what a person asking would want, not what the search happens to return: a
query may have relevant texts that do not contain its words.
"""

P6 = 'Information om förslag på "Överenskommelse om regional samverkan'
P7 = 'Information om förslag på "Överenskommelse om samverkan inom'
P8 = "Framtagandet av handlingsplan för kompetensförsörjning"
P9 = "Information om revidering av aktivitetsplanen"
P10 = "Handlingsplan för digitalisering"


def both(title: str) -> set[tuple[str, str]]:
    """The paragraph of the protokoll and the item of the dagordning it answers."""
    return {("Protokoll", title), ("Dagordning", title)}


def plan(title: str) -> tuple[str, str]:
    return ("Verksamhetsplan", title)


JUDGED: dict[str, set[tuple[str, str]]] = {
    "handlingsplaner": both(P8) | both(P10),
    "FÖRSLAG": both(P6) | both(P7) | {("Protokoll", P8)},
    "yrkesmässan": both("Information om Yrkesmässa"),
    "Lejgren": {("Protokoll", "Mötet öppnas")},
    "Ingmar Ångman": {("Protokoll", P6), ("Protokoll", P7)},
    "familjecentraler": both(P6),
    "digitalisering": both(P10),
    "Komtek": both("Besök från Komtek"),
    "lärarförsörjning": {plan("Diskutera lärarförsörjningen")},
    "gymnasiesamverkan": {
        plan("Utveckla gymnasiesamverkan"),
        plan("Gymnasiesamverkan"),
        ("Nätverk", "GySam"),
    },
    "vuxenutbildning": {
        plan("Utveckla samverkan kring vuxenutbildningen"),
        plan("Vuxenutbildning"),
    },
    "Erasmus": {
        plan("Öka kunskap kring Erasmus+ och ESF+"),
        plan("Öka kunskapen om att finansiera och driva projekt"),
    },
    "temadag": {
        plan("Genomföra en temadag om barn och unga som utmanar"),
        plan("Gemensamt planera och genomföra en temadag"),
    },
    "kunskapslyft barn och unga": both(P9)
    | {plan("Delta vid uppföljning och avslutning för ”Kunskapslyft barn och unga”")},
    "överenskommelser": both(P6)
    | both(P7)
    | {
        plan("Uppföljning av dokument och överenskommelser"),
        plan("Organisatorisk översyn av överenskommelser"),
    },
    "studieresa": {plan("Anordna studieresa för chefsgruppen")},
    "Eva Sund": both("Information från Eva Sund"),
    "lägesrunda från kommunerna": both("Lägesrunda från kommunerna"),
    "kompetensförsörjning": both(P8)
    | {
        plan("Stöd till strategisk kompetensförsörjning"),
        plan("Organisatorisk översyn av överenskommelser"),
    },
    "skolresultaten": {
        plan("Delta i projektet ”Skolresultaten i regionen"),
        plan("Projektet ”Skolresultaten i regionen"),
    },
}


def is_judged(hit, judged: tuple[str, str]) -> bool:
    kind, title = judged
    return hit.kind == kind and hit.title.startswith(title)


def relevant(hit, query: str) -> tuple[str, str] | None:
    """The judged text `hit` is, if any."""
    return next((j for j in JUDGED[query] if is_judged(hit, j)), None)
