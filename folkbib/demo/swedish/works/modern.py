"""Modern Swedish fiction and poetry: Tranströmer, Lidman, Enquist, Ekman, Torgny Lindgren,
Axelsson, Fredriksson (work numbers 200-259).
"""

from __future__ import annotations

from .model import BONNIER, Form, Work, person

TRANSTROMER = person("Tranströmer, Tomas", "1931-2015")
LIDMAN = person("Lidman, Sara", "1923-2004")
ENQUIST = person("Enquist, Per Olov", "1934-2020")
EKMAN = person("Ekman, Kerstin", "1933-")
T_LINDGREN = person("Lindgren, Torgny", "1938-2017")
AXELSSON = person("Axelsson, Majgull", "1947-")
FREDRIKSSON = person("Fredriksson, Marianne", "1927-2007")

NOVEL = ("Romaner",)
POETRY = ("Poesi",)


MODERN: tuple[Work, ...] = (
    # --- Tomas Tranströmer --------------------------------------------------
    Work(
        no=200,
        authors=(TRANSTROMER,),
        title="17 dikter",
        year=1954,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Tomas Tranströmers debutdiktsamling, med dikter om natur, skärgård och musik. "
            "Tranströmer fick Nobelpriset i litteratur 2011."
        ),
        genres=POETRY,
        first_edition=BONNIER,
    ),
    Work(
        no=201,
        authors=(TRANSTROMER,),
        title="Hemligheter på vägen",
        year=1958,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Tranströmers andra diktsamling.",
        genres=POETRY,
    ),
    Work(
        no=202,
        authors=(TRANSTROMER,),
        title="Den halvfärdiga himlen",
        nonfiling=4,
        year=1962,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Tranströmers tredje diktsamling.",
        genres=POETRY,
    ),
    Work(
        no=203,
        authors=(TRANSTROMER,),
        title="Östersjöar",
        year=1974,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "En lång dikt i flera avsnitt om Östersjön, Runmarö och gränser mellan länder och "
            "tider."
        ),
        genres=POETRY,
        places=("Östersjön",),
    ),
    Work(
        no=204,
        authors=(TRANSTROMER,),
        title="Sorgegondolen",
        year=1996,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Diktsamlingen som kom efter Tranströmers stroke 1990, korta och koncentrerade dikter."
        ),
        genres=POETRY,
        daisy=True,
    ),
    Work(
        no=205,
        authors=(TRANSTROMER,),
        title="Den stora gåtan",
        nonfiling=4,
        year=2004,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Korta dikter och haikudikter.",
        genres=POETRY,
    ),
    # --- Sara Lidman ---------------------------------------------------------
    Work(
        no=210,
        authors=(LIDMAN,),
        title="Tjärdalen",
        year=1953,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "När en tjärdal förstörs ställs en liten by i Västerbotten inför frågor om skuld, "
            "ansvar och förlåtelse. Sara Lidmans debutroman."
        ),
        genres=NOVEL,
        places=("Västerbotten",),
        daisy=True,
    ),
    Work(
        no=211,
        authors=(LIDMAN,),
        title="Hjortronlandet",
        year=1955,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En roman om fattiga nybyggarfamiljer i en by i Västerbottens inland.",
        genres=NOVEL,
        places=("Västerbotten",),
        daisy=True,
    ),
    Work(
        no=212,
        authors=(LIDMAN,),
        title="Din tjänare hör",
        year=1977,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Didrik Mårtensson kämpar för att järnvägen ska dras till Västerbotten på "
            "1800-talet. Första delen av Sara Lidmans romansvit om järnvägen."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Västerbotten",),
    ),
    Work(
        no=213,
        authors=(LIDMAN,),
        title="Vredens barn",
        year=1979,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Andra delen av Sara Lidmans romansvit om järnvägen och människorna i Västerbotten."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Västerbotten",),
    ),
    # --- Per Olov Enquist ----------------------------------------------------
    Work(
        no=220,
        authors=(ENQUIST,),
        title="Legionärerna",
        year=1968,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En dokumentärroman om de baltiska soldater som Sverige utlämnade till "
            "Sovjetunionen 1946."
        ),
        genres=NOVEL,
    ),
    Work(
        no=221,
        authors=(ENQUIST,),
        title="Musikanternas uttåg",
        year=1978,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En roman om arbetarrörelsens första år i en by i Västerbotten i början av "
            "1900-talet, där väckelse och fackföreningar möts."
        ),
        genres=(*NOVEL, "Arbetarskildringar"),
        places=("Västerbotten",),
        daisy=True,
    ),
    Work(
        no=222,
        authors=(ENQUIST,),
        title="Kapten Nemos bibliotek",
        year=1991,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Två pojkar förväxlas vid födseln i en by i Västerbotten, och när misstaget upptäcks "
            "förändras deras liv."
        ),
        genres=NOVEL,
        places=("Västerbotten",),
    ),
    Work(
        no=223,
        authors=(ENQUIST,),
        title="Livläkarens besök",
        year=1999,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den tyske läkaren Struensee blir livläkare hos den sinnessjuke kung Kristian VII "
            "av Danmark och tar makten vid hovet på 1770-talet."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Danmark",),
        daisy=True,
    ),
    Work(
        no=224,
        authors=(ENQUIST,),
        title="Lewis resa",
        year=2001,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En roman om pingströrelsen i Sverige och dess ledare Lewi Pethrus.",
        genres=(*NOVEL, "Biografiska skildringar"),
    ),
    # --- Kerstin Ekman -------------------------------------------------------
    Work(
        no=230,
        authors=(EKMAN,),
        title="Händelser vid vatten",
        year=1993,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En midsommarnatt hittar lärarinnan Annie Raft två unga människor mördade vid "
            "en älv i en fjällby. Många år senare tvingas hon möta det som hände."
        ),
        genres=(*NOVEL, "Deckare"),
        places=("Jämtland",),
        daisy=True,
        large_print=True,
    ),
    Work(
        no=231,
        authors=(EKMAN,),
        title="Häxringarna",
        year=1974,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Tora Lans växer upp i fattigdom vid sekelskiftet 1900 i ett samhälle som "
            "växer fram runt järnvägen. Första delen av romanerna om kvinnorna och staden."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
    ),
    # --- Torgny Lindgren -----------------------------------------------------
    Work(
        no=240,
        authors=(T_LINDGREN,),
        title="Ormens väg på hälleberget",
        year=1982,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En berättelse om fattigdom, skuld och makt i en by i Västerbotten under 1800-talet."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Västerbotten",),
        daisy=True,
    ),
    Work(
        no=241,
        authors=(T_LINDGREN,),
        title="Bat Seba",
        year=1984,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En roman om kung David och Bat Seba, fritt efter Gamla testamentet.",
        genres=(*NOVEL, "Bibliska berättelser"),
    ),
    Work(
        no=242,
        authors=(T_LINDGREN,),
        title="Hummelhonung",
        year=1995,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Två åldrade bröder som hatar varandra bor i var sitt hus i en by i norra "
            "Sverige och väntar på att den andre ska dö först."
        ),
        genres=NOVEL,
        daisy=True,
    ),
    Work(
        no=243,
        authors=(T_LINDGREN,),
        title="Pölsan",
        year=2002,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En lågmäld och humoristisk roman från Västerbotten, där maträtten pölsa får en "
            "oväntad roll."
        ),
        genres=NOVEL,
        places=("Västerbotten",),
    ),
    Work(
        no=244,
        authors=(T_LINDGREN,),
        title="Norrlands akvavit",
        year=2007,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den gamle predikanten Olof Helmersson återvänder till byarna i Västerbotten där "
            "han en gång väckte människor till tro, nu för att ta tron ifrån dem."
        ),
        genres=NOVEL,
        places=("Västerbotten",),
    ),
    # --- Majgull Axelsson, Marianne Fredriksson -----------------------------
    Work(
        no=250,
        authors=(AXELSSON,),
        title="Aprilhäxan",
        year=1997,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Desirée är svårt funktionshindrad men kan lämna sin kropp i tanken. Hon följer "
            "tre kvinnor som växte upp som fosterbarn hos samma fostermor."
        ),
        genres=NOVEL,
        daisy=True,
    ),
    Work(
        no=251,
        authors=(AXELSSON,),
        title="Jag heter inte Miriam",
        year=2014,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En romsk kvinna överlevde koncentrationslägren genom att utge sig för att vara "
            "judinna och har levt hela sitt liv i Sverige som Miriam."
        ),
        genres=NOVEL,
        subjects=("Romer", "Förintelsen"),
        daisy=True,
    ),
    Work(
        no=252,
        authors=(FREDRIKSSON,),
        title="Anna, Hanna och Johanna",
        year=1994,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Tre generationer kvinnor i samma släkt och deras liv under ett sekel av förändring i "
            "Sverige."
        ),
        genres=NOVEL,
        subjects=("Kvinnor",),
        daisy=True,
        large_print=True,
    ),
    Work(
        no=253,
        authors=(FREDRIKSSON,),
        title="Simon och ekarna",
        year=1985,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Simon växer upp i en arbetarfamilj i Göteborg under andra världskriget och söker "
            "sitt ursprung."
        ),
        genres=NOVEL,
        places=("Göteborg",),
    ),
)
