"""Downloading an agenda item's paper: checked against the viewer's rights on every request."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from zone_networks.extensions import db, talisman
from zone_networks.meetings import bp
from zone_networks.meetings.agenda_models import AgendaItem, AgendaPaper
from zone_networks.meetings.loaders import viewable_meeting
from zone_networks.meetings.models import signed_in
from zone_networks.meetings.papers import paper_response

# A downloaded file must never run as part of our site, even if a browser tries to render it.
SANDBOX_POLICY = {"default-src": "'none'", "sandbox": ""}


@bp.get("/meetings/<int:meeting_id>/papers/<int:paper_id>")
@talisman(content_security_policy=SANDBOX_POLICY, content_security_policy_nonce_in=[])
def download_paper(meeting_id: int, paper_id: int) -> Response:
    """A paper of an agenda item, as an attachment: accepted items for anyone who sees the meeting;
    proposed ones for their proposer and the meeting's managers."""
    meeting, membership = viewable_meeting(meeting_id)
    found = db.session.execute(
        select(AgendaPaper, AgendaItem).join(AgendaItem, AgendaPaper.item_id == AgendaItem.id)
        .where(AgendaPaper.id == paper_id, AgendaItem.meeting_id == meeting.id)).first()
    if found is None:
        abort(404)
    paper, item = found
    proposer = signed_in(current_user) and item.submitted_by_id == current_user.id
    published = meeting.status != "draft" and item.status == "accepted"
    if not (published or proposer or meeting.can_manage(current_user, membership)):
        abort(404)
    return paper_response(paper.stored_name, paper.content_type, paper.original_name)
