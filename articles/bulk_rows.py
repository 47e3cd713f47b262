"""Rows the loader writes by the thousand, written without a model object and a query
parameter for each value.

Through the ORM every paragraph, and every history row of a new article or statement, is a
model instance whose fields are prepared and quoted one by one: a fifth of the loader's own
time in a profile of a 10,000-article load, for rows that are plain copies. Here PostgreSQL
gets COPY, SQLite executemany, and history rows are copied by the database from the rows
just written.
"""

from collections.abc import Sequence

from django.db import connection
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

# Rows of COPY text formatted at a time: the server parses one part while the next is made.
COPY_PART = 2000
# SQLite accepts at most 32766 parameters per statement; stay well below.
CHUNK = 900


def postgres() -> bool:
    return connection.vendor == "postgresql"


def chunks(items: list, size: int = CHUNK):
    """SQLite's share of a list of query parameters at a time."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


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
    """Rows in COPY's text format. Pairs of integers, most of what the loader copies (shingles,
    citations), are written as they are; anything else goes through ``_copy_value``."""
    if all(len(row) == 2 and type(row[0]) is int and type(row[1]) is int for row in rows):
        return "".join([f"{a}\t{b}\n" for a, b in rows])
    return "".join(["\t".join(map(_copy_value, row)) + "\n" for row in rows])


def write(table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Rows into ``table``: COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if postgres():
            # COPY goes through the driver's own cursor, so its errors are made Django's here
            # (a row a trigger refuses raises as the COPY ends).
            with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for i in range(0, len(rows), COPY_PART):
                    copy.write(copy_text(rows[i:i + COPY_PART]))
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


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
    sql = (f"INSERT INTO {history._meta.db_table} ({target}) "
           f"SELECT {', '.join(copied)}, %s, '+', %s, NULL FROM {model._meta.db_table} WHERE {{}} ORDER BY {pk}")
    user_id = user.pk if user is not None else None
    with connection.cursor() as cursor:
        if postgres():
            cursor.execute(sql.format(f"{pk} = ANY(%s::bigint[])"), [when, user_id, array(pks)])
        else:
            for part in chunks(pks):
                cursor.execute(sql.format(f"{pk} IN ({', '.join(['%s'] * len(part))})"), [when, user_id, *part])
