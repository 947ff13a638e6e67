"""Hand-catalogued Swedish works, split by kind; ``WORKS`` holds them all in number order."""

from __future__ import annotations

from .children import CHILDREN
from .children_more import MORE_CHILDREN
from .classics import CLASSICS
from .contemporary import CONTEMPORARY
from .crime import CRIME_FICTION
from .crime_more import MORE_CRIME_FICTION
from .model import Audience, Form, Person, Publication, Work
from .modern import MODERN
from .nonfiction import NONFICTION
from .twentieth import TWENTIETH_CENTURY

WORKS: tuple[Work, ...] = tuple(
    sorted(
        (
            *CLASSICS,
            *TWENTIETH_CENTURY,
            *MODERN,
            *CONTEMPORARY,
            *CRIME_FICTION,
            *MORE_CRIME_FICTION,
            *CHILDREN,
            *MORE_CHILDREN,
            *NONFICTION,
        ),
        key=lambda w: w.no,
    )
)

__all__ = ["WORKS", "Audience", "Form", "Person", "Publication", "Work"]
