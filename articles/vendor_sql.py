"""Running the SQL written for each database, in a migration."""

from collections.abc import Callable


def execute(schema_editor, statements: dict[str, Callable[[], list[str]]], what: str) -> None:
    """Run ``statements[vendor]()`` with the schema editor; a database with none is refused."""
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise NotImplementedError(f"no {what} for {vendor}")
    for sql in statements[vendor]():
        schema_editor.execute(sql)
