"""Agenda items: who may propose them, the papers deadline, and managers accepting, ordering and timing them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from tests.helpers import submit, text_of
from zone_networks.core.clock import utcnow
from zone_networks.extensions import db as _db
from zone_networks.meetings.agenda_models import AgendaItem


def items() -> list[AgendaItem]:
    """Every agenda item as stored now, oldest first."""
    _db.session.expire_all()
    return list(_db.session.scalars(select(AgendaItem).order_by(AgendaItem.id)))


def propose(client: Any, meeting: Any, **data: Any) -> Any:
    """Post the proposal form (title, summary, presenting myself unless overridden), CSRF from the meeting page."""
    payload = {"title": "Apprenticeship levy pilots", "summary": "What **worked** in Humber.", "presenter": "me"}
    payload.update(data)
    return submit(client, f"/meetings/{meeting.id}/agenda/new", payload, form_url=f"/meetings/{meeting.id}")


def test_member_proposes_an_item(client: Any, login: Any, member: Any, make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    response = propose(client, meeting)
    assert response.status_code == 303
    [item] = items()
    assert (item.status, item.presenter_id, item.submitted_by_id) == ("submitted", member.id, member.id)
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Waiting for a decision" in page and "Apprenticeship levy pilots" in page


def test_proposal_errors_are_shown_and_nothing_is_written(client: Any, login: Any, member: Any,
                                                          make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    response = propose(client, meeting, title="", presenter="other", presenter_name="")
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and "Enter a title" in page
    assert "Enter the name of the person who will present the item" in page
    assert items() == []


def test_presenter_may_be_another_member_or_a_guest(client: Any, login: Any, member: Any, official: Any,
                                                    make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    assert propose(client, meeting, presenter="member", presenter_member=str(official.id)).status_code == 303
    assert propose(client, meeting, presenter="other", presenter_name="Ada Lovelace, Guest").status_code == 303
    first, second = items()
    assert first.presenter_id == official.id
    assert (second.presenter_id, second.presenter_name) == (None, "Ada Lovelace, Guest")


def test_presenter_must_be_a_member_of_the_network(client: Any, login: Any, member: Any, outsider: Any,
                                                   make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    response = propose(client, meeting, presenter="member", presenter_member=str(outsider.id))
    assert response.status_code == 400
    assert items() == []


def test_after_the_papers_deadline_members_are_refused(client: Any, login: Any, member: Any,
                                                       make_meeting: Any) -> None:
    meeting = make_meeting(papers_deadline=utcnow() - timedelta(hours=1))
    login(member)
    response = propose(client, meeting)
    assert response.status_code == 303
    assert items() == []
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "The deadline for agenda items and papers has passed" in page
    assert "Propose an agenda item" not in page


def test_managers_may_still_add_after_the_deadline(client: Any, login: Any, secretariat: Any,
                                                   make_meeting: Any) -> None:
    meeting = make_meeting(papers_deadline=utcnow() - timedelta(hours=1))
    login(secretariat)
    assert propose(client, meeting).status_code == 303
    [item] = items()
    assert (item.status, item.position) == ("accepted", 1)


def test_who_may_propose(client: Any, login: Any, outsider: Any, convenor: Any, make_meeting: Any) -> None:
    meeting = make_meeting()
    url = f"/meetings/{meeting.id}/agenda/new"
    assert client.get(url).status_code == 302  # sign in first
    login(outsider)
    assert client.get(url).status_code == 404  # members-only meeting of a network they are not in
    login(convenor)  # convenor of another network
    assert client.get(url).status_code == 404
    public = make_meeting(is_public=True)
    assert client.get(f"/meetings/{public.id}/agenda/new").status_code == 403
    assert items() == []


def test_managers_accept_decline_order_and_time(client: Any, login: Any, member: Any, secretariat: Any,
                                                make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    for title in ("First", "Second", "Third"):
        propose(client, meeting, title=title)
    first, second, third = items()
    login(secretariat)
    page_url = f"/meetings/{meeting.id}"
    for item in (first, second):
        assert submit(client, f"{page_url}/agenda/{item.id}/accept", form_url=page_url).status_code == 303
    assert submit(client, f"{page_url}/agenda/{third.id}/decline", form_url=page_url).status_code == 303
    assert [(i.status, i.position) for i in items()] == [("accepted", 1), ("accepted", 2), ("declined", None)]
    assert submit(client, f"{page_url}/agenda/{second.id}/up", form_url=page_url).status_code == 303
    assert [i.position for i in items()][:2] == [2, 1]
    assert submit(client, f"{page_url}/agenda/{second.id}/time", {"minutes": "30"}).status_code == 303
    bad = submit(client, f"{page_url}/agenda/{first.id}/time", {"minutes": "0"})
    assert bad.status_code == 400 and "Minutes must be between 1 and 600" in text_of(bad)
    page = text_of(client.get(page_url))
    # The meeting starts at 10am: Second (30 minutes) first, then First at 10:30am.
    assert page.index("Second") < page.index("First")
    assert "10am" in page and "10:30am" in page


def test_members_cannot_decide_move_or_time(client: Any, login: Any, member: Any, official: Any,
                                            make_meeting: Any) -> None:
    meeting = make_meeting()
    login(member)
    propose(client, meeting)
    [item] = items()
    login(official)
    page_url = f"/meetings/{meeting.id}"
    for action in ("accept", "decline", "up", "down"):
        assert submit(client, f"{page_url}/agenda/{item.id}/{action}", form_url=page_url).status_code == 403
    assert client.get(f"{page_url}/agenda/{item.id}/time").status_code == 403
    assert items()[0].status == "submitted"
    # Others' proposals are not shown to members until accepted.
    assert "Apprenticeship levy pilots" not in text_of(client.get(page_url))


def test_item_of_another_meeting_is_404(client: Any, login: Any, member: Any, secretariat: Any,
                                        make_meeting: Any) -> None:
    meeting, other = make_meeting(), make_meeting(days=14)
    login(member)
    propose(client, meeting)
    [item] = items()
    login(secretariat)
    url = f"/meetings/{other.id}"
    assert submit(client, f"{url}/agenda/{item.id}/accept", form_url=url).status_code == 404


def test_meeting_page_queries_do_not_grow_with_items(client: Any, login: Any, member: Any, secretariat: Any,
                                                     make_meeting: Any, count_queries: Any) -> None:
    from zone_networks.meetings.action_models import ActionItem

    earlier = make_meeting(days=-30, status="held")
    meeting = make_meeting()

    def add(number: int) -> None:
        for index in range(number):
            _db.session.add(AgendaItem(meeting_id=meeting.id, title=f"Item {index}", summary="s",
                                       presenter_id=member.id, submitted_by_id=member.id, status="accepted",
                                       position=index + 1, duration_minutes=10))
            _db.session.add(ActionItem(meeting_id=earlier.id, network_id=earlier.network_id,
                                       description=f"Earlier {index}", owner_id=member.id, status="open"))
        _db.session.commit()

    login(secretariat)
    add(2)
    with count_queries() as few:
        assert client.get(f"/meetings/{meeting.id}").status_code == 200
    add(10)
    with count_queries() as many:
        page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Earlier 9" in page and "Item 9" in page
    assert len(many) == len(few)
