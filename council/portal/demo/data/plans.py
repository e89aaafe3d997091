"""The styrdokument, the verksamhetsplan 2023 and the activities of 2022."""

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
