"""Swedish fiction from the 1970s to today (work numbers 260-399)."""

from __future__ import annotations

from .model import NORSTEDT, Form, Publication, Work, person

GARDELL = person("Gardell, Jonas", "1963-")
BACKMAN = person("Backman, Fredrik", "1981-")
JONASSON = person("Jonasson, Jonas", "1961-")
NIEMI = person("Niemi, Mikael", "1959-")
LUNDELL = person("Lundell, Ulf", "1949-")
GUILLOU = person("Guillou, Jan", "1944-")
KHEMIRI = person("Khemiri, Jonas Hassen", "1978-")
STROMQUIST = person("Strömquist, Liv", "1978-")
OSTERGREN = person("Östergren, Klas", "1955-")
FOGELSTROM = person("Fogelström, Per Anders", "1917-1998")
JERSILD = person("Jersild, P. C.", "1935-")
TUNSTROM = person("Tunström, Göran", "1937-2000")
DELBLANC = person("Delblanc, Sven", "1931-1992")
L_ANDERSSON = person("Andersson, Lena", "1970-")
SMIRNOFF = person("Smirnoff, Karin", "1964-")
L_AXELSSON = person("Axelsson, Linnea", "1980-")
ANYURU = person("Anyuru, Johannes", "1979-")
SCHULMAN = person("Schulman, Alex", "1976-")
BANNERHED = person("Bannerhed, Tomas", "1966-")

NOVEL = ("Romaner",)
POETRY = ("Poesi",)

FORUM = Publication("Stockholm", "Forum")
PIRAT = Publication("Stockholm", "Piratförlaget")

CONTEMPORARY: tuple[Work, ...] = (
    # --- Jonas Gardell -------------------------------------------------------
    Work(
        no=260,
        authors=(GARDELL,),
        title="Torka aldrig tårar utan handskar",
        part_number="1",
        part_name="Kärleken",
        year=2012,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Rasmus och Benjamin möts i Stockholm i början av 1980-talet, när en ny "
            "sjukdom börjar drabba homosexuella män. Första delen av trilogin."
        ),
        genres=NOVEL,
        subjects=("Homosexualitet", "Aids"),
        places=("Stockholm",),
        daisy=True,
    ),
    Work(
        no=261,
        authors=(GARDELL,),
        title="Torka aldrig tårar utan handskar",
        part_number="2",
        part_name="Sjukdomen",
        year=2013,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Aids sprider sig bland vännerna i Stockholm. Andra delen av trilogin.",
        genres=NOVEL,
        subjects=("Homosexualitet", "Aids"),
        places=("Stockholm",),
    ),
    Work(
        no=262,
        authors=(GARDELL,),
        title="Torka aldrig tårar utan handskar",
        part_number="3",
        part_name="Döden",
        year=2013,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Den avslutande delen av trilogin om aidsepidemin i Stockholm.",
        genres=NOVEL,
        subjects=("Homosexualitet", "Aids"),
        places=("Stockholm",),
    ),
    Work(
        no=263,
        authors=(GARDELL,),
        title="En komikers uppväxt",
        nonfiling=3,
        year=1992,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Juha Lindström växer upp i en förort och lär sig att skratta för att överleva.",
        genres=(*NOVEL, "Barndomsskildringar"),
    ),
    # --- Fredrik Backman, Jonas Jonasson ------------------------------------
    Work(
        no=270,
        authors=(BACKMAN,),
        title="En man som heter Ove",
        nonfiling=3,
        year=2012,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den vresige änklingen Ove har bestämt sig för att dö, men nya grannar och en "
            "herrelös katt kommer hela tiden i vägen."
        ),
        genres=NOVEL,
        first_edition=FORUM,
        daisy=True,
        audio=True,
        large_print=True,
    ),
    Work(
        no=271,
        authors=(BACKMAN,),
        title="Min mormor hälsar och säger förlåt",
        year=2013,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Sjuåriga Elsas mormor dör och lämnar efter sig brev med ursäkter som Elsa ska "
            "lämna till människor i huset där de bor."
        ),
        genres=NOVEL,
        large_print=True,
    ),
    Work(
        no=272,
        authors=(BACKMAN,),
        title="Britt-Marie var här",
        year=2014,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Britt-Marie lämnar sitt äktenskap och hamnar som fritidsledare i det lilla samhället "
            "Borg."
        ),
        genres=NOVEL,
    ),
    Work(
        no=273,
        authors=(BACKMAN,),
        title="Björnstad",
        year=2016,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "I en liten ort i skogen handlar allt om ishockey, tills en händelse efter en "
            "viktig match splittrar hela samhället."
        ),
        genres=NOVEL,
        subjects=("Ishockey",),
        audio=True,
    ),
    Work(
        no=274,
        authors=(BACKMAN,),
        title="Vi mot er",
        year=2017,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Fortsättningen på Björnstad, där hockeyklubben och orten kämpar för sin framtid.",
        genres=NOVEL,
        subjects=("Ishockey",),
    ),
    Work(
        no=275,
        authors=(BACKMAN,),
        title="Folk med ångest",
        year=2019,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Ett misslyckat bankrån slutar i ett gisslandrama på en lägenhetsvisning.",
        genres=NOVEL,
    ),
    Work(
        no=276,
        authors=(JONASSON,),
        title="Hundraåringen som klev ut genom fönstret och försvann",
        year=2009,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "På sin hundraårsdag klättrar Allan Karlsson ut genom fönstret på ålderdomshemmet "
            "och ger sig av. Hans livshistoria visar sig ha korsat 1900-talets stora händelser."
        ),
        genres=NOVEL,
        first_edition=PIRAT,
        daisy=True,
        audio=True,
        large_print=True,
    ),
    Work(
        no=277,
        authors=(JONASSON,),
        title="Analfabeten som kunde räkna",
        year=2013,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Nombeko från Soweto är ett räknegeni som av en slump hamnar i Sverige med en atombomb."
        ),
        genres=NOVEL,
    ),
    # --- Norrbotten, Stockholm, Västerbotten --------------------------------
    Work(
        no=280,
        authors=(NIEMI,),
        title="Populärmusik från Vittula",
        year=2000,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Matti och hans vän Niila växer upp i Pajala i Tornedalen på 1960- och "
            "1970-talen, där rockmusiken öppnar en väg ut i världen."
        ),
        genres=(*NOVEL, "Barndomsskildringar"),
        places=("Tornedalen", "Pajala"),
        first_edition=NORSTEDT,
        daisy=True,
        audio=True,
    ),
    Work(
        no=281,
        authors=(NIEMI,),
        title="Koka björn",
        year=2017,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "I Pajala år 1852 utreder prosten Lars Levi Laestadius och hans lärjunge Jussi "
            "ett mord på en piga."
        ),
        genres=(*NOVEL, "Deckare", "Historiska skildringar"),
        places=("Pajala",),
    ),
    Work(
        no=282,
        authors=(LUNDELL,),
        title="Jack",
        year=1976,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En ung man i 1970-talets Stockholm lever för skrivandet, musiken, kärleken och "
            "friheten."
        ),
        genres=NOVEL,
        places=("Stockholm",),
    ),
    Work(
        no=283,
        authors=(OSTERGREN,),
        title="Gentlemen",
        year=1980,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En ung författare flyttar in hos bröderna Henry och Leo Morgan på Söder i Stockholm."
        ),
        genres=NOVEL,
        places=("Stockholm",),
    ),
    Work(
        no=284,
        authors=(FOGELSTROM,),
        title="Mina drömmars stad",
        year=1960,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Henning Nilsson kommer till Stockholm på 1860-talet och bygger sitt liv på Söder. "
            "Första delen av Fogelströms romaner om Stockholm."
        ),
        genres=(*NOVEL, "Historiska skildringar", "Arbetarskildringar"),
        places=("Stockholm",),
        daisy=True,
    ),
    Work(
        no=285,
        authors=(FOGELSTROM,),
        title="Barn av sin stad",
        year=1962,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Fortsättningen på Mina drömmars stad, där nästa generation växer upp i Stockholm.",
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Stockholm",),
    ),
    Work(
        no=286,
        authors=(JERSILD,),
        title="Barnens ö",
        year=1976,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den unge Reine stannar ensam i Stockholm över sommaren i stället för att åka på "
            "koloni."
        ),
        genres=NOVEL,
        places=("Stockholm",),
    ),
    Work(
        no=287,
        authors=(JERSILD,),
        title="Babels hus",
        year=1978,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En satirisk roman om en patient på ett stort sjukhus och om vården som system.",
        genres=(*NOVEL, "Samhällsskildringar"),
    ),
    Work(
        no=288,
        authors=(JERSILD,),
        title="En levande själ",
        nonfiling=3,
        year=1980,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En mänsklig hjärna lever i ett akvarium i ett laboratorium och börjar tänka själv."
        ),
        genres=NOVEL,
    ),
    Work(
        no=289,
        authors=(TUNSTROM,),
        title="Juloratoriet",
        year=1983,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Efter moderns död i Sunne försöker en familj i Värmland leva vidare, i tre "
            "generationer."
        ),
        genres=NOVEL,
        places=("Värmland",),
    ),
    Work(
        no=290,
        authors=(DELBLANC,),
        title="Prästkappan",
        year=1963,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En historisk roman om den unge prästen Hermann i 1700-talets Preussen.",
        genres=(*NOVEL, "Historiska skildringar"),
    ),
    Work(
        no=291,
        authors=(DELBLANC,),
        title="Samuels bok",
        year=1981,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Delblanc berättar om sin morfar Samuel och hans familjs öde i början av 1900-talet."
        ),
        genres=(*NOVEL, "Biografiska skildringar"),
    ),
    # --- Guillou -------------------------------------------------------------
    Work(
        no=300,
        authors=(GUILLOU,),
        title="Ondskan",
        year=1981,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Erik slås hemma av sin styvfar och skickas till internatskolan Stjärnsberg, "
            "där de äldre eleverna styr med våld."
        ),
        genres=NOVEL,
        subjects=("Internatskolor", "Mobbning"),
        # Jan Guillou read the text himself for Piratförlaget's CD edition (2002).
        narrators=(GUILLOU,),
        audio=True,
    ),
    Work(
        no=301,
        authors=(GUILLOU,),
        title="Vägen till Jerusalem",
        year=1998,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Arn Magnusson växer upp i ett kloster i 1100-talets Västergötland. Första "
            "delen av Guillous romaner om Arn."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Västergötland",),
    ),
    Work(
        no=302,
        authors=(GUILLOU,),
        title="Tempelriddaren",
        year=1999,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Arn Magnusson strider som tempelriddare i Heliga landet medan Cecilia väntar i "
            "Sverige."
        ),
        genres=(*NOVEL, "Historiska skildringar"),
    ),
    Work(
        no=303,
        authors=(GUILLOU,),
        title="Riket vid vägens slut",
        year=2000,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Arn återvänder hem till Västergötland. Den avslutande delen av trilogin om Arn.",
        genres=(*NOVEL, "Historiska skildringar"),
        places=("Västergötland",),
    ),
    # --- 2000s and 2010s ----------------------------------------------------
    Work(
        no=310,
        authors=(KHEMIRI,),
        title="Ett öga rött",
        nonfiling=4,
        year=2003,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Femtonårige Halim skriver dagbok om sitt liv i Stockholm, om identitet och om språk."
        ),
        genres=NOVEL,
        places=("Stockholm",),
    ),
    Work(
        no=311,
        authors=(KHEMIRI,),
        title="Montecore",
        subtitle="en unik tiger",
        year=2006,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En roman i brevform om en far och en son och om att komma till Sverige.",
        genres=NOVEL,
    ),
    Work(
        no=312,
        authors=(KHEMIRI,),
        title="Allt jag inte minns",
        year=2015,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Efter den unge Samuels död försöker en författare förstå vad som hände genom samtal "
            "med hans vänner."
        ),
        genres=NOVEL,
    ),
    Work(
        no=313,
        authors=(STROMQUIST,),
        title="Kunskapens frukt",
        year=2014,
        form=Form.COMICS,
        sab="Hci",
        summary=(
            "En tecknad serie om hur kvinnokroppen har beskrivits och missförståtts genom "
            "historien."
        ),
        genres=("Tecknade serier",),
        subjects=("Kvinnor",),
    ),
    Work(
        no=314,
        authors=(L_ANDERSSON,),
        title="Egenmäktigt förfarande",
        subtitle="en roman om kärlek",
        year=2013,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Poeten och essäisten Ester Nilsson förälskar sig i konstnären Hugo Rask, som inte "
            "älskar henne tillbaka."
        ),
        genres=NOVEL,
    ),
    Work(
        no=315,
        authors=(SMIRNOFF,),
        title="Jag for ner till bror",
        year=2018,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Jana Kippo återvänder till sin bror i en liten by i Norrland. Första delen av en "
            "trilogi."
        ),
        genres=NOVEL,
    ),
    Work(
        no=316,
        authors=(L_AXELSSON,),
        title="Ædnan",
        year=2018,
        form=Form.POETRY,
        sab="Hc.03",
        summary=(
            "Ett epos på vers om två samiska familjer under ett sekel av tvångsförflyttningar och "
            "utbyggda älvar."
        ),
        genres=POETRY,
        subjects=("Samer",),
        daisy=True,
    ),
    Work(
        no=317,
        authors=(ANYURU,),
        title="De kommer att drunkna i sina mödrars tårar",
        year=2017,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En ung kvinna som deltagit i ett terrordåd i Göteborg säger sig komma från en "
            "framtid där muslimer sätts i läger."
        ),
        genres=NOVEL,
    ),
    Work(
        no=318,
        authors=(SCHULMAN,),
        title="Bränn alla mina brev",
        year=2018,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Alex Schulman söker förklaringen till vreden i sin släkt och finner en "
            "kärlekshistoria från 1930-talet."
        ),
        genres=(*NOVEL, "Biografiska skildringar"),
    ),
    Work(
        no=319,
        authors=(SCHULMAN,),
        title="Överlevarna",
        year=2020,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="Tre bröder återvänder till familjens sommarstuga för att sprida sin mors aska.",
        genres=NOVEL,
    ),
    Work(
        no=320,
        authors=(BANNERHED,),
        title="Korparna",
        year=2011,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Pojken Klas växer upp på en gård i Småland på 1970-talet, där fåglarna är hans "
            "tillflykt undan en sjuk far."
        ),
        genres=(*NOVEL, "Barndomsskildringar"),
        places=("Småland",),
        daisy=True,
    ),
)
