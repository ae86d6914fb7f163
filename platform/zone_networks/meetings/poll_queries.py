"""Reads for date polls: a poll's options and tally (who said what), and a network's polls.

A poll page reads its options and all its answers (with the people, by a
join) in two statements however many people answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, case, func, select

from zone_networks.accounts.models import User
from zone_networks.core.clock import as_utc, utcnow
from zone_networks.core.pagination import Page, paginate
from zone_networks.extensions import db
from zone_networks.meetings.models import signed_in
from zone_networks.meetings.poll_models import DatePoll, PollOption, PollVote
from zone_networks.networks.models import Network

PER_PAGE = 50


@dataclass
class OptionTally:
    """One option and who answered yes, if need be and no (each list sorted by name)."""

    option: PollOption
    yes: list[User] = field(default_factory=list)
    if_need_be: list[User] = field(default_factory=list)
    no: list[User] = field(default_factory=list)
    is_best: bool = False

    @property
    def score(self) -> tuple[int, int]:
        """How the options are ranked: most yes, then most if need be."""
        return len(self.yes), len(self.if_need_be)

    @property
    def has_started(self) -> bool:
        """Whether the option's time has come (it can no longer be scheduled)."""
        return as_utc(self.option.starts_at) <= utcnow()


@dataclass
class PollResults:
    """Everything the poll page shows about answers."""

    rows: list[OptionTally]
    people: int
    mine: dict[int, str]

    @property
    def options(self) -> list[PollOption]:
        """The options, earliest first."""
        return [row.option for row in self.rows]

    @property
    def suggested(self) -> int | None:
        """The option to preselect for scheduling: the earliest best one that has not started."""
        return next((row.option.id for row in self.rows if row.is_best and not row.has_started), None)


def poll_options(poll: DatePoll) -> list[PollOption]:
    """The poll's options, earliest first."""
    query = select(PollOption).where(PollOption.poll_id == poll.id).order_by(PollOption.starts_at, PollOption.id)
    return list(db.session.scalars(query))


def _name_key(user: User) -> tuple[str, int]:
    return (user.sort_name or user.name or "").lower(), user.id


def poll_results(poll: DatePoll, viewer: Any) -> PollResults:
    """The tally of every option, the best ones marked, and `viewer`'s own answers."""
    rows = [OptionTally(option) for option in poll_options(poll)]
    by_id = {row.option.id: row for row in rows}
    votes: list[PollVote] = []
    if rows:
        query = select(PollVote).where(PollVote.option_id.in_(by_id))
        votes = list(db.session.scalars(query).unique())
    viewer_id = getattr(viewer, "id", None) if signed_in(viewer) else None
    mine: dict[int, str] = {}
    people: set[int] = set()
    for vote in votes:
        row = by_id[vote.option_id]
        {"yes": row.yes, "if_need_be": row.if_need_be}.get(vote.answer, row.no).append(vote.user)
        people.add(vote.user_id)
        if vote.user_id == viewer_id:
            mine[vote.option_id] = vote.answer
    for row in rows:
        for answer in (row.yes, row.if_need_be, row.no):
            answer.sort(key=_name_key)
    best = max((row.score for row in rows), default=(0, 0))
    if best != (0, 0):
        for row in rows:
            row.is_best = row.score == best
    return PollResults(rows, len(people), mine)


def open_polls(network: Network) -> list[DatePoll]:
    """The network's open polls, newest first."""
    query = (
        select(DatePoll)
        .where(DatePoll.network_id == network.id, DatePoll.status == "open")
        .order_by(DatePoll.created_at.desc(), DatePoll.id.desc())
    )
    return list(db.session.scalars(query).unique())


def answered_poll_ids(user: Any, poll_ids: list[int]) -> set[int]:
    """Which of the polls `user` has answered."""
    if not poll_ids or not signed_in(user):
        return set()
    query = (
        select(PollOption.poll_id)
        .join(PollVote, PollVote.option_id == PollOption.id)
        .where(PollVote.user_id == user.id, PollOption.poll_id.in_(poll_ids))
        .distinct()
    )
    return set(db.session.scalars(query))


def network_polls_query(network: Network) -> Select[DatePoll]:
    """All the network's polls: open ones first, then newest first."""
    open_first = case((DatePoll.status == "open", 0), else_=1)
    return (
        select(DatePoll)
        .where(DatePoll.network_id == network.id)
        .order_by(open_first, DatePoll.created_at.desc(), DatePoll.id.desc())
    )


def network_polls_page(network: Network, page: int, per_page: int = PER_PAGE) -> Page[DatePoll]:
    """One page of the network's polls (404 past the last page)."""
    count = select(func.count(DatePoll.id)).where(DatePoll.network_id == network.id)
    return paginate(network_polls_query(network), page, per_page, count_query=count)
