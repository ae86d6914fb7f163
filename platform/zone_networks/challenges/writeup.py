"""Writing a resolved challenge up as a case study: a draft prefilled from the challenge, linked both ways.

The draft (by the person who asks, through casestudies.services) takes the
challenge's title, theme, sectors and zone (plus the zones of the people whose
offers helped), the problem and what had been tried as its "challenge", the
helpful offers as "what was done", their documents (those the writer may
see) and the challenge's owner as contact. `Challenge.case_study_id` is set
with a conditional UPDATE in the same transaction, so two clicks at once make
one case study: the second finds the first and goes to it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import update

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.casestudies.queries import visible_document_ids
from zone_networks.casestudies.services import TEXT_MAX, CaseStudyDetails, CaseStudyRuleError, create_case_study
from zone_networks.challenges.errors import ChallengeError
from zone_networks.challenges.models import Challenge, ChallengeOffer
from zone_networks.challenges.queries import helpful_offers
from zone_networks.extensions import db


def _cut(text: str, limit: int = TEXT_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _challenge_text(challenge: Challenge) -> str:
    parts = [challenge.problem]
    if challenge.tried:
        parts.append(f"### {_('What had been tried')}\n\n{challenge.tried}")
    return _cut("\n\n".join(parts))


def _approach_text(offers: list[ChallengeOffer]) -> str:
    parts = []
    for offer in offers:
        author = offer.post.author
        if author is not None:
            where = author.zone.name if author.zone is not None else author.organisation.name
            who = _("%(name)s, %(where)s", name=author.name, where=where)
        else:
            who = _("A former member")
        quoted = "\n".join(f"> {line}" if line else ">" for line in offer.post.body.splitlines())
        parts.append(f"**{who}**\n\n{quoted}")
    return _cut("\n\n".join(parts))


def details_for(actor: User, challenge: Challenge) -> CaseStudyDetails:
    """What the draft case study starts with."""
    offers = helpful_offers(challenge)
    zone_ids = {challenge.zone_id}
    for offer in offers:
        author = offer.post.author
        if author is not None and author.zone is not None:
            zone_ids.add(author.zone.id)
    wanted = [offer.document_id for offer in offers if offer.document_id is not None]
    owner = db.session.get(User, challenge.owner_id) if challenge.owner_id is not None else None
    contact = owner.id if owner is not None and owner.active and owner.deleted_at is None else None
    return CaseStudyDetails(
        title=challenge.title,
        zone_ids=sorted(zone_ids),
        theme=challenge.theme,
        challenge=_challenge_text(challenge),
        approach=_approach_text(offers),
        sector_ids=[sector.id for sector in challenge.sectors],
        document_ids=sorted(visible_document_ids(actor, wanted)),
        contact_id=contact,
    )


def write_up(actor: User, challenge: Challenge) -> tuple[int, bool]:
    """The id of the challenge's case study and whether it was created now (a draft by `actor`)."""
    if challenge.case_study_id is not None:
        return challenge.case_study_id, False
    if challenge.status != "resolved":
        raise ChallengeError(_("Mark the challenge as resolved before you write it up"), "write_up")
    challenge_id = challenge.id
    try:
        case_study: CaseStudy = create_case_study(
            actor, details_for(actor, challenge), _("Written up from a challenge"), commit=False)
    except CaseStudyRuleError as error:
        db.session.rollback()
        raise ChallengeError(error.message, "write_up") from error
    linked = db.session.execute(
        update(Challenge)
        .where(Challenge.id == challenge_id, Challenge.case_study_id.is_(None))
        .values(case_study_id=case_study.id)
        .execution_options(synchronize_session=False))
    if linked.rowcount != 1:  # type: ignore[attr-defined]
        # Someone wrote it up at the same moment: keep theirs, drop ours.
        db.session.rollback()
        db.session.refresh(challenge)
        if challenge.case_study_id is None:
            raise ChallengeError(_("The case study could not be created. Try again."), "write_up")
        return challenge.case_study_id, False
    case_study_id = case_study.id
    db.session.commit()
    return case_study_id, True
