"""What an offer of help may link to, checked against what its author may see.

The form offers only a bounded choice (the network's members, the newest
documents and published case studies the author may see); this check is the
rule itself, so an id typed into a crafted form is refused with "Select from
the list" and nothing is written.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.casestudies.queries import visible_document_ids
from zone_networks.casestudies.queries import visible_to as case_studies_visible_to
from zone_networks.challenges.errors import ChallengeError
from zone_networks.challenges.models import Challenge
from zone_networks.extensions import db
from zone_networks.networks.models import Membership


def _person_ok(challenge: Challenge, person_id: int) -> bool:
    """An active person who is an active member of the challenge's network (so they can see it)."""
    query = (
        select(User.id)
        .join(Membership, Membership.user_id == User.id)
        .where(User.id == person_id, User.active.is_(True), User.deleted_at.is_(None),
               Membership.network_id == challenge.thread.network_id, Membership.status == "active")
    )
    return db.session.scalar(query) is not None


def _case_study_ok(author: User, case_study_id: int) -> bool:
    query = select(CaseStudy.id).where(CaseStudy.id == case_study_id, CaseStudy.status == "published",
                                       case_studies_visible_to(author))
    return db.session.scalar(query) is not None


def check_links(author: User, challenge: Challenge, links: object) -> None:
    """Raise ChallengeError (on the field concerned) for a link `author` may not make."""
    person_id = getattr(links, "person_id", None)
    document_id = getattr(links, "document_id", None)
    case_study_id = getattr(links, "case_study_id", None)
    if person_id is not None and not _person_ok(challenge, person_id):
        raise ChallengeError(_("Select a person from the list"), "person")
    if document_id is not None and document_id not in visible_document_ids(author, [document_id]):
        raise ChallengeError(_("Select a document from the list"), "document")
    if case_study_id is not None and not _case_study_ok(author, case_study_id):
        raise ChallengeError(_("Select a case study from the list"), "case_study")
