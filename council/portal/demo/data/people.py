"""Organisations, people and bodies of the seeds, the council's standard agenda and
the demo logins."""

REGION = "Region Örebro län"

# (official name, short name, kind, spellings used in the seeds)
ORGANISATIONS = [
    (REGION, "Regionen", "region", []),
    ("Askersunds kommun", "Askersund", "kommun", ["Askersund kommun"]),
    ("Degerfors kommun", "Degerfors", "kommun", []),
    ("Hallsbergs kommun", "Hallsberg", "kommun", []),
    ("Hällefors kommun", "Hällefors", "kommun", []),
    ("Karlskoga kommun", "Karlskoga", "kommun", []),
    ("Kumla kommun", "Kumla", "kommun", []),
    ("Laxå kommun", "Laxå", "kommun", []),
    ("Lekebergs kommun", "Lekeberg", "kommun", ["Lekeberg kommun"]),
    ("Lindesbergs kommun", "Lindesberg", "kommun", ["Lindesberg kommun"]),
    ("Ljusnarsbergs kommun", "Ljusnarsberg", "kommun", ["Ljusnarsberg kommun"]),
    ("Nora kommun", "Nora", "kommun", []),
    ("Örebro kommun", "Örebro", "kommun", []),
]
OTHER_ORGANISATIONS = [
    ("Örebro universitet", "ORU", "annan", ["ORU"]),
]

# The ledamöter present on 2018-09-28, in the protokoll's order:
# (name, aliases, party, organisation, role in the council)
LEDAMOTER_2018 = [
    ("Ronny Larsson", [], "S", "Askersunds kommun", "ledamot"),
    ("Markus Sukuvaara", [], "V", "Degerfors kommun", "ledamot"),
    ("Siw Lunander", [], "S", "Hallsbergs kommun", "ledamot"),
    ("Christina Johansson", [], "M", "Hällefors kommun", "ledamot"),
    ("Yvonne Nilsson", [], "S", "Karlskoga kommun", "ledamot"),
    ("Oscar Svärd", ["Oskar Svärd"], "M", "Kumla kommun", "ledamot"),
    ("Arne Augustsson", [], "C", "Laxå kommun", "ledamot"),
    ("Håkan Söderman", [], "M", "Lekebergs kommun", "vice_ordforande"),
    ("Linda Svahn", [], "S", "Lindesbergs kommun", "ledamot"),
    ("Ulla Kalandar Karlsson", [], "S", "Ljusnarsbergs kommun", "ledamot"),
    ("Ulla Bergström", [], "S", "Nora kommun", "ledamot"),
    ("Jessica Ekebring", [], "S", "Örebro kommun", "ledamot"),
    ("Irén Lejegren", ["Irén Lejgren"], "S", REGION, "ordforande"),
]
CHAIR_TITLE = "Ordförande i Regionala tillväxtnämnden"

SECRETARY = ("Anna Elverskog", "Sekreterare, Förv. Regional utveckling", REGION)

# Övriga närvarande 2018-09-28, in the protokoll's order: (name, aliases, title)
OTHERS_2018 = [
    ("Ewa Lindberg", [], ""),
    (
        "Anita Thorsberg Ladinek",
        ["Anita T Ladinek", "Anita Thorsberg"],
        "Utvecklingsledare",
    ),
    ("Eva Sund", [], "Utvecklingsledare"),
    ("Maria Svensson Hallberg", [], "Utvecklingsledare"),
]

# Guests who presented items: (name, aliases, title, organisation or None)
GUESTS_2018 = [
    ("Niklas Jarl", [], "Enhetschef, Komtek", None),
    ("Susanne Skagersten", [], "Projektledare och teknikpedagog, Komtek", None),
    ("Ingemar Ångman", ["Ingmar Ångman"], "Områdeschef, Välfärd och folkhälsa", REGION),
]

# The 2018 members' seats. The seeds give no term, so the seat runs from the
# region's cooperation structure of 2015 and is open-ended: the demo council
# needs current members for every workflow to be tried.
TERM_STARTS = "2015-01-01"

COUNCIL = {
    "slug": "ssr",
    "name": "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning",
    "short_name": "SSR",
    "kind": "samverkansrad",
    "office": "Förv. Regional utveckling",
    "area": "Utbildning och arbetsmarknad",
    "has_decision_power": False,
    "deciding_bodies": "Kommunerna och regionstyrelsen",
    "numbering": "per_mote",
    "uses_anslag": False,
    "min_meetings_per_year": 4,
    "description": (
        "I samband med regionbildningen 2015 byggdes en ny samverkansstruktur med "
        "länets alla kommuner och Region Örebro län. Samverkansorganisationen ska ge "
        "bra förutsättningar för ett framgångsrikt utvecklingsarbete och skapar "
        "mötesplatser för att diskutera gemensamma frågor och hitta bra och nära "
        "samverkansformer. Rådet är ett forum där kommunernas och regionens "
        "politiker träffas, och kan även användas som mötesplats för "
        "mellankommunala frågor.\n\n"
        "Rådet har ingen formell beslutsstatus eller beslutande rätt utan kan endast "
        "bereda och rekommendera regionen och kommunerna inför beslut. Regionens "
        "ledamot är ordförande (ordförande i Regionala tillväxtnämnden) och "
        "kommunerna utser tillsammans en vice ordförande. Regionen ansvarar för "
        "sekreterarfunktionen. Rådet sammanträder minst 4 gånger per år."
    ),
    "mandate": (
        "- Initiera och samråda om frågor inom verksamhetsområdet som är "
        "strategiska och viktiga för regionen.\n"
        "- Samordna det regionala utvecklingsarbetet med det lokala.\n"
        "- Vara ett forum för regional och kommunal omvärlds- och "
        "intressebevakning.\n"
        "- Ta fram en verksamhetsplan och göra en uppföljning varje år."
    ),
}

CHEFSGRUPPEN = {
    "slug": "chefsgruppen",
    "name": (
        "Chefsgruppen – tjänstemannastöd för skola, utbildning och kompetensförsörjning"
    ),
    "short_name": "Chefsgruppen",
    "kind": "tjanstemannagrupp",
    "office": "Förv. Regional utveckling",
    "area": "Utbildning och arbetsmarknad",
    "has_decision_power": False,
    "deciding_bodies": "",
    "numbering": "per_mote",
    "uses_anslag": False,
    "min_meetings_per_year": 0,
    "description": (
        "Chefsgruppen är det specifika samverkansrådets tjänstemannastöd och "
        "beredningsorgan, med tjänstepersoner (skolchefer) från Region Örebro län "
        "och kommunerna. Gruppen leds av områdeschefen för Utbildning och "
        "arbetsmarknad, Regional utveckling, och består av ordinarie ledamöter och "
        "inga ersättare."
    ),
    "mandate": (
        "Uppdragen sker med ambitionen att bidra till ökad samsyn och kunskap om hur "
        "målen i styrdokumenten kan nås: Regional utvecklingsstrategi (RUS), "
        "Regional handlingsplan för kompetensförsörjning 2020–2024 och Kunskapslyft "
        "barn och unga 2016–2022. Chefsgruppen tar fram verksamhetsplanen och "
        "följer upp den varje år."
    ),
}

# The standard items every new dagordning of the council starts with.
AGENDA_TEMPLATE = [
    ("Mötet öppnas", "formalia", "Ordföranden hälsar alla välkomna och öppnar mötet."),
    ("Val av justerare", "formalia", "väljs till justerare."),
    ("Godkännande av dagordning", "formalia", "Dagordningen godkänns."),
    ("Lägesrunda från kommunerna", "diskussion", ""),
    ("Övriga frågor", "ovriga_fragor", ""),
    ("Mötet avslutas", "formalia", "Ordföranden avslutar mötet."),
]

# Demo logins: (username, person name or None, is staff/superuser, what they are)
DEMO_USERS = [
    ("sekreterare", "Anna Elverskog", "Sekreterare"),
    ("ordforande", "Irén Lejegren", "Ordförande"),
    ("justerare", "Håkan Söderman", "Justerare (vice ordförande)"),
    ("ledamot", "Linda Svahn", "Ledamot"),
    ("admin", None, "Administratör"),
]
