"""The holdings map options both MARC commands share (defaults: settings.MARC_HOLDINGS)."""

from __future__ import annotations

from argparse import ArgumentParser
from dataclasses import fields
from typing import Any

from django.conf import settings

from folkbib.catalog.services import HoldingsMap

NAMES = [f.name for f in fields(HoldingsMap)]


def add_holdings_options(parser: ArgumentParser) -> None:
    group = parser.add_argument_group(
        "holdings map", "where items are in the MARC (default: settings.MARC_HOLDINGS, Koha's 952)"
    )
    group.add_argument("--holdings-tag", metavar="TAG", help="holdings field tag (952)")
    for name in NAMES:
        if name != "tag":
            option = "--" + name.replace("_", "-") + "-subfield"
            group.add_argument(
                option,
                metavar="CODE",
                dest=f"{name}_subfield",
                help=f"subfield code of the {name.replace('_', ' ')} ('' for none)",
            )


def holdings_map(options: dict[str, Any]) -> dict[str, str]:
    mapping = {k: str(v) for k, v in settings.MARC_HOLDINGS.items()}
    if options.get("holdings_tag"):
        mapping["tag"] = options["holdings_tag"]
    for name in NAMES:
        value = options.get(f"{name}_subfield")
        if value is not None:
            mapping[name] = value
    return mapping
