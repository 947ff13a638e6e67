"""Swedish vocabulary for generated records.

The real Swedish MARC records available to ship are few (dozens), while a Swedish
public library's catalogue is mostly Swedish. These lists let the generator compose
Swedish titles, names, subjects and publishers so Swedish queries hit a realistic
share of the catalogue. Compound nouns (``sommar`` + ``hus``) give the long tail of
rare words that Swedish really has.
"""

from __future__ import annotations


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


def definite(noun: str) -> str:
    """The definite form (skog -> skogen, kyrka -> kyrkan); -et nouns get -en, close enough."""
    return noun + ("n" if noun[-1] in "ae" else "en")


NOUNS = _split(
    "hus sommar vinter höst vår skog sjö älv berg stad by gård kyrka skola barn kvinna man "
    "flicka pojke mor far syster bror dotter son vän fiende kung drottning häst hund katt "
    "fågel varg björn ren lax båt resa väg bro fyr ö hav strand stjärna natt dag morgon "
    "kväll ljus mörker eld vatten snö is regn vind storm blomma träd äng fjäll myr hem "
    "kök trädgård bok brev dagbok dröm minne hemlighet sanning lögn kärlek sorg glädje "
    "rädsla mod hopp frihet krig fred mord död liv arv skuld tid klocka nyckel dörr "
    "fönster spegel bild sång musik dans fest bröllop begravning jul midsommar påsk "
    "historia saga myt legend gruva hamn fabrik handel bonde fiskare präst lärare läkare "
    "polis detektiv tjuv spion soldat samer nybyggare fäbod timmer flotte järnväg tåg"
)

# Genitive/linking forms used as the first part of a compound (skog -> skogs-).
COMPOUND_HEADS = _split(
    "sommar vinter höst vår skogs sjö älv bergs stads by gårds kyrko skol barn kvinno "
    "flick pojk mors fars syster bror kungs drottning häst hund katt fågel varg björn "
    "ren lax båt res vägs fyr ö havs strand stjärn natt dags morgon kvälls ljus eld "
    "vatten snö is regn vind storm blom träd ängs fjäll myr hem köks trädgårds bok "
    "brev dröm minnes kärleks sorg krigs freds mord döds livs tids nyckel spegel sång "
    "musik dans fest bröllops jul midsommar påsk saga gruv hamn fabriks bond fiskar "
    "polis tjuv spion soldat nybyggar fäbod timmer järnvägs"
)

ADJECTIVES = _split(
    "röda blå gröna svarta vita gula gamla nya sista första långa korta stora lilla "
    "mörka ljusa tysta kalla varma hemliga glömda förlorade okända farliga vackra "
    "ensamma sanna falska vilda stilla tomma fulla djupa höga låga norra södra"
)

PLACES = _split(
    "Umeå Vindeln Vännäs Bjurholm Nordmaling Robertsfors Holmsund Hörnefors Sävar "
    "Norrland Västerbotten Lappland Stockholm Göteborg Malmö Uppsala Kiruna Luleå "
    "Skellefteå Östersund Sundsvall Gotland Öland Tornedalen Ångermanland Jämtland "
    "Sápmi Norrbotten Hälsingland Dalarna Skåne Småland Värmland Bohuslän"
)

TITLE_TEMPLATES = (
    "{Noun}",
    "{Adj} {noun}",
    "Den {adj} {def}",
    "{Def} i {place}",
    "{Compound}",
    "{Compound} i {place}",
    "{Compound}s hemlighet",
    "Historien om {place}",
    "{Noun} och {noun}",
    "Flickan som {verb}",
    "Mannen som {verb}",
    "När {def} kom",
    "{Place}s {compound}",
    "Allt om {compound}",
    "En {adj} {noun}",
    "{Def}s {compound}",
)

VERBS = _split(
    "visste för mycket|gick genom isen|försvann|kom tillbaka|lekte med elden|"
    "älskade böcker|räddade byn|talade med vargar|aldrig sov|byggde en båt|"
    "reste till havet|sjöng i kyrkan|läste allt|såg för mycket|glömde",
    sep="|",
)

SUBTITLES = _split(
    "roman|noveller|dikter|en släktkrönika|en kriminalroman|en deckare|berättelser|"
    "en kokbok|en handbok|en vägledning|en biografi|minnen|historia och nutid|"
    "en bilderbok|kapitelbok|en resa genom tiden|fakta och bilder|en antologi|"
    "en studie|en lokalhistoria|uppslagsbok|lättläst",
    sep="|",
)

FORENAMES = _split(
    "Anna Eva Maria Karin Kristina Lena Kerstin Ingrid Margareta Birgitta Elin Sara "
    "Emma Linnea Ebba Astrid Selma Greta Sigrid Maja Klara Hanna Johanna Ida Frida "
    "Lars Karl Erik Anders Johan Per Nils Olof Jan Mikael Henrik Gustav Fredrik Magnus "
    "Jonas Oskar Axel Hjalmar Sven Gunnar Stig Ture Viktor Elias Ludvig Hugo Vilhelm"
)

SURNAMES = _split(
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
    "Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson "
    "Magnusson Lindström Olofsson Lindqvist Lindgren Berg Axelsson Bergström Lundberg "
    "Lind Lundgren Lundqvist Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg "
    "Sjöberg Wallin Engström Eklund Danielsson Lundin Håkansson Björk Bergman Gunnarsson "
    "Holm Wikström Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson "
    "Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundström Viklund "
    "Björklund Eliasson Pålsson Berggren Sandström Lund Nordin Ström Åberg Hermansson "
    "Ekström Holmgren Sundberg Hedlund Dahlberg Hellström Sjögren Abrahamsson Falk "
    "Öberg Blom Ek Andreasson Strand Nordlund Sundqvist Marklund Lagerlöf Lidman "
    "Enquist Kallifatides Ekman Mankell Läckberg Sundström Granström Åström Burman"
)

PUBLISHERS = (
    ("Stockholm", "Bonnier"),
    ("Stockholm", "Norstedt"),
    ("Stockholm", "Natur & Kultur"),
    ("Stockholm", "Rabén & Sjögren"),
    ("Stockholm", "Wahlström & Widstrand"),
    ("Stockholm", "Ordfront"),
    ("Stockholm", "Forum"),
    ("Stockholm", "Atlas"),
    ("Stockholm", "Alfabeta"),
    ("Stockholm", "Piratförlaget"),
    ("Göteborg", "Daidalos"),
    ("Lund", "Studentlitteratur"),
    ("Umeå", "Bokförlaget h:ström - Text & Kultur"),
    ("Umeå", "Två förläggare"),
    ("Luleå", "Black Island Books"),
    ("Enskede", "Talboks- och punktskriftsbiblioteket"),
    ("Stockholm", "Bonnier Audio"),
    ("Malmö", "Lind & Co"),
)

# (SAO subject, SAB code) pairs: subject headings Swedish libraries really use.
SUBJECTS = (
    ("Skönlitteratur", "Hc"),
    ("Kärlek", "Hc"),
    ("Familjen", "Hc"),
    ("Deckare", "Hc"),
    ("Historiska romaner", "Hc"),
    ("Barn", "Hcg"),
    ("Ungdomar", "uHc"),
    ("Vänskap", "Hcg"),
    ("Djur", "Hcf"),
    ("Norrland", "Kjcz"),
    ("Västerbotten", "Kjcz"),
    ("Lokalhistoria", "Kjcz"),
    ("Samer", "Lz"),
    ("Renskötsel", "Pnb"),
    ("Fåglar", "Ume"),
    ("Svampar", "Uhb"),
    ("Trädgårdsodling", "Pd"),
    ("Matlagning", "Qcc"),
    ("Kokböcker", "Qcc"),
    ("Hälsa", "Vm"),
    ("Psykologi", "Doa"),
    ("Andra världskriget", "Kjd"),
    ("Sverige -- historia", "Kj"),
    ("Skogsbruk", "Pf"),
    ("Fiske", "Pnf"),
    ("Friluftsliv", "Rdb"),
    ("Skidåkning", "Rdf"),
    ("Fotboll", "Rdc"),
    ("Konst", "Ic"),
    ("Musik", "Ij"),
    ("Religion", "C"),
    ("Filosofi", "D"),
    ("Politik", "O"),
    ("Klimatförändringar", "Ubd"),
    ("Rymden", "Ucb"),
    ("Programmering", "Pu"),
)

SUMMARY_SENTENCES = (
    "En berättelse om {noun} och {noun} i {place}.",
    "När {def} kommer till {place} förändras allt.",
    "Boken skildrar livet i {place} under {year}-talet.",
    "En gripande skildring av {noun}, {noun} och {noun}.",
    "Författaren tar läsaren med till {place}, där {def} väntar.",
    "En handbok om {compound} för nybörjare och vana.",
    "Spännande och varm om {noun} mellan generationer.",
    "Med många bilder från {place}.",
)
