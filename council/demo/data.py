"""The demo facts, derived by hand from the two source documents in shared/seeds/.

protokoll-2018-09-28.txt gives the organisations, the 2018 ledamöter, the
övriga närvarande and the meeting (its paragraphs are in protokoll_2018_09_28.json).
verksamhetsplan-2023-presentation.txt gives the bodies' mandates, the networks,
the styrdokument, the plan for 2023 and the follow-up of 2022.

Obvious typos in the slides are corrected ("2026-2022" is 2016–2022); spelling
variants of names are kept as aliases.
"""

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

MEETING_2018 = {
    "starts": "2018-09-28 09:00",
    "ends": "2018-09-28 12:00",
    "location": "Konferenslokal Lärken",
    "address": "Eklundavägen 1, Örebro",
    "justerat_on": "2018-10-12",
}

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

NETWORKS = [
    {
        "slug": "reko",
        "name": "REKO",
        "short_name": "REKO",
        "full_name": "Regionalt kompetensforum för vuxnas lärande",
        "purpose": "REKO arbetar med utveckling av den kommunala vuxenutbildningen.",
        "composition": "Rektorer, strateger, verksamhetschef och representant från "
        "Arbetsförmedlingen.",
        "size": 22,
        "meeting_frequency": "Ca 1 gång/månad",
        "meetings_per_year": 12,
        "working_notes": "Fokus fördelat mellan yrke och SFI/ämne.",
        "agreement_title": "Samverkansavtal för den kommunala vuxenutbildningens "
        "utveckling",
        "focus_areas": ["Yrkesvux", "SFI", "Kombinationsutbildningar", "Validering"],
        "agreement_topics": [
            "Frisök",
            "Fördelning av statsbidrag",
            "Hemkommunens ansvar",
            "Anordnande kommuns ansvar",
        ],
        "supporting_networks": [],
        "achievements": [
            {
                "title": "VuxWebb",
                "description": "",
                "url": "https://vux.regionorebrolan.se/",
            },
            {
                "title": "Gemensamma fortbildningsinsatser",
                "description": "T.ex. Vuxenutbildning i samtiden.",
            },
            {
                "title": "Vux-dagen",
                "description": "Gemensam förmiddag med olika inspel. Tre parallella "
                "spår på eftermiddagen: SFI/ämne, validering, service/administration.",
                "date": "2022-10-04",
                "participants": 300,
            },
        ],
        "links": [("VuxWebb", "https://vux.regionorebrolan.se/")],
    },
    {
        "slug": "gysam",
        "name": "GySam",
        "short_name": "GySam",
        "full_name": "Gymnasiesamordningsnätverket",
        "purpose": "GySam arbetar med de strategiska frågorna kring utbildningar "
        "inom gymnasieskolan: de övergripande, strategiska frågorna som är "
        "gemensamma för länets kommuner.",
        "composition": "Gymnasiechefer eller motsvarande.",
        "size": 12,
        "meeting_frequency": "1 gång/månad",
        "meetings_per_year": 12,
        "working_notes": "Samverkan är reglerad i avtalet för att kunna erbjuda "
        "ungdomar mesta möjliga. Gemensam IKE-administration via Karlskoga kommun. "
        "Viss gemensam fortbildning för personal.",
        "agreement_title": "",
        "focus_areas": ["Planering och dimensionering"],
        "agreement_topics": [
            "Samverkansformer, t.ex. antagning",
            "Ekonomiska förutsättningar, IKE",
            "Gemensamma utvecklingsområden",
        ],
        "supporting_networks": ["GySär", "IM-nätverket"],
        "achievements": [
            {"title": "GyWebb för SYV", "description": ""},
            {
                "title": "Gemensamma fortbildningsinsatser",
                "description": "T.ex. Inspirationsdag IM och KAA.",
            },
            {
                "title": "Inspirationsdagen",
                "description": "Även folkhögskolorna under förmiddagen. Föreläsningar "
                "av SKR och Trondman under förmiddagen, blandade grupper för "
                "diskussioner utifrån case under eftermiddagen. Uppföljning och "
                "planering av fortsättning pågår i IM-nätet.",
                "date": "2023-01-31",
                "participants": 160,
            },
        ],
        "links": [
            (
                "GyWebben",
                "https://utveckling.regionorebrolan.se/sv/"
                "utbildning-och-kompetensforsorjning/gywebben/",
            )
        ],
    },
    {
        "slug": "sakkunnigstodet",
        "name": "Sakkunnigstödet",
        "short_name": "Sakkunnigstödet",
        "full_name": "Sakkunnigstödet för kunskapslyft barn och unga",
        "purpose": "Sakkunnigstödet bistår tjänstemannastödet för skola, utbildning "
        "och kompetensförsörjning genom att ta fram behov, analysera och ta fram "
        "konkreta åtgärder kopplat till samverkansdokumentet Kunskapslyft barn och "
        "unga. Tjänstemannastödet kan också ge andra uppdrag till sakkunnigstödet. "
        "Sakkunnigstödet utgör en referensgrupp till aktiviteterna i "
        "aktivitetsplanen.",
        "composition": "Utvecklingsstrateger och utvecklingssamordnare på "
        "förvaltningarna.",
        "size": None,
        "meeting_frequency": "",
        "meetings_per_year": None,
        "working_notes": "Nätverket arbetar på uppdrag av tjänstemannastödet "
        "(skolcheferna), i dialog åt båda hållen.",
        "agreement_title": "",
        "focus_areas": ["Kunskapslyft barn och unga", "Aktivitetsplanen"],
        "agreement_topics": [],
        "supporting_networks": [],
        "achievements": [
            {
                "title": "Inventering av utvecklingsbehov",
                "description": "Gruppen inventerade utvecklingsbehov som blev den "
                "aktivitetsplan som hör till samverkansdokumentet Kunskapslyft barn "
                "och unga 2016–2022 (år 2016).",
            },
            {
                "title": "Lärprojekt om rollen som förvaltningsövergripande strateg",
                "description": "På nätverkets initiativ genomfördes 2022 ett "
                "lärprojekt utifrån rollen som förvaltningsövergripande strateg, med "
                "stort inflytande över både det praktiska vardagsarbetet och det "
                "systematiska kvalitetsarbetet. En rapport med lärdomar, slutsatser "
                "och rekommendationer skrivs av hela gruppen.",
            },
        ],
        "links": [],
    },
]

RUS = "Regional utvecklingsstrategi"
HANDLINGSPLAN = "Regional handlingsplan för kompetensförsörjning 2020–2024"
KUNSKAPSLYFT = "Kunskapslyft barn och unga 2016–2022"
AKTIVITETSPLAN = "Aktivitetsplan till Kunskapslyft barn och unga"
KRAFTSAMLING = "Kraftsamling barn och unga"

# (title, short name, kind, start, end, status, status note, description)
STYRDOKUMENT = [
    (
        RUS,
        "RUS",
        "strategi",
        None,
        None,
        "gallande",
        "",
        "Den regionala utvecklingsstrategin. Områdena 5:3 och 5:4 utgör grunden för "
        "samverkansrådets vision och strategi.",
    ),
    (
        HANDLINGSPLAN,
        "",
        "handlingsplan",
        2020,
        2024,
        "gallande",
        "",
        "Tagen fram utifrån den regionala utvecklingsstrategin.",
    ),
    (
        KRAFTSAMLING,
        "",
        "samverkansdokument",
        None,
        None,
        "under_framtagande",
        "",
        "En ny färdplan som tas fram i process tillsammans med samhällsaktörer, "
        "enligt nya mål för barn och unga.",
    ),
    (
        KUNSKAPSLYFT,
        "",
        "samverkansdokument",
        2016,
        2022,
        "forlangd",
        "Förlängd t.o.m. september 2023, därefter enligt nya mål för barn och unga.",
        "Syftet med samverkansdokumentet är att staka ut riktningen för ett långsiktigt "
        "förbättringsarbete, genom samverkan och samhandling som ska bidra till ett "
        "ökat kunskapslyft för barn och unga i Örebro län. Syftet är också att på "
        "strategisk nivå driva och samordna frågor där regional samverkan förstärker "
        "kvaliteten i länets skolor.",
    ),
    (
        AKTIVITETSPLAN,
        "",
        "aktivitetsplan",
        2016,
        2022,
        "forlangd",
        "",
        "Sammanlagt 10 aktiviteter. Alla avslutade utom Skolresultaten och TABB. Tre "
        "genomförs nu i RUC:s regi (Didaktiska nätverk, Regional skolledarkonferens och "
        "Pedagogiskt ledarskap i teori och praktik). Övriga aktiviteter var "
        "Uppdragsutbildning för barnskötare, SYV (#vägledning), Lärprojekt med "
        "Sakkunnigstödet och Minska skolavhopp (#jag med). Ej påbörjad är Morgondagens "
        "skola och utbildning genom digitalisering (avvaktar nationell strategi).",
    ),
]
RUS_AREAS = ["5:3", "5:4"]

PLAN_2023 = {
    "year": 2023,
    "introduction": (
        "Chefsgruppen är tjänstemannastöd och beredningsorgan. Chefsgruppen "
        "(Tjänstemannastödet) ska öka kunskapen inom aktiviteternas områden. "
        "Arbetsformen bygger på att kommuner delar med sig av sitt utvecklingsarbete "
        "och sina lärdomar. Örebro universitet är en viktig samarbetspartner."
    ),
    "follow_up_summary": (
        "Samverkansdokumentet Kunskapslyft barn och unga (2016–2022) med sina 10 "
        "aktiviteter avslutas under våren; alla aktiviteter är avslutade utom "
        "Skolresultaten och TABB."
    ),
    "assignments": [
        (
            "Uppföljning av dokument och överenskommelser",
            "Uppföljning av samverkansdokumentet ”Kunskapslyft barn och unga” 2016–2022 "
            "och tillhörande aktivitetsplan. Arbete pågår att i process ta fram en ny "
            "färdplan tillsammans med samhällsaktörer, kallad ”Kraftsamling barn och "
            "unga”. Uppföljning av resultat av överenskommelser inom "
            "gymnasiesamverkan. Uppföljning av resultat av överenskommelser inom "
            "vuxenutbildningssamverkan.",
        ),
        (
            "Anordna studieresa för chefsgruppen",
            "Anordna studieresa och gemensam kompetensutveckling för Chefsgruppen "
            "(Tjänstemannastödet) för skola, utbildning och kompetensförsörjning.",
        ),
        (
            "Anordna aktivitet/seminarium för chefsgruppen och specifika "
            "samverkansrådet",
            "Anordna gemensam aktivitet/seminarium för Chefsgruppen "
            "(Tjänstemannastödet) och Specifika samverkansrådet för skola, utbildning "
            "och kompetensförsörjning.",
        ),
        (
            "Bevaka och diskutera nya samverkansformer",
            "Bevaka och aktivt diskutera nya samverkansformer mellan våra olika "
            "Chefsgrupper (Tjänstemannastöd) med koppling mellan skola, hälso- och "
            "sjukvård m.m. (E-hälsa och Barn och unga-gruppen).",
        ),
        ("Omvärldsbevakning", "Omvärldsbevakning inom aktuella frågor."),
        (
            "Organisatorisk översyn av överenskommelser gällande kompetensförsörjning",
            "Revidering samt organisatorisk översyn av överenskommelsen för samverkan "
            "utifrån vilka områden/insatser som ska beredas, verkställas och följas upp "
            "i det Regionala samverkansrådet gällande handlingsplanen för "
            "kompetensförsörjning. Efterfråga ett förnyat utredningsdirektiv från "
            "Regionala chefssamverkansgruppen, KC/RD, gällande översyn.",
        ),
    ],
    "vision_items": [
        (
            "Ökad måluppfyllelse i skolan",
            "Öka måluppfyllelsen i skolan genom att stärka samverkan mellan olika "
            "samhällsaktörer för att alla barn och unga ska få bra förutsättningar att "
            "möta sin framtid.",
        ),
        (
            "Ökad anställningsbarhet",
            "Öka anställningsbarheten genom ökad samverkan mellan skola och arbetsliv.",
        ),
        (
            "Goda utbildningsmiljöer",
            "Skapa goda utbildningsmiljöer för utsatta grupper med bristfällig eller "
            "avbruten utbildning.",
        ),
        (
            "Möta arbetskraftsefterfrågan i bristyrken",
            "Möt arbetskraftsefterfrågan i bristyrken och regionala styrkeområden enligt "
            "smart specialisering.",
        ),
        (
            "Stöd till strategisk kompetensförsörjning",
            "Utveckla stödstrukturer för arbetslivets strategiska arbete med "
            "kompetensförsörjning.",
        ),
        (
            "Underlätta utsatta gruppers möjligheter på arbetsmarknaden",
            "Riv hinder för utsatta grupper på arbetsmarknaden.",
        ),
        (
            "Utveckla och stärka samverkan",
            "Utveckla och stärk samverkan med Örebro universitet utifrån skolutveckling "
            "och kompetensförsörjning. I det gemensamma utvecklingsarbetet har Örebro "
            "universitet en viktig roll.",
        ),
    ],
    # (title, description, status, title of the 2022 activity it continues)
    "activities": [
        (
            "Delta vid uppföljning och avslutning för ”Kunskapslyft barn och unga”",
            "Delta i att samverkansdokument ”Kunskapslyft barn och unga” 2016–2022 och "
            "tillhörande aktivitetsplan följs upp och avslutas. Beskrivningen av uppdrag "
            "till sakkunnigstödet revideras.",
            "planerad",
            None,
        ),
        (
            "Delta i projektet ”Skolresultaten i regionen har förbättrats – att leda och "
            "styra en komplex organisation”",
            "Delta i genomförandet av projektet ”Skolresultaten i regionen har "
            "förbättrats – att leda och styra en komplex organisation”. Aktiviteterna "
            "innebär att avsluta, utvärdera och formulera en ny färdplan.",
            "planerad",
            "Projektet ”Skolresultaten i regionen har förbättrats – att leda och styra "
            "en komplex organisation”",
        ),
        (
            "Diskutera lärarförsörjningen",
            "Diskutera lärarförsörjningen i länet.",
            "planerad",
            None,
        ),
        (
            "Delta i Lärarutbildningens regionala samverkansråd",
            "Delta i Lärarutbildningens regionala samverkansråd och tillhörande "
            "arbetsutskott. Informera och sprid kunskap om En bättre matchning (EBM) via "
            "Mälardalsrådet och fokusområdet lärarförsörjningen.",
            "planerad",
            "Lärarutbildningens regionala samverkansråd och tillhörande arbetsutskott, "
            "RUC, VFU",
        ),
        (
            "Utveckla gymnasiesamverkan",
            "Öka kunskapen och utveckla dialogen kring gymnasiesamverkan, särskilt "
            "utifrån planering och dimensionering.",
            "planerad",
            "Gymnasiesamverkan",
        ),
        (
            "Utveckla samverkan kring vuxenutbildningen",
            "Öka kunskapen och utveckla dialogen kring länets vuxenutbildning, särskilt "
            "utifrån planering och dimensionering samt validering.",
            "planerad",
            "Vuxenutbildning",
        ),
        (
            "Genomföra en temadag om barn och unga som utmanar",
            "Gemensamt planera och genomföra en temadag om barn och unga som utmanar.",
            "planerad",
            None,
        ),
        (
            "Öka kunskap kring Erasmus+ och ESF+",
            "Öka kunskapen om att finansiera och driva projekt med stöd av Erasmus+ och "
            "ESF+.",
            "planerad",
            "Öka kunskapen om att finansiera och driva projekt med stöd av Erasmus+ och "
            "ESF+",
        ),
    ],
}

# Only the activities of 2022 and their follow-up are in the seeds; the plan says so.
PLAN_2022_INTRODUCTION = (
    "Verksamhetsplanens aktiviteter för 2022 och deras uppföljning, så som de "
    "redovisades för samverkansrådet i presentationen av verksamhetsplanen 2023. "
    "Uppföljningen av 2022 finns också i verksamhetsplanen 2023."
)

# The 2022 activities as the follow-up slide lists them: (title, status, follow-up).
# The slides say which continue into 2023; those are "pågår", the rest "genomförd".
ACTIVITIES_2022 = [
    (
        "Projektet ”Skolresultaten i regionen har förbättrats – att leda och styra en "
        "komplex organisation”",
        "pagar",
        "En av de aktiviteter som ännu inte är avslutade och som har kommit att bli "
        "mycket viktig och omfatta många i samverkan: alla i partnerskapet, alla "
        "Regionens områden via ledningsgruppen och skolcheferna. Avslutas under våren "
        "2023.",
    ),
    (
        "Lärarutbildningens regionala samverkansråd och tillhörande arbetsutskott, RUC, "
        "VFU",
        "pagar",
        "Fortsätter 2023.",
    ),
    ("Gymnasiesamverkan", "pagar", "Fortsätter 2023 som ”Utveckla gymnasiesamverkan”."),
    (
        "Vuxenutbildning",
        "pagar",
        "Fortsätter 2023 som ”Utveckla samverkan kring vuxenutbildningen”.",
    ),
    (
        "Gemensamt planera och genomföra en temadag med fokus på förskolan",
        "genomford",
        "",
    ),
    (
        "Gemensamt diskutera och följa upp pandemins effekter på kunskapsresultaten och "
        "skolutvecklingen i länet",
        "genomford",
        "",
    ),
    (
        "Öka kunskapen om att finansiera och driva projekt med stöd av Erasmus+ och "
        "ESF+",
        "pagar",
        "Fortsätter 2023.",
    ),
]

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
