"""Where each search result leads: a kind and an object id turned into the address of its page.

Documents go to /documents/<id>, case studies to /case-studies/<id>, meetings
to /meetings/<id>, people to /people/<id>, challenges to /challenges/<id>,
posts to /posts/<id> (which finds the page of its thread that shows it), and
minutes to the minutes section of their meeting's page
(/meetings/<meeting id>#minutes). The index keys
minutes by the Minutes row's id, so the page looks up their meetings' ids in
one query (`minutes_meetings`) before it links them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import url_for
from sqlalchemy import select

from zone_networks.extensions import db

# kind -> (endpoint, its URL variable).
ENDPOINTS: dict[str, tuple[str, str]] = {
    "document": ("documents.show", "document_id"),
    "case_study": ("casestudies.show", "case_study_id"),
    "meeting": ("meetings.show", "meeting_id"),
    "person": ("directory.profile", "person_id"),
    "post": ("discussions.post_link", "post_id"),
    "challenge": ("challenges.show", "challenge_id"),
}


def minutes_meetings(minutes_ids: Iterable[int]) -> dict[int, int]:
    """The meeting id of each of these minutes (one query; none when there are no minutes)."""
    from zone_networks.meetings.minutes_models import Minutes

    wanted = sorted(set(minutes_ids))
    if not wanted:
        return {}
    rows = db.session.execute(select(Minutes.id, Minutes.meeting_id).where(Minutes.id.in_(wanted)))
    return {minutes_id: meeting_id for minutes_id, meeting_id in rows}


def result_url(kind: str, object_id: int, meetings_of_minutes: Mapping[int, int] | None = None) -> str | None:
    """The address of the page a result of `kind` leads to; None when there is none (e.g. unknown minutes)."""
    if kind == "minutes":
        meeting_id = (meetings_of_minutes or {}).get(object_id)
        if meeting_id is None:
            return None
        return url_for("meetings.show", meeting_id=meeting_id, _anchor="minutes")
    if kind not in ENDPOINTS:
        return None
    endpoint, variable = ENDPOINTS[kind]
    values: dict[str, Any] = {variable: object_id}
    return url_for(endpoint, **values)
