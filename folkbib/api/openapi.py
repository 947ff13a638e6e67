"""The OpenAPI 3.1 document of /api/v1, built from the operations' own declarations."""

from __future__ import annotations

from typing import Any

from folkbib.api import shapes
from folkbib.api.declarations import API, Registry

DESCRIPTION = """\
The REST API of folkbib: the region's catalogue, availability and branches for anyone;
loans, renewals and holds for a signed-in patron (card number and PIN for a bearer
token); and AudioIndex's spoken descriptions.

Every error is JSON: `{"error": code, "message": text}`, with `field` naming a bad
parameter and `reason` saying why a loan cannot be renewed. Messages follow
`Accept-Language` (Swedish by default, English). Lists are paged with `page` and
`per_page` and carry `Link` and `X-Total-Count` headers. Records carry `ETag` and
`Last-Modified` and answer `If-None-Match` / `If-Modified-Since` with 304.
"""


def document(registry: Registry = API) -> dict[str, Any]:
    from folkbib.api import views  # noqa: F401 - declares the endpoints

    return {
        "openapi": "3.1.0",
        "info": {"title": "folkbib", "version": "1", "description": DESCRIPTION},
        "servers": [{"url": shapes.PREFIX}],
        "paths": {path: endpoint.openapi() for path, endpoint in registry.endpoints.items()},
        "components": {
            "schemas": dict(shapes.SCHEMAS),
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from POST /auth/token",
                }
            },
        },
    }
