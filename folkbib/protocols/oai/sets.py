"""The set hierarchy (pure): which sets exist and what a setSpec selects.

Two roots, each with one level below it:

- ``municipality`` and ``municipality:<code>``: records with an item owned by a branch
  of that municipality (withdrawn and lost items do not count);
- ``material`` and ``material:<type>``: records of that material type (every record
  is in ``material``).

A record's header names its leaf sets only; being in a leaf implies being in its root.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MUNICIPALITY = "municipality"
MATERIAL = "material"


@dataclass(frozen=True)
class SetFilter:
    """What a setSpec selects: ``kind`` is a root, ``value`` None for the root itself."""

    kind: str
    value: str | None


def set_filter(set_spec: str) -> SetFilter | None:
    """The filter of a setSpec, or None when no set has that spec (nothing matches)."""
    root, _, rest = set_spec.partition(":")
    if root not in (MUNICIPALITY, MATERIAL) or ":" in rest:
        return None
    return SetFilter(kind=root, value=rest or None)


def set_specs(material_type: str, municipalities: Iterable[str]) -> list[str]:
    """The leaf setSpecs of a record (municipalities in code order, then material)."""
    specs = [f"{MUNICIPALITY}:{code}" for code in sorted(set(municipalities))]
    if material_type:
        specs.append(f"{MATERIAL}:{material_type}")
    return specs
