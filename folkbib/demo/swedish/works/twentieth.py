"""Swedish classics from the 1890s to the 1950s (work numbers 40-199)."""

from __future__ import annotations

from .model import BONNIER, Form, Work, person

BOYE = person("Boye, Karin", "1900-1941")
MOBERG = person("Moberg, Vilhelm", "1898-1973")
H_MARTINSON = person("Martinson, Harry", "1904-1978")
M_MARTINSON = person("Martinson, Moa", "1890-1964")
LAGERKVIST = person("Lagerkvist, Pär", "1891-1974")
DAGERMAN = person("Dagerman, Stig", "1923-1954")
FRODING = person("Fröding, Gustaf", "1860-1911")
HEIDENSTAM = person("Heidenstam, Verner von", "1859-1940")
KARLFELDT = person("Karlfeldt, Erik Axel", "1864-1931")
WAGNER = person("Wägner, Elin", "1882-1949")
BERGMAN = person("Bergman, Hjalmar", "1883-1931")
SJOBERG = person("Sjöberg, Birger", "1885-1929")
LO_JOHANSSON = person("Lo-Johansson, Ivar", "1901-1990")
E_JOHNSON = person("Johnson, Eyvind", "1900-1976")
FERLIN = person("Ferlin, Nils", "1898-1961")
D_ANDERSSON = person("Andersson, Dan", "1888-1920")
EKELOF = person("Ekelöf, Gunnar", "1907-1968")
ARONSON = person("Aronson, Stina", "1892-1956")
AHLIN = person("Ahlin, Lars", "1915-1997")

NOVEL = ("Romaner",)
POETRY = ("Poesi",)
STORIES = ("Noveller",)

UTVANDRARSERIEN = "Utvandrarserien"

TWENTIETH_CENTURY: tuple[Work, ...] = (
    # --- Karin Boye --------------------------------------------------------
    Work(
        no=40,
        authors=(BOYE,),
        title="Kallocain",
        year=1940,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "I den totalitära Världsstaten uppfinner kemisten Leo Kall ett sanningsserum, "
            "kallocain, som tvingar människor att avslöja sina innersta tankar. "
            "En klassisk svensk dystopi."
        ),
        genres=NOVEL,
        subjects=("Totalitarism",),
        first_edition=BONNIER,
        daisy=True,
        audio=True,
    ),
    Work(
        no=41,
        authors=(BOYE,),
        title="Moln",
        year=1922,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Karin Boyes debutdiktsamling.",
        genres=POETRY,
    ),
    Work(
        no=42,
        authors=(BOYE,),
        title="För trädets skull",
        year=1935,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Diktsamling som bland annat innehåller dikten Ja visst gör det ont.",
        genres=POETRY,
    ),
    Work(
        no=43,
        authors=(BOYE,),
        title="Kris",
        year=1934,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den unga seminaristen Malin Forst hamnar i en djup kris när hennes tro och "
            "hennes känslor inte längre går ihop."
        ),
        genres=NOVEL,
    ),
    # --- Vilhelm Moberg ----------------------------------------------------
    Work(
        no=50,
        authors=(MOBERG,),
        title="Utvandrarna",
        year=1949,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Karl Oskar och Kristina lämnar fattigdomen i Ljuder socken i Småland och "
            "utvandrar till Nordamerika år 1850. Första delen av Utvandrarserien."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Småland",),
        series=UTVANDRARSERIEN,
        series_number="1",
        first_edition=BONNIER,
        daisy=True,
        audio=True,
        large_print=True,
    ),
    Work(
        no=51,
        authors=(MOBERG,),
        title="Invandrarna",
        year=1952,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Utvandrarna reser genom Amerika till Minnesota, där Karl Oskar tar upp sitt "
            "nybygge vid sjön Ki-Chi-Saga. Andra delen av Utvandrarserien."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Minnesota",),
        series=UTVANDRARSERIEN,
        series_number="2",
        first_edition=BONNIER,
        daisy=True,
    ),
    Work(
        no=52,
        authors=(MOBERG,),
        title="Nybyggarna",
        year=1956,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Familjen bygger upp sin gård i Minnesota medan Kristina längtar hem till "
            "Sverige. Tredje delen av Utvandrarserien."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Minnesota",),
        series=UTVANDRARSERIEN,
        series_number="3",
        first_edition=BONNIER,
        daisy=True,
    ),
    Work(
        no=53,
        authors=(MOBERG,),
        title="Sista brevet till Sverige",
        year=1959,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Karl Oskar blir gammal i Minnesota medan de nya generationerna växer upp som "
            "amerikaner. Sista delen av Utvandrarserien."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Minnesota",),
        series=UTVANDRARSERIEN,
        series_number="4",
        first_edition=BONNIER,
        daisy=True,
    ),
    Work(
        no=54,
        authors=(MOBERG,),
        title="Raskens",
        year=1927,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Soldaten Gustav Rask och hans hustru Ida bygger sitt liv på ett soldattorp i "
            "Småland. Mobergs genombrottsroman."
        ),
        genres=NOVEL,
        places=("Småland",),
    ),
    Work(
        no=55,
        authors=(MOBERG,),
        title="Rid i natt!",
        year=1941,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Bönderna i en småländsk by gör motstånd mot en ny herre på 1650-talet. "
            "Romanen skrevs som ett inlägg mot den nazistiska ockupationen av grannländerna."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Småland",),
    ),
    Work(
        no=56,
        authors=(MOBERG,),
        title="Din stund på jorden",
        year=1963,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Albert Carlson, en gammal svensk utvandrare i Kalifornien, ser tillbaka på sitt "
            "liv och sin barndom i Småland."
        ),
        genres=NOVEL,
    ),
    # --- Harry and Moa Martinson ------------------------------------------
    Work(
        no=60,
        authors=(H_MARTINSON,),
        title="Aniara",
        subtitle="en revy om människan i tid och rum",
        year=1956,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Rymdskeppet Aniara ska föra människor från en förstörd jord till Mars men "
            "kommer ur kurs och driver ut i rymden. Ett versepos i 103 sånger."
        ),
        genres=POETRY,
        daisy=True,
    ),
    Work(
        no=61,
        authors=(H_MARTINSON,),
        title="Nässlorna blomma",
        year=1935,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Självbiografisk roman om pojken Martin, som efter faderns död och moderns "
            "utvandring blir sockenbarn i Blekinge."
        ),
        genres=(*NOVEL, "Barndomsskildringar"),
        places=("Blekinge",),
    ),
    Work(
        no=62,
        authors=(H_MARTINSON,),
        title="Vägen till Klockrike",
        year=1948,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Luffaren Bolle vandrar längs Sveriges landsvägar kring sekelskiftet 1900.",
        genres=NOVEL,
    ),
    Work(
        no=63,
        authors=(M_MARTINSON,),
        title="Kvinnor och äppelträd",
        year=1933,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Moa Martinsons debutroman om fattiga kvinnors liv över flera generationer.",
        genres=(*NOVEL, "Arbetarskildringar"),
        subjects=("Kvinnor",),
    ),
    Work(
        no=64,
        authors=(M_MARTINSON,),
        title="Mor gifter sig",
        year=1936,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Flickan Mia växer upp i fattigdom med sin mor Hedvig och en styvfar som dricker. "
            "Första delen av Moa Martinsons romaner om Mia."
        ),
        genres=(*NOVEL, "Arbetarskildringar", "Barndomsskildringar"),
        daisy=True,
    ),
    # --- Pär Lagerkvist ----------------------------------------------------
    Work(
        no=70,
        authors=(LAGERKVIST,),
        title="Dvärgen",
        year=1944,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Dvärgen Piccoline skriver om livet vid ett italienskt furstehov under "
            "renässansen. En roman om ondskan i människan."
        ),
        genres=NOVEL,
        daisy=True,
    ),
    Work(
        no=71,
        authors=(LAGERKVIST,),
        title="Barabbas",
        year=1950,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Barabbas frigavs i stället för Jesus. Romanen följer honom efter korsfästelsen "
            "och hans sökande efter en tro han inte förmår ta emot."
        ),
        genres=NOVEL,
        daisy=True,
    ),
    Work(
        no=72,
        authors=(LAGERKVIST,),
        title="Bödeln",
        year=1933,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En kort roman där bödeln möter både medeltidens och samtidens våld.",
        genres=NOVEL,
    ),
    Work(
        no=73,
        authors=(LAGERKVIST,),
        title="Ångest",
        year=1916,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Expressionistisk diktsamling som inleds med raden Ångest, ångest är min arvedel.",
        genres=POETRY,
    ),
    Work(
        no=74,
        authors=(LAGERKVIST,),
        title="Gäst hos verkligheten",
        year=1925,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En självbiografisk berättelse om pojken Anders uppväxt i en småländsk stad.",
        genres=(*NOVEL, "Barndomsskildringar"),
    ),
    # --- Stig Dagerman -----------------------------------------------------
    Work(
        no=80,
        authors=(DAGERMAN,),
        title="Ormen",
        year=1945,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Dagermans debutroman om rädsla och ångest bland värnpliktiga under krigsåren.",
        genres=NOVEL,
        daisy=True,
    ),
    Work(
        no=81,
        authors=(DAGERMAN,),
        title="De dömdas ö",
        nonfiling=3,
        year=1946,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Sju skeppsbrutna människor strandar på en öde ö och möter sin egen skuld.",
        genres=NOVEL,
    ),
    Work(
        no=82,
        authors=(DAGERMAN,),
        title="Bränt barn",
        year=1948,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Efter moderns död förälskar sig den unge Bengt i sin fars älskarinna Gun. "
            "En roman om sorg, svartsjuka och skuld."
        ),
        genres=NOVEL,
        daisy=True,
    ),
    Work(
        no=83,
        authors=(DAGERMAN,),
        title="Nattens lekar",
        year=1947,
        form=Form.STORIES,
        sab="Hc.01",
        summary="Novellsamling, bland annat med den ofta lästa titelnovellen Nattens lekar.",
        genres=STORIES,
    ),
    # --- Poets -------------------------------------------------------------
    Work(
        no=90,
        authors=(FRODING,),
        title="Gitarr och dragharmonika",
        year=1891,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Frödings debutdiktsamling, med dikter om folkliv och natur i Värmland.",
        genres=POETRY,
        places=("Värmland",),
    ),
    Work(
        no=91,
        authors=(FRODING,),
        title="Stänk och flikar",
        year=1896,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Diktsamling som ledde till att Fröding åtalades för sedlighetsbrott för dikten "
            "En morgondröm. Han friades."
        ),
        genres=POETRY,
    ),
    Work(
        no=92,
        authors=(KARLFELDT,),
        title="Fridolins visor",
        year=1898,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Dikter om den bildade bonden Fridolin och bygden i Dalarna.",
        genres=POETRY,
        places=("Dalarna",),
    ),
    Work(
        no=93,
        authors=(HEIDENSTAM,),
        title="Vallfart och vandringsår",
        year=1888,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Heidenstams debutdiktsamling, präglad av hans resor i Orienten och södra Europa.",
        genres=POETRY,
    ),
    Work(
        no=94,
        authors=(HEIDENSTAM,),
        title="Karolinerna",
        year=1897,
        end_year=1898,
        form=Form.STORIES,
        sab="Hc.01",
        summary="Berättelser om Karl XII och hans soldater under det stora nordiska kriget.",
        genres=(*STORIES, "Historiska skildringar"),
    ),
    Work(
        no=95,
        authors=(FERLIN,),
        title="En döddansares visor",
        nonfiling=3,
        year=1930,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Nils Ferlins debutdiktsamling, med visor om livet i Stockholms Klarakvarter.",
        genres=POETRY,
    ),
    Work(
        no=96,
        authors=(D_ANDERSSON,),
        title="Svarta ballader",
        year=1917,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Diktsamling med ballader om liv, död och längtan i skogsbygden.",
        genres=(*POETRY, "Ballader"),
    ),
    Work(
        no=97,
        authors=(D_ANDERSSON,),
        title="Kolarhistorier",
        year=1914,
        form=Form.STORIES,
        sab="Hc.01",
        summary="Berättelser om kolare och skogsfolk i Dalarnas finnmarker.",
        genres=STORIES,
        places=("Dalarna",),
    ),
    Work(
        no=98,
        authors=(EKELOF,),
        title="Sent på jorden",
        year=1932,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Gunnar Ekelöfs debutdiktsamling, ett av den svenska modernismens nyckelverk.",
        genres=POETRY,
    ),
    Work(
        no=99,
        authors=(EKELOF,),
        title="En Mölna-elegi",
        nonfiling=3,
        year=1960,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "En lång dikt om minne och tid, som utspelar sig under ett ögonblick vid Mölna brygga."
        ),
        genres=POETRY,
    ),
    # --- Early 1900s prose --------------------------------------------------
    Work(
        no=110,
        authors=(WAGNER,),
        title="Norrtullsligan",
        year=1908,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Fyra unga kontorsflickor delar lägenhet vid Norrtull i Stockholm och kämpar "
            "för sin försörjning och sin självständighet."
        ),
        genres=NOVEL,
        places=("Stockholm",),
        subjects=("Kvinnor",),
    ),
    Work(
        no=111,
        authors=(WAGNER,),
        title="Pennskaftet",
        year=1910,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En ung journalist, kallad Pennskaftet, engagerar sig i kampen för kvinnlig rösträtt."
        ),
        genres=NOVEL,
        subjects=("Kvinnlig rösträtt",),
    ),
    Work(
        no=112,
        authors=(BERGMAN,),
        title="Markurells i Wadköping",
        year=1919,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Källarmästare Markurell i småstaden Wadköping vill till varje pris att hans son "
            "ska klara studentexamen."
        ),
        genres=NOVEL,
    ),
    Work(
        no=113,
        authors=(BERGMAN,),
        title="Farmor och vår Herre",
        year=1921,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Den stränga änkan Hedvig Bork styr sin familj med järnhand i Wadköping.",
        genres=NOVEL,
    ),
    Work(
        no=114,
        authors=(BERGMAN,),
        title="Clownen Jac",
        year=1930,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den berömde clownen Jac kommer hem till Sverige, och bakom skratten döljer sig ångest."
        ),
        genres=NOVEL,
    ),
    Work(
        no=115,
        authors=(SJOBERG,),
        title="Fridas bok",
        year=1922,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Visor om Frida och livet i den lilla staden, skrivna och tonsatta av Birger Sjöberg."
        ),
        genres=POETRY,
    ),
    Work(
        no=116,
        authors=(SJOBERG,),
        title="Kvartetten som sprängdes",
        year=1924,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En stråkkvartett splittras när medlemmarna dras in i aktiespekulation under "
            "1920-talet."
        ),
        genres=NOVEL,
    ),
    Work(
        no=117,
        authors=(LO_JOHANSSON,),
        title="Godnatt, jord",
        year=1933,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En roman om statarnas hårda liv på de sörmländska godsen i början av 1900-talet.",
        genres=(*NOVEL, "Arbetarskildringar"),
        places=("Södermanland",),
    ),
    Work(
        no=118,
        authors=(E_JOHNSON,),
        title="Nu var det 1914",
        year=1934,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Fjortonårige Olof arbetar vid en flottningsränna i Norrbotten sommaren då "
            "världskriget bryter ut. Första delen av Romanen om Olof."
        ),
        genres=(*NOVEL, "Arbetarskildringar"),
        places=("Norrbotten",),
    ),
    Work(
        no=119,
        authors=(E_JOHNSON,),
        title="Strändernas svall",
        year=1946,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En nytolkning av Odysséen, där Odysseus efter kriget vid Troja söker vägen hem.",
        genres=NOVEL,
    ),
    Work(
        no=120,
        authors=(E_JOHNSON,),
        title="Hans nådes tid",
        year=1960,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En historisk roman om makt och förtryck i Karl den stores rike.",
        genres=(*NOVEL, "Historiska skildringar"),
    ),
    Work(
        no=121,
        authors=(ARONSON,),
        title="Hitom himlen",
        year=1946,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En roman om människor i Norrbottens ödemarker.",
        genres=NOVEL,
        places=("Norrbotten",),
    ),
    Work(
        no=122,
        authors=(AHLIN,),
        title="Tåbb med manifestet",
        year=1943,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den arbetslöse Tåbb söker svar i Kommunistiska manifestet. Lars Ahlins debutroman."
        ),
        genres=(*NOVEL, "Arbetarskildringar"),
    ),
)
