"""What the service holds about a person: the registry of sources, and collecting them.

Each `Source` (see `directory.data_registry`) says which rows of one table
belong in a person's copy of their data, how they relate to the person, which
columns are exported and which are left out and why. `LINKS_NOT_FOLLOWED`
explains the links to a person that no source follows (the rows are someone
else's). `tests/directory/test_data_export.py` walks `db.metadata` and fails
when a table that refers to `users.id` (or `users` itself) is in neither,
when a column of a registered table is neither exported nor excluded with a
reason, or when a link to a person is neither followed nor explained: a
feature that adds a table with personal data must add it here.

`directory.data_archive` turns what `collect()` returns into the zip the
person downloads.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, or_, select

from zone_networks.accounts.models import User
from zone_networks.core.clock import as_utc
from zone_networks.directory.data_export_discussions import DISCUSSION_LINKS_NOT_FOLLOWED, DISCUSSION_SOURCES
from zone_networks.directory.data_export_library import LIBRARY_LINKS_NOT_FOLLOWED, LIBRARY_SOURCES
from zone_networks.directory.data_export_meetings import MEETING_LINKS_NOT_FOLLOWED, MEETING_SOURCES
from zone_networks.directory.data_registry import (
    SECRET,
    STAFF,
    YOU,
    Lookup,
    Source,
    owned_by,
    safe_details,
    table,
)
from zone_networks.extensions import db


def _invitations_received(person: User) -> ColumnElement[bool]:
    invitations = table("invitations")
    return or_(invitations.c.email == person.email, invitations.c.accepted_user_id == person.id)


def _invitation_networks_received(person: User) -> ColumnElement[bool]:
    received = select(table("invitations").c.id).where(_invitations_received(person))
    return table("invitation_networks").c.invitation_id.in_(received)


def _events_about(person: User) -> ColumnElement[bool]:
    events = table("audit_events")
    memberships = select(table("memberships").c.id).where(owned_by("memberships")(person))
    invitations = select(table("invitations").c.id).where(_invitations_received(person))
    return or_(
        and_(events.c.object_type == "user", events.c.object_id == person.id),
        and_(events.c.object_type == "membership", events.c.object_id.in_(memberships)),
        and_(events.c.object_type == "invitation", events.c.object_id.in_(invitations)),
    )


ORGANISATION = Lookup("organisation_id", "organisations", ("name", "kind"), "organisation")
NETWORK = Lookup("network_id", "networks", ("name", "slug"), "network")
EVENT_COLUMNS = ("id", "action", "object_type", "object_id", "details", "created_at")

ACCOUNT_SOURCES: tuple[Source, ...] = (
    Source(
        name="profile",
        table="users",
        about=_l("Your account and profile."),
        where=owned_by("users", "id"),
        links=("id",),
        single=True,
        exported=(
            "id", "email", "name", "job_title", "organisation_id", "language", "is_secretariat", "is_admin",
            "active", "last_login_at", "bio", "phone", "other_contact", "email_visibility", "phone_visibility",
            "other_contact_visibility", "deletion_requested_at", "deleted_at", "created_at",
        ),
        excluded={
            "password_hash": _l("A scrambled form of your password (a hash) that cannot be turned back into it: "
                                "a secret that never leaves the service."),
            "session_version": _l("A counter that signs you out everywhere when it changes: a secret."),
            "photo_key": _l("The name of the file that holds your photo: the photo itself is in this download."),
            "search_text": _l("A lower-case copy of your name, job title, organisation, bio and expertise, "
                              "used only for searching the directory."),
            "sort_name": _l("A lower-case copy of your name, used only for putting the directory in order."),
        },
        lookups=(ORGANISATION,),
    ),
    Source(
        name="zone_roles",
        table="person_zone_roles",
        about=_l("The roles you hold in your zone."),
        where=owned_by("person_zone_roles"),
        links=("user_id",),
        exported=("role",),
        excluded={"user_id": YOU},
    ),
    Source(
        name="expertise",
        table="person_tags",
        about=_l("The areas of expertise on your profile."),
        where=owned_by("person_tags"),
        links=("user_id",),
        exported=("tag_id",),
        excluded={"user_id": YOU},
        lookups=(Lookup("tag_id", "expertise_tags", ("name", "managed"), "tag"),),
    ),
    Source(
        name="memberships",
        table="memberships",
        about=_l("The networks you belong to, have asked to join or have left, with your role in each."),
        where=owned_by("memberships"),
        links=("user_id",),
        exported=("id", "network_id", "role", "status", "request_note", "decided_at", "created_at"),
        excluded={"user_id": YOU, "decided_by_id": STAFF},
        lookups=(NETWORK,),
    ),
    Source(
        name="invitations_received",
        table="invitations",
        about=_l("Invitations sent to your email address, or that you accepted."),
        where=_invitations_received,
        links=("accepted_user_id",),
        exported=("id", "email", "created_at", "expires_at", "accepted_at", "accepted_user_id", "revoked_at",
                  "sent_count"),
        excluded={"token_hash": SECRET, "invited_by_id": STAFF},
    ),
    Source(
        name="invitation_networks",
        table="invitation_networks",
        about=_l("The networks, and the role in each, that each invitation to you offered."),
        where=_invitation_networks_received,
        links=(),
        exported=("invitation_id", "network_id", "role"),
        excluded={},
        lookups=(NETWORK,),
        parent="invitations_received",
        parent_key="invitation_id",
    ),
    Source(
        name="invitations_sent",
        table="invitations",
        about=_l("Invitations you sent to other people (without their email addresses)."),
        where=owned_by("invitations", "invited_by_id"),
        links=("invited_by_id",),
        exported=("id", "created_at", "expires_at", "accepted_at", "revoked_at", "sent_count"),
        excluded={
            "email": _l("The email address of the person you invited: their data, not yours."),
            "accepted_user_id": _l("The account number of the person who accepted: their data, not yours."),
            "token_hash": SECRET,
            "invited_by_id": YOU,
        },
    ),
    Source(
        name="password_reset_tokens",
        table="password_reset_tokens",
        about=_l("When you asked for a link to reset your password, and whether you used it."),
        where=owned_by("password_reset_tokens"),
        links=("user_id",),
        exported=("id", "created_at", "expires_at", "used_at"),
        excluded={"token_hash": SECRET, "user_id": YOU},
    ),
    Source(
        name="audit_events_by_you",
        table="audit_events",
        about=_l("Actions you took that the service records in its audit log. Details that could identify "
                 "other people are left out."),
        where=owned_by("audit_events", "actor_id"),
        links=("actor_id",),
        exported=EVENT_COLUMNS,
        excluded={"actor_id": YOU},
        transforms={"details": safe_details},
    ),
    Source(
        name="audit_events_about_you",
        table="audit_events",
        about=_l("Actions the secretariat, administrators or you took about your account, your memberships "
                 "and invitations to you, from the service's audit log."),
        where=_events_about,
        links=(),
        exported=EVENT_COLUMNS,
        excluded={"actor_id": STAFF},
    ),
)

SOURCES: tuple[Source, ...] = ACCOUNT_SOURCES + MEETING_SOURCES + LIBRARY_SOURCES + DISCUSSION_SOURCES

# Links to a person that no source follows, and why: the rows are someone else's, or the network's.
LINKS_NOT_FOLLOWED: Mapping[tuple[str, str], Any] = {
    ("memberships", "decided_by_id"): _l(
        "Decisions you made on other people's requests to join are their memberships; what you did is in "
        "audit_events_by_you."
    ),
    **MEETING_LINKS_NOT_FOLLOWED,
    **LIBRARY_LINKS_NOT_FOLLOWED,
    **DISCUSSION_LINKS_NOT_FOLLOWED,
}


def sources() -> list[Source]:
    """The registered sources whose tables this installation has (every one, once all features are in)."""
    return [item for item in SOURCES if item.table in db.metadata.tables]


def source(name: str) -> Source:
    """The registered source called `name`."""
    for candidate in SOURCES:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def plain(value: Any) -> Any:
    """A value as JSON has it: times in ISO 8601 UTC, dates in ISO 8601, everything else unchanged."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def rows_for(item: Source, person: User) -> list[dict[str, Any]]:
    """The rows of `item` about `person`, as plain dictionaries in CSV column order."""
    rows = []
    for mapping in db.session.execute(item.query(person)).mappings():
        row = {name: plain(mapping[name]) for name in item.columns()}
        for name, transform in item.transforms.items():
            row[name] = transform(row[name])
        rows.append(row)
    return rows


def collect(person: User) -> dict[str, list[dict[str, Any]]]:
    """Every source's rows about `person`, keyed by source name (one query per source)."""
    return {item.name: rows_for(item, person) for item in sources()}


def nested(collected: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The collected rows as one document: children under their parents, the profile as an object."""
    document: dict[str, Any] = {}
    present = [item for item in sources() if item.name in collected]
    for item in present:
        if item.parent:
            continue
        rows = [dict(row) for row in collected[item.name]]
        for child in present:
            if child.parent != item.name or child.parent_key is None:
                continue
            key = child.parent_key
            for row in rows:
                row[child.name] = [{name: value for name, value in grandchild.items() if name != key}
                                   for grandchild in collected[child.name] if grandchild[key] == row["id"]]
        document[item.name] = (rows[0] if rows else {}) if item.single else rows
    return document
