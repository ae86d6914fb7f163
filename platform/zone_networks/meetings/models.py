"""Meetings and meeting series: when and where a network meets, and who may see or manage it.

Times are stored in UTC and entered and shown in Europe/London (see
`meetings.times`). An all-day meeting starts at London midnight of its first
day and ends at London midnight after its last day (end exclusive, as in
iCalendar). A series keeps its recurrence rule (RFC 5545 RRULE) and its
occurrences are real Meeting rows, each remembering the start the rule gave it
(`original_start`, the iCalendar RECURRENCE-ID), so one occurrence can be moved
or cancelled on its own and RSVPs belong to one occurrence.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zone_networks.core.clock import as_utc, to_london, utcnow
from zone_networks.core.models import TimestampMixin
from zone_networks.extensions import db
from zone_networks.networks.models import Network

if TYPE_CHECKING:
    from zone_networks.accounts.models import User
    from zone_networks.networks.models import Membership

MEETING_STATUSES = ("draft", "scheduled", "cancelled", "held")
MEETING_FORMATS = ("in_person", "online", "hybrid")
# Statuses anyone may see on a public meeting (drafts are for its managers only).
PUBLISHED_STATUSES = ("scheduled", "cancelled", "held")
# Statuses a series gives the occurrences it creates.
OCCURRENCE_STATUSES = ("draft", "scheduled")


def signed_in(user: Any) -> bool:
    """Whether `user` is a signed-in, active person (not an anonymous visitor)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_active_member(user: Any, membership: Membership | None, network_id: int) -> bool:
    """Whether `membership` is `user`'s active membership of the network `network_id`."""
    return (
        membership is not None
        and membership.user_id == getattr(user, "id", None)
        and membership.network_id == network_id
        and membership.is_active
    )


def manages_network(user: Any, membership: Membership | None, network: Network) -> bool:
    """Staff, and the network's active convenors, manage its meetings, polls, agendas and minutes."""
    if not signed_in(user):
        return False
    if user.is_staff:
        return True
    return is_active_member(user, membership, network.id) and membership is not None and membership.role == "convenor"


def is_invitee(user: Any, membership: Membership | None, network_id: int) -> bool:
    """Invitees of a network's meetings: its active members (any role) and the staff."""
    return signed_in(user) and (bool(user.is_staff) or is_active_member(user, membership, network_id))


class MeetingSeries(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A recurring meeting: a recurrence rule plus the details each new occurrence starts with."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    # iCalendar identity of the series' master event (occurrences add RECURRENCE-ID = original_start).
    uid: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    ical_sequence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # The RRULE value without "RRULE:" (e.g. "FREQ=MONTHLY;BYDAY=2TU"), evaluated in Europe/London wall time.
    rrule: Mapped[str] = mapped_column(String(500), nullable=False)
    # DTSTART: the first occurrence's start (UTC; its London wall time is the series' time of day).
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # Length of each occurrence; for an all-day series a whole number of days (1440 minutes a day).
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    all_day: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    format: Mapped[str] = mapped_column(String(20), nullable=False, default="in_person")
    venue: Mapped[str] = mapped_column(Text, nullable=False, default="")
    join_link: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    capacity: Mapped[int | None] = mapped_column(Integer)
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    papers_days_before: Mapped[int | None] = mapped_column(Integer)  # each occurrence's papers deadline
    occurrence_status: Mapped[str] = mapped_column(String(20), nullable=False, default="scheduled")
    # The original start of the latest occurrence made so far (None before the first).
    materialised_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    network: Mapped[Network] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    meetings: Mapped[list[Meeting]] = relationship(back_populates="series", lazy="raise",
                                                   order_by="Meeting.original_start")

    @property
    def duration(self) -> timedelta:
        """How long each occurrence lasts."""
        return timedelta(minutes=self.duration_minutes)

    def can_view(self, user: Any, membership: Membership | None = None) -> bool:
        """Signed-in invitees of the network, and anyone at all for a public series."""
        return self.is_public or is_invitee(user, membership, self.network_id)

    def can_manage(self, user: Any, membership: Membership | None = None) -> bool:
        """Staff and the network's active convenors manage the series."""
        return manages_network(user, membership, self.network)

    def __repr__(self) -> str:
        return f"<MeetingSeries {self.id}>"


class Meeting(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """One meeting of a network: a one-off, or one occurrence of a series."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("series_id", "original_start"),
        Index("ix_meetings_network_id_starts_at", "network_id", "starts_at"),
        Index("ix_meetings_status_starts_at", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_series.id", ondelete="SET NULL"), index=True)
    original_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # iCalendar identity of this meeting as a stand-alone event; SEQUENCE rises with each published change.
    uid: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    ical_sequence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    all_day: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    format: Mapped[str] = mapped_column(String(20), nullable=False, default="in_person")
    venue: Mapped[str] = mapped_column(Text, nullable=False, default="")
    join_link: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    # Confirmed "yes" RSVPs holding a seat. Only the RSVP service changes it, with a conditional UPDATE
    # (`seats_taken < capacity`), which is what makes the last seat go to exactly one person.
    seats_taken: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    papers_deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    agenda_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow,
                                                 onupdate=utcnow)

    network: Mapped[Network] = relationship(lazy="joined")
    series: Mapped[MeetingSeries | None] = relationship(back_populates="meetings")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    # Time, in the words people use.
    @property
    def starts_local(self) -> datetime:
        """The start in Europe/London."""
        return to_london(self.starts_at)

    @property
    def ends_local(self) -> datetime:
        """The end in Europe/London (for an all-day meeting: midnight after the last day)."""
        return to_london(self.ends_at)

    @property
    def first_day(self) -> date:
        """The London date the meeting starts on."""
        return self.starts_local.date()

    @property
    def last_day(self) -> date:
        """The London date the meeting ends on (an end at midnight, as every all-day end is, is exclusive)."""
        end = self.ends_local
        if self.all_day or (end.time() == time(0) and end > self.starts_local):
            return (end - timedelta(days=1)).date()
        return end.date()

    @property
    def is_multi_day(self) -> bool:
        """Whether the meeting runs over more than one London day."""
        return self.last_day > self.first_day

    @property
    def is_occurrence(self) -> bool:
        """Whether this meeting is one occurrence of a series."""
        return self.series_id is not None

    @property
    def is_moved(self) -> bool:
        """Whether this occurrence no longer starts when its series' rule says."""
        return self.original_start is not None and as_utc(self.original_start) != as_utc(self.starts_at)

    def has_started(self, now: datetime | None = None) -> bool:
        """Whether the meeting's start has passed."""
        return as_utc(self.starts_at) <= (now or utcnow())

    def has_ended(self, now: datetime | None = None) -> bool:
        """Whether the meeting is over."""
        return as_utc(self.ends_at) <= (now or utcnow())

    @property
    def needs_venue(self) -> bool:
        """In-person and hybrid meetings have a venue."""
        return self.format in ("in_person", "hybrid")

    @property
    def needs_join_link(self) -> bool:
        """Online and hybrid meetings have a join link."""
        return self.format in ("online", "hybrid")

    @property
    def seats_left(self) -> int | None:
        """Seats still free, or None when there is no limit."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.seats_taken)

    def papers_open(self, now: datetime | None = None) -> bool:
        """Whether agenda items and papers may still be submitted (before the deadline and the meeting)."""
        moment = now or utcnow()
        if self.papers_deadline is not None:
            return moment < as_utc(self.papers_deadline)
        return moment < as_utc(self.starts_at)

    # Permission predicates (DESIGN.md section 3). `membership` is `user`'s membership of this meeting's network.
    def can_view(self, user: Any, membership: Membership | None = None) -> bool:
        """Drafts: managers only. Public: anyone. Otherwise: the network's active members and the staff."""
        if self.status == "draft":
            return self.can_manage(user, membership)
        if self.is_public and self.status in PUBLISHED_STATUSES:
            return True
        return is_invitee(user, membership, self.network_id)

    def can_manage(self, user: Any, membership: Membership | None = None) -> bool:
        """Staff and the network's active convenors schedule, edit and cancel its meetings."""
        return manages_network(user, membership, self.network)

    def is_invitee(self, user: Any, membership: Membership | None = None) -> bool:
        """The network's active members (any role) and the staff are invited to its meetings."""
        return is_invitee(user, membership, self.network_id)

    def can_see_join_link(self, user: Any, membership: Membership | None = None) -> bool:
        """The join link is for invitees only, and only while the meeting is on (not cancelled)."""
        return bool(self.join_link) and self.status in ("draft", "scheduled", "held") \
            and self.can_view(user, membership) and self.is_invitee(user, membership)

    def can_rsvp(self, user: Any, membership: Membership | None = None, now: datetime | None = None) -> bool:
        """Invitees answer yes / no / maybe to a scheduled meeting until it ends."""
        return self.status == "scheduled" and not self.has_ended(now) and self.is_invitee(user, membership)

    def can_submit_agenda_item(self, user: Any, membership: Membership | None = None,
                               now: datetime | None = None) -> bool:
        """Invitees propose agenda items to a scheduled meeting until the papers deadline."""
        return self.status == "scheduled" and self.papers_open(now) and self.is_invitee(user, membership)

    def __repr__(self) -> str:
        return f"<Meeting {self.id}>"
