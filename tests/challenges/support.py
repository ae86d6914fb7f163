"""Helpers for the challenge tests: innovation leads in several zones; challenges and offers made by the services."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tests.factories import make_user
from zone_networks.accounts.models import User
from zone_networks.challenges.models import Challenge, ChallengeEndorsement, ChallengeOffer
from zone_networks.challenges.services import ChallengeDetails, OfferLinks, offer_help, post_challenge
from zone_networks.discussions.models import Post, Thread
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.notifications.models import Notification
from zone_networks.zones.models import Sector, Zone

HUMBER = "humber-freeport"
EAST = "freeport-east"
GLASGOW = "glasgow-city-region-investment-zone"


def zone(slug: str) -> Zone:
    """A seeded zone by slug."""
    return db.session.execute(select(Zone).filter_by(slug=slug)).scalar_one()


def sector(slug: str) -> Sector:
    """A seeded sector by slug."""
    return db.session.execute(select(Sector).filter_by(slug=slug)).scalar_one()


def network(slug: str) -> Network:
    """A seeded network by slug."""
    return db.session.execute(select(Network).filter_by(slug=slug)).scalar_one()


def lead(email: str, org_slug: str, *networks: str, role: str = "member", **fields: Any) -> User:
    """A person in `org_slug`, active in each of `networks` (default: the Innovation Leads Network), committed."""
    fields.setdefault("name", email.split("@")[0].replace(".", " ").title())
    user = make_user(email, org_slug, **fields)
    for slug in networks or ("innovation-leads",):
        db.session.add(Membership(user_id=user.id, network_id=network(slug).id, role=role, status="active"))
    db.session.commit()
    return user


def details(**overrides: Any) -> ChallengeDetails:
    """Valid challenge details (skills, no sectors) with overrides."""
    values: dict[str, Any] = {
        "title": "Not enough welders for offshore wind", "theme": "skills",
        "problem": "Our **fabrication yards** cannot find coded welders.",
        "tried": "Adverts in the local paper.", "help_wanted": "A zone that ran a welding academy.",
    }
    values.update(overrides)
    return ChallengeDetails(**values)


def make_challenge(author: User, network_slug: str = "innovation-leads", *, zone_slug: str | None = None,
                   **overrides: Any) -> Challenge:
    """A challenge posted through the service (committed)."""
    where = zone(zone_slug) if zone_slug else author.zone
    assert where is not None
    return post_challenge(author, network(network_slug), where, details(**overrides))


def make_offer(author: User, challenge: Challenge, body: str = "We ran a welding academy with the college.",
               **links: Any) -> ChallengeOffer:
    """An offer of help through the service (committed)."""
    offer, created = offer_help(author, challenge, body, OfferLinks(**links))
    assert created
    return offer


def fresh(challenge_id: int) -> Challenge:
    """The challenge read fresh from the database."""
    db.session.expire_all()
    challenge = db.session.get(Challenge, challenge_id)
    assert challenge is not None
    return challenge


def count(model: Any) -> int:
    """How many rows of `model` there are."""
    db.session.expire_all()
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def counts() -> dict[str, int]:
    """The number of challenges, threads, posts, endorsements, offers and notifications (for "nothing written")."""
    return {model.__name__: count(model) for model in (Challenge, Thread, Post, ChallengeEndorsement,
                                                        ChallengeOffer, Notification)}


def notifications(kind: str) -> list[Notification]:
    """The notifications of one kind, oldest first."""
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(Notification.kind == kind).order_by(Notification.id)))
