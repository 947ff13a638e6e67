"""Swedish crime fiction: Martin Beck, Wallander, Millennium (work numbers 400-449)."""

from __future__ import annotations

from .model import NORSTEDT, Form, Person, Publication, Work, person

SJOWALL = person("Sjöwall, Maj", "1935-2020")
WAHLOO = person("Wahlöö, Per", "1926-1975")
MANKELL = person("Mankell, Henning", "1948-2015")
S_LARSSON = person("Larsson, Stieg", "1954-2004")
D_LAGERCRANTZ = person("Lagercrantz, David", "1962-")

CRIME = ("Deckare", "Romaner")
POLICE = ("Poliser",)
ORDFRONT = Publication("Stockholm", "Ordfront")

MARTIN_BECK = "Roman om ett brott"
MILLENNIUM = "Millennium"


def _crime(
    no: int, authors: tuple[Person, ...], title: str, year: int, summary: str, **extra: object
) -> Work:
    """A police novel; ``extra`` overrides the defaults."""
    fields: dict[str, object] = {
        "form": Form.NOVEL,
        "sab": "Hc.01",
        "genres": CRIME,
        "subjects": POLICE,
        **extra,
    }
    return Work(no=no, authors=authors, title=title, year=year, summary=summary, **fields)  # type: ignore[arg-type]


def _beck(no: int, number: int, title: str, year: int, summary: str, **extra: object) -> Work:
    """One of Sjöwall and Wahlöö's ten novels about Martin Beck (Norstedt, 1965-1975)."""
    return _crime(
        no,
        (SJOWALL, WAHLOO),
        title,
        year,
        summary,
        series=MARTIN_BECK,
        series_number=str(number),
        first_edition=NORSTEDT,
        **extra,
    )


def _wallander(no: int, title: str, year: int, summary: str, **extra: object) -> Work:
    """One of Henning Mankell's books about Kurt Wallander of the Ystad police."""
    fields: dict[str, object] = {"places": ("Ystad",), **extra}
    return _crime(no, (MANKELL,), title, year, summary, **fields)


CRIME_FICTION: tuple[Work, ...] = (
    # --- Sjöwall & Wahlöö: Roman om ett brott 1-10 --------------------------
    _beck(
        400,
        1,
        "Roseanna",
        1965,
        "En ung kvinna hittas död i Göta kanal vid Borenshult. Kommissarie Martin Beck "
        "och hans kollegor arbetar länge för att ta reda på vem hon var och vem som dödade henne.",
        daisy=True,
        audio=True,
        large_print=True,
    ),
    _beck(
        401,
        2,
        "Mannen som gick upp i rök",
        1966,
        "Martin Beck skickas till Budapest för att leta efter en svensk journalist som "
        "har försvunnit spårlöst.",
    ),
    _beck(
        402,
        3,
        "Mannen på balkongen",
        1967,
        "Små flickor mördas i Stockholms parker en sommar, och polisen letar efter en man "
        "som har setts på en balkong.",
        daisy=True,
    ),
    _beck(
        403,
        4,
        "Den skrattande polisen",
        1968,
        "En regnig novemberkväll skjuts passagerarna på en dubbeldäckad buss i Stockholm "
        "ihjäl. En av de döda är en ung polis från Martin Becks egen rotel.",
        nonfiling=4,
        daisy=True,
    ),
    _beck(
        404,
        5,
        "Brandbilen som försvann",
        1969,
        "Ett hus brinner i Stockholm medan polisen har det under bevakning, och utredningen "
        "leder så småningom till Malmö.",
    ),
    _beck(
        405,
        6,
        "Polis, polis, potatismos!",
        1970,
        "En direktör skjuts under en middag på en restaurang i Malmö, och Martin Beck "
        "reser söderut för att hjälpa till med utredningen.",
    ),
    _beck(
        406,
        7,
        "Den vedervärdige mannen från Säffle",
        1971,
        "En poliskommissarie mördas i sin sjukhussäng, och spåren leder till gamla "
        "anmälningar mot honom om polisvåld.",
        nonfiling=4,
    ),
    _beck(
        407,
        8,
        "Det slutna rummet",
        1972,
        "En man hittas skjuten i ett rum som är låst inifrån, utan något vapen. Samtidigt "
        "jagar en annan grupp poliser en liga av bankrånare.",
        nonfiling=4,
    ),
    _beck(
        408,
        9,
        "Polismördaren",
        1974,
        "En kvinna försvinner i en liten ort i Skåne, och misstankarna riktas mot en man "
        "som Martin Beck har mött förut.",
    ),
    _beck(
        409,
        10,
        "Terroristerna",
        1975,
        "Martin Beck leder skyddet av en amerikansk senator på besök i Stockholm. "
        "Den sista boken om Martin Beck.",
    ),
    # --- Henning Mankell: Kurt Wallander ------------------------------------
    _wallander(
        420,
        "Mördare utan ansikte",
        1991,
        "Ett äldre par på en gård utanför Ystad överfalls brutalt en vinternatt. "
        "Kriminalkommissarie Kurt Wallanders första fall.",
        first_edition=ORDFRONT,
        daisy=True,
        audio=True,
        large_print=True,
    ),
    _wallander(
        421,
        "Hundarna i Riga",
        1992,
        "En räddningsflotte med två döda män driver i land på den skånska kusten, och spåren "
        "leder Kurt Wallander till Riga.",
        places=("Ystad", "Riga"),
    ),
    _wallander(
        422,
        "Den vita lejoninnan",
        1993,
        "En mäklare försvinner i Skåne, och utredningen hänger ihop med en sammansvärjning "
        "i Sydafrika.",
        nonfiling=4,
    ),
    _wallander(
        423,
        "Mannen som log",
        1994,
        "En advokat dör i en bilolycka, och hans son tror inte att det var en olycka. "
        "Kurt Wallander överväger att lämna polisen.",
    ),
    _wallander(
        424,
        "Villospår",
        1995,
        "En ung flicka bränner sig till döds i ett rapsfält, och en seriemördare härjar "
        "i Skåne under en het sommar.",
        audio=True,
    ),
    _wallander(
        425,
        "Den femte kvinnan",
        1996,
        "Män som har begått övergrepp mot kvinnor mördas på grymma sätt i Skåne.",
        nonfiling=4,
        daisy=True,
    ),
    _wallander(
        426,
        "Steget efter",
        1997,
        "Unga människor försvinner efter en midsommarfest, och en av Kurt Wallanders "
        "kollegor hittas död.",
    ),
    _wallander(
        427,
        "Brandvägg",
        1998,
        "Två tonårsflickor överfaller en taxichaufför, och en man dör vid en bankomat. "
        "Spåren leder in i datornätens värld.",
    ),
    _wallander(
        428,
        "Pyramiden",
        1999,
        "Berättelser om den unge Kurt Wallander, från tiden innan den första romanen.",
        form=Form.STORIES,
        genres=("Deckare", "Noveller"),
    ),
    _wallander(
        429,
        "Den orolige mannen",
        2009,
        "Fadern till mannen som Kurt Wallanders dotter Linda lever med, en pensionerad "
        "officer, försvinner spårlöst. Den sista boken om Kurt Wallander.",
        nonfiling=4,
    ),
    Work(
        no=430,
        authors=(MANKELL,),
        title="Italienska skor",
        year=2006,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den pensionerade kirurgen Fredrik Welin lever ensam på en ö i skärgården när en "
            "kvinna han en gång svek plötsligt står på isen utanför hans hus."
        ),
        genres=("Romaner",),
    ),
    Work(
        no=431,
        authors=(MANKELL,),
        title="Kinesen",
        year=2008,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Nitton människor mördas i den lilla byn Hesjövallen i Hälsingland, och domaren "
            "Birgitta Roslin börjar söka sammanhanget."
        ),
        genres=CRIME,
        places=("Hälsingland",),
    ),
    # --- Millennium -----------------------------------------------------------
    Work(
        no=440,
        authors=(S_LARSSON,),
        title="Män som hatar kvinnor",
        year=2005,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Journalisten Mikael Blomkvist anlitas för att ta reda på vad som hände med "
            "Harriet Vanger, som försvann 1966. Han får hjälp av researchern Lisbeth Salander."
        ),
        genres=CRIME,
        subjects=("Journalister",),
        series=MILLENNIUM,
        series_number="1",
        first_edition=NORSTEDT,
        daisy=True,
        audio=True,
    ),
    Work(
        no=441,
        authors=(S_LARSSON,),
        title="Flickan som lekte med elden",
        year=2006,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Ett ungt par som arbetar med ett avslöjande om sexhandel mördas i Stockholm, "
            "och Lisbeth Salander blir efterlyst för morden."
        ),
        genres=CRIME,
        subjects=("Journalister",),
        series=MILLENNIUM,
        series_number="2",
        first_edition=NORSTEDT,
        audio=True,
    ),
    Work(
        no=442,
        authors=(S_LARSSON,),
        title="Luftslottet som sprängdes",
        year=2007,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Lisbeth Salander ligger svårt skadad på sjukhus och väntar på rättegång, medan "
            "Mikael Blomkvist avslöjar en hemlig grupp inom Säkerhetspolisen."
        ),
        genres=CRIME,
        subjects=("Journalister",),
        series=MILLENNIUM,
        series_number="3",
        first_edition=NORSTEDT,
        audio=True,
    ),
    Work(
        no=443,
        authors=(D_LAGERCRANTZ,),
        title="Det som inte dödar oss",
        year=2015,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "David Lagercrantz fortsättning på Stieg Larssons serie, där Mikael Blomkvist och "
            "Lisbeth Salander dras in i ett fall kring en mördad forskare och hans son."
        ),
        genres=CRIME,
        subjects=("Journalister",),
        series=MILLENNIUM,
        series_number="4",
        first_edition=NORSTEDT,
    ),
)
