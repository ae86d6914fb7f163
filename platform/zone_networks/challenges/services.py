"""Writing challenges: post, edit, "we have this too", offers of help, status changes.

Every function here validates, writes and commits one transaction; side
effects (the live `challenge.created` event, the thread's post broadcast,
notifications' delivery) happen only after the commit. A challenge and its
thread are created together; an offer's post and its ChallengeOffer row are
stored together. Rule breaches raise ChallengeError(message, field): the
message is safe to show and nothing is written. The secretariat's actions on
someone else's challenge are audited. The write-up as a case study lives in
writeup.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from zone_networks.accounts.models import User
from zone_networks.challenges import broadcast
from zone_networks.challenges.errors import ChallengeError
from zone_networks.challenges.links import check_links
from zone_networks.challenges.models import THEMES, Challenge, ChallengeEndorsement, ChallengeOffer
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.discussions.errors import PostError
from zone_networks.discussions.models import TITLE_MAX
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.notifications.services import notify
from zone_networks.zones.models import Sector, Zone

TEXT_MAX = 5_000  # the problem, what has been tried, the help wanted: each

__all__ = ["ChallengeDetails", "ChallengeError", "OfferLinks", "endorse", "mark_helped", "offer_help",
           "post_challenge", "reopen", "resolve", "update_challenge"]


@dataclass
class ChallengeDetails:
    """Everything the poster sets on a challenge (sectors as ids)."""

    title: str
    theme: str
    problem: str
    help_wanted: str
    tried: str = ""
    sector_ids: list[int] = field(default_factory=list)


def validate(details: ChallengeDetails) -> None:
    """Trim the text and check it; raise ChallengeError for the first problem."""
    for name in ("title", "problem", "tried", "help_wanted"):
        setattr(details, name, (getattr(details, name) or "").strip())
    details.sector_ids = sorted(set(details.sector_ids))
    if not details.title:
        raise ChallengeError(_("Enter a title"), "title")
    if len(details.title) > TITLE_MAX:
        raise ChallengeError(_("Title must be 200 characters or fewer"), "title")
    if details.theme not in THEMES:
        raise ChallengeError(_("Select a theme"), "theme")
    if not details.problem:
        raise ChallengeError(_("Enter the problem"), "problem")
    if not details.help_wanted:
        raise ChallengeError(_("Enter the help you want"), "help_wanted")
    for name in ("problem", "tried", "help_wanted"):
        if len(getattr(details, name)) > TEXT_MAX:
            raise ChallengeError(_("This must be 5,000 characters or fewer"), name)


def _sectors(ids: list[int]) -> list[Sector]:
    if not ids:
        return []
    found = list(db.session.scalars(select(Sector).where(Sector.id.in_(ids))))
    if len(found) != len(set(ids)):
        raise ChallengeError(_("Select sectors from the list"), "sectors")
    return found


def _is_active_member(user: User, network: Network) -> bool:
    query = select(Membership.id).where(Membership.user_id == user.id, Membership.network_id == network.id,
                                        Membership.status == "active")
    return db.session.scalar(query) is not None


def _touch(challenge: Challenge) -> None:
    challenge.updated_at = utcnow()


def _staff_acting(actor: User, challenge: Challenge) -> bool:
    return bool(actor.is_staff) and challenge.owner_id != actor.id


def _network_members(network: Network) -> list[User]:
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.network_id == network.id, Membership.status == "active", User.active.is_(True),
               User.deleted_at.is_(None))
    )
    return list(db.session.scalars(query).unique())


def challenge_path(challenge: Challenge) -> str:
    """The challenge's page, as a path within the service (for notifications)."""
    return f"/challenges/{challenge.id}"


def _new_challenge_title(challenge: Challenge, zone: Zone) -> Callable[[User], str]:
    def title(person: User) -> str:
        return _("New challenge from %(zone)s: %(title)s", zone=zone.name, title=challenge.title)

    return title


def post_challenge(author: User, network: Network, zone: Zone, details: ChallengeDetails) -> Challenge:
    """Post a challenge in `network` for `zone`: its thread (kind "challenge") and the challenge, in one commit.

    The thread's first post is a fixed line ("Challenge posted ...") in the
    poster's language; the problem itself lives in the challenge's fields, so
    editing the challenge never leaves an out-of-date copy in the thread. The
    network's active members are notified (kind "challenge") and the network's
    room hears `challenge.created` after the commit.
    """
    from zone_networks.discussions.services import start_thread

    validate(details)
    if not author.is_staff:
        if not _is_active_member(author, network):
            raise ChallengeError(_("Select a network you are a member of"), "network")
        if author.zone is None or author.zone.id != zone.id:
            raise ChallengeError(_("You can only post a challenge for your own zone"), "zone")
    sectors = _sectors(details.sector_ids)
    first_post = _("Challenge posted: %(title)s. The problem, what has been tried and the help wanted are on the "
                   "challenge page.", title=details.title)
    try:
        thread = start_thread(author, network, details.title, first_post, kind="challenge", commit=False)
    except PostError as error:
        db.session.rollback()
        raise ChallengeError(error.message, "title" if error.field == "title" else "problem") from error
    now = utcnow()
    challenge = Challenge(thread=thread, thread_id=thread.id, owner_id=author.id, zone_id=zone.id, zone=zone,
                          theme=details.theme, problem=details.problem, tried=details.tried,
                          help_wanted=details.help_wanted, status="open", endorsement_count=0, offer_count=0,
                          updated_at=now, sectors=sectors)
    db.session.add(challenge)
    db.session.flush()
    notify(_network_members(network), "challenge", f"challenge:{challenge.id}",
           _new_challenge_title(challenge, zone), challenge_path(challenge), actor=author)
    db.session.commit()
    broadcast.after_commit_thread(thread)
    broadcast.emit_challenge_created(challenge)
    return challenge


def update_challenge(actor: User, challenge: Challenge, details: ChallengeDetails, zone: Zone | None = None) -> bool:
    """Change a challenge's details (and, for the staff, its zone); False when nothing changed (nothing written)."""
    validate(details)
    sectors = _sectors(details.sector_ids)
    before = (challenge.title, challenge.theme, challenge.problem, challenge.tried, challenge.help_wanted,
              sorted(sector.id for sector in challenge.sectors), challenge.zone_id)
    after = (details.title, details.theme, details.problem, details.tried, details.help_wanted,
             details.sector_ids, zone.id if zone is not None else challenge.zone_id)
    if before == after:
        return False
    challenge.thread.title = details.title
    for name in ("theme", "problem", "tried", "help_wanted"):
        setattr(challenge, name, getattr(details, name))
    challenge.sectors = sectors
    if zone is not None and actor.is_staff:
        challenge.zone_id = zone.id
        challenge.zone = zone
    _touch(challenge)
    if _staff_acting(actor, challenge):
        changed = [name for name, old, new in zip(
            ("title", "theme", "problem", "tried", "help_wanted", "sectors", "zone"), before, after, strict=True)
            if old != new]
        record(actor, "challenge.edited", "challenge", challenge.id, title=details.title, changed=changed)
    db.session.commit()
    return True


def endorse(user: User, challenge: Challenge) -> bool:
    """Say "we have this too" for `user`'s zone; False when someone from that zone already did (nothing written)."""
    zone = user.zone
    if zone is None:
        raise ChallengeError(_("Only people who work for a zone can say their zone has this too"), "endorse")
    if zone.id == challenge.zone_id:
        raise ChallengeError(_("This challenge is from your own zone"), "endorse")
    exists = select(ChallengeEndorsement.id).where(ChallengeEndorsement.challenge_id == challenge.id,
                                                    ChallengeEndorsement.zone_id == zone.id)
    if db.session.scalar(exists) is not None:
        return False
    db.session.add(ChallengeEndorsement(challenge_id=challenge.id, zone_id=zone.id, user_id=user.id))
    try:
        db.session.flush()
    except IntegrityError:
        # Someone else from the same zone said it at the same moment: theirs counts, ours is dropped.
        db.session.rollback()
        return False
    db.session.execute(
        update(Challenge).where(Challenge.id == challenge.id)
        .values(endorsement_count=Challenge.endorsement_count + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    db.session.commit()
    db.session.refresh(challenge)
    return True


def _offer_title(author: User) -> Callable[[User], str]:
    def title(person: User) -> str:
        return _("%(name)s offered help with your challenge", name=author.name)

    return title


@dataclass
class OfferLinks:
    """What an offer of help may point at (ids already checked against what the author may see)."""

    person_id: int | None = None
    document_id: int | None = None
    case_study_id: int | None = None


def offer_help(author: User, challenge: Challenge, body: str, links: OfferLinks,
               client_id: str | None = None) -> tuple[ChallengeOffer, bool]:
    """Post an offer of help in the challenge's thread with its links, in one commit; notify the owner.

    Returns the offer and whether it is new: a retry with the same client_id
    returns the offer first stored.
    """
    from zone_networks.discussions import broadcast as thread_broadcast
    from zone_networks.discussions.services import create_post

    check_links(author, challenge, links)
    thread = challenge.thread
    try:
        owner_only = frozenset({challenge.owner_id} if challenge.owner_id is not None else set())
        post, created = create_post(author, thread, body, client_id=client_id, commit=False,
                                    no_reply_for=owner_only)
    except PostError as error:
        db.session.rollback()
        raise ChallengeError(error.message, "body") from error
    if not created:
        db.session.rollback()
        existing = db.session.get(ChallengeOffer, post.id)
        if existing is None:
            raise ChallengeError(_("This message was already sent"), "body")
        return existing, False
    offer = ChallengeOffer(post_id=post.id, challenge_id=challenge.id, person_id=links.person_id,
                           document_id=links.document_id, case_study_id=links.case_study_id, helped=False)
    db.session.add(offer)
    db.session.execute(
        update(Challenge).where(Challenge.id == challenge.id)
        .values(offer_count=Challenge.offer_count + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    owner = db.session.get(User, challenge.owner_id) if challenge.owner_id is not None else None
    if owner is not None:
        notify([owner], "offer", f"offer:{post.id}", _offer_title(author),
               f"{challenge_path(challenge)}#post-{post.id}", actor=author)
    db.session.commit()
    thread_broadcast.after_commit_post(post)
    return offer, True


def mark_helped(actor: User, challenge: Challenge, offer: ChallengeOffer) -> bool:
    """Mark an offer as the help that worked; an open challenge becomes matched. False if already marked."""
    if offer.helped:
        return False
    offer.helped = True
    if challenge.status == "open":
        challenge.status = "matched"
        challenge.matched_at = utcnow()
    _touch(challenge)
    if _staff_acting(actor, challenge):
        record(actor, "challenge.offer_helped", "challenge", challenge.id, post_id=offer.post_id)
    db.session.commit()
    return True


def resolve(actor: User, challenge: Challenge) -> bool:
    """Mark the challenge resolved; False if it already was."""
    if challenge.status == "resolved":
        return False
    challenge.status = "resolved"
    challenge.resolved_at = utcnow()
    _touch(challenge)
    if _staff_acting(actor, challenge):
        record(actor, "challenge.resolved", "challenge", challenge.id, title=challenge.title)
    db.session.commit()
    return True


def reopen(actor: User, challenge: Challenge) -> bool:
    """Reopen a resolved challenge: matched again if an offer helped, otherwise open. False if it was not resolved."""
    if challenge.status != "resolved":
        return False
    helped = db.session.scalar(select(ChallengeOffer.post_id).where(
        ChallengeOffer.challenge_id == challenge.id, ChallengeOffer.helped.is_(True)).limit(1))
    challenge.status = "matched" if helped is not None else "open"
    challenge.resolved_at = None
    _touch(challenge)
    if _staff_acting(actor, challenge):
        record(actor, "challenge.reopened", "challenge", challenge.id, title=challenge.title)
    db.session.commit()
    return True

