"""Swedish classics from Bellman to Söderberg, 1700s to the early 1900s (work numbers 1-39)."""

from __future__ import annotations

from .model import BONNIER, Form, Publication, Work, person

STRINDBERG = person("Strindberg, August", "1849-1912")
LAGERLOF = person("Lagerlöf, Selma", "1858-1940")
ALMQVIST = person("Almqvist, Carl Jonas Love", "1793-1866")
BELLMAN = person("Bellman, Carl Michael", "1740-1795")
SODERBERG = person("Söderberg, Hjalmar", "1869-1941")
TEGNER = person("Tegnér, Esaias", "1782-1846")
BREMER = person("Bremer, Fredrika", "1801-1865")
BENEDICTSSON = person("Benedictsson, Victoria", "1850-1888")

NOVEL = ("Romaner",)
POETRY = ("Poesi",)
DRAMA = ("Dramatik",)
STORIES = ("Noveller",)


CLASSICS: tuple[Work, ...] = (
    # --- August Strindberg -------------------------------------------------
    Work(
        no=1,
        authors=(STRINDBERG,),
        title="Röda rummet",
        year=1879,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den unge ämbetsmannen Arvid Falk lämnar sin tjänst för att bli författare "
            "och journalist i 1870-talets Stockholm. Romanen är en satir över ämbetsverk, "
            "press och förlag och brukar räknas som den första moderna svenska romanen."
        ),
        genres=(*NOVEL, "Samhällsskildringar"),
        places=("Stockholm",),
        first_edition=Publication("Stockholm", "Seligmann"),
        daisy=True,
    ),
    Work(
        no=2,
        authors=(STRINDBERG,),
        title="Hemsöborna",
        year=1887,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Drängen Carlsson från Värmland kommer till ön Hemsö i Stockholms skärgård "
            "för att sköta änkan Flods gård. En humoristisk och folklig skildring av "
            "livet i skärgården."
        ),
        genres=NOVEL,
        places=("Stockholms skärgård",),
        first_edition=BONNIER,
        daisy=True,
        audio=True,
    ),
    Work(
        no=3,
        authors=(STRINDBERG,),
        title="Fröken Julie",
        subtitle="ett naturalistiskt sorgespel",
        year=1888,
        form=Form.DRAMA,
        sab="Hc.02",
        summary=(
            "Under en midsommarnatt på ett gods närmar sig grevens dotter Julie betjänten "
            "Jean. Ett drama om klass, kön och makt, med ett förord där Strindberg "
            "förklarar sin syn på den naturalistiska teatern."
        ),
        genres=DRAMA,
    ),
    Work(
        no=4,
        authors=(STRINDBERG,),
        title="Fadren",
        year=1887,
        form=Form.DRAMA,
        sab="Hc.02",
        summary=(
            "Ryttmästaren och hans hustru Laura strider om hur dottern Bertha ska "
            "uppfostras, och Laura väcker hans tvivel på att han verkligen är barnets far."
        ),
        genres=DRAMA,
    ),
    Work(
        no=5,
        authors=(STRINDBERG,),
        title="Ett drömspel",
        nonfiling=4,
        year=1902,
        form=Form.DRAMA,
        sab="Hc.02",
        summary=(
            "Guden Indras dotter stiger ned till jorden för att uppleva människornas liv. "
            "Pjäsen följer drömmens logik, där tid och rum flyter ihop."
        ),
        genres=DRAMA,
    ),
    Work(
        no=6,
        authors=(STRINDBERG,),
        title="Giftas",
        year=1884,
        form=Form.STORIES,
        sab="Hc.01",
        summary=(
            "Berättelser om äktenskap och samliv. Boken ledde till att Strindberg åtalades "
            "för hädelse, men han friades."
        ),
        genres=STORIES,
        subjects=("Äktenskap",),
    ),
    Work(
        no=7,
        authors=(STRINDBERG,),
        title="Tjänstekvinnans son",
        year=1886,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Strindbergs självbiografiska roman om Johans barndom och ungdom i Stockholm "
            "vid mitten av 1800-talet."
        ),
        genres=(*NOVEL, "Barndomsskildringar"),
    ),
    # --- Selma Lagerlöf ----------------------------------------------------
    Work(
        no=10,
        authors=(LAGERLOF,),
        title="Gösta Berlings saga",
        year=1891,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den avsatte prästen Gösta Berling och kavaljererna på Ekeby lever ett vilt år "
            "i Värmland. Selma Lagerlöfs debutroman."
        ),
        genres=NOVEL,
        places=("Värmland",),
        daisy=True,
        large_print=True,
    ),
    Work(
        no=11,
        authors=(LAGERLOF,),
        title="Jerusalem",
        year=1901,
        end_year=1902,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Bönder från en by i Dalarna lämnar sina gårdar och utvandrar till Jerusalem "
            "av religiösa skäl. Romanen utkom i två delar."
        ),
        genres=NOVEL,
        places=("Dalarna", "Jerusalem"),
    ),
    Work(
        no=12,
        authors=(LAGERLOF,),
        title="Herr Arnes penningar",
        year=1904,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Herr Arnes hushåll i Bohuslän mördas av tre legosoldater under 1500-talet, "
            "och den enda överlevande, Elsalill, möter en av mördarna."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Bohuslän",),
    ),
    Work(
        no=13,
        authors=(LAGERLOF,),
        title="Körkarlen",
        year=1912,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den som dör sist under året måste köra dödens vagn. På nyårsnatten möter "
            "den supande David Holm körkarlen och får se vad hans liv har ställt till med."
        ),
        genres=NOVEL,
    ),
    Work(
        no=14,
        authors=(LAGERLOF,),
        title="Kejsarn av Portugallien",
        year=1914,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Torparen Jan i Skrolycka älskar sin dotter Klara Gulla över allt annat. När "
            "hon reser till Stockholm och inte kommer tillbaka börjar han tro att hon är "
            "kejsarinna av Portugallien."
        ),
        genres=NOVEL,
        places=("Värmland",),
        daisy=True,
    ),
    Work(
        no=15,
        authors=(LAGERLOF,),
        title="Löwensköldska ringen",
        year=1925,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "General Löwensköld begravs med sin ring, men ringen stjäls ur graven och "
            "olyckor drabbar den som bär den. Första delen av trilogin om släkten "
            "Löwensköld."
        ),
        genres=NOVEL,
        places=("Värmland",),
    ),
    # --- Almqvist, Bellman, Tegnér, Bremer, Benedictsson -------------------
    Work(
        no=20,
        authors=(ALMQVIST,),
        title="Det går an",
        year=1839,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Sergeanten Albert och glasmästardottern Sara Videbeck möts på en ångbåtsresa. "
            "Sara vill leva med honom utan att gifta sig, och boken väckte en het debatt "
            "om äktenskapet."
        ),
        genres=NOVEL,
        subjects=("Äktenskap",),
    ),
    Work(
        no=21,
        authors=(ALMQVIST,),
        title="Drottningens juvelsmycke",
        year=1834,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En romantisk roman kring mordet på Gustav III år 1792, med den gåtfulla "
            "Tintomara i centrum."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
    ),
    Work(
        no=22,
        authors=(BELLMAN,),
        title="Fredmans epistlar",
        year=1790,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Sånger om urmakaren Fredman och hans vänner i 1700-talets Stockholm, med krogar, "
            "kärlek, musik och Ulla Winblad."
        ),
        genres=POETRY,
        places=("Stockholm",),
        daisy=True,
    ),
    Work(
        no=23,
        authors=(BELLMAN,),
        title="Fredmans sånger",
        year=1791,
        form=Form.POETRY,
        sab="Hc.03",
        summary="Bellmans samling av dryckesvisor och andra sånger.",
        genres=POETRY,
    ),
    Work(
        no=24,
        authors=(TEGNER,),
        title="Frithiofs saga",
        year=1825,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Ett versepos efter en isländsk saga om Frithiof och hans kärlek till "
            "kungadottern Ingeborg."
        ),
        genres=POETRY,
    ),
    Work(
        no=25,
        authors=(BREMER,),
        title="Hertha",
        year=1856,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En roman om en ung kvinna som hålls omyndig under sin fars förmynderskap. "
            "Boken bidrog till debatten om ogifta kvinnors myndighet."
        ),
        genres=(*NOVEL, "Samhällsskildringar"),
        subjects=("Kvinnor",),
    ),
    Work(
        no=26,
        authors=(BENEDICTSSON,),
        title="Pengar",
        year=1885,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den unga Selma gifts bort med en rik och mycket äldre man. Romanen utkom under "
            "pseudonymen Ernst Ahlgren."
        ),
        genres=NOVEL,
        subjects=("Äktenskap", "Kvinnor"),
    ),
    # --- Hjalmar Söderberg -------------------------------------------------
    Work(
        no=30,
        authors=(SODERBERG,),
        title="Doktor Glas",
        year=1905,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Läkaren Tyko Gabriel Glas för dagbok en sommar i Stockholm. Prästfrun Helga "
            "Gregorius ber honom om hjälp mot sin make, och Glas börjar fundera på mord."
        ),
        genres=NOVEL,
        places=("Stockholm",),
        first_edition=BONNIER,
        daisy=True,
        audio=True,
        large_print=True,
    ),
    Work(
        no=31,
        authors=(SODERBERG,),
        title="Den allvarsamma leken",
        nonfiling=4,
        year=1912,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Arvid Stjärnblom och Lydia Stille älskar varandra men gifter sig med andra. "
            "En kärleksroman från Stockholm kring sekelskiftet 1900."
        ),
        genres=NOVEL,
        places=("Stockholm",),
    ),
    Work(
        no=32,
        authors=(SODERBERG,),
        title="Martin Bircks ungdom",
        year=1901,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Martin Birck växer upp i Stockholm och söker sin väg mellan ämbetsmannaliv, "
            "diktning och tvivel."
        ),
        genres=NOVEL,
        places=("Stockholm",),
    ),
    Work(
        no=33,
        authors=(SODERBERG,),
        title="Historietter",
        year=1898,
        form=Form.STORIES,
        sab="Hc.01",
        summary="Korta, ironiska berättelser, bland dem den ofta lästa Pälsen.",
        genres=STORIES,
    ),
    Work(
        no=34,
        authors=(SODERBERG,),
        title="Gertrud",
        year=1906,
        form=Form.DRAMA,
        sab="Hc.02",
        summary="Ett drama om Gertrud, som söker en kärlek som är allt eller ingenting.",
        genres=DRAMA,
    ),
)
