"""The networks under Chefsgruppen: REKO, GySam and Sakkunnigstödet."""

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
