"""Helpers for invitation tests: send one through the admin form and read the link from the email."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from tests.helpers import submit
from tests.networks.support import network
from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db

NEW_EMAIL = "new.person@humber.example"
LINK = re.compile(r"http://127\.0\.0\.1:5000(/invitations/[A-Za-z0-9_\-]+)")


def invite_form(email: str, roles: dict[str, str]) -> dict[str, Any]:
    """Form data inviting `email` with `roles` ({slug: role}); other networks are left out."""
    data: dict[str, Any] = {"email": email}
    for slug in ("skills-forum", "innovation-leads", "net-zero"):
        data[f"role_{network(slug).id}"] = roles.get(slug, "none")
    return data


def send_invitation(client: FlaskClient, email: str, roles: dict[str, str]) -> TestResponse:
    """Post the new-invitation form as the signed-in user."""
    return submit(client, "/admin/invitations/new", invite_form(email, roles))


def link_in(message: Any) -> str:
    """The invitation path in an email."""
    match = LINK.search(message.get_content())
    assert match, message.get_content()
    return match.group(1)


def details(**overrides: str) -> dict[str, str]:
    """A valid new-account form for the invitee, with `overrides`."""
    data = {
        "name": "Nia Newcomer",
        "organisation": "humber-freeport",
        "job_title": "Net zero lead",
        "password": "mackerel lantern quietly 7",
        "confirm": "mackerel lantern quietly 7",
    }
    data.update(overrides)
    return data


def find_user(email: str) -> User | None:
    """The account with `email`, read fresh, or None."""
    _db.session.expire_all()
    return _db.session.scalars(select(User).where(User.email == email)).first()
