"""The zip a person downloads from "Download your data": data.json, one CSV per source, a README, the photo.

What goes in comes from the registry in `directory.data_export`; this module
only writes it out. Nothing here is logged: the archive is personal data.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.core.spreadsheet import safe_cell
from zone_networks.directory import photos
from zone_networks.directory.data_export import LINKS_NOT_FOLLOWED, collect, nested, plain, sources

FORMAT = "zone-networks-personal-data"
FORMAT_VERSION = 1


def _cell(value: Any) -> str:
    """One CSV cell: empty for nothing, JSON for structures, safe against spreadsheet formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return safe_cell(str(value))


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    """Rows as UTF-8 CSV with a byte order mark (so spreadsheets read accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def left_out() -> dict[str, dict[str, str]]:
    """For each file, the columns the service holds but does not export, and why."""
    return {item.name: {column: str(reason) for column, reason in item.excluded.items()} for item in sources()}


def readme(generated_at: str, photo_name: str | None) -> str:
    """Plain words on what each file holds and what was left out."""
    lines = [
        _("Your data from Zone Networks"),
        "",
        _("Made on %(when)s (UTC).", when=generated_at),
        _("data.json holds everything below in one file. Each CSV file holds one kind of record."),
        _("Times are in UTC, in ISO 8601 format."),
        "",
    ]
    for item in sources():
        lines.append(f"{item.name}.csv: {item.about}")
        for column, reason in item.excluded.items():
            lines.append("  - " + _("Not included: %(column)s. %(reason)s", column=column, reason=reason))
    for (table, column), reason in LINKS_NOT_FOLLOWED.items():
        lines.append(_("Not included: %(table)s rows linked by %(column)s. %(reason)s",
                       table=table, column=column, reason=reason))
    if photo_name:
        lines += ["", _("%(name)s: the photo on your profile.", name=photo_name)]
    return "\n".join(lines) + "\n"


def read_photo(person: User) -> bytes | None:
    """The stored bytes of `person`'s photo (always a JPEG), or None when they have none."""
    if not person.photo_key:
        return None
    try:
        return photos.photo_path(person.photo_key).read_bytes()
    except (OSError, ValueError):  # a missing file or a malformed key: there is no photo to give
        return None


def build_archive(person: User, now: datetime | None = None) -> bytes:
    """The zip of everything the service holds about `person` (read-only: writes nothing)."""
    generated_at = plain(now or utcnow())
    collected = collect(person)
    photo = read_photo(person)
    photo_name = "photo.jpg" if photo is not None else None
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": generated_at,
        **nested(collected),
        "files": {"photo": photo_name},
        "left_out": left_out(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False))
        for item in sources():
            archive.writestr(f"{item.name}.csv", to_csv(item.columns(), collected[item.name]))
        archive.writestr("README.txt", readme(generated_at, photo_name))
        if photo is not None and photo_name:
            archive.writestr(photo_name, photo)
    return buffer.getvalue()


def filename(now: datetime | None = None) -> str:
    """The download's file name, dated."""
    return f"zone-networks-your-data-{(now or utcnow()):%Y-%m-%d}.zip"
