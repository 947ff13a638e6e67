"""The ``folkbib`` console script: Django's management commands under one name.

``folkbib import-marc FILE`` runs the ``import_marc`` command; hyphens and
underscores are interchangeable so the documented spelling and Django's agree.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    args = list(sys.argv if argv is None else argv)
    args[0] = "folkbib"
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
