"""Swedish books for children and young adults by Astrid Lindgren, Selma Lagerlöf,
Elsa Beskow and Gösta Knutsson (work numbers 600-639).

SAB practice in Libris: picture books Hcf(yb), books for the youngest readers Hcf,
the middle years Hcg, young adults Hc,u. Genre terms come from the Swedish list
for children's literature (barngf), where "Barn- och ungdomslitteratur" is always set.
"""

from __future__ import annotations

from .model import RABEN_SJOGREN, Audience, Form, Work, person

A_LINDGREN = person("Lindgren, Astrid", "1907-2002")
VANG_NYMAN = person("Vang Nyman, Ingrid", "1916-1959")
BJORN_BERG = person("Berg, Björn", "1923-2008")
WIKLAND = person("Wikland, Ilon", "1930-")
LAGERLOF = person("Lagerlöf, Selma", "1858-1940")
BESKOW = person("Beskow, Elsa", "1874-1953")
KNUTSSON = person("Knutsson, Gösta", "1908-1974")

BU = "Barn- och ungdomslitteratur"
PICTURE = (BU, "Bilderböcker")
CHAPTER = (BU, "Kapitelböcker")
MIDDLE = (BU, "Mellanåldersböcker")
YOUTH = (BU, "Ungdomsböcker")

PB = Audience.PICTURE_BOOK
EARLY = Audience.EARLY
MID = Audience.MIDDLE
YA = Audience.YOUTH


def _astrid(no: int, title: str, year: int, summary: str, **extra: object) -> Work:
    """A book by Astrid Lindgren; all first published by Rabén & Sjögren from 1944 on."""
    fields: dict[str, object] = {
        "audience": MID,
        "sab": "Hcg",
        "genres": MIDDLE,
        "form": Form.NOVEL,
        **extra,
    }
    return Work(
        no=no,
        authors=(A_LINDGREN,),
        title=title,
        year=year,
        summary=summary,
        first_edition=RABEN_SJOGREN,
        **fields,  # type: ignore[arg-type]
    )


CHILDREN: tuple[Work, ...] = (
    # --- Astrid Lindgren -----------------------------------------------------
    _astrid(
        600,
        "Pippi Långstrump",
        1945,
        "Pippi är världens starkaste flicka och bor ensam i Villa Villekulla med sin häst och "
        "apan Herr Nilsson. Grannbarnen Tommy och Annika får vara med om det ena äventyret "
        "efter det andra.",
        illustrators=(VANG_NYMAN,),
        daisy=True,
        audio=True,
    ),
    _astrid(
        601,
        "Pippi Långstrump går ombord",
        1946,
        "Pippis pappa, kapten Efraim Långstrump, kommer tillbaka för att hämta henne till "
        "Kurrekurreduttön.",
        illustrators=(VANG_NYMAN,),
    ),
    _astrid(
        602,
        "Pippi Långstrump i Söderhavet",
        1948,
        "Pippi tar med sig Tommy och Annika till sin pappas ö i Söderhavet.",
        illustrators=(VANG_NYMAN,),
    ),
    _astrid(
        603,
        "Mästerdetektiven Blomkvist",
        1946,
        "Kalle Blomkvist vill bli mästerdetektiv och får till slut ett riktigt fall att lösa "
        "i den lilla staden, tillsammans med vännerna Anders och Eva-Lotta.",
        genres=(*MIDDLE, "Deckare"),
    ),
    _astrid(
        604,
        "Mästerdetektiven Blomkvist lever farligt",
        1951,
        "Eva-Lotta hittar en mördad man, och Kalle Blomkvist ger sig in i sitt farligaste fall.",
        genres=(*MIDDLE, "Deckare"),
    ),
    _astrid(
        605,
        "Kalle Blomkvist och Rasmus",
        1953,
        "Lille Rasmus och hans pappa, en professor med en hemlig uppfinning, kidnappas, och "
        "Kalle, Anders och Eva-Lotta följer efter.",
        genres=(*MIDDLE, "Deckare"),
    ),
    _astrid(
        606,
        "Alla vi barn i Bullerbyn",
        1947,
        "Lisa berättar om livet med sina bröder och vännerna på de tre gårdarna i Bullerbyn.",
        audio=True,
    ),
    _astrid(
        607,
        "Mera om oss barn i Bullerbyn",
        1949,
        "Fler berättelser om Lisa och de andra barnen i Bullerbyn, året runt.",
    ),
    _astrid(
        608,
        "Bara roligt i Bullerbyn",
        1952,
        "Den tredje boken om barnen i Bullerbyn.",
    ),
    _astrid(
        609,
        "Mio, min Mio",
        1954,
        "Bo Vilhelm Olsson, som ingen bryr sig om, förs till Landet i Fjärran där han är "
        "kungens son Mio. Där måste han möta den grymme riddar Kato.",
        illustrators=(WIKLAND,),
        genres=(*MIDDLE, "Fantasy"),
        daisy=True,
        audio=True,
    ),
    _astrid(
        610,
        "Lillebror och Karlsson på taket",
        1955,
        "Karlsson, en liten tjock man med propeller på ryggen, bor i ett hus på taket och "
        "blir Lillebrors bäste vän.",
        illustrators=(WIKLAND,),
        audio=True,
    ),
    _astrid(
        611,
        "Karlsson på taket flyger igen",
        1962,
        "Karlsson kommer tillbaka, och Lillebror får barnvakten fröken Bock.",
        illustrators=(WIKLAND,),
    ),
    _astrid(
        612,
        "Karlsson på taket smyger igen",
        1968,
        "Den tredje boken om Karlsson på taket och Lillebror.",
        illustrators=(WIKLAND,),
    ),
    _astrid(
        613,
        "Rasmus på luffen",
        1956,
        "Rasmus rymmer från barnhemmet och följer med luffaren Paradis-Oskar ut på vägarna.",
    ),
    _astrid(
        614,
        "Emil i Lönneberga",
        1963,
        "Emil bor på gården Katthult i Småland och hittar på hyss nästan varje dag, som när "
        "han fastnar med huvudet i soppskålen.",
        illustrators=(BJORN_BERG,),
        places=("Småland",),
        daisy=True,
        audio=True,
    ),
    _astrid(
        615,
        "Nya hyss av Emil i Lönneberga",
        1966,
        "Fler berättelser om Emil i Katthult och hans hyss.",
        illustrators=(BJORN_BERG,),
        places=("Småland",),
    ),
    _astrid(
        616,
        "Än lever Emil i Lönneberga",
        1970,
        "Den tredje boken om Emil, där han bland annat kör drängen Alfred till doktorn i "
        "Mariannelund genom en snöstorm.",
        illustrators=(BJORN_BERG,),
        places=("Småland",),
    ),
    _astrid(
        617,
        "Bröderna Lejonhjärta",
        1973,
        "Karl, som kallas Skorpan, och hans storebror Jonatan möts i landet Nangijala, där "
        "de måste kämpa mot den onde Tengil och draken Katla.",
        illustrators=(WIKLAND,),
        genres=(*MIDDLE, "Fantasy"),
        daisy=True,
        audio=True,
    ),
    _astrid(
        618,
        "Ronja rövardotter",
        1981,
        "Ronja är dotter till rövarhövdingen Mattis och blir vän med Birk, son till faderns "
        "värste fiende.",
        illustrators=(WIKLAND,),
        genres=(*MIDDLE, "Fantasy"),
        daisy=True,
        audio=True,
    ),
    _astrid(
        619,
        "Madicken",
        1960,
        "Madicken och lillasystern Lisabet bor på gården Junibacken i en liten stad i början "
        "av 1900-talet.",
        illustrators=(WIKLAND,),
    ),
    _astrid(
        620,
        "Barnen på Bråkmakargatan",
        1958,
        "Jonas, Maria och lillasystern Lotta bor på Bråkmakargatan, och Lotta har en alldeles "
        "egen vilja.",
        audience=EARLY,
        sab="Hcf",
        genres=CHAPTER,
    ),
    _astrid(
        621,
        "Nils Karlsson-Pyssling",
        1949,
        "Sagor, bland dem titelberättelsen om Bertil som får en vän som är inte större än "
        "en tumme och bor under golvet.",
        audience=EARLY,
        sab="Hcf",
        form=Form.STORIES,
        genres=(BU, "Sagor"),
    ),
    _astrid(
        622,
        "Vi på Saltkråkan",
        1964,
        "Familjen Melcher hyr ett hus på ön Saltkråkan över sommaren och blir vän med Tjorven "
        "och de andra barnen på ön.",
    ),
    _astrid(
        623,
        "Britt-Mari lättar sitt hjärta",
        1944,
        "Femtonåriga Britt-Mari berättar om sitt liv i brev till en brevvän. Astrid Lindgrens "
        "debutbok.",
        audience=YA,
        sab="Hc,u",
        genres=YOUTH,
    ),
    # --- Selma Lagerlöf, Elsa Beskow, Gösta Knutsson ------------------------
    Work(
        no=630,
        authors=(LAGERLOF,),
        title="Nils Holgerssons underbara resa genom Sverige",
        year=1906,
        end_year=1907,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Pojken Nils förtrollas av en tomte och blir liten. På gåskarlen Mårtens rygg "
            "följer han vildgässen under ledaren Akka från Kebnekajse över hela Sverige."
        ),
        genres=MIDDLE,
        places=("Sverige",),
        daisy=True,
        audio=True,
    ),
    Work(
        no=631,
        authors=(BESKOW,),
        title="Puttes äventyr i blåbärsskogen",
        year=1901,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "Putte blir pytteliten och får hjälpa blåbärskungens pojkar och lingonmor att plocka "
            "bär."
        ),
        genres=PICTURE,
    ),
    Work(
        no=632,
        authors=(BESKOW,),
        title="Tomtebobarnen",
        year=1910,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="En tomtefamilj lever i skogen under ett helt år, från vår till vinter.",
        genres=PICTURE,
    ),
    Work(
        no=633,
        authors=(BESKOW,),
        title="Pelles nya kläder",
        year=1912,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "Pelle klipper ullen av sitt lamm och får hjälp av sina mormödrar och grannar "
            "att karda, spinna, färga och väva tills han har en ny kostym."
        ),
        genres=PICTURE,
    ),
    Work(
        no=634,
        authors=(BESKOW,),
        title="Tant Grön, tant Brun och tant Gredelin",
        year=1918,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "Tre tanter i en liten stad hjälper barn som behöver det, tillsammans med farbror Blå."
        ),
        genres=PICTURE,
    ),
    Work(
        no=635,
        authors=(BESKOW,),
        title="Solägget",
        year=1932,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "En älva hittar en apelsin i skogen och tror att det är ett ägg som solen har värpt."
        ),
        genres=PICTURE,
    ),
    Work(
        no=636,
        authors=(BESKOW,),
        title="Sagan om den lilla, lilla gumman",
        year=1897,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="Elsa Beskows första bilderbok, om en liten gumma i ett litet hus.",
        genres=PICTURE,
    ),
    Work(
        no=637,
        authors=(KNUTSSON,),
        title="Pelle Svanslös på äventyr",
        year=1939,
        form=Form.NOVEL,
        audience=EARLY,
        sab="Hcf",
        summary=(
            "Katten Pelle har förlorat sin svans och flyttar till Uppsala, där elake Måns retar "
            "honom."
        ),
        genres=CHAPTER,
        places=("Uppsala",),
    ),
)
