"""Demo challenges: the problems of demo/challenges_content.py, with endorsements, offers and status (idempotent).

Call `build_demo_challenges()` after the demo people, documents, case studies
and discussions exist. A challenge is found again by its title among the demo
challenge threads, so a second run adds nothing. Each challenge is stored as
challenges.services stores one (its thread opens with the same fixed line,
then the offers of help and replies, numbered by the sequence rule), but at
the times the plan gives and without notifications. A challenge the plan marks
for a write-up is written up by the challenges feature's own service
(`challenges.writeup.write_up`), which makes the draft case study and links it
both ways; it is then marked as demo content.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.challenges.models import Challenge, ChallengeEndorsement, ChallengeOffer
from zone_networks.core.clock import utcnow
from zone_networks.demo.challenges_content import CHALLENGES, ChallengePlan
from zone_networks.demo.discussions import ThreadWriter, people_for
from zone_networks.demo.discussions_content import PostPlan
from zone_networks.discussions.models import Thread
from zone_networks.documents.models import Document
from zone_networks.extensions import db
from zone_networks.networks.models import Network
from zone_networks.zones.models import Sector


def _keys(plan: ChallengePlan) -> set[str]:
    keys = {plan.owner, *plan.endorsed_by}
    keys |= {offer.post.author for offer in plan.offers} | {offer.person for offer in plan.offers if offer.person}
    keys |= {reply.author for reply in plan.replies}
    return keys


def _references(plans: list[ChallengePlan]) -> dict[str, dict[str, int]]:
    """The ids of the demo case studies and documents the offers point at, by title."""
    studies = {offer.case_study for plan in plans for offer in plan.offers if offer.case_study}
    documents = {offer.document for plan in plans for offer in plan.offers if offer.document}
    return {
        "case_studies": {title: study_id for title, study_id in db.session.execute(
            select(CaseStudy.title, CaseStudy.id).where(CaseStudy.is_demo.is_(True), CaseStudy.title.in_(studies)))},
        "documents": {title: document_id for title, document_id in db.session.execute(
            select(Document.title, Document.id).where(Document.is_demo.is_(True), Document.title.in_(documents)))},
    }


def _write(plan: ChallengePlan, network: Network, people: dict[str, User], refs: dict[str, dict[str, int]],
           sectors: dict[str, Sector], now: datetime) -> Challenge | None:
    """One challenge, its thread, endorsements, offers and replies (added to the session)."""
    owner = people.get(plan.owner)
    if owner is None or owner.zone is None:
        return None
    posted = now - timedelta(days=plan.days_ago)
    thread = Thread(network_id=network.id, kind="challenge", title=plan.title, author_id=owner.id, is_demo=True,
                    last_seq=0, last_post_seq=0, post_count=0, last_post_at=posted, created_at=posted)
    db.session.add(thread)
    db.session.flush()
    writer = ThreadWriter(thread, people, now)
    first = _("Challenge posted: %(title)s. The problem, what has been tried and the help wanted are on the "
              "challenge page.", title=plan.title)
    writer.add(PostPlan(plan.owner, first, hours_ago=plan.days_ago * 24))
    challenge = Challenge(thread=thread, thread_id=thread.id, owner_id=owner.id, zone_id=owner.zone.id,
                          theme=plan.theme, problem=plan.problem, tried=plan.tried, help_wanted=plan.help_wanted,
                          status="open", endorsement_count=0, offer_count=0, is_demo=True, created_at=posted,
                          updated_at=posted, sectors=[sectors[name] for name in plan.sectors if name in sectors])
    db.session.add(challenge)
    db.session.flush()
    for number, key in enumerate(plan.endorsed_by, start=1):
        person = people.get(key)
        if person is None or person.zone is None or person.zone.id == owner.zone.id:
            continue
        db.session.add(ChallengeEndorsement(challenge_id=challenge.id, zone_id=person.zone.id, user_id=person.id,
                                            created_at=posted + timedelta(hours=6 * number)))
        challenge.endorsement_count += 1
    last = posted
    for offer in plan.offers:
        post = writer.add(offer.post)
        if post is None:
            continue
        person = people.get(offer.person) if offer.person else None
        db.session.add(ChallengeOffer(
            post_id=post.id, challenge_id=challenge.id, person_id=person.id if person else None,
            document_id=refs["documents"].get(offer.document or ""),
            case_study_id=refs["case_studies"].get(offer.case_study or ""), helped=offer.helped,
            created_at=post.created_at))
        challenge.offer_count += 1
        last = max(last, post.created_at)
        if offer.helped and challenge.matched_at is None:
            challenge.matched_at = post.created_at + timedelta(days=2)
    for reply in plan.replies:
        post = writer.add(reply)
        if post is not None:
            last = max(last, post.created_at)
    if plan.status in ("matched", "resolved") and challenge.matched_at is not None:
        challenge.status = "matched"
    if plan.status == "resolved":
        challenge.status = "resolved"
        challenge.resolved_at = last
    challenge.updated_at = last
    return challenge


def _write_up(challenge: Challenge, owner: User) -> None:
    """Write a resolved challenge up as a draft case study through the challenges feature (commits)."""
    from zone_networks.challenges.writeup import write_up

    case_study_id, _created = write_up(owner, challenge)
    study = db.session.get(CaseStudy, case_study_id)
    if study is not None:
        study.is_demo = True
        db.session.commit()


def build_demo_challenges(now: datetime | None = None) -> int:
    """Add the demo challenges that are missing, then commit; returns how many were made (0 on a second run)."""
    moment = now or utcnow()
    existing = set(db.session.scalars(select(Thread.title).where(Thread.is_demo.is_(True),
                                                                  Thread.kind == "challenge")))
    wanted = [plan for plan in CHALLENGES if plan.title not in existing]
    if not wanted:
        return 0
    people = people_for({key for plan in wanted for key in _keys(plan)})
    networks = {network.slug: network for network in db.session.scalars(select(Network))}
    sectors = {sector.name: sector for sector in db.session.scalars(select(Sector))}
    refs = _references(wanted)
    written: list[tuple[ChallengePlan, Challenge]] = []
    for plan in wanted:
        if plan.network not in networks:
            continue
        challenge = _write(plan, networks[plan.network], people, refs, sectors, moment)
        if challenge is not None:
            written.append((plan, challenge))
    db.session.commit()
    for plan, challenge in written:
        owner = people.get(plan.owner)
        if plan.write_up and owner is not None and challenge.case_study_id is None:
            _write_up(challenge, owner)
    return len(written)
