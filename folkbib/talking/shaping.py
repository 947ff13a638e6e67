"""Text shaping before speech: from a described item to SSML a speech engine reads well.

Pure: no database, no engine. An :class:`Utterance` is a sentence language and a list
of :class:`Segment` s, each saying what kind of text it holds, because the right way
to read "1879" (a year), "9789129657623" (an ISBN, digit by digit), "Lindgren, Astrid"
(a name, first name first) or "3" after a series (an ordinal) depends on the kind, not
on the characters. Shaping then:

* reads ISBNs and barcodes digit by digit (in free text too),
* reads years as years ("artonhundrasjuttionio", "eighteen seventy-nine"),
* expands abbreviations ("s." sidor, "uppl." upplagan, "red." redaktör; "p.", "ed."),
* reads series numbers as ordinals ("tredje delen", "third"),
* turns "Lindgren, Astrid" into "Astrid Lindgren",
* turns punctuation into pauses (SSML ``<break>``),
* reads a title in its own language's voice inside a sentence in another
  (``<voice xml:lang="en">The hobbit</voice>`` in a Swedish sentence).

:func:`to_ssml` gives the engine's input, :func:`to_text` the same words for the screen.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

__all__ = [
    "MARC_TO_VOICE",
    "Segment",
    "Utterance",
    "digits",
    "invert_name",
    "ordinal",
    "to_ssml",
    "to_text",
    "voice_for",
    "year_words",
]

#: MARC language codes to the espeak-ng language that reads them (ISO 639-1 mostly).
MARC_TO_VOICE = {
    "swe": "sv",
    "eng": "en",
    "fin": "fi",
    "fit": "fi",
    "nor": "nb",
    "nob": "nb",
    "nno": "nb",
    "dan": "da",
    "ger": "de",
    "fre": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "dut": "nl",
    "ara": "ar",
    "per": "fa",
    "rus": "ru",
    "ukr": "uk",
    "pol": "pl",
    "bos": "bs",
    "hrv": "hr",
    "srp": "sr",
    "tur": "tr",
    "kur": "ku",
    "chi": "cmn",
    "lat": "la",
    "ice": "is",
    "est": "et",
    "hun": "hu",
    "gre": "el",
    "tir": "ti",
    "amh": "am",
    "som": "so",  # no espeak-ng voice yet: voice_for falls back to the sentence's
}

KINDS = {"text", "title", "name", "code", "year", "series", "edition", "number"}

BREAKS = {",": 200, ";": 300, ":": 300, "—": 300, "–": 300, ".": 500, "!": 500, "?": 500}
SEGMENT_BREAK_MS = 400

_SV_ONES = [
    "noll",
    "ett",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
    "tretton",
    "fjorton",
    "femton",
    "sexton",
    "sjutton",
    "arton",
    "nitton",
]
_SV_TENS = [
    "_",
    "_",
    "tjugo",
    "trettio",
    "fyrtio",
    "femtio",
    "sextio",
    "sjuttio",
    "åttio",
    "nittio",
]
_EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SV_ORDINALS = [
    "första",
    "andra",
    "tredje",
    "fjärde",
    "femte",
    "sjätte",
    "sjunde",
    "åttonde",
    "nionde",
    "tionde",
    "elfte",
    "tolfte",
    "trettonde",
    "fjortonde",
    "femtonde",
    "sextonde",
    "sjuttonde",
    "artonde",
    "nittonde",
    "tjugonde",
]
_EN_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]

#: Abbreviations as catalogues write them, per sentence language; matched as whole words.
ABBREVIATIONS = {
    "sv": {
        "s.": "sidor",
        "uppl.": "upplagan",
        "red.": "redaktör",
        "övers.": "översättning",
        "ill.": "illustrationer",
        "bl.a.": "bland annat",
        "m.fl.": "med flera",
        "t.ex.": "till exempel",
        "ca": "cirka",
        "cop.": "copyright",
        "d.v.s.": "det vill säga",
        "dvs.": "det vill säga",
        "nr": "nummer",
        "min.": "minuter",
        "tim.": "timmar",
    },
    "en": {
        "p.": "pages",
        "pp.": "pages",
        "ed.": "edition",
        "eds.": "editors",
        "ill.": "illustrations",
        "trans.": "translated by",
        "vol.": "volume",
        "no.": "number",
        "ca": "circa",
        "c.": "circa",
        "e.g.": "for example",
        "i.e.": "that is",
        "min.": "minutes",
        "hrs.": "hours",
    },
}
#: Abbreviations that stand before a name: their period never ends a sentence.
BEFORE_NAMES = {"red.", "övers.", "ill.", "trans.", "eds.", "ed."}
# "1. uppl." / "2nd ed." : the number before an edition word is an ordinal.
_EDITION = {
    "sv": re.compile(r"\b(\d{1,2})\s*:?\s*[ea]?\.?\s+uppl\.?(?=\s|$|[,;])", re.IGNORECASE),
    "en": re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+ed\.?(?=\s|$|[,;])", re.IGNORECASE),
}
_ISBN_IN_TEXT = re.compile(
    r"(?<![\d-])(?:97[89][\s-]?)?\d{1,5}[\s-]?\d{1,7}[\s-]?\d{1,7}[\s-]?[\dX]\b"
)
_YEAR_IN_TEXT = re.compile(r"(?<![\d,.])(1[1-9]\d\d|20\d\d)(?:-(tal\w*))?(?![\d,.]\d)")
_CENTURY_TAL = re.compile(r"(?<![\d,.])(1[1-9]\d\d|20\d\d)-(tal\w*)")


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence and how to read it.

    ``language`` is the MARC code of the text when it is not the sentence's (a title),
    ``number`` the series number of a ``series`` segment.
    """

    text: str
    kind: str = "text"
    language: str = ""
    number: int | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"text": self.text}
        if self.kind != "text":
            data["kind"] = self.kind
        if self.language:
            data["language"] = self.language
        if self.number is not None:
            data["number"] = self.number
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Segment:
        kind = str(data.get("kind", "text"))
        number = data.get("number")
        return cls(
            text=str(data.get("text", "")),
            kind=kind if kind in KINDS else "text",
            language=str(data.get("language", ""))[:3],
            number=int(number) if isinstance(number, int | str) and str(number).isdigit() else None,
        )


@dataclass(frozen=True)
class Utterance:
    """What is said: the sentence language ("sv" or "en") and its segments in order."""

    language: str
    segments: tuple[Segment, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        return {"language": self.language, "segments": [s.to_json() for s in self.segments]}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Utterance:
        raw = data.get("segments", [])
        segments = raw if isinstance(raw, list) else []
        return cls(
            language=str(data.get("language", "sv"))[:3],
            segments=tuple(Segment.from_json(s) for s in segments if isinstance(s, dict)),
        )

    def __add__(self, other: Utterance) -> Utterance:
        return Utterance(self.language, self.segments + other.segments)


# -- numbers -------------------------------------------------------------------------------


def _below_hundred(number: int, language: str) -> str:
    ones, tens = (_SV_ONES, _SV_TENS) if language == "sv" else (_EN_ONES, _EN_TENS)
    if number < 20:
        return ones[number]
    ten, one = divmod(number, 10)
    if not one:
        return tens[ten]
    return tens[ten] + ones[one] if language == "sv" else f"{tens[ten]}-{ones[one]}"


def year_words(year: int, language: str) -> str:
    """A year read as a year: 1879 "artonhundrasjuttionio" / "eighteen seventy-nine"."""
    if not 1100 <= year <= 2099:
        return str(year)
    high, low = divmod(year, 100)
    if language == "sv":
        if year >= 2000:
            return "tvåtusen" + (_below_hundred(low, "sv") if low else "")
        return _below_hundred(high, "sv") + "hundra" + (_below_hundred(low, "sv") if low else "")
    if 2000 <= year <= 2009:
        return "two thousand" + (f" {_EN_ONES[low]}" if low else "")
    if low == 0:
        return f"{_below_hundred(high, 'en')} hundred"
    if low < 10:
        return f"{_below_hundred(high, 'en')} oh {_EN_ONES[low]}"
    return f"{_below_hundred(high, 'en')} {_below_hundred(low, 'en')}"


def ordinal(number: int, language: str) -> str:
    """1 "första" / "first"; beyond twenty, "nummer 21" / "number 21"."""
    table = _SV_ORDINALS if language == "sv" else _EN_ORDINALS
    if 1 <= number <= len(table):
        return table[number - 1]
    return f"nummer {number}" if language == "sv" else f"number {number}"


def digits(code: str) -> str:
    """A code read one character at a time: "978-91" -> "9 7 8 9 1"."""
    return " ".join(ch for ch in code if ch.isalnum())


# -- names ---------------------------------------------------------------------------------

_DATES = re.compile(r",?\s*\(?\d{3,4}\s*-\s*(\d{3,4})?\)?\.?\s*$")


def invert_name(name: str) -> str:
    """ "Lindgren, Astrid" -> "Astrid Lindgren"; "Tolkien, J. R. R." -> "J R R Tolkien".

    Life dates ("Strindberg, August, 1849-1912") are dropped; a name without a comma
    (an organisation, "Homeros") is kept as it is.
    """
    name = _DATES.sub("", name.strip()).strip().rstrip(",").strip()
    if "," in name:
        surname, _sep, given = name.partition(",")
        given = given.split(",")[0].strip()
        name = f"{given} {surname.strip()}" if given else surname.strip()
    # Initials: "J. R. R." -> "J R R", so the periods are not read as sentence ends.
    return re.sub(r"\b([A-ZÅÄÖ])\.", r"\1", name).replace("  ", " ").strip()


# -- free text -----------------------------------------------------------------------------


def _expand(text: str, language: str) -> str:
    lang = "sv" if language == "sv" else "en"

    def ends_sentence(match: re.Match[str]) -> str:
        # An abbreviation's period also ends the sentence when a capital letter follows,
        # except after those that stand before a name ("red. Anna Berg").
        rest = match.string[match.end() :]
        key = match.group(0).lower()
        if key in BEFORE_NAMES or not key.endswith("."):
            return ""
        return "." if re.match(r"\s+[A-ZÅÄÖ]", rest) else ""

    word = "upplagan" if lang == "sv" else "edition"
    text = _EDITION[lang].sub(
        lambda m: f"{ordinal(int(m.group(1)), lang)} {word}{ends_sentence(m)}", text
    )
    table = ABBREVIATIONS[lang]

    def expanded(match: re.Match[str]) -> str:
        long = table[match.group(0).lower()]
        if match.group(0)[:1].isupper():
            long = long[:1].upper() + long[1:]
        return long + ends_sentence(match)

    # One pass over the original text, so each expansion sees the text as written.
    return _abbreviation_pattern(lang).sub(expanded, text)


@functools.cache
def _abbreviation_pattern(lang: str) -> re.Pattern[str]:
    words = sorted(ABBREVIATIONS[lang], key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(
        r"(?<![\wÅÄÖåäö.])(?:" + alternatives + r")(?![\wÅÄÖåäö])", flags=re.IGNORECASE
    )


def _numbers(text: str, language: str) -> str:
    def isbn(match: re.Match[str]) -> str:
        raw = match.group(0)
        plain = re.sub(r"[\s-]", "", raw)
        return digits(plain) if len(plain) in (10, 13) else raw

    text = _ISBN_IN_TEXT.sub(isbn, text)
    if language == "sv":
        text = _CENTURY_TAL.sub(
            lambda m: year_words(int(m.group(1)), "sv") + m.group(2), text
        )  # "1870-talets" -> "artonhundrasjuttiotalets"
    return _YEAR_IN_TEXT.sub(
        lambda m: year_words(int(m.group(1)), language) + (m.group(2) or ""), text
    )


def _words(segment: Segment, sentence_language: str) -> str:
    """The words of a segment as they should be heard (no markup)."""
    text = " ".join(segment.text.split())
    lang = "sv" if sentence_language == "sv" else "en"
    if segment.kind == "name":
        return invert_name(text)
    if segment.kind == "code":
        return digits(text)
    if segment.kind == "year":
        return year_words(int(text), lang) if text.isdigit() else text
    if segment.kind == "number":
        return _below_hundred(int(text), lang) if text.isdigit() and int(text) < 100 else text
    if segment.kind == "series":
        if segment.number is None:
            return text
        if lang == "sv":
            serien = "" if text.lower().endswith("serien") else "serien "
            return f"{ordinal(segment.number, 'sv')} delen i {serien}{text}"
        return f"the {ordinal(segment.number, 'en')} book in the series {text}"
    if segment.kind == "title":
        return text
    return _numbers(_expand(text, lang), lang)


def voice_for(marc_language: str, sentence_language: str, available: set[str] | None) -> str:
    """The voice for text in ``marc_language``: its own if the engine has one, else none."""
    voice = MARC_TO_VOICE.get(marc_language, "")
    if not voice or voice == sentence_language:
        return ""
    if available is not None and voice not in available:
        return ""
    return voice


_PUNCTUATION = re.compile(r"\s*([,;:.!?]|(?:(?<=\s)|^)[—–])(?=\s|$)")


def _with_breaks(words: str) -> str:
    """Escape for XML and put a pause after each punctuation mark that ends a phrase."""
    parts = []
    position = 0
    for match in _PUNCTUATION.finditer(words):
        mark = match.group(1).strip()
        parts.append(escape(words[position : match.start()]))
        if mark in ".!?":
            parts.append(escape(mark))
        parts.append(f'<break time="{BREAKS.get(mark, 200)}ms"/>')
        position = match.end()
    parts.append(escape(words[position:]))
    return "".join(parts).strip()


def _padded(original: str, words: str) -> str:
    # Segments are concatenated as written: keep the space at either end of the original.
    before = " " if original[:1].isspace() else ""
    after = " " if original[-1:].isspace() else ""
    return f"{before}{words}{after}"


def to_ssml(utterance: Utterance, *, voices: set[str] | None = None) -> str:
    """The utterance as SSML; ``voices`` limits title voices to those the engine has."""
    lang = utterance.language
    body = []
    for segment in utterance.segments:
        words = _words(segment, lang)
        if not words.strip():
            body.append(_padded(segment.text, ""))
            continue
        voice = ""
        if segment.kind in {"title", "name", "series"} and segment.language:
            voice = voice_for(segment.language, lang, voices)
        # A title is read as one phrase: its inner commas are not the sentence's pauses.
        inner = escape(words) if segment.kind == "title" else _with_breaks(words)
        if voice:
            inner = f'<voice xml:lang="{voice}">{inner}</voice>'
        body.append(_padded(segment.text, inner))
    text = re.sub(r"\s+", " ", "".join(body)).strip()
    text = re.sub(r"\s*(<break [^>]*/>)\s*", r"\1", text)
    text = re.sub(r"(<break [^>]*/>)+$", "", text)
    return f'<speak version="1.0" xml:lang="{escape(lang)}">{text}</speak>'


def to_text(utterance: Utterance) -> str:
    """The utterance for the screen and screen readers: names turned, codes kept as printed."""
    out = []
    for segment in utterance.segments:
        text = " ".join(segment.text.split())
        if segment.kind in {"name", "series"}:
            text = _words(segment, utterance.language)
        out.append(_padded(segment.text, text))
    return " ".join("".join(out).split())
