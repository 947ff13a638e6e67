"""Names of MARC language codes (008/35-37, 041) in the page's language.

MARC uses ISO 639-2/B codes. The table holds the languages a Swedish public
library actually lends in (the national minority languages, the largest
immigrant languages, the big European ones); an unknown code is shown as the
code itself rather than guessed at.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LANGUAGE_NAMES: dict[str, Promise] = {
    "swe": _("svenska"),
    "eng": _("engelska"),
    "fin": _("finska"),
    "fit": _("meänkieli"),
    "smi": _("samiska"),
    "sme": _("nordsamiska"),
    "sma": _("sydsamiska"),
    "smj": _("lulesamiska"),
    "rom": _("romani"),
    "yid": _("jiddisch"),
    "sgn": _("teckenspråk"),
    "nor": _("norska"),
    "nob": _("norska (bokmål)"),
    "nno": _("nynorska"),
    "dan": _("danska"),
    "ice": _("isländska"),
    "fao": _("färöiska"),
    "ger": _("tyska"),
    "fre": _("franska"),
    "spa": _("spanska"),
    "por": _("portugisiska"),
    "ita": _("italienska"),
    "dut": _("nederländska"),
    "lat": _("latin"),
    "grc": _("klassisk grekiska"),
    "gre": _("nygrekiska"),
    "pol": _("polska"),
    "rus": _("ryska"),
    "ukr": _("ukrainska"),
    "est": _("estniska"),
    "lav": _("lettiska"),
    "lit": _("litauiska"),
    "hun": _("ungerska"),
    "cze": _("tjeckiska"),
    "slo": _("slovakiska"),
    "bos": _("bosniska"),
    "hrv": _("kroatiska"),
    "srp": _("serbiska"),
    "alb": _("albanska"),
    "tur": _("turkiska"),
    "kur": _("kurdiska"),
    "ara": _("arabiska"),
    "per": _("persiska"),
    "prs": _("dari"),
    "pus": _("pashto"),
    "som": _("somaliska"),
    "tir": _("tigrinja"),
    "amh": _("amhariska"),
    "heb": _("hebreiska"),
    "chi": _("kinesiska"),
    "jpn": _("japanska"),
    "kor": _("koreanska"),
    "tha": _("thailändska"),
    "vie": _("vietnamesiska"),
    "hin": _("hindi"),
    "urd": _("urdu"),
    "mul": _("flera språk"),
    "und": _("obestämt språk"),
    "zxx": _("inget språkligt innehåll"),
}


def language_name(code: str) -> str:
    """The name of ``code`` in the active language; the code itself when unknown."""
    name = LANGUAGE_NAMES.get(code.strip().lower())
    return str(name) if name is not None else code


# ISO 639-1 (what HTML's ``lang`` wants) for the codes above that have one.
_BCP47 = {
    "swe": "sv", "eng": "en", "fin": "fi", "sme": "se", "nor": "no", "nob": "nb",
    "nno": "nn", "dan": "da", "ice": "is", "fao": "fo", "ger": "de", "fre": "fr",
    "spa": "es", "por": "pt", "ita": "it", "dut": "nl", "lat": "la", "gre": "el",
    "pol": "pl", "rus": "ru", "ukr": "uk", "est": "et", "lav": "lv", "lit": "lt",
    "hun": "hu", "cze": "cs", "slo": "sk", "bos": "bs", "hrv": "hr", "srp": "sr",
    "alb": "sq", "tur": "tr", "kur": "ku", "ara": "ar", "per": "fa", "pus": "ps",
    "som": "so", "tir": "ti", "amh": "am", "heb": "he", "chi": "zh", "jpn": "ja",
    "kor": "ko", "tha": "th", "vie": "vi", "hin": "hi", "urd": "ur", "yid": "yi",
    "fit": "fit", "sma": "sma", "smj": "smj", "rom": "rom",
}  # fmt: skip


def html_lang(code: str) -> str:
    """The ``lang`` attribute for text in MARC language ``code``; "" when unknown or mixed."""
    return _BCP47.get(code.strip().lower(), "")
