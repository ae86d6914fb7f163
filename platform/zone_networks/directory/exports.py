"""The secretariat's directory exports: every person matching the directory's filters, as CSV or vCard.

The people are exactly those `directory.queries.people_query(viewer, filters)`
lists (all of them, not one page). Their zone roles, active networks and
expertise come in one statement each, selected by the same query's ids as a
subquery, so an export runs a fixed number of statements however many people
it holds. Contact details go through `directory.visibility.contact_visible`;
on top of that, a detail its owner marked "only me" never leaves the service
in a file, even in the owner's own export.

CSV cells that a spreadsheet would read as a formula (starting with = + - @,
a tab or a carriage return) are prefixed with a single quote.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

import vobject
from flask_babel import gettext as _
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import to_london, utcnow
from zone_networks.core.spreadsheet import safe_cell
from zone_networks.directory.filters import DirectoryFilters
from zone_networks.directory.labels import zone_role_label
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.directory.queries import people_query
from zone_networks.directory.visibility import CONTACT_FIELDS, contact_visible
from zone_networks.extensions import db
from zone_networks.networks.labels import role_label
from zone_networks.networks.models import Membership, Network

LIST_SEPARATOR = "; "
FORMATS = {"csv": "text/csv; charset=utf-8", "vcf": "text/vcard; charset=utf-8"}


@dataclass
class ExportedPerson:
    """One person as an export shows them: their record, their lists, and the contact details the viewer may have."""

    person: User
    zone_roles: list[str] = field(default_factory=list)
    networks: list[tuple[str, str]] = field(default_factory=list)  # (network name, role code)
    expertise: list[str] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)  # field -> value, only those the viewer may have


def _exportable(viewer: Any, person: User, field_name: str, shared_network_ids: set[int]) -> bool:
    if getattr(person, f"{field_name}_visibility") == "only_me":
        return False
    return contact_visible(viewer, person, field_name, shared_network_ids)


def exported_people(viewer: Any, filters: DirectoryFilters) -> list[ExportedPerson]:
    """Everyone `people_query(viewer, filters)` lists, in its order, with their lists and visible contact details."""
    query = people_query(viewer, filters)
    # people_query is annotated Select[tuple[User]]; its scalars are Users.
    people = cast("list[User]", list(db.session.scalars(query)))
    if not people:
        return []
    ids = query.order_by(None).with_only_columns(User.id)
    rows = {person.id: ExportedPerson(person) for person in people}
    for zone_role in db.session.scalars(select(PersonZoneRole).where(PersonZoneRole.user_id.in_(ids))):
        rows[zone_role.user_id].zone_roles.append(zone_role.role)
    person_networks: dict[int, set[int]] = defaultdict(set)
    memberships = (
        select(Membership.user_id, Network.id, Network.name, Membership.role)
        .join(Network, Network.id == Membership.network_id)
        .where(Membership.user_id.in_(ids), Membership.status == "active")
        .order_by(Network.name)
    )
    for user_id, network_id, network_name, role in db.session.execute(memberships):
        rows[user_id].networks.append((network_name, role))
        person_networks[user_id].add(network_id)
    tags = (
        select(person_tags.c.user_id, ExpertiseTag.name)
        .join(ExpertiseTag, ExpertiseTag.id == person_tags.c.tag_id)
        .where(person_tags.c.user_id.in_(ids))
        .order_by(ExpertiseTag.name)
    )
    for user_id, tag_name in db.session.execute(tags):
        rows[user_id].expertise.append(tag_name)
    viewer_networks = set(db.session.scalars(
        select(Membership.network_id).where(Membership.user_id == viewer.id, Membership.status == "active")
    ))
    for row in rows.values():
        row.zone_roles.sort()
        shared = viewer_networks & person_networks[row.person.id]
        row.contact = {
            name: getattr(row.person, name)
            for name in CONTACT_FIELDS
            if getattr(row.person, name) and _exportable(viewer, row.person, name, shared)
        }
    return list(rows.values())


def header() -> list[str]:
    """The CSV column headings, in the order `_values` gives the cells."""
    return [_("Name"), _("Job title"), _("Organisation"), _("Zone"), _("Nation"), _("Zone roles"), _("Networks"),
            _("Expertise"), _("Email"), _("Phone"), _("Other contact details"), _("Account")]


def _values(row: ExportedPerson) -> list[str]:
    person = row.person
    zone = person.organisation.zone
    return [
        person.name,
        person.job_title,
        person.organisation.name,
        zone.name if zone else "",
        zone.nation if zone else "",
        LIST_SEPARATOR.join(zone_role_label(code) for code in row.zone_roles),
        LIST_SEPARATOR.join(f"{name} ({role_label(role).lower()})" for name, role in row.networks),
        LIST_SEPARATOR.join(row.expertise),
        row.contact.get("email", ""),
        row.contact.get("phone", ""),
        row.contact.get("other_contact", ""),
        _("Active") if person.active else _("Deactivated"),
    ]


def to_csv(rows: list[ExportedPerson]) -> bytes:
    """The rows as CSV under a heading line: UTF-8 with a byte order mark (so Excel reads it right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    for row in rows:
        writer.writerow([safe_cell(value or "") for value in _values(row)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _name_parts(name: str) -> tuple[str, str]:
    """(given, family) for the vCard N property: the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return " ".join(words[:-1]), words[-1]


def to_vcard(rows: list[ExportedPerson]) -> bytes:
    """The rows as vCard 4.0, one card per person (vobject escapes commas, semicolons and newlines)."""
    cards: list[str] = []
    for row in rows:
        person = row.person
        card = vobject.vCard()
        card.add("version").value = "4.0"
        card.add("fn").value = person.name
        given, family = _name_parts(person.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        card.add("org").value = [person.organisation.name]
        if person.job_title:
            card.add("title").value = person.job_title
        if "email" in row.contact:
            email = card.add("email")
            email.value = row.contact["email"]
            email.type_param = "work"
        if "phone" in row.contact:
            phone = card.add("tel")
            phone.value = row.contact["phone"]
            # vCard 4.0 TEL is a URI by default; people type free text ("01234 567890 ext 12").
            phone.params["VALUE"] = ["text"]
            phone.type_param = "work"
        if "other_contact" in row.contact:
            card.add("note").value = row.contact["other_contact"]
        cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


def filename(extension: str, now: datetime | None = None) -> str:
    """A dated download name, e.g. zone-networks-directory-2026-11-26.csv (UK date)."""
    day = to_london(now or utcnow()).date().isoformat()
    return f"zone-networks-directory-{day}.{extension}"


def export_directory(viewer: User, filters: DirectoryFilters, export_format: str) -> tuple[bytes, int]:
    """Build the export in `export_format` (csv or vcf), record it in the audit log and commit; (data, count)."""
    if export_format not in FORMATS:
        raise ValueError(f"not an export format: {export_format}")
    rows = exported_people(viewer, filters)
    data = to_csv(rows) if export_format == "csv" else to_vcard(rows)
    chosen: dict[str, list[str]] = defaultdict(list)
    for key, value in filters.to_args():
        chosen[key].append(value)
    record(viewer, "directory.exported", "directory", None, format=export_format, filters=dict(chosen),
           count=len(rows))
    db.session.commit()
    return data, len(rows)
