"""Rows the loader writes by the thousand, written without a model object and a query
parameter for each value.

Through the ORM every paragraph, and every history row of a new article or statement, is a
model instance whose fields are prepared and quoted one by one: a fifth of the loader's own
time in a profile of a 10,000-article load, for rows that are plain copies. Here PostgreSQL
gets COPY, SQLite executemany, and history rows are copied by the database from the rows
just written.
"""

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from django.db import connection
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from articles import changes

# Rows of COPY text formatted at a time: the server parses one part while the next is made.
COPY_PART = 2000
# SQLite accepts at most 32766 parameters per statement; stay well below.
CHUNK = 900


def postgres() -> bool:
    return connection.vendor == "postgresql"


def chunks(items: list, size: int = CHUNK):
    """SQLite's share of a list of query parameters at a time."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def array(values) -> str:
    """Integers as one PostgreSQL array literal: one query parameter, however many values."""
    return "{" + ",".join(map(str, values)) + "}"


def _copy_value(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(value)


def copy_text(rows: Sequence[tuple]) -> str:
    """Rows in COPY's text format."""
    return "".join(["\t".join(map(_copy_value, row)) + "\n" for row in rows])


def pairs_text(rows: Sequence[tuple[int, int]]) -> str:
    """Pairs of integers in COPY's text format, formatted as they are, with no look at each
    value's type."""
    return "".join([f"{a}\t{b}\n" for a, b in rows])


def grouped_text(groups: Mapping[int, Collection[int]]) -> Iterator[str]:
    """(key, value) for each of each key's values, in COPY's text format, about COPY_PART rows
    at a time. A statement's hashes become its id, a tab and the hashes joined by a newline,
    the id and a tab: half the time of formatting them as pairs."""
    part, size = [], 0
    for key, values in groups.items():
        if values:
            part.append(f"{key}\t" + f"\n{key}\t".join(map(str, values)) + "\n")
            size += len(values)
        if size >= COPY_PART:
            yield "".join(part)
            part, size = [], 0
    if part:
        yield "".join(part)


def _copy(table: str, names: str, parts: Iterable[str]) -> None:
    # COPY goes through the driver's own cursor, so its errors are made Django's here
    # (a row a trigger refuses raises as the COPY ends).
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for part in parts:
            copy.write(part)
    changes.wrote(table)  # COPY goes round Django's cursor, where writes are otherwise seen


def write(table: str, columns: Sequence[str], rows: Sequence[tuple], text=copy_text) -> None:
    """Rows into ``table``: COPY on PostgreSQL (``text`` formats a part of them), executemany
    on SQLite."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if postgres():
        _copy(table, names, (text(rows[i : i + COPY_PART]) for i in range(0, len(rows), COPY_PART)))
        return
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def write_pairs(table: str, columns: Sequence[str], rows: Sequence[tuple[int, int]]) -> None:
    """Rows of two integers, neither null, into ``table``."""
    write(table, columns, rows, pairs_text)


def write_grouped(table: str, columns: Sequence[str], groups: Mapping[int, Collection[int]]) -> None:
    """Rows of two integers, (key, value) for each of each key's values, into ``table``."""
    if not postgres():
        write(table, columns, [(key, value) for key, values in groups.items() for value in values])
    elif any(groups.values()):
        _copy(table, ", ".join(connection.ops.quote_name(c) for c in columns), grouped_text(groups))


def create(model, objs: list) -> list:
    """``objs`` saved as new rows of ``model`` in one query, with their history."""
    objs = model.objects.bulk_create(objs)
    record_created(model, objs)
    return objs


def record_created(model, objs: Sequence) -> None:
    """The "+" history rows of ``objs``, rows of ``model`` just created, as simple_history's
    bulk_history_create writes them (the moment of writing, the user it would record, no
    change reason), copied by the database from the rows themselves."""
    if not objs:
        return
    history = get_history_manager_for_model(model).model
    user = history.get_default_history_user(objs[0])  # the same request for the whole run
    pks = sorted(obj.pk for obj in objs)
    pk = connection.ops.quote_name(model._meta.pk.column)
    copied = [connection.ops.quote_name(f.column) for f in history.tracked_fields]
    extra = ["history_date", "history_type", "history_user_id", "history_change_reason"]
    target = ", ".join([*copied, *(connection.ops.quote_name(c) for c in extra)])
    when = history._meta.get_field("history_date").get_db_prep_value(timezone.now(), connection)
    sql = (
        f"INSERT INTO {history._meta.db_table} ({target}) "
        f"SELECT {', '.join(copied)}, %s, '+', %s, NULL FROM {model._meta.db_table} WHERE {{}} ORDER BY {pk}"
    )
    user_id = user.pk if user is not None else None
    with connection.cursor() as cursor:
        if postgres():
            cursor.execute(sql.format(f"{pk} = ANY(%s::bigint[])"), [when, user_id, array(pks)])
        else:
            for part in chunks(pks):
                cursor.execute(sql.format(f"{pk} IN ({', '.join(['%s'] * len(part))})"), [when, user_id, *part])
