"""Every networks page for every kind of visitor, in one table (actions are tested with their features)."""

from __future__ import annotations

import pytest

ROLES = ("anonymous", "member", "convenor", "official", "outsider", "secretariat", "admin")

# Expected status per role, in the order of ROLES. 302 = sent to sign in.
PAGES = {
    "/": (200, 200, 200, 200, 200, 200, 200),
    "/networks": (200, 200, 200, 200, 200, 200, 200),
    "/networks/skills-forum": (200, 200, 200, 200, 200, 200, 200),
    "/networks/innovation-leads": (200, 200, 200, 200, 200, 200, 200),
    "/networks/net-zero": (200, 200, 200, 200, 200, 200, 200),
    "/networks/no-such-network": (404, 404, 404, 404, 404, 404, 404),
    # The convenor convenes Innovation Leads only; the member is a plain member of Net Zero.
    "/networks/innovation-leads/members": (302, 403, 200, 403, 403, 200, 200),
    "/networks/net-zero/members": (302, 403, 403, 403, 403, 200, 200),
    "/networks/skills-forum/members": (302, 403, 403, 403, 403, 200, 200),
    "/admin": (302, 404, 404, 404, 404, 200, 200),
    "/admin/requests": (302, 404, 404, 404, 404, 200, 200),
    "/admin/invitations": (302, 404, 404, 404, 404, 200, 200),
    "/admin/invitations/new": (302, 404, 404, 404, 404, 200, 200),
    "/admin/audit": (302, 404, 404, 404, 404, 200, 200),
    "/invitations/not-a-token": (404, 404, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(client, db, login, request, role) -> None:
    if role != "anonymous":
        login(request.getfixturevalue(role))
    for fixture in ("member", "convenor", "official"):  # the networks have their usual members
        request.getfixturevalue(fixture)
    column = ROLES.index(role)
    problems = []
    for url, statuses in PAGES.items():
        response = client.get(url)
        if response.status_code != statuses[column]:
            problems.append(f"{url}: {response.status_code}, expected {statuses[column]}")
        if statuses[column] == 302:
            assert "/login?next=" in response.headers["Location"]
    assert problems == []
