"""Posting and editing a challenge through the GOV.UK form: defaults, choices, errors that write nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.challenges.support import GLASGOW, HUMBER, counts, fresh, lead, make_challenge, network, sector, zone
from tests.helpers import submit, text_of
from zone_networks.challenges.models import Challenge
from zone_networks.core.audit import AuditEvent
from zone_networks.extensions import db


def form(**overrides: Any) -> dict[str, Any]:
    """A valid post of the new-challenge form (Innovation Leads Network, skills)."""
    data: dict[str, Any] = {
        "title": "Port digitalisation skills", "network": str(network("innovation-leads").id),
        "sectors": [str(sector("advanced-manufacturing").id)], "theme": "skills",
        "problem": "Our port operators lack data skills.", "tried": "", "help_wanted": "A training partner.",
    }
    data.update(overrides)
    return data


def test_the_form_defaults_to_the_innovation_leads_network_and_shows_the_zone(client, login, db) -> None:
    person = lead("two@humber.example", HUMBER, "skills-forum", "innovation-leads")
    login(person)
    page = text_of(client.get("/challenges/new"))
    innovation = network("innovation-leads").id
    assert f'<option value="{innovation}" selected' in page
    assert "Humber Freeport" in page and 'name="zone"' not in page


def test_posting_creates_the_challenge_and_goes_to_it(client, login, poster) -> None:
    login(poster)
    response = submit(client, "/challenges/new", form())
    assert response.status_code == 303
    challenge = db.session.scalars(select(Challenge)).one()
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}")
    assert challenge.title == "Port digitalisation skills" and challenge.zone_id == zone(HUMBER).id
    assert [s.slug for s in challenge.sectors] == ["advanced-manufacturing"] and challenge.tried == ""
    page = text_of(client.get(response.headers["Location"]))
    assert "Challenge posted." in page


@pytest.mark.parametrize(("overrides", "message"), [
    ({"title": ""}, "Enter a title"),
    ({"title": "x" * 201}, "Title must be 200 characters or fewer"),
    ({"problem": ""}, "Enter the problem"),
    ({"help_wanted": ""}, "Enter the help you want"),
    ({"theme": ""}, "Select a theme"),
    ({"theme": "weather"}, "Select a theme"),
    ({"tried": "x" * 5001}, "This must be 5,000 characters or fewer"),
    ({"sectors": ["999999"]}, "Select sectors from the list"),
    ({"network": "999999"}, "Select a network"),
])
def test_bad_input_shows_the_error_and_writes_nothing(client, login, poster, overrides, message) -> None:
    login(poster)
    before = counts()
    response = submit(client, "/challenges/new", form(**overrides))
    page = text_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page and message in page and "<title>Error: " in page
    assert counts() == before


def test_a_network_you_are_not_in_is_refused(client, login, poster) -> None:
    login(poster)
    before = counts()
    response = submit(client, "/challenges/new", form(network=str(network("skills-forum").id)))
    assert response.status_code == 400 and "Select a network" in text_of(response)
    assert counts() == before


def test_the_zone_cannot_be_forged(client, login, poster) -> None:
    login(poster)
    submit(client, "/challenges/new", form(zone=str(zone(GLASGOW).id)))
    assert db.session.scalars(select(Challenge)).one().zone_id == zone(HUMBER).id


def test_the_staff_choose_the_zone(client, login, secretariat) -> None:
    login(secretariat)
    page = text_of(client.get("/challenges/new"))
    assert 'name="zone"' in page
    response = submit(client, "/challenges/new", form())
    assert response.status_code == 400 and "Select a zone" in text_of(response)
    response = submit(client, "/challenges/new", form(zone=str(zone(GLASGOW).id)))
    assert response.status_code == 303
    assert db.session.scalars(select(Challenge)).one().zone_id == zone(GLASGOW).id


@pytest.mark.parametrize("who", ["outsider", "official"])
def test_people_without_a_network_or_a_zone_are_told_why(request, client, login, who) -> None:
    login(request.getfixturevalue(who))
    response = client.get("/challenges/new")
    assert response.status_code == 200 and "You cannot post a challenge yet" in text_of(response)
    before = counts()
    client.post("/challenges/new", data={})
    assert counts() == before


def test_the_owner_edits_the_challenge(client, login, poster) -> None:
    challenge = make_challenge(poster)
    login(poster)
    page = text_of(client.get(f"/challenges/{challenge.id}/edit"))
    assert "Not enough welders for offshore wind" in page and "Innovation Leads Network" in page
    response = submit(client, f"/challenges/{challenge.id}/edit", form(title="Welders wanted", tried="Adverts."))
    assert response.status_code == 303
    assert fresh(challenge.id).title == "Welders wanted" and fresh(challenge.id).tried == "Adverts."
    assert fresh(challenge.id).thread.network_id == network("innovation-leads").id


def test_edit_errors_write_nothing(client, login, poster) -> None:
    challenge = make_challenge(poster)
    login(poster)
    response = submit(client, f"/challenges/{challenge.id}/edit", form(title=""))
    assert response.status_code == 400 and "Enter a title" in text_of(response)
    assert fresh(challenge.id).title == "Not enough welders for offshore wind"


@pytest.mark.parametrize("who", ["peer", "convenor"])
def test_others_who_can_see_it_cannot_edit_it(request, client, login, poster, who) -> None:
    challenge = make_challenge(poster)
    login(request.getfixturevalue(who))
    assert client.get(f"/challenges/{challenge.id}/edit").status_code == 403
    response = client.post(f"/challenges/{challenge.id}/edit", data=form(title="Hijacked"))
    assert response.status_code in (400, 403)
    assert fresh(challenge.id).title == "Not enough welders for offshore wind"


def test_the_staff_edit_and_are_audited(client, login, poster, secretariat) -> None:
    challenge = make_challenge(poster)
    login(secretariat)
    response = submit(client, f"/challenges/{challenge.id}/edit",
                      form(title="Welders", zone=str(zone(HUMBER).id)))
    assert response.status_code == 303
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "challenge.edited")))
    assert len(events) == 1 and events[0].actor_id == secretariat.id
