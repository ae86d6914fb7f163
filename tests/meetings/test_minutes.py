"""Minutes: versions, draft -> circulated -> agreed (locked) -> published, comments, and who may read them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.helpers import submit, text_of
from tests.meetings.support import audit_actions, say_yes
from zone_networks.extensions import db as _db
from zone_networks.meetings.minutes_models import Minutes, MinutesComment, MinutesVersion


def versions() -> list[MinutesVersion]:
    """Every saved version, oldest first."""
    _db.session.expire_all()
    return list(_db.session.scalars(select(MinutesVersion).order_by(MinutesVersion.id)))


def the_minutes() -> Minutes:
    """The only minutes, as stored now."""
    _db.session.expire_all()
    return _db.session.scalars(select(Minutes)).one()


def write(client: Any, meeting: Any, body: str = "# Minutes\n\nWe **agreed** the plan.", note: str = "") -> Any:
    """Save a version of the minutes."""
    return submit(client, f"/meetings/{meeting.id}/minutes/edit", {"body": body, "note": note})


def step(client: Any, meeting: Any, name: str) -> Any:
    """Press a workflow button on the meeting page."""
    page = f"/meetings/{meeting.id}"
    return submit(client, f"{page}/minutes/{name}", form_url=page)


def test_full_cycle(client: Any, login: Any, secretariat: Any, member: Any, official: Any, outbox: Any,
                    make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    say_yes(meeting, member)
    login(secretariat)
    assert write(client, meeting).status_code == 303
    assert write(client, meeting, "# Minutes\n\nWe agreed the plan, with changes.", "Typos").status_code == 303
    assert [v.number for v in versions()] == [1, 2]
    assert versions()[1].author_id == secretariat.id
    # Draft minutes are for managers only.
    login(member)
    assert "with changes" not in text_of(client.get(f"/meetings/{meeting.id}"))
    login(secretariat)
    assert step(client, meeting, "circulate").status_code == 303
    assert the_minutes().status == "circulated"
    [email] = outbox()
    assert email["To"] == member.email and "Draft minutes for comment" in email["Subject"]
    # Attendees read and comment; others in the network do not.
    login(official)
    assert "with changes" not in text_of(client.get(f"/meetings/{meeting.id}"))
    assert submit(client, f"/meetings/{meeting.id}/minutes/comments", {"comment": "Hi"},
                  form_url=f"/meetings/{meeting.id}").status_code == 404
    login(member)
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "with changes" in page and "Comment on the draft minutes" in page
    empty = submit(client, f"/meetings/{meeting.id}/minutes/comments", {"comment": " "},
                   form_url=f"/meetings/{meeting.id}")
    assert empty.status_code == 400 and "Enter your comment" in text_of(empty)
    ok = submit(client, f"/meetings/{meeting.id}/minutes/comments", {"comment": "Humber had 3 pilots, not 2."},
                form_url=f"/meetings/{meeting.id}")
    assert ok.status_code == 303
    assert _db.session.scalars(select(MinutesComment)).one().version_number == 2
    login(secretariat)
    assert "Humber had 3 pilots" in text_of(client.get(f"/meetings/{meeting.id}"))
    assert step(client, meeting, "agree").status_code == 303
    assert the_minutes().is_locked
    # Agreed minutes are locked: the edit page refuses and a post writes nothing.
    assert client.get(f"/meetings/{meeting.id}/minutes/edit").status_code == 303
    refused = submit(client, f"/meetings/{meeting.id}/minutes/edit", {"body": "Rewritten"},
                     form_url=f"/meetings/{meeting.id}", follow_redirects=True)
    assert "can no longer be changed" in text_of(refused)
    assert len(versions()) == 2
    assert step(client, meeting, "publish").status_code == 303
    assert the_minutes().status == "published"
    login(official)  # a network member who did not attend reads published minutes
    assert "with changes" in text_of(client.get(f"/meetings/{meeting.id}"))
    actions = audit_actions()
    for action in ("minutes.saved", "minutes.circulated", "minutes.agreed", "minutes.published"):
        assert action in actions


def test_steps_cannot_be_skipped(client: Any, login: Any, secretariat: Any, make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    login(secretariat)
    assert step(client, meeting, "circulate").status_code == 303  # nothing written yet
    write(client, meeting)
    response = step(client, meeting, "publish")
    assert response.status_code == 303
    assert the_minutes().status == "draft"


def test_published_minutes_of_a_public_meeting_are_for_anyone(client: Any, login: Any, secretariat: Any,
                                                              make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held", is_public=True)
    login(secretariat)
    write(client, meeting, "Public **record** of the meeting.")
    for name in ("circulate", "agree"):
        step(client, meeting, name)
    client.post("/logout")
    with client.session_transaction() as session:
        session.clear()
    assert "Public <strong>record</strong>" not in text_of(client.get(f"/meetings/{meeting.id}"))
    login(secretariat)
    step(client, meeting, "publish")
    with client.session_transaction() as session:
        session.clear()
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Public <strong>record</strong>" in page


def test_published_minutes_of_a_members_only_meeting(client: Any, login: Any, secretariat: Any, outsider: Any,
                                                     make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    login(secretariat)
    write(client, meeting, "Private record.")
    for name in ("circulate", "agree", "publish"):
        step(client, meeting, name)
    login(outsider)
    assert client.get(f"/meetings/{meeting.id}").status_code == 404


def test_only_managers_write_advance_and_see_history(client: Any, login: Any, member: Any, convenor: Any,
                                                     secretariat: Any, outsider: Any, make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    login(secretariat)
    write(client, meeting)
    base = f"/meetings/{meeting.id}"
    login(member)
    assert client.get(f"{base}/minutes/edit").status_code == 403
    assert client.get(f"{base}/minutes/history").status_code == 403
    assert submit(client, f"{base}/minutes/circulate", form_url=base).status_code == 403
    login(outsider)
    assert client.get(f"{base}/minutes/edit").status_code == 404
    assert client.get(f"{base}/minutes/history").status_code == 404
    login(secretariat)
    history = client.get(f"{base}/minutes/history")
    assert history.status_code == 200 and "Version history" in text_of(history)
    ic = make_meeting("innovation-leads", days=-1, status="held")
    login(convenor)  # convenors manage their own network's minutes
    assert write(client, ic).status_code == 303
    assert len(versions()) == 2
    assert client.get(f"{base}/minutes/edit").status_code == 404  # not their network's meeting


def test_minutes_form_errors(client: Any, login: Any, secretariat: Any, make_meeting: Any) -> None:
    meeting = make_meeting(days=-1, status="held")
    login(secretariat)
    response = write(client, meeting, body="")
    assert response.status_code == 400
    assert "There is a problem" in text_of(response) and "Enter the minutes" in text_of(response)
    assert versions() == []
