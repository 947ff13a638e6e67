"""Small declarations the REST API is built from: its parameters, bodies and operations.

Each operation is declared once, next to its view: path, method, parameters (with the
JSON Schema of their values), request body, responses. The same declaration parses
and checks the request and becomes the operation in ``/api/v1/openapi.json``, so the
document cannot drift from what the server accepts. The validator covers just the
JSON Schema the API uses (type, enum, minimum/maximum, min/maxLength, pattern, arrays,
flat objects without extra properties); anything else in a declaration is an error
at import time, not a silent gap.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

Schema = dict[str, Any]

#: Text that may reach the database: no control characters (PostgreSQL refuses NUL).
PLAIN_TEXT = r"^[^\x00-\x1F\x7F]*$"
_KNOWN_KEYWORDS = {
    "type",
    "enum",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "items",
    "maxItems",
    "description",
    "default",
    "examples",
}
_INTEGER = re.compile(r"^-?[0-9]{1,19}$")


class BadInput(Exception):
    """A parameter or body field that does not match its declaration (HTTP 400)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    # ECMA-262's "$" (the schema's dialect) ends the text; Python's also matches before
    # a final newline, so "30000001\n" would pass as a barcode.
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def _check_keywords(schema: Schema) -> None:
    unknown = set(schema) - _KNOWN_KEYWORDS
    if unknown:
        raise ValueError(f"the API's validator does not implement {sorted(unknown)}")
    if "items" in schema:
        _check_keywords(schema["items"])


def check_value(name: str, value: Any, schema: Schema) -> Any:
    """``value`` (already of a JSON type) checked against ``schema``; raises ``BadInput``."""
    kind = schema.get("type")
    if kind == "integer":
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON Schema counts 12.0 as an integer, and so do we
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadInput(name, _("%(name)s ska vara ett heltal.") % {"name": name})
        if "minimum" in schema and value < schema["minimum"]:
            raise BadInput(
                name,
                _("%(name)s ska vara minst %(min)d.") % {"name": name, "min": schema["minimum"]},
            )
        if "maximum" in schema and value > schema["maximum"]:
            raise BadInput(
                name,
                _("%(name)s får vara högst %(max)d.") % {"name": name, "max": schema["maximum"]},
            )
    elif kind == "string":
        if not isinstance(value, str):
            raise BadInput(name, _("%(name)s ska vara text.") % {"name": name})
        if len(value) < schema.get("minLength", 0):
            raise BadInput(name, _("%(name)s får inte vara tom.") % {"name": name})
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            raise BadInput(
                name,
                _("%(name)s får vara högst %(max)d tecken.")
                % {"name": name, "max": schema["maxLength"]},
            )
        if "pattern" in schema and not _regex(schema["pattern"]).search(value):
            raise BadInput(name, _("%(name)s har fel form.") % {"name": name})
    elif kind == "boolean" and not isinstance(value, bool):
        raise BadInput(name, _("%(name)s ska vara true eller false.") % {"name": name})
    if "enum" in schema and value not in schema["enum"]:
        raise BadInput(
            name,
            _("%(name)s ska vara en av: %(values)s.")
            % {"name": name, "values": ", ".join(str(v) for v in schema["enum"])},
        )
    return value


def _from_text(name: str, raw: str, schema: Schema) -> Any:
    """A query or path value (always text on the wire) as the JSON type its schema names."""
    kind = schema.get("type")
    if kind == "integer":
        if not _INTEGER.match(raw):
            raise BadInput(name, _("%(name)s ska vara ett heltal.") % {"name": name})
        return check_value(name, int(raw), schema)
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise BadInput(name, _("%(name)s ska vara true eller false.") % {"name": name})
        return raw == "true"
    return check_value(name, raw, schema)


@dataclasses.dataclass(frozen=True)
class Param:
    """A query or path parameter; ``schema`` describes one value (or, if an array, all)."""

    name: str
    description: str
    schema: Schema
    location: str = "query"
    required: bool = False
    #: False for a parameter the view reads itself (to answer 406 rather than 400).
    parsed: bool = True

    def __post_init__(self) -> None:
        _check_keywords(self.schema)

    @property
    def is_array(self) -> bool:
        return self.schema.get("type") == "array"

    def parse(self, values: Sequence[str]) -> Any:
        """The typed value of this parameter from its raw values; None when absent."""
        if not values:
            if self.required:
                raise BadInput(self.name, _("%(name)s saknas.") % {"name": self.name})
            return [] if self.is_array else self.schema.get("default")
        if self.is_array:
            limit = self.schema.get("maxItems")
            if limit is not None and len(values) > limit:
                raise BadInput(
                    self.name,
                    _("%(name)s får anges högst %(max)d gånger.")
                    % {"name": self.name, "max": limit},
                )
            return [_from_text(self.name, value, self.schema["items"]) for value in values]
        return _from_text(self.name, values[-1], self.schema)

    def openapi(self) -> Schema:
        declared: Schema = {
            "name": self.name,
            "in": self.location,
            "description": self.description,
            "required": self.required or self.location == "path",
            "schema": self.schema,
        }
        if self.is_array:
            declared.update(style="form", explode=True)
        return declared


@dataclasses.dataclass(frozen=True)
class Body:
    """A JSON object request body: its fields, which of them are required, nothing else."""

    description: str
    fields: Mapping[str, Schema]
    required: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for schema in self.fields.values():
            _check_keywords(schema)

    def parse(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise BadInput("body", _("Innehållet ska vara ett JSON-objekt."))
        for name in data:
            if name not in self.fields:
                raise BadInput(name, _("Okänt fält: %(name)s.") % {"name": name[:64]})
        for name in self.required:
            if name not in data:
                raise BadInput(name, _("%(name)s saknas.") % {"name": name})
        return {name: check_value(name, value, self.fields[name]) for name, value in data.items()}

    def openapi(self) -> Schema:
        return {
            "required": True,
            "description": self.description,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": dict(self.fields),
                        "required": list(self.required),
                        "additionalProperties": False,
                    }
                }
            },
        }


@dataclasses.dataclass(frozen=True)
class Reply:
    """One documented response: its status, description, JSON schema and headers."""

    status: int
    description: str
    schema: Schema | None = None  # a JSON body; None for none (or ``content`` below)
    headers: Mapping[str, Schema] = dataclasses.field(default_factory=dict)
    content: Mapping[str, Schema] | None = None  # other media types (audio)

    def openapi(self) -> Schema:
        declared: Schema = {"description": self.description}
        if self.content is not None:
            declared["content"] = dict(self.content)
        elif self.schema is not None:
            declared["content"] = {"application/json": {"schema": self.schema}}
        if self.headers:
            declared["headers"] = dict(self.headers)
        return declared


@dataclasses.dataclass
class Operation:
    method: str
    summary: str
    handler: Callable[..., Any]
    params: tuple[Param, ...] = ()
    body: Body | None = None
    replies: tuple[Reply, ...] = ()
    authenticated: bool = False
    tag: str = ""

    def openapi(self, path_params: tuple[Param, ...]) -> Schema:
        declared: Schema = {
            "operationId": self.handler.__name__,
            "summary": self.summary,
            "tags": [self.tag] if self.tag else [],
            "parameters": [p.openapi() for p in (*path_params, *self.params)],
            "responses": {str(r.status): r.openapi() for r in self.replies},
        }
        if self.body is not None:
            declared["requestBody"] = self.body.openapi()
        if self.authenticated:
            declared["security"] = [{"bearer": []}]
        return declared


@dataclasses.dataclass
class Endpoint:
    """One path of the API (``/records/{id}``) and its operations by method."""

    path: str
    path_params: tuple[Param, ...] = ()
    operations: dict[str, Operation] = dataclasses.field(default_factory=dict)

    @property
    def route(self) -> str:
        """The Django route: ``records/<str:id>`` (values are checked by the declaration)."""
        return re.sub(r"\{(\w+)\}", r"<str:\1>", self.path.lstrip("/"))

    @property
    def name(self) -> str:
        """A URL name: ``records_id_availability`` for ``/records/{id}/availability``."""
        return re.sub(r"[^a-z0-9]+", "_", self.path.lower()).strip("_")

    def openapi(self) -> Schema:
        return {
            method.lower(): operation.openapi(self.path_params)
            for method, operation in self.operations.items()
        }


class Registry:
    """Every endpoint of the API, in the order they were declared."""

    def __init__(self) -> None:
        self.endpoints: dict[str, Endpoint] = {}

    def endpoint(self, path: str, *path_params: Param) -> Endpoint:
        endpoint = self.endpoints.get(path)
        if endpoint is None:
            for param in path_params:
                assert param.location == "path", param
            endpoint = self.endpoints[path] = Endpoint(path, tuple(path_params))
        return endpoint


def operation(
    endpoint: Endpoint,
    method: str,
    *,
    summary: str,
    replies: Sequence[Reply],
    params: Sequence[Param] = (),
    body: Body | None = None,
    authenticated: bool = False,
    tag: str = "",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare ``method`` on ``endpoint``, handled by the decorated function."""

    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        assert method not in endpoint.operations, (endpoint.path, method)
        endpoint.operations[method] = Operation(
            method=method,
            summary=summary,
            handler=handler,
            params=tuple(params),
            body=body,
            replies=tuple(replies),
            authenticated=authenticated,
            tag=tag,
        )
        return handler

    return register


#: Every endpoint of /api/v1, filled in as ``folkbib.api.views`` is imported.
API = Registry()
