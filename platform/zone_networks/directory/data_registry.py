"""The pieces of the personal-data registry: a `Source` of rows about a person, and shared reasons.

The registry itself (which tables, which columns) is in `directory.data_export`
and its feature parts (`directory.data_export_meetings`, `directory.data_export_library`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, Table, select

from zone_networks.accounts.models import User
from zone_networks.extensions import db

Condition = Callable[[User], ColumnElement[bool]]

# Reasons shared by many sources (shown in the archive's README).
SECRET = _l("A secret: a copy would let someone else use it, so it never leaves the service.")
YOU = _l("Your own account number: every row here is yours.")
STAFF = _l("The account number of the person who acted for the service: their data, not yours.")


def table(name: str) -> Table:
    """The table called `name` in the application's metadata."""
    return db.metadata.tables[name]


@dataclass(frozen=True)
class Lookup:
    """Readable words for an id: columns of the table the id refers to, added as `<prefix>_<column>`."""

    column: str
    table: str
    fields: tuple[str, ...]
    prefix: str

    def names(self) -> list[str]:
        """The names these columns get in the export."""
        return [f"{self.prefix}_{name}" for name in self.fields]


@dataclass(frozen=True)
class Source:
    """Rows of one table that are about a person, and how to export them.

    Every column of the table is either `exported` or `excluded` with a reason;
    `links` names the columns that `where` follows to the person.
    """

    name: str  # the CSV file's name (without .csv) and the key in data.json
    table: str
    about: Any  # plain words (a lazy string) on how the rows relate to the person
    where: Condition
    links: tuple[str, ...]
    exported: tuple[str, ...]
    excluded: Mapping[str, Any]  # column -> why it is left out (a lazy string)
    lookups: tuple[Lookup, ...] = ()
    transforms: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    parent: str | None = None  # in data.json, nest these rows under the parent source's rows...
    parent_key: str | None = None  # ...whose id is in this column
    single: bool = False  # one object in data.json, not a list

    def columns(self) -> list[str]:
        """The column names in this source's CSV file, in order."""
        return list(self.exported) + [name for lookup in self.lookups for name in lookup.names()]

    def query(self, person: User) -> Select[Any]:
        """The statement selecting this source's rows for `person`."""
        rows = table(self.table)
        selected: list[Any] = [rows.c[name] for name in self.exported]
        joined: Any = rows
        for lookup in self.lookups:
            target = table(lookup.table).alias(f"lookup_{lookup.prefix}")
            joined = joined.outerjoin(target, target.c.id == rows.c[lookup.column])
            selected += [target.c[name].label(f"{lookup.prefix}_{name}") for name in lookup.fields]
        return select(*selected).select_from(joined).where(self.where(person)).order_by(*rows.primary_key.columns)


def owned_by(table_name: str, column: str = "user_id") -> Condition:
    """The condition "`column` of `table_name` is the person"."""
    return lambda person: table(table_name).c[column] == person.id


# Audit details of actions a person took may name the people the action was about
# (a convenor approving a request records the requester's name and email). Only
# these keys, which never identify anyone, are copied for actions they took.
SAFE_DETAIL_KEYS = frozenset({
    "network", "networks", "role", "old_role", "new_role", "source", "new_account", "promoted",
    "sent_count", "before", "after", "count", "format",
})


def safe_details(details: Any) -> Any:
    """Keep only the audit detail keys that cannot identify another person."""
    if not isinstance(details, dict):
        return {}
    return {key: value for key, value in details.items() if key in SAFE_DETAIL_KEYS}
