"""Swedish non-fiction (work numbers 800-899).

SAB main classes only where a finer code is not certain: K history, Kc Swedish
history, E education, Nc geography of Sweden, O social sciences, V medicine.
"""

from __future__ import annotations

from .model import Form, Publication, Work, person

ROSLING = person("Rosling, Hans", "1948-2017")
O_ROSLING = person("Rosling, Ola")
ROSLING_RONNLUND = person("Rosling Rönnlund, Anna")
A_HANSEN = person("Hansen, Anders")
ENGLUND = person("Englund, Peter", "1957-")
KEY = person("Key, Ellen", "1849-1926")
LINNE = person("Linné, Carl von", "1707-1778")
S_LINDQVIST = person("Lindqvist, Sven", "1932-2019")

NATUR_KULTUR = Publication("Stockholm", "Natur & Kultur")

NONFICTION: tuple[Work, ...] = (
    Work(
        no=800,
        authors=(ROSLING, O_ROSLING, ROSLING_RONNLUND),
        title="Factfulness",
        year=2018,
        form=Form.NONFICTION,
        sab="O",
        summary=(
            "Hans Rosling visar med statistik att världen på många sätt är bättre än vi tror, "
            "och beskriver tio instinkter som förvränger vår bild av den."
        ),
        subjects=("Globalisering", "Statistik", "Kritiskt tänkande"),
        first_edition=NATUR_KULTUR,
        daisy=True,
        audio=True,
    ),
    Work(
        no=801,
        authors=(A_HANSEN,),
        title="Hjärnstark",
        year=2016,
        form=Form.NONFICTION,
        sab="V",
        summary=(
            "Psykiatern Anders Hansen förklarar hur fysisk aktivitet påverkar hjärnan, minnet och "
            "humöret."
        ),
        subjects=("Hjärnan", "Motion"),
    ),
    Work(
        no=802,
        authors=(A_HANSEN,),
        title="Skärmhjärnan",
        year=2019,
        form=Form.NONFICTION,
        sab="V",
        summary=(
            "Anders Hansen beskriver hur mobiltelefoner och skärmar påverkar vår hjärna, vår sömn "
            "och vår koncentration."
        ),
        subjects=("Hjärnan", "Mobiltelefoner"),
        audio=True,
    ),
    Work(
        no=803,
        authors=(ENGLUND,),
        title="Poltava",
        year=1988,
        form=Form.NONFICTION,
        sab="Kc",
        summary=(
            "Historikern Peter Englund skildrar slaget vid Poltava 1709, där Karl XII:s armé gick "
            "under."
        ),
        subjects=("Krig",),
        places=("Sverige", "Poltava"),
        daisy=True,
    ),
    Work(
        no=804,
        authors=(ENGLUND,),
        title="Ofredsår",
        year=1993,
        form=Form.NONFICTION,
        sab="Kc",
        summary=(
            "Sveriges stormaktstid under 1600-talet, berättad kring fältmarskalken och tecknaren "
            "Erik Dahlbergh."
        ),
        subjects=("Krig",),
        places=("Sverige",),
    ),
    Work(
        no=805,
        authors=(ENGLUND,),
        title="Stridens skönhet och sorg",
        year=2008,
        form=Form.NONFICTION,
        sab="K",
        summary=(
            "Första världskriget berättat genom dagböcker och brev från tjugo människor i olika "
            "länder."
        ),
        subjects=("Världskriget 1914-1918",),
    ),
    Work(
        no=806,
        authors=(KEY,),
        title="Barnets århundrade",
        year=1900,
        form=Form.NONFICTION,
        sab="E",
        summary=(
            "Ellen Key förutspår att 1900-talet ska bli barnets århundrade och kräver en "
            "uppfostran på barnets villkor."
        ),
        subjects=("Barnuppfostran", "Pedagogik"),
    ),
    Work(
        no=807,
        authors=(LINNE,),
        title="Skånska resa",
        year=1751,
        form=Form.NONFICTION,
        sab="Nc",
        summary=(
            "Carl von Linnés berättelse om sin resa genom Skåne 1749, med iakttagelser av natur, "
            "jordbruk och folkliv."
        ),
        subjects=("Naturhistoria",),
        places=("Skåne",),
    ),
    Work(
        no=808,
        authors=(S_LINDQVIST,),
        title="Utrota varenda jävel",
        year=1992,
        form=Form.NONFICTION,
        sab="K",
        summary=(
            "Sven Lindqvist reser genom Sahara och följer den europeiska kolonialismens folkmord "
            "i Afrika."
        ),
        subjects=("Kolonialism", "Rasism"),
    ),
)
