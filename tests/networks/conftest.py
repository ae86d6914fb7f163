"""Fixtures shared by the invitation tests."""

from __future__ import annotations

import pytest

from tests.networks.invite_support import NEW_EMAIL, link_in, send_invitation


@pytest.fixture()
def invite_link(client, db, login, secretariat, outbox) -> str:
    """A pending invitation to the Net Zero Network (convenor) and Skills Forum (member); the client is signed out."""
    login(secretariat)
    send_invitation(client, NEW_EMAIL, {"net-zero": "convenor", "skills-forum": "member"})
    client.delete_cookie("zn_session")
    return link_in(outbox()[-1])
