"""``folkbib sip2-server --host 127.0.0.1 --port 6001``: serve SIP2 to self-check machines."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from folkbib.protocols.sip2 import server


class Command(BaseCommand):
    help = "Serve SIP2 2.00 (self-check machines, sorters) over TCP, optionally TLS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=6001, help="0: any free port")
        parser.add_argument(
            "--workers", type=int, default=16, help="threads answering messages at once"
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=1,
            help="processes sharing the port (SO_REUSEPORT), one core each; PostgreSQL",
        )
        parser.add_argument("--idle-timeout", type=float, default=900.0, help="seconds")
        parser.add_argument("--tls-cert", default=None, help="PEM certificate: serve TLS")
        parser.add_argument("--tls-key", default=None, help="PEM private key (if not in cert)")

    def handle(self, *args: Any, **options: Any) -> None:
        logging.basicConfig(level=logging.INFO if options["verbosity"] > 1 else logging.WARNING)
        context = (
            server.tls_context(options["tls_cert"], options["tls_key"])
            if options["tls_cert"]
            else None
        )
        settings = server.ServerOptions(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            processes=options["processes"],
            idle_timeout=options["idle_timeout"],
            ssl_context=context,
        )

        def ready(port: int) -> None:
            scheme = "TLS" if context else "TCP"
            self.stdout.write(f"SIP2 on {scheme} {options['host']}:{port}", ending="\n")
            self.stdout.flush()

        server.run(settings, ready=ready)
