"""Recording who came to a meeting (managers only, once it has started), with each person's zone at the time.

Saving the form states the whole register: people ticked are recorded (a
person already recorded keeps their first record and its zone snapshot),
people unticked are removed. It runs under the meeting's lock (rsvp_locking)
so two managers saving at once cannot both add the same person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db
from zone_networks.meetings.attendance_queries import RECORDABLE_STATUSES
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_locking import lock_meeting, run_locked
from zone_networks.meetings.rsvp_models import Attendance


class AttendanceError(Exception):
    """Attendance cannot be recorded (meeting not started, cancelled, or someone not on the list); nothing written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class AttendanceResult:
    """How the register changed."""

    added: int
    removed: int
    total: int


def attendance_refusal(meeting: Meeting, now: datetime | None = None) -> str | None:
    """Why attendance cannot be recorded for the meeting now, in words; None if it can."""
    if meeting.status == "cancelled":
        return _("This meeting was cancelled, so there is no attendance to record.")
    if meeting.status not in RECORDABLE_STATUSES or not meeting.has_started(now):
        return _("You can record who came once the meeting has started.")
    return None


def record_attendance(actor: User, meeting_id: int, attended: set[int], allowed: set[int], *,
                      now: datetime | None = None) -> AttendanceResult:
    """Make the register of `meeting_id` exactly `attended` (each one of `allowed`), audit it and commit."""
    if not attended <= allowed:
        raise AttendanceError(_("Choose people from the list"))
    moment = now or utcnow()

    def work() -> AttendanceResult:
        meeting = lock_meeting(meeting_id)
        if meeting is None:
            raise AttendanceError(_("This meeting no longer exists."))
        reason = attendance_refusal(meeting, moment)
        if reason:
            raise AttendanceError(reason)
        existing = set(db.session.scalars(select(Attendance.user_id).where(Attendance.meeting_id == meeting.id)))
        gone = existing - attended
        if gone:
            db.session.execute(delete(Attendance).where(Attendance.meeting_id == meeting.id,
                                                        Attendance.user_id.in_(gone)))
        new = attended - existing
        if new:
            for person in db.session.scalars(select(User).where(User.id.in_(new))).unique():
                db.session.add(Attendance(
                    meeting_id=meeting.id, user_id=person.id, zone_id=person.organisation.zone_id,
                    organisation_id=person.organisation_id, recorded_by_id=actor.id, recorded_at=moment,
                ))
        record(actor, "meeting.attendance_recorded", "meeting", meeting.id, attended=len(attended),
               added=len(new), removed=len(gone))
        return AttendanceResult(added=len(new), removed=len(gone), total=len(attended))

    return run_locked(work)
