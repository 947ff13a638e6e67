"""Swedish books for children and young adults, from Maria Gripe on (work numbers 640-799).

See ``children.py`` for the SAB and genre practice these records follow.
"""

from __future__ import annotations

from .model import Audience, Form, Work, person

ERIKSSON = person("Eriksson, Eva", "1949-")
GRIPE = person("Gripe, Maria", "1923-2007")
R_LAGERCRANTZ = person("Lagercrantz, Rose", "1947-")
U_NILSSON = person("Nilsson, Ulf", "1948-2021")
STARK = person("Stark, Ulf", "1944-2017")
WAHL = person("Wahl, Mats", "1945-")
BERGSTROM = person("Bergström, Gunilla", "1942-2021")
NORDQVIST = person("Nordqvist, Sven", "1946-")
WIDMARK = person("Widmark, Martin", "1961-")
WILLIS = person("Willis, Helena")
B_LINDGREN = person("Lindgren, Barbro", "1937-")
POHL = person("Pohl, Peter", "1940-2014")
I_SANDBERG = person("Sandberg, Inger", "1930-")
L_SANDBERG = person("Sandberg, Lasse", "1924-2008")
LINDE = person("Linde, Gunnel", "1924-2014")
WEGELIUS = person("Wegelius, Jakob", "1966-")
STRANDBERG = person("Strandberg, Mats", "1976-")
BERGMARK_ELFGREN = person("Bergmark Elfgren, Sara", "1980-")
LINDENBAUM = person("Lindenbaum, Pija", "1955-")
TIDHOLM = person("Tidholm, Anna-Clara", "1946-")
MONI_NILSSON = person("Nilsson, Moni")
LUNDGREN = person("Lundgren, Max", "1937-2005")
THYDELL = person("Thydell, Johanna", "1980-")
KADEFORS = person("Kadefors, Sara", "1965-")
THOR = person("Thor, Annika", "1950-")
A_LIND = person("Lind, Åsa", "1958-")
MANKELL = person("Mankell, Henning", "1948-2015")

BU = "Barn- och ungdomslitteratur"
PICTURE = (BU, "Bilderböcker")
CHAPTER = (BU, "Kapitelböcker")
MIDDLE = (BU, "Mellanåldersböcker")
YOUTH = (BU, "Ungdomsböcker")

PB = Audience.PICTURE_BOOK
EARLY = Audience.EARLY
MID = Audience.MIDDLE
YA = Audience.YOUTH

MORE_CHILDREN: tuple[Work, ...] = (
    # --- Maria Gripe ---------------------------------------------------------
    Work(
        no=640,
        authors=(GRIPE,),
        title="Hugo och Josefin",
        year=1962,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary="Prästdottern Josefin börjar skolan och blir vän med den egensinnige Hugo.",
        genres=MIDDLE,
    ),
    Work(
        no=641,
        authors=(GRIPE,),
        title="Glasblåsarns barn",
        year=1964,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Klas och Klara, glasblåsarens barn, rövas bort till Härskarens stad. En saga om "
            "längtan och förlust."
        ),
        genres=(*MIDDLE, "Fantasy"),
    ),
    Work(
        no=642,
        authors=(GRIPE,),
        title="Tordyveln flyger i skymningen",
        year=1978,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Tre ungdomar ska sköta blommorna i ett gammalt hus en sommar och hittar spåren av en "
            "gåtfull staty."
        ),
        genres=MIDDLE,
    ),
    Work(
        no=643,
        authors=(GRIPE,),
        title="Agnes Cecilia",
        subtitle="en sällsam historia",
        year=1981,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary=(
            "Nora flyttar med sin fosterfamilj till en gammal lägenhet, där gåtfulla saker börjar "
            "hända."
        ),
        genres=YOUTH,
        daisy=True,
    ),
    # --- Picture books and first readers ------------------------------------
    Work(
        no=650,
        authors=(BERGSTROM,),
        title="God natt, Alfons Åberg",
        year=1972,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "Alfons vill inte somna, och pappa får springa fram och tillbaka med det ena efter "
            "det andra."
        ),
        genres=PICTURE,
    ),
    Work(
        no=651,
        authors=(NORDQVIST,),
        title="Pannkakstårtan",
        year=1985,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "Findus fyller år, och Pettson ska baka en pannkakstårta, men först måste han "
            "få tag på mjöl."
        ),
        genres=PICTURE,
        audio=True,
    ),
    Work(
        no=652,
        authors=(NORDQVIST,),
        title="Rävjakten",
        year=1986,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="Räven vill ta Pettsons hönor, och Pettson och Findus lägger upp en listig plan.",
        genres=PICTURE,
    ),
    Work(
        no=653,
        authors=(NORDQVIST,),
        title="Pettson får julbesök",
        year=1988,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "Pettson skadar foten strax före jul och kan varken hämta gran eller handla, men då "
            "kommer grannarna."
        ),
        genres=PICTURE,
    ),
    Work(
        no=654,
        authors=(B_LINDGREN,),
        illustrators=(ERIKSSON,),
        title="Mamman och den vilda bebin",
        year=1980,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="En mamma och hennes vilda bebis, som hittar på det ena efter det andra.",
        genres=PICTURE,
    ),
    Work(
        no=655,
        authors=(B_LINDGREN,),
        illustrators=(ERIKSSON,),
        title="Max nalle",
        year=1981,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="En pekbok för de allra minsta om Max och hans nalle.",
        genres=(*PICTURE, "Pekböcker"),
    ),
    Work(
        no=656,
        authors=(I_SANDBERG, L_SANDBERG),
        title="Lilla spöket Laban",
        year=1965,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="Laban är ett litet spöke på slottet Gomorronsol som är rädd för mörkret.",
        genres=PICTURE,
    ),
    Work(
        no=657,
        authors=(LINDENBAUM,),
        title="Gittan och gråvargarna",
        year=2000,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary=(
            "Försiktiga Gittan går vilse i skogen och möter en flock gråvargar som behöver henne."
        ),
        genres=PICTURE,
    ),
    Work(
        no=658,
        authors=(TIDHOLM,),
        title="Knacka på!",
        year=1992,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="En pekbok där läsaren knackar på dörr efter dörr och får se vem som bor bakom.",
        genres=(*PICTURE, "Pekböcker"),
    ),
    Work(
        no=659,
        authors=(U_NILSSON,),
        illustrators=(ERIKSSON,),
        title="Alla döda små djur",
        year=2006,
        form=Form.NOVEL,
        audience=PB,
        sab="Hcf(yb)",
        summary="Några barn startar en begravningsbyrå för döda små djur en tråkig sommardag.",
        genres=PICTURE,
        subjects=("Döden",),
    ),
    Work(
        no=660,
        authors=(STARK,),
        title="Kan du vissla Johanna?",
        year=1992,
        form=Form.NOVEL,
        audience=EARLY,
        sab="Hcf",
        summary="Berra vill ha en morfar, så han och Ulf går till ett ålderdomshem och hittar en.",
        genres=CHAPTER,
        daisy=True,
    ),
    Work(
        no=661,
        authors=(R_LAGERCRANTZ,),
        illustrators=(ERIKSSON,),
        title="Mitt lyckliga liv",
        year=2010,
        form=Form.NOVEL,
        audience=EARLY,
        sab="Hcf",
        summary=(
            "Dunne börjar skolan och räknar de lyckliga stunderna i sitt liv, även när hennes "
            "bästa vän flyttar."
        ),
        genres=CHAPTER,
        subjects=("Vänskap",),
    ),
    Work(
        no=662,
        authors=(U_NILSSON,),
        title="Kommissarie Gordon",
        part_name="Det första fallet",
        year=2014,
        form=Form.NOVEL,
        audience=EARLY,
        sab="Hcf",
        summary=(
            "Paddan Gordon är polis i skogen och får hjälp av en liten mus när någon stjäl nötter."
        ),
        genres=(*CHAPTER, "Deckare"),
    ),
    Work(
        no=663,
        authors=(WIDMARK,),
        illustrators=(WILLIS,),
        title="Diamantmysteriet",
        year=2002,
        form=Form.NOVEL,
        audience=EARLY,
        sab="Hcf",
        summary="Lasse och Maja driver en detektivbyrå i Valleby och löser sitt första fall.",
        genres=(*CHAPTER, "Deckare"),
        series="LasseMajas detektivbyrå",
        daisy=True,
    ),
    Work(
        no=664,
        authors=(A_LIND,),
        title="Sandvargen",
        year=2002,
        form=Form.NOVEL,
        audience=EARLY,
        sab="Hcf",
        summary="Zackarina möter Sandvargen på stranden och pratar med honom om stort och smått.",
        genres=CHAPTER,
    ),
    # --- Middle years ----------------------------------------------------------
    Work(
        no=670,
        authors=(STARK,),
        title="Dårfinkar och dönickar",
        year=1984,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Simone flyttar till en ny ort, blir tagen för en pojke och låter alla tro att hon "
            "heter Simon."
        ),
        genres=MIDDLE,
    ),
    Work(
        no=671,
        authors=(LINDE,),
        title="Den vita stenen",
        nonfiling=4,
        year=1964,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Fia och Hampus byter en vit sten mellan sig genom en sommar av vågspel och vänskap."
        ),
        genres=MIDDLE,
        subjects=("Vänskap",),
    ),
    Work(
        no=672,
        authors=(MONI_NILSSON,),
        title="Tsatsiki och morsan",
        year=1995,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Tsatsiki bor med sin morsa i Stockholm och drömmer om sin pappa, som är "
            "bläckfiskfiskare i Grekland."
        ),
        genres=MIDDLE,
    ),
    Work(
        no=673,
        authors=(LUNDGREN,),
        title="Pojken med guldbyxorna",
        year=1967,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary="Mats får ett par byxor med en ficka där pengarna aldrig tar slut.",
        genres=MIDDLE,
    ),
    Work(
        no=674,
        authors=(THOR,),
        title="En ö i havet",
        nonfiling=3,
        year=1996,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "De judiska systrarna Steffi och Nelli skickas från Wien till en ö i Göteborgs "
            "skärgård när andra världskriget närmar sig."
        ),
        genres=(*MIDDLE, "Historiska berättelser"),
    ),
    Work(
        no=675,
        authors=(MANKELL,),
        title="Hunden som sprang mot en stjärna",
        year=1990,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Elvaårige Joel i en stad i Norrland på 1950-talet ser en hund springa ensam i natten "
            "och vill veta vart den är på väg."
        ),
        genres=MIDDLE,
    ),
    Work(
        no=676,
        authors=(WEGELIUS,),
        title="Mördarens apa",
        year=2014,
        form=Form.NOVEL,
        audience=MID,
        sab="Hcg",
        summary=(
            "Gorillan Sally Jones berättar hur hon försöker bevisa att hennes vän Chiefen "
            "är oskyldigt dömd för mord i Lissabon."
        ),
        genres=MIDDLE,
        daisy=True,
    ),
    # --- Young adults --------------------------------------------------------------
    Work(
        no=680,
        authors=(POHL,),
        title="Janne, min vän",
        year=1985,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary=(
            "Krille blir vän med den gåtfulle Janne i 1950-talets Stockholm, och Janne bär på en "
            "hemlighet."
        ),
        genres=YOUTH,
        places=("Stockholm",),
    ),
    Work(
        no=681,
        authors=(WAHL,),
        title="Vinterviken",
        year=1993,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary="John-John från förorten blir kär i Elin från en välbärgad familj.",
        genres=YOUTH,
        places=("Stockholm",),
    ),
    Work(
        no=682,
        authors=(THYDELL,),
        title="I taket lyser stjärnorna",
        year=2003,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary=(
            "Tonåringen Jenna försöker leva ett vanligt liv medan hennes mamma är sjuk i cancer."
        ),
        genres=YOUTH,
        daisy=True,
    ),
    Work(
        no=683,
        authors=(KADEFORS,),
        title="Sandor slash Ida",
        year=2001,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary="Sandor och Ida lär känna varandra genom att skriva till varandra på nätet.",
        genres=YOUTH,
    ),
    Work(
        no=684,
        authors=(STRANDBERG, BERGMARK_ELFGREN),
        title="Cirkeln",
        year=2011,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary=(
            "Sex tonårsflickor i den lilla staden Engelsfors upptäcker att de är häxor och "
            "utvalda att stoppa en ondska."
        ),
        genres=(*YOUTH, "Fantasy"),
        series="Engelsforstrilogin",
        series_number="1",
        daisy=True,
    ),
    Work(
        no=685,
        authors=(STRANDBERG, BERGMARK_ELFGREN),
        title="Eld",
        year=2012,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary="Häxorna i Engelsfors måste fortsätta kampen. Andra delen av Engelsforstrilogin.",
        genres=(*YOUTH, "Fantasy"),
        series="Engelsforstrilogin",
        series_number="2",
    ),
    Work(
        no=686,
        authors=(STRANDBERG, BERGMARK_ELFGREN),
        title="Nyckeln",
        year=2013,
        form=Form.NOVEL,
        audience=YA,
        sab="Hc,u",
        summary="Den avslutande delen av Engelsforstrilogin.",
        genres=(*YOUTH, "Fantasy"),
        series="Engelsforstrilogin",
        series_number="3",
    ),
)
