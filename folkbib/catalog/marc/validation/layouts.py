"""The leader and 008 positions a cataloguer sets, with their codes and Swedish labels.

The editor draws its labelled selects from these tables and ``checks`` validates
against the same tables, so a value the editor offers always passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

Label = str | Promise
Choices = tuple[tuple[str, Label], ...]


@dataclass(frozen=True)
class Position:
    """A run of positions in the leader or 008: either a list of codes or free text."""

    start: int
    length: int
    label: Label
    choices: Choices = ()
    pattern: str = ""  # a full match for free text; empty = anything of the right length

    @property
    def key(self) -> str:
        """``06`` or ``07-10``, as MARC documentation writes positions."""
        end = self.start + self.length - 1
        return f"{self.start:02d}" if self.length == 1 else f"{self.start:02d}-{end:02d}"

    def accepts(self, value: str) -> bool:
        if len(value) != self.length:
            return False
        if self.choices:
            return value in {code for code, _label in self.choices}
        return not self.pattern or re.fullmatch(self.pattern, value) is not None


L = gettext_lazy

# Leader positions a cataloguer chooses; the others are computed when the record is
# written (length, base address) or fixed for UTF-8 MARC21 ("22", "4500").
LEADER_POSITIONS: tuple[Position, ...] = (
    Position(
        5,
        1,
        L("Postens status"),
        (
            ("n", L("n – ny")),
            ("c", L("c – rättad eller ändrad")),
            ("a", L("a – höjd kodningsnivå")),
            ("p", L("p – höjd från förhandspost")),
            ("d", L("d – raderad")),
        ),
    ),
    Position(
        6,
        1,
        L("Typ av post"),
        (
            ("a", L("a – text")),
            ("t", L("t – text, manuskript")),
            ("c", L("c – tryckta noter")),
            ("d", L("d – handskrivna noter")),
            ("e", L("e – karta")),
            ("f", L("f – handritad karta")),
            ("g", L("g – film, video")),
            ("i", L("i – ljudupptagning, tal")),
            ("j", L("j – ljudupptagning, musik")),
            ("k", L("k – bild")),
            ("m", L("m – elektronisk resurs")),
            ("o", L("o – kit")),
            ("p", L("p – blandat material")),
            ("r", L("r – föremål")),
        ),
    ),
    Position(
        7,
        1,
        L("Bibliografisk nivå"),
        (
            ("m", L("m – monografi")),
            ("s", L("s – seriell resurs")),
            ("a", L("a – del av monografi")),
            ("b", L("b – del av seriell resurs")),
            ("c", L("c – samling")),
            ("d", L("d – del av samling")),
            ("i", L("i – integrerande resurs")),
        ),
    ),
    Position(8, 1, L("Typ av kontroll"), ((" ", L("tom – ingen angiven")), ("a", L("a – arkiv")))),
    Position(
        17,
        1,
        L("Kodningsnivå"),
        (
            (" ", L("tom – fullständig")),
            ("1", L("1 – fullständig, ej granskad")),
            ("2", L("2 – mindre fullständig, ej granskad")),
            ("3", L("3 – förkortad")),
            ("4", L("4 – grundnivå")),
            ("5", L("5 – preliminär")),
            ("7", L("7 – minimal")),
            ("8", L("8 – förhandspost")),
            ("u", L("u – okänd")),
            ("z", L("z – ej tillämplig")),
            # OCLC's own levels, in a great many records copied from WorldCat.
            ("I", L("I – fullständig (OCLC)")),
            ("K", L("K – mindre fullständig (OCLC)")),
            ("L", L("L – från lokal katalog (OCLC)")),
            ("M", L("M – från batchladdning (OCLC)")),
            ("J", L("J – raderad (OCLC)")),
        ),
    ),
    Position(
        18,
        1,
        L("Katalogiseringsregler"),
        (
            ("i", L("i – ISBD-interpunktion")),
            ("c", L("c – ISBD utan interpunktion")),
            ("a", L("a – AACR2")),
            ("n", L("n – ej ISBD")),
            (" ", L("tom – ej ISBD")),
            ("u", L("u – okänt")),
        ),
    ),
    Position(
        19,
        1,
        L("Flerdelad resurs"),
        (
            (" ", L("tom – ej angiven")),
            ("a", L("a – samlingspost")),
            ("b", L("b – del med egen titel")),
            ("c", L("c – del med beroende titel")),
        ),
    ),
)
#: Fixed leader positions of a UTF-8 MARC21 record (09 "a" = UCS/Unicode).
LEADER_FIXED = {9: "a", 10: "2", 11: "2", 20: "4", 21: "5", 22: "0", 23: "0"}
LEADER_DEFAULT = "00000nam a2200000 i 4500"

AUDIENCE: Choices = (
    (" ", L("tom – okänd")),
    ("a", L("a – förskolebarn")),
    ("b", L("b – 6–8 år")),
    ("c", L("c – 9–13 år")),
    ("d", L("d – ungdom")),
    ("e", L("e – vuxna")),
    ("f", L("f – specialiserad")),
    ("g", L("g – allmän")),
    ("j", L("j – barn och ungdom")),
    ("|", L("| – ej kodad")),
)
FORM_OF_ITEM: Choices = (
    (" ", L("tom – tryck eller inget av nedan")),
    ("d", L("d – storstil")),
    ("f", L("f – punktskrift")),
    ("o", L("o – online")),
    ("q", L("q – elektronisk, direkt åtkomst")),
    ("s", L("s – elektronisk")),
    ("r", L("r – reproduktion")),
    ("a", L("a – mikrofilm")),
    ("b", L("b – mikrofiche")),
    ("c", L("c – mikrokort")),
    ("|", L("| – ej kodad")),
)
YES_NO: Choices = (("0", L("0 – nej")), ("1", L("1 – ja")), ("|", L("| – ej kodad")))
DATE = r"[0-9u ]{4}|\|{4}"
# Multi-character codes take the fill character (|, "not coded") in any position.

COMMON_BEFORE = (
    Position(0, 6, L("Registreringsdatum (ÅÅMMDD)"), pattern=r"[0-9]{6}"),
    Position(
        6,
        1,
        L("Typ av datum"),
        (
            ("s", L("s – ett känt år")),
            ("m", L("m – flera år")),
            ("r", L("r – nytryck, originalår")),
            ("t", L("t – utgivnings- och copyrightår")),
            ("c", L("c – pågående seriell resurs")),
            ("d", L("d – avslutad seriell resurs")),
            ("e", L("e – detaljerat datum")),
            ("q", L("q – osäkert år")),
            ("n", L("n – okänt")),
            ("p", L("p – distribution och produktion")),
            ("i", L("i – samlingens år")),
            ("k", L("k – huvuddelens år")),
            ("u", L("u – status okänd")),
            ("b", L("b – före Kristus")),
            ("|", L("| – ej kodad")),
        ),
    ),
    Position(7, 4, L("År 1"), pattern=DATE),
    Position(11, 4, L("År 2"), pattern=DATE),
    Position(15, 3, L("Utgivningsland (t.ex. sw)"), pattern=r"[a-z]{2}[a-z ]|\|{3}"),
)
COMMON_AFTER = (
    Position(35, 3, L("Språk (t.ex. swe)"), pattern=r"[a-z]{3}| {3}|\|{3}"),
    Position(
        38,
        1,
        L("Ändrad post"),
        (
            (" ", L("tom – inte ändrad")),
            ("d", L("d – förkortad")),
            ("o", L("o – translittererad")),
            ("r", L("r – romaniserad")),
            ("s", L("s – förkortad, tecken saknas")),
            ("x", L("x – tecken saknas")),
            ("|", L("| – ej kodad")),
        ),
    ),
    Position(
        39,
        1,
        L("Katalogiseringskälla"),
        (
            (" ", L("tom – nationalbibliografi")),
            ("c", L("c – samkatalogisering")),
            ("d", L("d – annan")),
            ("u", L("u – okänd")),
            ("|", L("| – ej kodad")),
        ),
    ),
)
BOOK_MIDDLE = (
    Position(18, 4, L("Illustrationer"), pattern=r"[ a-mop|]{4}"),
    Position(22, 1, L("Målgrupp"), AUDIENCE),
    Position(23, 1, L("Form"), FORM_OF_ITEM),
    Position(24, 4, L("Innehållets art"), pattern=r"[ a-z0-9|]{4}"),
    Position(28, 1, L("Offentlig publikation"), pattern=r"[ acfilmosuz|]"),
    Position(29, 1, L("Konferenspublikation"), YES_NO),
    Position(30, 1, L("Festskrift"), YES_NO),
    Position(31, 1, L("Register"), YES_NO),
    # Once "main entry in body of entry" (0/1), now undefined; thousands of records
    # still carry it, and it harms nothing.
    Position(32, 1, L("Odefinierad"), pattern=r"[ |01]"),
    Position(
        33,
        1,
        L("Litterär form"),
        (
            ("0", L("0 – facklitteratur")),
            ("1", L("1 – skönlitteratur")),
            ("f", L("f – roman")),
            ("j", L("j – noveller")),
            ("c", L("c – tecknade serier")),
            ("d", L("d – drama")),
            ("p", L("p – poesi")),
            ("e", L("e – essäer")),
            ("h", L("h – humor, satir")),
            ("i", L("i – brev")),
            ("s", L("s – tal")),
            ("m", L("m – blandade former")),
            ("u", L("u – okänd")),
            ("|", L("| – ej kodad")),
        ),
    ),
    Position(
        34,
        1,
        L("Biografi"),
        (
            (" ", L("tom – ingen biografi")),
            ("a", L("a – självbiografi")),
            ("b", L("b – biografi över en person")),
            ("c", L("c – samlingsbiografi")),
            ("d", L("d – innehåller biografiska uppgifter")),
            ("|", L("| – ej kodad")),
        ),
    ),
)
SOUND_MIDDLE = (
    Position(18, 2, L("Kompositionsform"), pattern=r"[a-z]{2}|\|{2}"),
    Position(20, 1, L("Notformat"), pattern=r"[ abcdeghijklnuz|]"),
    Position(21, 1, L("Stämmor"), pattern=r"[ deinu|]"),
    Position(22, 1, L("Målgrupp"), AUDIENCE),
    Position(23, 1, L("Form"), FORM_OF_ITEM),
    Position(24, 6, L("Medföljande material"), pattern=r"[ abcdefghikrsz|]{6}"),
    Position(30, 2, L("Litterär text (ljudupptagning)"), pattern=r"[ a-pr-tz|]{2}"),
    Position(32, 1, L("Odefinierad"), pattern=r"[ |]"),
    Position(33, 1, L("Transponering"), pattern=r"[ abcnu|]"),
    Position(34, 1, L("Odefinierad"), pattern=r"[ |]"),
)
VIDEO_MIDDLE = (
    Position(18, 3, L("Speltid i minuter"), pattern=r"[0-9]{3}|---|nnn|\|{3}"),
    Position(21, 1, L("Odefinierad"), pattern=r"[ |]"),
    Position(22, 1, L("Målgrupp"), AUDIENCE),
    Position(23, 5, L("Odefinierad"), pattern=r"[ |]{5}"),
    Position(28, 1, L("Offentlig publikation"), pattern=r"[ acfilmosuz|]"),
    Position(29, 1, L("Form"), FORM_OF_ITEM),
    Position(30, 3, L("Odefinierad"), pattern=r"[ |]{3}"),
    Position(
        33,
        1,
        L("Typ av visuellt material"),
        (
            ("v", L("v – videoupptagning")),
            ("m", L("m – film")),
            ("i", L("i – bild")),
            ("g", L("g – spel")),
            ("k", L("k – grafik")),
            ("a", L("a – konstoriginal")),
            ("c", L("c – konstreproduktion")),
            ("b", L("b – kit")),
            ("r", L("r – föremål")),
            ("w", L("w – leksak")),
            ("z", L("z – annat")),
            ("|", L("| – ej kodad")),
        ),
    ),
    Position(
        34,
        1,
        L("Teknik"),
        (
            ("l", L("l – spelfilm, verkliga personer")),
            ("a", L("a – animation")),
            ("c", L("c – animation och verkliga personer")),
            ("n", L("n – ej tillämplig")),
            ("u", L("u – okänd")),
            ("z", L("z – annan")),
            ("|", L("| – ej kodad")),
        ),
    ),
)
OTHER_MIDDLE = (Position(18, 17, L("Materialspecifika positioner 18–34")),)

#: Which 008 layout a record uses, by leader/06 (and leader/07 for text).
MATERIAL_OF_TYPE = {
    "a": "book",
    "t": "book",
    "c": "sound",
    "d": "sound",
    "i": "sound",
    "j": "sound",
    "g": "video",
    "k": "video",
    "o": "video",
    "r": "video",
}
MIDDLES = {"book": BOOK_MIDDLE, "sound": SOUND_MIDDLE, "video": VIDEO_MIDDLE, "other": OTHER_MIDDLE}


def fixed_field_material(leader: str) -> str:
    """``book``, ``sound``, ``video`` or ``other``: the 008 layout the leader calls for."""
    kind = leader[6] if len(leader) > 6 else ""
    material = MATERIAL_OF_TYPE.get(kind, "other")
    # Text that is a serial has the continuing-resources 008, which the editor leaves free.
    if material == "book" and len(leader) > 7 and leader[7] in "bis":
        return "other"
    return material


def fixed_field_layout(leader: str) -> tuple[Position, ...]:
    """The 008's positions 00-39 in order, for the material the leader describes."""
    return (*COMMON_BEFORE, *MIDDLES[fixed_field_material(leader)], *COMMON_AFTER)


def default_008(leader: str, *, entered: str, year: str = "    ") -> str:
    """A plain 008 for a new record: entered today, one year, Sweden, Swedish."""
    middle = {
        # illustrations, audience, form, contents, gov. pub., conf., festschrift, index,
        # undefined, literary form (not yet coded), biography
        "book": "    " + "  " + "    " + " " + "000" + " " + "|" + " ",
        # composition, format, parts, audience, form, accompanying, literary text, …
        "sound": "||" + "||" + "  " + "||||||" + "||" + " | ",
        # running time, undefined, audience, undefined, gov. pub., form, undefined, type, technique
        "video": "|||" + " " + " " + "     " + " " + " " + "   " + "v" + "|",
    }.get(fixed_field_material(leader), "|" * 17)
    return f"{entered}s{year:4.4}    sw {middle:17.17}swe  "
