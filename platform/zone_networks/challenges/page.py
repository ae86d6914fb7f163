"""What the challenge page shows: its structure, who has it too, the offers (links the viewer may see), the posts.

Built in a fixed number of queries whatever the number of endorsements,
offers and posts (each list is one query with its people and links joined;
the discussion is the last page of the thread, loaded by the threads feature).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.challenges import rules
from zone_networks.challenges.models import Challenge, ChallengeEndorsement, ChallengeOffer
from zone_networks.challenges.queries import endorsements_of, memberships_by_network, offers_of
from zone_networks.directory.visibility import can_view_person
from zone_networks.discussions.loaders import ThreadAccess
from zone_networks.discussions.models import Post
from zone_networks.discussions.thread_view import ThreadPage, last_page, load_thread_page
from zone_networks.documents.models import Document
from zone_networks.extensions import db
from zone_networks.networks.models import Membership


@dataclass(frozen=True)
class OfferRow:
    """One offer of help as the viewer sees it: only the links they may follow."""

    offer: ChallengeOffer
    person: User | None
    document: Document | None
    case_study: CaseStudy | None

    @property
    def post(self) -> Post:
        """The offer's message."""
        return self.offer.post


def offer_rows(viewer: Any, offers: list[ChallengeOffer], memberships: dict[int, Membership]) -> list[OfferRow]:
    """The offers with each link kept only if the viewer may see what it points at."""
    rows = []
    for offer in offers:
        person = offer.person if offer.person is not None and can_view_person(viewer, offer.person) else None
        document = offer.document
        if document is not None and not document.can_view(viewer, memberships.get(document.network_id)):
            document = None
        case_study = offer.case_study if offer.case_study is not None and offer.case_study.can_view(viewer) else None
        rows.append(OfferRow(offer, person, document, case_study))
    return rows


def discussion(viewer: Any, challenge: Challenge, membership: Membership | None) -> ThreadPage:
    """The last page of the challenge's thread, as the thread page shows it (posts, reactions, controls)."""
    thread = challenge.thread
    access = ThreadAccess(thread, membership, thread.can_post(viewer, membership),
                          thread.can_moderate(viewer, membership))
    return load_thread_page(access, viewer, last_page(thread.post_count))


def page_context(viewer: Any, challenge: Challenge, membership: Membership | None) -> dict[str, Any]:
    """Everything challenges/show.html needs besides the forms."""
    endorsements: list[ChallengeEndorsement] = endorsements_of(challenge)
    memberships = memberships_by_network(viewer)
    offers = offer_rows(viewer, offers_of(challenge), memberships)
    view = discussion(viewer, challenge, membership)
    zone = getattr(viewer, "zone", None)
    case_study = db.session.get(CaseStudy, challenge.case_study_id) if challenge.case_study_id is not None else None
    return {
        "case_study": case_study if case_study is not None and case_study.can_view(viewer) else None,
        "challenge": challenge,
        "endorsements": endorsements,
        "offers": offers,
        "view": view,
        "thread": challenge.thread,
        "shown_post_ids": {post.id for post in view.page.items},
        "is_owner": rules.is_owner(viewer, challenge),
        "can_edit": rules.can_edit(viewer, challenge, membership),
        "can_manage": rules.can_manage(viewer, challenge, membership),
        "can_endorse": rules.can_endorse(viewer, challenge, membership),
        "my_zone_endorsed": zone is not None and any(item.zone_id == zone.id for item in endorsements),
        "own_zone": zone is not None and zone.id == challenge.zone_id,
        "can_offer": rules.can_offer(viewer, challenge, membership),
        "can_write_up": rules.can_write_up(viewer, challenge, membership),
    }
