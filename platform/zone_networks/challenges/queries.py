"""Reusable reads for the challenge board: who may see which challenge, the filtered board, one challenge's parts.

A challenge is seen by whoever may see its thread (`Thread.can_view`: the
thread network's active members and the staff); `visible_to(user)` is the SQL
twin used by every list. The board is one count, one page query and one
query for the rows' sectors, whatever the number of challenges.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, case, false, func, select, true
from sqlalchemy.orm import joinedload

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.casestudies.queries import visible_to as case_studies_visible_to
from zone_networks.challenges.filters import ChallengeFilters
from zone_networks.challenges.models import Challenge, ChallengeEndorsement, ChallengeOffer, challenge_sectors
from zone_networks.core.pagination import Page, paginate
from zone_networks.discussions.models import Post, Thread
from zone_networks.documents.models import Document
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Organisation, Sector, Zone

PER_PAGE = 50
PERSON_CHOICES = 300  # people offered in "link a person": the network's members, by name
CASE_STUDY_CHOICES = 50  # newest published case studies offered with an offer of help


def signed_in(user: Any) -> bool:
    """Whether `user` is a signed-in, active person (not an anonymous visitor)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "active", False))


def active_network_ids(user: Any) -> Select[Any]:
    """The ids of the networks in which `user` is an active member (any role)."""
    return select(Membership.network_id).where(Membership.user_id == user.id, Membership.status == "active")


def visible_to(user: Any) -> ColumnElement[bool]:
    """A WHERE clause over Thread: the challenge threads `user` may see (the SQL form of `Thread.can_view`)."""
    if not signed_in(user):
        return false()
    if user.is_staff:
        return true()
    return Thread.network_id.in_(active_network_ids(user))


def membership_of(user: Any, network_id: int) -> Membership | None:
    """`user`'s membership of one network (any status), or None when signed out or not a member."""
    if not signed_in(user):
        return None
    query = select(Membership).where(Membership.user_id == user.id, Membership.network_id == network_id)
    return db.session.scalars(query).one_or_none()


def _activity() -> ColumnElement[Any]:
    """The later of the last post in the challenge's thread and the challenge's own last change."""
    return case((Thread.last_post_at > Challenge.updated_at, Thread.last_post_at), else_=Challenge.updated_at)


def filter_clauses(viewer: Any, filters: ChallengeFilters) -> list[ColumnElement[bool]]:
    """The WHERE clauses of the board: what the viewer may see, narrowed by the filters."""
    clauses: list[ColumnElement[bool]] = [visible_to(viewer)]
    if filters.statuses:
        clauses.append(Challenge.status.in_(filters.statuses))
    if filters.themes:
        clauses.append(Challenge.theme.in_(filters.themes))
    if filters.sectors:
        linked = (
            select(challenge_sectors.c.challenge_id)
            .join(Sector, Sector.id == challenge_sectors.c.sector_id)
            .where(Sector.slug.in_(filters.sectors))
        )
        clauses.append(Challenge.id.in_(linked))
    if filters.zones:
        clauses.append(Challenge.zone_id.in_(select(Zone.id).where(Zone.slug.in_(filters.zones))))
    return clauses


def challenges_page(viewer: Any, filters: ChallengeFilters, page: int, per_page: int = PER_PAGE) -> Page[Challenge]:
    """One page of the challenges `viewer` may see that pass `filters`, in the chosen order (404 past the end)."""
    clauses = filter_clauses(viewer, filters)
    order: list[Any] = [_activity().desc(), Challenge.id.desc()]
    if filters.sort == "shared":
        order.insert(0, Challenge.endorsement_count.desc())
    query = (
        select(Challenge)
        .join(Thread, Thread.id == Challenge.thread_id)
        .where(*clauses)
        .order_by(*order)
        .options(joinedload(Challenge.zone).lazyload(Zone.sectors))
    )
    count = select(func.count(Challenge.id)).join(Thread, Thread.id == Challenge.thread_id).where(*clauses)
    return paginate(query, page, per_page, count_query=count)


def challenge_for_page(challenge_id: int) -> Challenge | None:
    """One challenge with its thread, zone, sectors and owner loaded."""
    query = (
        select(Challenge)
        .where(Challenge.id == challenge_id)
        .options(joinedload(Challenge.owner).joinedload(User.organisation),
                 joinedload(Challenge.zone).lazyload(Zone.sectors))
    )
    return db.session.scalars(query).unique().one_or_none()


def challenge_of_thread(thread_id: int) -> Challenge | None:
    """The challenge whose thread this is, if any."""
    return db.session.scalars(select(Challenge).where(Challenge.thread_id == thread_id)).unique().one_or_none()


def endorsements_of(challenge: Challenge) -> list[ChallengeEndorsement]:
    """The zones that said "we have this too", by zone name."""
    query = (
        select(ChallengeEndorsement)
        .join(Zone, Zone.id == ChallengeEndorsement.zone_id)
        .where(ChallengeEndorsement.challenge_id == challenge.id)
        .order_by(Zone.name)
        .options(joinedload(ChallengeEndorsement.zone).lazyload(Zone.sectors))
    )
    return list(db.session.scalars(query).unique())


def zone_has_endorsed(challenge: Challenge, zone_id: int) -> bool:
    """Whether someone from the zone `zone_id` already said "we have this too"."""
    query = select(ChallengeEndorsement.id).where(ChallengeEndorsement.challenge_id == challenge.id,
                                                   ChallengeEndorsement.zone_id == zone_id)
    return db.session.scalar(query) is not None


def offers_of(challenge: Challenge) -> list[ChallengeOffer]:
    """The offers of help, oldest first, with their posts, authors and links loaded (a fixed number of queries)."""
    query = (
        select(ChallengeOffer)
        .join(Post, Post.id == ChallengeOffer.post_id)
        .where(ChallengeOffer.challenge_id == challenge.id)
        .order_by(Post.seq)
        .options(
            joinedload(ChallengeOffer.post).joinedload(Post.author).joinedload(User.organisation)
            .joinedload(Organisation.zone).lazyload(Zone.sectors),
            joinedload(ChallengeOffer.person),
            joinedload(ChallengeOffer.document),
            joinedload(ChallengeOffer.case_study),
        )
    )
    return list(db.session.scalars(query).unique())


def offer_for(challenge: Challenge, post_id: int) -> ChallengeOffer | None:
    """One offer of help on this challenge, by its post id."""
    query = select(ChallengeOffer).where(ChallengeOffer.challenge_id == challenge.id,
                                         ChallengeOffer.post_id == post_id)
    return db.session.scalars(query).unique().one_or_none()


def helpful_offers(challenge: Challenge) -> list[ChallengeOffer]:
    """The offers the owner marked as having helped, oldest first, with their authors and links."""
    return [offer for offer in offers_of(challenge) if offer.helped]


def postable_networks(user: Any) -> list[Network]:
    """The networks `user` may post a challenge in: their active ones (every network for the staff)."""
    if not signed_in(user):
        return []
    query = select(Network).order_by(Network.id)
    if not user.is_staff:
        query = query.where(Network.id.in_(active_network_ids(user)))
    return list(db.session.scalars(query).unique())


def person_choices(network_id: int, exclude_id: int | None = None) -> list[tuple[int, str, str]]:
    """(id, name, organisation) of the network's active members, by name: people who can see the challenge."""
    query = (
        select(User.id, User.name, Organisation.name)
        .join(Organisation, Organisation.id == User.organisation_id)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.network_id == network_id, Membership.status == "active", User.active.is_(True),
               User.deleted_at.is_(None))
        .order_by(User.sort_name, User.id)
        .limit(PERSON_CHOICES)
    )
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return [(user_id, name, organisation) for user_id, name, organisation in db.session.execute(query)]


def case_study_choices(user: Any) -> list[tuple[int, str]]:
    """(id, title) of the newest published case studies `user` may see."""
    query = (
        select(CaseStudy.id, CaseStudy.title)
        .where(case_studies_visible_to(user), CaseStudy.status == "published")
        .order_by(func.coalesce(CaseStudy.published_at, CaseStudy.updated_at).desc(), CaseStudy.id.desc())
        .limit(CASE_STUDY_CHOICES)
    )
    return [(case_study_id, title) for case_study_id, title in db.session.execute(query)]


def memberships_by_network(user: Any) -> dict[int, Membership]:
    """`user`'s memberships (any status) by network id; empty when signed out."""
    if not signed_in(user):
        return {}
    query = select(Membership).where(Membership.user_id == user.id)
    return {membership.network_id: membership for membership in db.session.scalars(query)}


def documents_by_id(ids: list[int]) -> dict[int, Document]:
    """Documents by id (for checking what an offer may link)."""
    if not ids:
        return {}
    return {document.id: document for document in db.session.scalars(select(Document).where(Document.id.in_(ids)))}


def challenge_for_case_study(case_study_id: int) -> Challenge | None:
    """The challenge a case study was written up from, if any."""
    query = select(Challenge).where(Challenge.case_study_id == case_study_id)
    return db.session.scalars(query).unique().one_or_none()
