"""The demo region's people: fixed personas that docs and tests rely on, and a crowd.

Fixed accounts (never change them; the docs, tests and tools use them):

| card       | PIN  | who                                                            |
|------------|------|----------------------------------------------------------------|
| 10000001   | 1234 | Anna Lindqvist, adult, home branch Umeå stadsbibliotek         |
| 10000002   | 1234 | Elsa Holmberg, child, home branch Vindelns bibliotek           |
| 10000003   | 1234 | Johan Nordin, adult, Vännäs bibliotek, blocked (unpaid fees)   |
| 10000004   | 1234 | Moa Berglund, youth, Nordmalings bibliotek, card expired       |
| 10000005   | 1234 | Erik Sjöberg, adult, Robertsfors; old card 10000000 reported lost |

Staff, one per role, all with password ``demo-demo-demo`` (``STAFF`` below):
``bibliotekarie`` (librarian at Umeå stadsbibliotek and Ersboda), ``admin`` (region
administrator, superuser), ``kommunadmin`` (municipality administrator, Vännäs),
``katalogisatör`` (cataloguer, Umeå stadsbibliotek), ``moderator`` (moderator, Umeå).

Everyone else (cards 10000006 …) is generated from common Swedish names with a fixed
seed, so every run produces the same people. Nobody has a personnummer.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

DEMO_PIN = "1234"
DEMO_STAFF_PASSWORD = "demo-demo-demo"
LIBRARIAN_USERNAME = "bibliotekarie"
ADMIN_USERNAME = "admin"
MUNICIPALITY_ADMIN_USERNAME = "kommunadmin"
CATALOGUER_USERNAME = "katalogisatör"
MODERATOR_USERNAME = "moderator"
FIRST_CARD = 10000001
LOST_CARD_OF_PERSONA_5 = "10000000"
SEED = 2480


@dataclass(frozen=True)
class StaffData:
    """A demo colleague; ``role`` is a ``consortium.StaffRole`` value, places are codes."""

    username: str
    first_name: str
    last_name: str
    role: str
    branch: str | None = None  # where the desk opens
    also_at: tuple[str, ...] = ()
    municipality: str | None = None  # for an administrator without a desk
    superuser: bool = False
    django_admin: bool = False  # may open /admin/ (configuration only)


STAFF = (
    StaffData(
        LIBRARIAN_USERNAME,
        "Bibbi",
        "Bibliotekarie",
        "librarian",
        "umea-stad",
        also_at=("ersboda",),
        django_admin=True,
    ),
    StaffData(ADMIN_USERNAME, "Regina", "Regionadmin", "region_admin", superuser=True),
    StaffData(MUNICIPALITY_ADMIN_USERNAME, "Kim", "Kommunadmin", "municipality_admin", "vannas"),
    StaffData(CATALOGUER_USERNAME, "Karin", "Katalogisatör", "cataloguer", "umea-stad"),
    StaffData(MODERATOR_USERNAME, "Mona", "Moderator", "moderator", "umea-stad"),
)
DEMO_STAFF_USERNAMES = tuple(person.username for person in STAFF)


@dataclass(frozen=True)
class PatronData:
    card_number: str
    first_name: str
    last_name: str
    category: str
    home_branch: str
    birth_date: dt.date | None
    email: str = ""
    phone: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    notice_channel: str | None = None
    language: str = "sv"
    keep_loan_history: bool = False
    #: days from today the card expires (negative: already expired)
    expires_in_days: int = 3 * 365
    blocks: tuple[str, ...] = field(default=())
    lost_card: str | None = None


FIRST_NAMES = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Kristina",
    "Lena",
    "Emma",
    "Kerstin",
    "Ingrid",
    "Elin",
    "Linnea",
    "Malin",
    "Sofia",
    "Ida",
    "Hanna",
    "Julia",
    "Maja",
    "Alice",
    "Wilma",
    "Ebba",
    "Astrid",
    "Saga",
    "Ella",
    "Agnes",
    "Frida",
    "Moa",
    "Tove",
    "Siv",
    "Britt",
    "Lars",
    "Mikael",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Karl",
    "Peter",
    "Jan",
    "Thomas",
    "Daniel",
    "Fredrik",
    "Hans",
    "Magnus",
    "Mattias",
    "Jonas",
    "Oskar",
    "William",
    "Liam",
    "Hugo",
    "Lucas",
    "Elias",
    "Alexander",
    "Axel",
    "Leo",
    "Nils",
    "Olle",
    "Gustav",
    "Isak",
    "Viktor",
    "Ahmed",
    "Mohammed",
    "Amina",
    "Fatima",
    "Yusuf",
    "Leila",
    "Aino",
    "Niila",
    "Máret",
    "Ante",
]

LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Lindberg",
    "Lindström",
    "Lindqvist",
    "Lundgren",
    "Berglund",
    "Sjöberg",
    "Holmberg",
    "Nordin",
    "Öberg",
    "Lundström",
    "Forsberg",
    "Bergström",
    "Sandberg",
    "Åström",
    "Wikström",
    "Nyström",
    "Burman",
    "Marklund",
    "Lundberg",
    "Holmgren",
    "Hedlund",
    "Norberg",
    "Strömberg",
    "Söderström",
    "Backman",
    "Granberg",
    "Stenlund",
    "Ekman",
    "Hägglund",
    "Nordström",
    "Grahn",
    "Sundberg",
    "Rönnlund",
    "Abdi",
    "Hassan",
    "Ali",
    "Mäkinen",
    "Blind",
]

INSTITUTIONS = [
    ("Förskolan", "Tallbacken"),
    ("Förskolan", "Ekorren"),
    ("Förskolan", "Myran"),
    ("Äldreboendet", "Björkgården"),
    ("Äldreboendet", "Solgläntan"),
    ("Skolbiblioteket", "Älvskolan"),
    ("Skolbiblioteket", "Norrskolan"),
    ("Studieförbundet", "Norr"),
    ("Dagverksamheten", "Ljuset"),
]

STREETS = [
    "Storgatan",
    "Kungsgatan",
    "Skolgatan",
    "Nygatan",
    "Järnvägsgatan",
    "Östra vägen",
    "Västra vägen",
    "Björkvägen",
    "Tallvägen",
    "Granvägen",
    "Älvvägen",
    "Skogsvägen",
]

# (category, share of the crowd, youngest age, oldest age)
CATEGORY_MIX = [
    ("adult", 0.60, 18, 89),
    ("child", 0.18, 3, 12),
    ("youth", 0.14, 13, 17),
    ("staff", 0.04, 22, 66),
    ("institution", 0.04, 0, 0),
]


def _ascii(name: str) -> str:
    table = str.maketrans("åäöéáÅÄÖÉÁ", "aaoeaAAOEA")
    return name.translate(table).lower().replace(" ", "")


def personas(today: dt.date) -> list[PatronData]:
    """The five fixed accounts described in the module docstring."""
    return [
        PatronData(
            "10000001",
            "Anna",
            "Lindqvist",
            "adult",
            "umea-stad",
            dt.date(1984, 5, 12),
            email="anna.lindqvist@example.org",
            phone="070-000 00 01",
            street_address="Storgatan 1",
            postal_code="903 26",
            city="Umeå",
            notice_channel="email",
        ),
        PatronData(
            "10000002",
            "Elsa",
            "Holmberg",
            "child",
            "vindeln",
            dt.date(today.year - 9, 3, 3),
            street_address="Skolgatan 4",
            postal_code="922 31",
            city="Vindeln",
            notice_channel="letter",
        ),
        PatronData(
            "10000003",
            "Johan",
            "Nordin",
            "adult",
            "vannas",
            dt.date(1971, 11, 2),
            email="johan.nordin@example.org",
            city="Vännäs",
            blocks=("fees",),
        ),
        PatronData(
            "10000004",
            "Moa",
            "Berglund",
            "youth",
            "nordmaling",
            dt.date(today.year - 15, 8, 20),
            phone="070-000 00 04",
            city="Nordmaling",
            expires_in_days=-1,
        ),
        PatronData(
            "10000005",
            "Erik",
            "Sjöberg",
            "adult",
            "robertsfors",
            dt.date(1958, 1, 30),
            email="erik.sjoberg@example.org",
            city="Robertsfors",
            lost_card=LOST_CARD_OF_PERSONA_5,
            language="en",
        ),
    ]


def crowd(*, count: int, today: dt.date, branches: list[tuple[str, str, int]]) -> list[PatronData]:
    """``count`` generated patrons, the same ones on every run.

    ``branches`` is (code, city, weight): a patron's home branch is drawn by weight, so
    the city library gets most people and village libraries a few.
    """
    rng = random.Random(SEED)
    codes = [code for code, _city, _weight in branches]
    weights = [weight for _code, _city, weight in branches]
    cities = {code: city for code, city, _weight in branches}
    people = []
    for index in range(count):
        card = str(FIRST_CARD + len(personas(today)) + index)
        category, _share, young, old = rng.choices(CATEGORY_MIX, [m[1] for m in CATEGORY_MIX])[0]
        branch = rng.choices(codes, weights)[0]
        city = cities[branch]
        street = f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
        if category == "institution":
            first, last = rng.choice(INSTITUTIONS)
            people.append(
                PatronData(
                    card,
                    first,
                    last,
                    category,
                    branch,
                    None,
                    email=f"{_ascii(last)}.{card[-3:]}@example.org",
                    street_address=street,
                    city=city,
                    expires_in_days=rng.randint(30, 700),
                )
            )
            continue
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        age = rng.randint(young, old)
        birth = dt.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        email = f"{_ascii(first)}.{_ascii(last)}.{card[-3:]}@example.org"
        phone = f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        if category == "child":
            email, phone = "", ""  # children's notices go to the address on file
        people.append(
            PatronData(
                card,
                first,
                last,
                category,
                branch,
                birth,
                email=email,
                phone=phone if rng.random() < 0.7 else "",
                street_address=street,
                city=city,
                language="en" if rng.random() < 0.08 else "sv",
                keep_loan_history=rng.random() < 0.25,
                expires_in_days=rng.randint(-20, 5 * 365),
                blocks=("fees",) if rng.random() < 0.03 else (),
            )
        )
    return people
