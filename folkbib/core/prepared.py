"""Querysets and row writes compiled to SQL once per process and database vendor.

Compiling a queryset (joins, select list, FOR UPDATE clause) costs the ORM more CPU
than the database spends running it: a checkout's lock of its item and patron took
~1 ms each to compile and ~0.1 ms to run. A :class:`Prepared` builds its queryset once
with placeholder values, keeps the SQL, the parameter positions and what the ORM needs
to turn rows into objects (columns, ``select_related`` populators, annotations, the
backend's converters), and from then on only executes the SQL with the call's values.
The objects it returns are those the queryset would return: the same instances, the
same related caches, the same annotations.

Only querysets whose SQL does not depend on the values qualify: ``=`` lookups on ints
and strings (``None`` turns ``=`` into ``IS NULL``, so it is refused).

``update_row``, ``insert_row`` and ``insert_rows`` write as ``save`` and ``bulk_create``
do, from the models' ``_meta``, with their statements built once. The circulation hot
path uses all of them; they live here, in ``core``, so that any app may use them
without importing another app's services.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model, QuerySet
from django.db.models.constants import OnConflict
from django.db.models.query import get_related_populators
from django.db.models.signals import post_save, pre_save
from django.db.transaction import TransactionManagementError


def _mark(kind: type, index: int) -> Any:
    """A value no row has, one per argument: it marks where the call's value goes."""
    return -7_301_946_251 - index if kind is int else f"\x01folkbib-{index + 1}\x01"


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (position in params, argument index)
    col_count: int
    trim: bool  # extra select columns (ordering) follow the result columns
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]
    for_update: bool
    model: type[Model] | None  # None: rows as tuples (``values_list``)
    flat: bool  # ``values_list(..., flat=True)``: the first column
    fields: tuple[int, int]  # the model's own columns, as a slice
    init_list: tuple[str, ...]
    populators: tuple[Any, ...]
    annotations: tuple[tuple[str, int], ...]


class Prepared:
    """A queryset of ``arity`` int or str values (``build(*values)``), compiled once.

    ``build`` must return the same query for any values; ``first=True`` reads one row
    the way ``QuerySet.first()`` does (by primary key unless the queryset is ordered).
    """

    def __init__(
        self,
        build: Callable[..., QuerySet[Any, Any]],
        *,
        kinds: tuple[type, ...] = (int,),
        first: bool = False,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        self._build = build
        self._kinds = kinds
        self._first = first
        self._using = using
        self._plans: dict[tuple[str, str], _Plan] = {}
        self._lock = threading.Lock()

    def objects(self, *values: Any) -> list[Any]:
        """The model instances (or, for ``values_list``, the tuples) the queryset returns."""
        connection = connections[self._using]
        key = (self._using, connection.vendor)
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key) or self._compile(connection)
                self._plans[key] = plan
        if len(values) != len(self._kinds):
            raise TypeError(f"expected {len(self._kinds)} values, got {len(values)}")
        for value, kind in zip(values, self._kinds, strict=True):
            if type(value) is not kind:  # bool is no int here; None would change the SQL
                raise TypeError(f"expected {kind.__name__}, got {value!r}")
        if plan.for_update and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        params = list(plan.params)
        for position, index in plan.slots:
            params[position] = values[index]
        return self._objects(plan, fetch_all(connection, plan.sql, params), connection)

    def first(self, *values: Any) -> Any | None:
        found = self.objects(*values)
        return found[0] if found else None

    def _compile(self, connection: Any) -> _Plan:
        kinds = self._kinds
        marks = [_mark(kind, i) for i, kind in enumerate(kinds)]
        queryset = self._build(*marks)
        if self._first:
            queryset = (queryset if queryset.ordered else queryset.order_by("pk"))[:1]
        compiler = queryset.query.get_compiler(using=self._using, connection=connection)
        sql, params = compiler.as_sql()
        slots = tuple(
            (position, marks.index(param))
            for position, param in enumerate(params)
            if any(param == mark and type(param) is type(mark) for mark in marks)
        )
        if {index for _, index in slots} != set(range(len(kinds))):
            raise ValueError("every value must reach the SQL as a parameter of its own")
        select = compiler.select
        fields = [s[0] for s in select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("composite primary keys are not supported")
        # Kept per vendor, not per connection: the backends' converters read nothing of
        # their connection but its time zone, which every connection of an alias shares
        # (SQLite's; PostgreSQL has none), so one thread's serve every thread.
        converters = tuple(
            (position, tuple(convs), expression)
            for position, (convs, expression) in compiler.get_converters(fields).items()
        )
        for_update = bool(
            queryset.query.select_for_update and connection.features.has_select_for_update
        )
        common: dict[str, Any] = {
            "sql": sql,
            "params": tuple(params),
            "slots": slots,
            "col_count": compiler.col_count,
            "trim": compiler.has_extra_select,
            "converters": converters,
            "for_update": for_update,
        }
        iterable = getattr(queryset, "_iterable_class", None)
        klass_info = compiler.klass_info
        if iterable is not None and iterable.__name__ == "ModelIterable":
            assert klass_info is not None
            if queryset._known_related_objects:  # type: ignore[attr-defined]
                raise ValueError("querysets of a related manager are not supported")
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            return _Plan(
                **common,
                model=klass_info["model"],
                flat=False,
                fields=(start, end),
                init_list=tuple(f[0].target.attname for f in select[start:end]),
                populators=tuple(get_related_populators(klass_info, select, self._using)),  # type: ignore[call-arg]  # stubs of Django 6
                annotations=tuple(compiler.annotation_col_map.items()),
            )
        name = "" if iterable is None else iterable.__name__
        if name not in ("ValuesListIterable", "FlatValuesListIterable"):
            raise ValueError("only model querysets and values_list() are supported")
        if queryset.query.extra_select or queryset.query.annotation_select:
            raise ValueError("values_list() with extra or annotated columns is not supported")
        return _Plan(
            **common,
            model=None,
            flat=name == "FlatValuesListIterable",
            fields=(0, 0),
            init_list=(),
            populators=(),
            annotations=(),
        )

    def _objects(self, plan: _Plan, rows: list[Any], connection: Any) -> list[Any]:
        converted = []
        for fetched in rows:
            row = list(fetched[: plan.col_count] if plan.trim else fetched)
            for position, convs, expression in plan.converters:
                value = row[position]
                for converter in convs:
                    value = converter(value, expression, connection)
                row[position] = value
            converted.append(row)
        if plan.model is None:
            return [row[0] if plan.flat else tuple(row) for row in converted]
        start, end = plan.fields
        found = []
        for row in converted:
            obj = plan.model.from_db(self._using, list(plan.init_list), row[start:end])
            for populator in plan.populators:
                populator.populate(row, obj)
            for name, position in plan.annotations:
                setattr(obj, name, row[position])
            found.append(obj)
        return found


def fetch_all(connection: Any, sql: str, params: Sequence[Any]) -> list[Any]:
    """The rows of a read: ``cursor.execute(sql, params)`` then ``cursor.fetchall()``.

    On SQLite, while nobody watches the queries (no ``execute_wrapper``, no query log:
    DEBUG and the tests' ``assertNumQueries`` see every query as before), the statement
    runs on the DB-API connection itself, after the checks Django's cursor makes. Its
    cursor wrapper cost ~0.1 ms a query (rewriting a long statement's ``%s`` to ``?``
    on every call, the wrappers around it), more than most of the pages' reads take to
    run: a record page makes five.
    """
    if connection.vendor == "sqlite" and not (
        connection.execute_wrappers or connection.queries_logged
    ):
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        connection.validate_thread_sharing()
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors:
            return connection.connection.execute(_qmark(sql), params).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.lru_cache(maxsize=1024)  # the statements are the code's own: a few hundred
def _qmark(sql: str) -> str:
    """Django's "format" style as sqlite3's "qmark" style, rewritten as Django's SQLite
    cursor rewrites it (``SQLiteCursorWrapper.convert_query``), once per statement."""
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


_UPDATES: dict[tuple[str, type[Model], tuple[str, ...]], tuple[str, list[Any]]] = {}


def update_row(obj: Model, fields: list[str], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """``obj.save(update_fields=fields)`` as one plain UPDATE, without compiling one.

    Sends no signals: for rows no receiver listens to (the hot path's items and loans).
    Raises as ``save`` does when the row is gone.
    """
    connection = connections[using]
    key = (connection.vendor, type(obj), tuple(fields))
    cached = _UPDATES.get(key)
    if cached is None:
        meta: Any = obj._meta
        targets = [meta.get_field(name) for name in fields]
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in targets)
        sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
        cached = _UPDATES[key] = (sql, targets)
    sql, targets = cached
    params = [
        field.get_db_prep_save(getattr(obj, field.attname), connection=connection)
        for field in targets
    ]
    pk_field: Any = obj._meta.pk
    params.append(pk_field.get_db_prep_value(obj.pk, connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if cursor.rowcount == 0:
            raise DatabaseError("Save with update_fields did not affect any rows.")


_INSERTS: dict[tuple[str, type[Model]], tuple[str, list[Any], bool]] = {}


def insert_row(obj: Model, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """``obj.save(force_insert=True)`` (what ``objects.create`` does) as one plain INSERT.

    Fills ``obj.pk`` and sends ``pre_save`` and ``post_save`` as ``save`` would; for
    models with a database-generated primary key and no parents.
    """
    connection = connections[using]
    model = type(obj)
    meta: Any = obj._meta
    key = (connection.vendor, model)
    cached = _INSERTS.get(key)
    if cached is None:
        if meta.parents or not meta.pk.db_returning:
            raise ValueError(f"{model.__name__}: only an auto primary key, no parents")
        targets = [field for field in meta.local_concrete_fields if field is not meta.pk]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in targets)
        values = ", ".join(["%s"] * len(targets))
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({values})"
        returning = bool(connection.features.can_return_columns_from_insert)
        if returning:
            sql += f" RETURNING {quote(meta.pk.column)}"
        cached = _INSERTS[key] = (sql, targets, returning)
    sql, targets, returning = cached
    pre_save.send(sender=model, instance=obj, raw=False, using=using, update_fields=None)
    params = [
        field.get_db_prep_save(field.pre_save(obj, True), connection=connection)
        for field in targets
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            pk = cursor.fetchone()[0]
        else:
            pk = connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = using
    post_save.send(
        sender=model, instance=obj, created=True, update_fields=None, raw=False, using=using
    )


_BULK: dict[tuple[Any, ...], tuple[str, str, str, list[Any]]] = {}


def insert_rows(
    objs: Sequence[Model],
    *,
    ignore_conflicts: bool = False,
    unique_fields: tuple[str, ...] = (),
    update_fields: tuple[str, ...] = (),
    using: str = DEFAULT_DB_ALIAS,
) -> None:
    """``bulk_create(objs, ignore_conflicts=...)`` or, with ``update_fields``,
    ``bulk_create(objs, update_conflicts=True, unique_fields=..., update_fields=...)``,
    without compiling an insert.

    The statement is the one ``bulk_create`` sends, built by the backend's own
    operations (``INSERT ... ON CONFLICT ...``; SQLite's ``INSERT OR IGNORE`` for
    ``ignore_conflicts``), in batches of the backend's size. As ``bulk_create``, it
    sends no signals and fills ``auto_now``/``auto_now_add`` fields; unlike it, it leaves
    ``pk`` unset. For models with a database-generated primary key and no parents.
    """
    if not objs:
        return
    if ignore_conflicts and update_fields:
        raise ValueError("ignore_conflicts and update_fields exclude each other")
    connection = connections[using]
    model = type(objs[0])
    meta: Any = model._meta
    key = (connection.vendor, model, ignore_conflicts, unique_fields, update_fields)
    cached = _BULK.get(key)
    if cached is None:
        if meta.parents or not meta.pk.db_returning:
            raise ValueError(f"{model.__name__}: only an auto primary key, no parents")
        targets = [field for field in meta.local_concrete_fields if field is not meta.pk]
        on_conflict = (
            OnConflict.IGNORE if ignore_conflicts else OnConflict.UPDATE if update_fields else None
        )
        ops = connection.ops
        quote = ops.quote_name
        head = f"{ops.insert_statement(on_conflict=on_conflict)} {quote(meta.db_table)}"
        head += f" ({', '.join(quote(field.column) for field in targets)})"
        tail = ops.on_conflict_suffix_sql(
            targets,
            on_conflict,
            [meta.get_field(name).column for name in update_fields],
            [meta.get_field(name).column for name in unique_fields],
        )
        row = f"({', '.join(['%s'] * len(targets))})"
        cached = _BULK[key] = (head, row, tail, targets)
    head, row, tail, targets = cached
    size = max(1, connection.ops.bulk_batch_size(targets, objs))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params = [
                field.get_db_prep_save(field.pre_save(obj, True), connection=connection)
                for obj in batch
                for field in targets
            ]
            sql = f"{head} VALUES {', '.join([row] * len(batch))} {tail}".rstrip()
            cursor.execute(sql, params)
