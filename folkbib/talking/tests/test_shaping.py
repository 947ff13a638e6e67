"""Text shaping: golden files (input JSON -> expected SSML) in Swedish and English.

A missing ``.ssml`` fails the test and is written with what shaping gives now: read it,
and commit it only if that is how the sentence should sound.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from folkbib.talking import shaping
from folkbib.talking.shaping import Segment, Utterance

GOLDEN = Path(__file__).parent / "golden" / "shaping"
CASES = sorted(GOLDEN.glob("*.json"))
VOICES = {"sv", "en", "fi", "de"}


def test_there_are_golden_cases_in_both_languages():
    assert {case.name[:2] for case in CASES} == {"sv", "en"}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_shaping_matches_its_golden_file(case: Path):
    utterance = Utterance.from_json(json.loads(case.read_text(encoding="utf-8")))
    ssml = shaping.to_ssml(utterance, voices=VOICES)
    ElementTree.fromstring(ssml)  # well-formed SSML, whatever the text held
    expected = case.with_suffix(".ssml")
    if not expected.exists():
        expected.write_text(ssml + "\n", encoding="utf-8")
        pytest.fail(f"no expectation for {case.name}; wrote {expected.name}: {ssml}")
    assert ssml == expected.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    ("name", "spoken"),
    [
        ("Lindgren, Astrid", "Astrid Lindgren"),
        ("Strindberg, August, 1849-1912", "August Strindberg"),
        ("Tolkien, J. R. R.", "J R R Tolkien"),
        ("Homeros", "Homeros"),
        ("Lagerlöf, Selma, 1858-1940.", "Selma Lagerlöf"),
    ],
)
def test_author_names_are_read_first_name_first(name: str, spoken: str):
    assert shaping.invert_name(name) == spoken


@pytest.mark.parametrize(
    ("year", "language", "words"),
    [
        (1879, "sv", "artonhundrasjuttionio"),
        (1900, "sv", "nittonhundra"),
        (2004, "sv", "tvåtusenfyra"),
        (1879, "en", "eighteen seventy-nine"),
        (1905, "en", "nineteen oh five"),
        (2004, "en", "two thousand four"),
        (2015, "en", "twenty fifteen"),
        (1800, "en", "eighteen hundred"),
    ],
)
def test_years_are_read_as_years(year: int, language: str, words: str):
    assert shaping.year_words(year, language) == words


def test_series_numbers_are_read_as_ordinals():
    assert shaping.ordinal(3, "sv") == "tredje"
    assert shaping.ordinal(2, "en") == "second"
    assert shaping.ordinal(42, "sv") == "nummer 42"


def test_an_english_title_gets_the_english_voice_inside_a_swedish_sentence():
    ssml = shaping.to_ssml(
        Utterance("sv", (Segment("The hobbit", "title", "eng"), Segment(", av Tolkien."))),
        voices=VOICES,
    )
    assert '<voice xml:lang="en">The hobbit</voice>' in ssml
    assert ssml.startswith('<speak version="1.0" xml:lang="sv">')


def test_a_language_the_engine_cannot_speak_stays_in_the_sentence_voice():
    ssml = shaping.to_ssml(Utterance("sv", (Segment("Buug", "title", "som"),)), voices=VOICES)
    assert "<voice" not in ssml


def test_codes_are_read_digit_by_digit_and_shown_as_printed():
    utterance = Utterance("sv", (Segment("Streckkod "), Segment("30000002", "code")))
    assert "3 0 0 0 0 0 0 2" in shaping.to_ssml(utterance)
    assert shaping.to_text(utterance) == "Streckkod 30000002"


def test_the_screen_text_turns_names_but_keeps_years_and_codes():
    utterance = Utterance(
        "sv",
        (
            Segment("Pippi", "title"),
            Segment(", av "),
            Segment("Lindgren, Astrid", "name"),
            Segment(". Utgiven 1945."),
        ),
    )
    assert shaping.to_text(utterance) == "Pippi, av Astrid Lindgren. Utgiven 1945."


def test_an_utterance_survives_its_json_form():
    utterance = Utterance("en", (Segment("X", "series", number=2), Segment("Y", "title", "swe")))
    assert Utterance.from_json(utterance.to_json()) == utterance


def test_unknown_segment_kinds_from_outside_are_read_as_plain_text():
    utterance = Utterance.from_json({"language": "sv", "segments": [{"text": "a", "kind": "evil"}]})
    assert utterance.segments[0].kind == "text"
