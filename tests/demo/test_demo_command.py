"""`flask demo` and `flask demo-logins`: realistic, idempotent demo data whose accounts really sign in."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.factories import make_user
from tests.helpers import submit, text_of
from zone_networks.accounts.models import User
from zone_networks.accounts.passwords import validate_password
from zone_networks.demo import DEFAULT_SEED, DEMO_DOMAIN, DEMO_PASSWORD
from zone_networks.demo.people import FIRST_NAMES
from zone_networks.demo.plan import DEMO_LOGINS, plan_people
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Zone


def _run(app: Flask, *args: str) -> Any:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def _counts(db) -> dict[str, Any]:
    db.session.remove()
    statuses = db.session.execute(select(Membership.status, func.count(Membership.id)).group_by(Membership.status))
    return {
        "users": db.session.scalar(select(func.count(User.id))),
        "memberships": {status: count for status, count in statuses},
    }


def _network(db, slug: str) -> Network:
    return db.session.scalars(select(Network).filter_by(slug=slug)).one()


def _user(db, email: str) -> User:
    return db.session.scalars(select(User).filter_by(email=email)).one()


def _expected_people(db) -> int:
    zones = list(db.session.scalars(select(Zone)))
    net_zero = _network(db, "net-zero")
    clean_energy = [zone for zone in zones if net_zero.zone_is_eligible(zone)]
    assert len(clean_energy) == 12
    return 2 * len(zones) + len(clean_energy) + 4 + 2 + 1 + 3  # leads, officials, secretariat, admin, other staff


def test_demo_creates_people_in_every_role(app, db) -> None:
    result = _run(app, "demo")
    assert "Demo data ready" in result.output
    counts = _counts(db)
    assert counts["users"] == _expected_people(db) == 66
    assert counts["memberships"] == {"active": 60, "requested": 3}

    users = list(db.session.scalars(select(User)))
    assert all(user.email.endswith(f"@{DEMO_DOMAIN}") for user in users)
    assert all(user.active and user.password_hash for user in users)
    roles = Counter(user.role for user in users)
    assert roles == {"member": 59, "official": 4, "secretariat": 2, "admin": 1}


def test_every_zone_has_its_leads_in_the_right_networks(app, db) -> None:
    _run(app, "demo")
    net_zero = _network(db, "net-zero")
    memberships = list(db.session.scalars(select(Membership).where(Membership.status == "active")))
    by_email = {(m.user.email, m.network.slug): m for m in memberships}
    for zone in db.session.scalars(select(Zone)):
        domain = f"{zone.slug}@{DEMO_DOMAIN}"
        assert (f"skills.{domain}", "skills-forum") in by_email
        assert (f"innovation.{domain}", "innovation-leads") in by_email
        assert ((f"net-zero.{domain}", "net-zero") in by_email) == net_zero.zone_is_eligible(zone)
        skills = _user(db, f"skills.{domain}")
        assert skills.zone is not None and skills.zone.id == zone.id
        assert "Skills" in skills.job_title


def test_officials_observe_the_skills_forum_and_some_leads_convene(app, db) -> None:
    _run(app, "demo")
    skills_forum = _network(db, "skills-forum")
    observers = list(db.session.scalars(select(Membership).filter_by(network_id=skills_forum.id, role="observer")))
    assert len(observers) == 4
    assert {m.user.organisation.slug for m in observers} == {
        "uk-government", "scottish-government", "welsh-government", "northern-ireland-executive",
    }
    assert all(m.user.is_official for m in observers)
    convenors = list(db.session.scalars(select(Membership).filter_by(role="convenor", status="active")))
    assert sorted(m.network.slug for m in convenors) == ["innovation-leads", "net-zero", "skills-forum"]


def test_pending_requests_are_eligible_and_the_demo_convenor_can_decide_them(app, db) -> None:
    _run(app, "demo")
    requests = list(db.session.scalars(select(Membership).filter_by(status="requested")))
    assert len(requests) == 3
    for request in requests:
        assert request.network.is_eligible(request.user)
        assert request.request_note
    convenor_email = next(login.email for login in DEMO_LOGINS if login.role == "convenor")
    convenor = _user(db, convenor_email)
    mine = db.session.scalars(select(Membership).filter_by(user_id=convenor.id, role="convenor")).one()
    waiting = [r for r in requests if r.network_id == mine.network_id]
    assert waiting, "the demo convenor should have requests to approve"
    assert mine.network.can_manage(convenor, mine)


def test_names_are_realistic_across_nations(app, db) -> None:
    _run(app, "demo")
    users = list(db.session.scalars(select(User)))
    assert any(not user.name.isascii() for user in users), "expected names such as Siân or Seán"
    assert len({user.name for user in users}) == len(users), "core demo people should not share a name"
    welsh = [_user(db, f"skills.{slug}@{DEMO_DOMAIN}") for slug in ("anglesey-freeport", "celtic-freeport")]
    assert all(user.name.split()[0] in FIRST_NAMES["Wales"] for user in welsh)
    scottish = _user(db, f"skills.forth-green-freeport@{DEMO_DOMAIN}")
    assert scottish.name.split()[0] in FIRST_NAMES["Scotland"]


def test_running_twice_changes_nothing(app, db) -> None:
    _run(app, "demo")
    first = _counts(db)
    result = _run(app, "demo")
    assert "0 people and 0 memberships added" in result.output
    assert _counts(db) == first


def test_existing_people_are_left_alone(app, db) -> None:
    _run(app, "demo")
    person = _user(db, f"skills.humber-freeport@{DEMO_DOMAIN}")
    person.name = "Renamed By Hand"
    membership = db.session.scalars(select(Membership).filter_by(user_id=person.id)).one()
    membership.status = "removed"
    db.session.commit()
    _run(app, "demo")
    db.session.remove()
    person = _user(db, f"skills.humber-freeport@{DEMO_DOMAIN}")
    assert person.name == "Renamed By Hand"
    assert db.session.scalars(select(Membership).filter_by(user_id=person.id)).one().status == "removed"


def test_if_empty_does_nothing_when_anyone_has_an_account(app, db) -> None:
    make_user("real.person@example.org", "humber-freeport")
    db.session.commit()
    result = _run(app, "demo", "--if-empty")
    assert "no demo data added" in result.output
    assert _counts(db)["users"] == 1


def test_if_empty_fills_an_empty_database(app, db) -> None:
    _run(app, "demo", "--if-empty")
    assert _counts(db)["users"] == 66
    _run(app, "demo", "--if-empty", "--people", "50")
    assert _counts(db)["users"] == 66


def test_demo_loads_reference_data_if_it_is_missing(app, db) -> None:
    from zone_networks.extensions import db as _db

    with _db.engine.begin() as connection:
        for table in reversed(_db.metadata.sorted_tables):
            connection.execute(table.delete())
    _run(app, "demo")
    assert db.session.scalar(select(func.count(Zone.id))) == 22
    assert _counts(db)["users"] == 66


def test_extra_people_are_spread_across_zones_and_networks(app, db) -> None:
    _run(app, "demo", "--people", "200")
    counts = _counts(db)
    assert counts["users"] == 266
    assert counts["memberships"] == {"active": 260, "requested": 3}
    extra = list(db.session.scalars(select(User).where(User.email.like(f"person-%@{DEMO_DOMAIN}"))))
    assert len(extra) == 200
    assert len({user.organisation_id for user in extra}) == 22
    memberships = list(db.session.scalars(
        select(Membership).where(Membership.user_id.in_([user.id for user in extra]))
    ))
    assert len(memberships) == 200
    assert {m.network.slug for m in memberships} == {"skills-forum", "innovation-leads", "net-zero"}
    for membership in memberships:
        assert membership.status == "active" and membership.role == "member"
        assert membership.network.is_eligible(membership.user), (membership.user.email, membership.network.slug)


def test_extra_people_are_idempotent_and_can_grow(app, db) -> None:
    _run(app, "demo", "--people", "200")
    first = _counts(db)
    _run(app, "demo", "--people", "200")
    assert _counts(db) == first
    _run(app, "demo", "--people", "250")
    assert _counts(db)["users"] == first["users"] + 50


def test_the_password_is_hashed_once_however_many_people(app, db, monkeypatch) -> None:
    from zone_networks.demo import services

    calls = []
    real = services.generate_password_hash

    def counting(*args: Any, **kwargs: Any) -> str:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "generate_password_hash", counting)
    _run(app, "demo", "--people", "300")
    assert len(calls) == 1


@pytest.mark.slow
def test_five_thousand_people_are_quick(app, db) -> None:
    started = time.perf_counter()
    _run(app, "demo", "--people", "5000")
    elapsed = time.perf_counter() - started
    assert _counts(db)["users"] == 5066
    assert elapsed < 30, f"5,000 demo people took {elapsed:.1f}s"


def test_bad_options_are_refused(app) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "--people", "-5"])
    assert result.exit_code != 0
    result = app.test_cli_runner().invoke(args=["demo", "--seed", "abc"])
    assert result.exit_code != 0


def test_same_seed_same_people_other_seed_other_names(app, db) -> None:
    zones = list(db.session.scalars(select(Zone)))
    networks = {network.slug: network for network in db.session.scalars(select(Network))}
    first = plan_people(zones, networks, DEFAULT_SEED)
    again = plan_people(zones, networks, DEFAULT_SEED)
    other = plan_people(zones, networks, DEFAULT_SEED + 1)
    assert [(p.email, p.name, p.job_title, p.profile) for p in first] == [
        (p.email, p.name, p.job_title, p.profile) for p in again
    ]
    assert [p.email for p in first] == [p.email for p in other]
    assert [p.name for p in first] != [p.name for p in other]


def test_demo_logins_lists_one_account_per_role_and_the_password(app, db) -> None:
    _run(app, "demo")
    output = _run(app, "demo-logins").output
    for role in ("member", "convenor", "official", "secretariat", "admin"):
        assert role in output
    for login in DEMO_LOGINS:
        assert login.email in output
        assert _user(db, login.email).name in output
    assert DEMO_PASSWORD in output
    assert [login.role for login in DEMO_LOGINS] == ["member", "convenor", "official", "secretariat", "admin"]


def test_demo_logins_without_demo_data_says_how_to_create_it(app) -> None:
    output = _run(app, "demo-logins").output
    assert "flask --app zone_networks demo" in output
    assert DEMO_PASSWORD not in output


def test_demo_accounts_have_the_roles_they_are_listed_for(app, db) -> None:
    _run(app, "demo")
    roles = {login.role: _user(db, login.email) for login in DEMO_LOGINS}
    assert roles["member"].role == "member"
    assert roles["official"].role == "official"
    assert roles["secretariat"].role == "secretariat"
    assert roles["admin"].role == "admin"
    convenor = roles["convenor"]
    assert db.session.scalar(
        select(func.count(Membership.id)).filter_by(user_id=convenor.id, role="convenor", status="active")
    ) == 1


def test_the_demo_password_meets_the_password_policy(app, db) -> None:
    _run(app, "demo", "--people", "60")
    assert len(DEMO_PASSWORD) >= 12
    with app.test_request_context():
        for user in db.session.scalars(select(User)):
            assert validate_password(DEMO_PASSWORD, email=user.email, name=user.name) is None, user.email


@pytest.mark.parametrize("role", [login.role for login in DEMO_LOGINS])
def test_each_demo_account_signs_in_through_the_login_form(app, db, role: str) -> None:
    _run(app, "demo")
    login = next(login for login in DEMO_LOGINS if login.role == role)
    user = _user(db, login.email)
    assert user.check_password(DEMO_PASSWORD)
    client = app.test_client()
    response = submit(client, "/login", {"email": login.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, text_of(response)
    assert response.headers["Location"] == "/"
    account = client.get("/account")
    assert account.status_code == 200
    assert user.name in text_of(account)


def test_a_wrong_password_does_not_sign_a_demo_account_in(app, db) -> None:
    _run(app, "demo")
    client = app.test_client()
    response = submit(client, "/login", {"email": DEMO_LOGINS[0].email, "password": "not-the-demo-password"})
    assert response.status_code == 400
    assert client.get("/account").status_code == 302
