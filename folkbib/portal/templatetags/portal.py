"""Template filters for the public portal."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template

from folkbib.catalog.models import MaterialType
from folkbib.portal.languages import html_lang as _html_lang
from folkbib.portal.languages import language_name as _language_name

register = template.Library()

# Lazy labels, translated when rendered. Model.get_material_type_display() builds and
# hashes a dict of every choice, translating each, on every call (~0.2 ms here): 20 of
# them on a search page, up to 13 on a record page.
_MATERIAL_LABELS = dict(MaterialType.choices)


@register.filter
def material_label(code: str) -> str:
    """``{{ record.material_type|material_label }}`` -> "Bok" / "Book"; unknown codes as is."""
    label = _MATERIAL_LABELS.get(code)
    return code if label is None else str(label)


@register.filter
def language_name(code: str) -> str:
    """``{{ record.language|language_name }}`` -> "svenska" / "Swedish"."""
    return _language_name(code or "")


@register.filter
def html_lang(code: str) -> str:
    """``lang="{{ record.language|html_lang }}"``: "swe" -> "sv"; "" when unknown."""
    return _html_lang(code or "")


@register.simple_tag
def subject_query(subject: str) -> str:
    """The query string of a search for one subject: ``q=subject:"Barn"``."""
    phrase = subject.replace('"', " ").strip()
    return urlencode({"q": f'subject:"{phrase}"'})


@register.simple_tag
def author_query(author: str) -> str:
    """The query string of a search for one author's works: ``q=author:"Lindgren, Astrid"``."""
    phrase = author.replace('"', " ").strip()
    return urlencode({"q": f'author:"{phrase}"'})
