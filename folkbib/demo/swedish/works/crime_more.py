"""Swedish crime fiction since the late 1990s (work numbers 450-599)."""

from __future__ import annotations

from .model import BONNIER, Form, Publication, Work, person

MARKLUND = person("Marklund, Liza", "1962-")
LACKBERG = person("Läckberg, Camilla", "1974-")
NESSER = person("Nesser, Håkan", "1950-")
# A pseudonym shared by two authors: no dates belong to it.
KEPLER = person("Kepler, Lars")
ALVTEGEN = person("Alvtegen, Karin", "1965-")
THEORIN = person("Theorin, Johan", "1963-")
LANG = person("Lang, Maria", "1914-1991")
DAHL = person("Dahl, Arne")  # pseudonym
PERSSON = person("Persson, Leif G. W.", "1945-")
A_LARSSON = person("Larsson, Åsa", "1966-")
LAPIDUS = person("Lapidus, Jens", "1974-")
ROSLUND = person("Roslund, Anders", "1961-")
HELLSTROM = person("Hellström, Börge", "1957-2017")
KALLENTOFT = person("Kallentoft, Mons", "1968-")
STEN = person("Sten, Viveca", "1959-")

CRIME = ("Deckare", "Romaner")
POLICE = ("Poliser",)
FORUM = Publication("Stockholm", "Forum")
MORE_CRIME_FICTION: tuple[Work, ...] = (
    # --- Liza Marklund: Annika Bengtzon -------------------------------------
    Work(
        no=450,
        authors=(MARKLUND,),
        title="Sprängaren",
        year=1998,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En vinternatt sprängs den nya olympiska arenan i Stockholm. Kriminalreportern "
            "Annika Bengtzon bevakar fallet."
        ),
        genres=CRIME,
        subjects=("Journalister",),
        places=("Stockholm",),
        daisy=True,
    ),
    Work(
        no=451,
        authors=(MARKLUND,),
        title="Studio sex",
        year=1999,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En ung kvinna hittas mördad på en begravningsplats i Stockholm, och sommarvikarien "
            "Annika Bengtzon ger sig in i sitt första stora reportage."
        ),
        genres=CRIME,
        subjects=("Journalister",),
        places=("Stockholm",),
    ),
    Work(
        no=452,
        authors=(MARKLUND,),
        title="Paradiset",
        year=2000,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Annika Bengtzon granskar en stiftelse som säger sig hjälpa hotade människor att "
            "försvinna."
        ),
        genres=CRIME,
        subjects=("Journalister",),
    ),
    Work(
        no=453,
        authors=(MARKLUND,),
        title="Prime time",
        year=2002,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En känd tv-programledare skjuts ihjäl under en inspelning på ett slott.",
        genres=CRIME,
        subjects=("Journalister",),
    ),
    Work(
        no=454,
        authors=(MARKLUND,),
        title="Den röda vargen",
        nonfiling=4,
        year=2003,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Annika Bengtzon reser till Luleå, där en journalist har dödats, och spåren leder "
            "till ett gammalt attentat."
        ),
        genres=CRIME,
        subjects=("Journalister",),
        places=("Luleå",),
    ),
    # --- Camilla Läckberg: Fjällbacka --------------------------------------------
    Work(
        no=460,
        authors=(LACKBERG,),
        title="Isprinsessan",
        year=2003,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Författaren Erica Falck kommer hem till Fjällbacka och får veta att hennes "
            "barndomsvän har hittats död i ett isigt badkar."
        ),
        genres=CRIME,
        places=("Fjällbacka",),
        first_edition=FORUM,
        daisy=True,
        audio=True,
        large_print=True,
    ),
    Work(
        no=461,
        authors=(LACKBERG,),
        title="Predikanten",
        year=2004,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En ung kvinna hittas död i Kungsklyftan i Fjällbacka, och bredvid henne ligger "
            "skelett efter två kvinnor som försvann många år tidigare."
        ),
        genres=CRIME,
        places=("Fjällbacka",),
    ),
    Work(
        no=462,
        authors=(LACKBERG,),
        title="Stenhuggaren",
        year=2005,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En liten flicka hittas drunknad i en hummertina utanför Fjällbacka.",
        genres=CRIME,
        places=("Fjällbacka",),
    ),
    Work(
        no=463,
        authors=(LACKBERG,),
        title="Olycksfågeln",
        year=2006,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En kvinna dör i en bilolycka, samtidigt som en dokusåpa spelas in i Tanumshede.",
        genres=CRIME,
        places=("Tanumshede",),
    ),
    Work(
        no=464,
        authors=(LACKBERG,),
        title="Tyskungen",
        year=2007,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Erica Falck hittar en nazistisk medalj bland sin döda mors saker och börjar gräva i "
            "familjens historia."
        ),
        genres=CRIME,
        places=("Fjällbacka",),
    ),
    # --- Håkan Nesser -------------------------------------------------------------
    Work(
        no=470,
        authors=(NESSER,),
        title="Det grovmaskiga nätet",
        nonfiling=4,
        year=1993,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Läraren Janek Mitter vaknar och finner sin hustru död i badkaret. Kommissarie "
            "Van Veeterens första fall."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=471,
        authors=(NESSER,),
        title="Borkmanns punkt",
        year=1994,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En yxmördare härjar i kuststaden Kaalbringen, och kommissarie Van Veeteren kallas dit."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=472,
        authors=(NESSER,),
        title="Kvinna med födelsemärke",
        year=1996,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En kvinna tar hämnd för något som hände för länge sedan, och Van Veeteren försöker "
            "förstå mönstret bakom morden."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=473,
        authors=(NESSER,),
        title="Människa utan hund",
        year=2006,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Två familjemedlemmar försvinner när släkten Hermansson samlas i Kymlinge. "
            "Inspektör Gunnar Barbarottis första fall."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    # --- Lars Kepler ----------------------------------------------------------
    Work(
        no=480,
        authors=(KEPLER,),
        title="Hypnotisören",
        year=2009,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En familj mördas i Tumba, och den ende överlevande, en svårt skadad pojke, "
            "förhörs under hypnos. Kommissarie Joona Linnas första fall."
        ),
        genres=CRIME,
        subjects=POLICE,
        first_edition=BONNIER,
        daisy=True,
        audio=True,
    ),
    Work(
        no=481,
        authors=(KEPLER,),
        title="Paganinikontraktet",
        year=2010,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En kvinna hittas drunknad på en båt som driver i skärgården, och Joona Linna följer "
            "spåren till vapenhandel."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=482,
        authors=(KEPLER,),
        title="Eldvittnet",
        year=2011,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En flicka mördas på ett hem för unga flickor i Norrland, och en annan flicka är "
            "försvunnen."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=483,
        authors=(KEPLER,),
        title="Sandmannen",
        year=2012,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En ung man som varit försvunnen i tretton år dyker upp, och Joona Linna måste åter "
            "möta seriemördaren Jurek Walter."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    # --- Åsa Larsson: Rebecka Martinsson ------------------------------------
    Work(
        no=490,
        authors=(A_LARSSON,),
        title="Solstorm",
        year=2003,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En känd predikant hittas mördad i en frikyrka i Kiruna, och advokaten Rebecka "
            "Martinsson återvänder från Stockholm till sin hemstad."
        ),
        genres=CRIME,
        places=("Kiruna",),
        daisy=True,
        audio=True,
    ),
    Work(
        no=491,
        authors=(A_LARSSON,),
        title="Det blod som spillts",
        nonfiling=4,
        year=2004,
        form=Form.NOVEL,
        sab="Hc.01",
        summary="En kvinnlig präst hittas mördad i en kyrka i en by utanför Kiruna.",
        genres=CRIME,
        places=("Kiruna",),
    ),
    Work(
        no=492,
        authors=(A_LARSSON,),
        title="Svart stig",
        year=2006,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En kvinna hittas mördad i en fiskestuga på Torneträsks is, och spåren leder till ett "
            "stort gruvföretag."
        ),
        genres=CRIME,
        places=("Kiruna", "Torneträsk"),
    ),
    # --- More crime ---------------------------------------------------------
    Work(
        no=500,
        authors=(ALVTEGEN,),
        title="Saknad",
        year=2000,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den hemlösa Sibylla blir misstänkt för ett mord på ett hotell i Stockholm och måste "
            "fly."
        ),
        genres=CRIME,
    ),
    Work(
        no=501,
        authors=(THEORIN,),
        title="Skumtimmen",
        year=2007,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En femårig pojke försvann i dimman på Öland 1972. Tjugo år senare får hans "
            "morfar Gerlof ett tecken som tyder på att någon vet vad som hände."
        ),
        genres=CRIME,
        places=("Öland",),
        daisy=True,
    ),
    Work(
        no=502,
        authors=(LANG,),
        title="Mördaren ljuger inte ensam",
        year=1949,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Maria Langs första deckare, där Puck Ekstedt och polisen Christer Wijk för första "
            "gången löser ett mord."
        ),
        genres=CRIME,
    ),
    Work(
        no=503,
        authors=(DAHL,),
        title="Misterioso",
        year=1999,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Kända finansmän mördas i sina hem, och en ny specialgrupp inom polisen, A-gruppen, "
            "sätts in."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=504,
        authors=(PERSSON,),
        title="Mellan sommarens längtan och vinterns köld",
        year=2002,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En amerikansk journalist faller till döden från ett studenthem i Stockholm, och "
            "fallet leder in i Säkerhetspolisens historia."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=505,
        authors=(PERSSON,),
        title="Den döende detektiven",
        nonfiling=4,
        year=2010,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Den pensionerade polischefen Lars Martin Johansson drabbas av en stroke och tar sig "
            "an ett ouppklarat mord på en flicka."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=506,
        authors=(LAPIDUS,),
        title="Snabba cash",
        year=2006,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "Tre män i Stockholms undre värld jagar snabba pengar: en student med dubbelliv, en "
            "rymd fånge och en torped."
        ),
        genres=CRIME,
        places=("Stockholm",),
    ),
    Work(
        no=507,
        authors=(ROSLUND, HELLSTROM),
        title="Odjuret",
        year=2004,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En dömd barnamördare rymmer under en fångtransport, och en pappa tar saken i egna "
            "händer."
        ),
        genres=CRIME,
        subjects=POLICE,
    ),
    Work(
        no=508,
        authors=(KALLENTOFT,),
        title="Midvinterblod",
        year=2007,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En man hittas hängd i ett träd på en åker utanför Linköping under en iskall vinter. "
            "Malin Fors första fall."
        ),
        genres=CRIME,
        subjects=POLICE,
        places=("Linköping",),
    ),
    Work(
        no=509,
        authors=(STEN,),
        title="I de lugnaste vatten",
        year=2008,
        form=Form.NOVEL,
        sab="Hc.01",
        summary=(
            "En död man insnärjd i ett fiskenät flyter i land på Sandhamn, och polisen Thomas "
            "Andreasson utreder."
        ),
        genres=CRIME,
        subjects=POLICE,
        places=("Sandhamn",),
    ),
)
