"""Recording who came (managers, after the start) and attendance by zone and nation, per meeting and per series."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tests.factories import make_user, organisation
from tests.helpers import csrf_token, submit, text_of
from tests.meetings.conftest import at_london, network
from tests.meetings.test_rsvp import current, fresh
from zone_networks.accounts.models import User
from zone_networks.core.audit import AuditEvent
from zone_networks.core.clock import as_utc
from zone_networks.extensions import db as _db
from zone_networks.meetings.models import Meeting
from zone_networks.meetings.rsvp_models import Attendance
from zone_networks.meetings.rsvp_services import respond
from zone_networks.meetings.series_services import SeriesDetails, create_series
from zone_networks.meetings.times import london_today
from zone_networks.networks.models import Membership

DASH = "\u2013"  # what the table shows for an occurrence whose attendance was not recorded


def join(person: User, slug: str = "skills-forum") -> User:
    _db.session.add(Membership(user_id=person.id, network_id=network(slug).id, status="active", role="member"))
    return person


@pytest.fixture()
def crowd(db: Any, member: User, official: User) -> dict[str, User]:
    """Forum members from England, Scotland and Wales, plus the member (Humber) and the official (Welsh Government)."""
    people = {
        "thames": join(make_user("t@thames.example", "thames-freeport", name="Tom Thames")),
        "forth": join(make_user("f@forth.example", "forth-green-freeport", name="Fiona Forth")),
        "celtic": join(make_user("c@celtic.example", "celtic-freeport", name="Cerys Celtic")),
        "humber2": join(make_user("h2@humber.example", "humber-freeport", name="Hari Humber")),
    }
    db.session.commit()
    people["member"] = member
    people["official"] = official
    return people


def held_meeting(make_meeting: Any, crowd: dict[str, User], **fields: Any) -> Meeting:
    """A Skills Forum meeting a week ago to which the member, Thames, Forth and the official said yes."""
    meeting = make_meeting(days=-7, **fields)
    # Answers were given before the meeting: write them through the service with a moment before it.
    before = as_utc(meeting.starts_at) - timedelta(days=1)
    for key in ("member", "thames", "forth", "official"):
        respond(fresh(crowd[key]), meeting.id, "yes", now=before)
    return meeting


def record(client: Any, meeting: Meeting, said_yes: list[User], others: list[User] | None = None) -> Any:
    data = {"said_yes": [str(person.id) for person in said_yes],
            "others": [str(person.id) for person in others or []]}
    return submit(client, f"/meetings/{meeting.id}/attendance", data)


def recorded_ids(meeting: Meeting) -> set[int]:
    _db.session.expire_all()
    return set(_db.session.scalars(select(Attendance.user_id).where(Attendance.meeting_id == meeting.id)))


def test_managers_record_who_came_and_the_page_shows_it_by_zone_and_nation(client, login, secretariat, crowd,
                                                                            make_meeting):
    meeting = held_meeting(make_meeting, crowd)
    login(secretariat)
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Attendance has not been recorded yet." in page
    form = text_of(client.get(f"/meetings/{meeting.id}/attendance"))
    for name in ("Mina Member", "Tom Thames", "Fiona Forth", "Olwen Official"):  # said yes
        assert name in form.split("Other members of the network")[0]
    assert "Cerys Celtic" in form.split("Other members of the network")[1]  # the rest of the network

    response = record(client, meeting, [crowd["member"], crowd["forth"], crowd["official"]], [crowd["celtic"]])
    assert response.status_code == 303
    assert recorded_ids(meeting) == {crowd[key].id for key in ("member", "forth", "official", "celtic")}
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "Attendance saved: 4 people came." in page
    section = page.split('id="attendance"')[1]
    assert "4 people came." in section and "3 zones were represented." in section
    for text in ("England", "Scotland", "Wales", "Government", "Humber Freeport", "Forth Green Freeport",
                 "Celtic Freeport"):
        assert text in section
    assert "Names of the people who came" in section and "Cerys Celtic" in section
    assert "Change who came" in section

    event = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "meeting.attendance_recorded")).one()
    assert event.object_id == meeting.id and event.details["attended"] == 4


def test_members_see_the_counts_but_not_the_names(client, login, secretariat, crowd, make_meeting):
    meeting = held_meeting(make_meeting, crowd, is_public=True)
    login(secretariat)
    record(client, meeting, [crowd["member"], crowd["thames"]])
    login(crowd["celtic"])
    page = text_of(client.get(f"/meetings/{meeting.id}"))
    assert "2 people came." in page
    assert "Names of the people who came" not in page
    assert "Record who came" not in page and "Change who came" not in page
    client.post("/logout", data={"csrf_token": csrf_token(client, f"/meetings/{meeting.id}")})
    page = text_of(client.get(f"/meetings/{meeting.id}"))  # anonymous, public meeting
    assert "Who came" not in page


def test_the_zone_is_a_snapshot_and_saving_again_replaces_the_register(client, login, secretariat, crowd,
                                                                        make_meeting):
    meeting = held_meeting(make_meeting, crowd)
    login(secretariat)
    record(client, meeting, [crowd["member"], crowd["thames"]])
    mover = fresh(crowd["thames"])
    mover.organisation = organisation("solent-freeport")
    _db.session.commit()
    response = record(client, meeting, [crowd["thames"], crowd["forth"]])  # member unticked, Forth added
    assert response.status_code == 303
    assert recorded_ids(meeting) == {crowd["thames"].id, crowd["forth"].id}
    row = _db.session.scalars(select(Attendance).where(Attendance.user_id == crowd["thames"].id)).one()
    assert row.zone is not None and row.zone.name == "Thames Freeport"  # the zone when first recorded, not the new one
    form = text_of(client.get(f"/meetings/{meeting.id}/attendance"))
    assert form.count("checked") == 2


def test_people_not_on_the_list_are_refused_and_nothing_is_written(client, login, secretariat, crowd, outsider,
                                                                   make_meeting):
    meeting = held_meeting(make_meeting, crowd)
    login(secretariat)
    response = record(client, meeting, [crowd["member"]], [outsider])
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page and "Choose people from the list" in page
    assert recorded_ids(meeting) == set()


def test_only_managers_may_record_attendance(client, login, member, outsider, convenor, crowd, make_meeting):
    meeting = held_meeting(make_meeting, crowd)
    leads = make_meeting("innovation-leads", days=-3)
    url = f"/meetings/{meeting.id}/attendance"
    assert client.get(url).status_code == 302  # sign in first
    login(member)
    assert client.get(url).status_code == 403  # can see the meeting, may not manage it
    token = csrf_token(client, f"/meetings/{meeting.id}")
    assert client.post(url, data={"said_yes": [str(member.id)], "csrf_token": token}).status_code == 403
    login(outsider)
    assert client.get(url).status_code == 404
    login(convenor)
    assert client.get(url).status_code == 404  # a convenor of another network cannot see it
    assert client.get(f"/meetings/{leads.id}/attendance").status_code == 200  # but manages their own
    assert recorded_ids(meeting) == set()


def test_attendance_waits_for_the_meeting_to_start(client, login, secretariat, crowd, make_meeting):
    future = make_meeting(days=3)
    cancelled = make_meeting(days=-3, status="cancelled")
    draft = make_meeting(days=-3, status="draft")
    login(secretariat)
    for meeting, message in ((future, "You can record who came once the meeting has started."),
                             (draft, "You can record who came once the meeting has started."),
                             (cancelled, "This meeting was cancelled, so there is no attendance to record.")):
        response = client.get(f"/meetings/{meeting.id}/attendance")
        assert response.status_code == 303
        assert message in text_of(client.get(response.headers["Location"]))
        response = submit(client, f"/meetings/{meeting.id}/attendance", {"said_yes": []},
                          form_url=f"/meetings/{meeting.id}")
        assert response.status_code == 303
    assert _db.session.scalars(select(Attendance)).all() == []


def test_the_attendance_page_runs_a_fixed_number_of_queries(client, login, secretariat, crowd, make_meeting,
                                                            count_queries, db):
    meeting = held_meeting(make_meeting, crowd)
    login(secretariat)
    record(client, meeting, [crowd["member"]])
    _db.session.expire_all()  # the test shares the requests' session: start each from the same state
    with count_queries() as few:
        client.get(f"/meetings/{meeting.id}/attendance")
        client.get(f"/meetings/{meeting.id}")
    extra = [join(make_user(f"x{number}@celtic.example", "celtic-freeport", name=f"X {number}"))
             for number in range(10)]
    db.session.commit()
    record(client, meeting, [crowd["member"], crowd["thames"]], extra)
    _db.session.expire_all()  # the test shares the requests' session: start each from the same state
    with count_queries() as many:
        client.get(f"/meetings/{meeting.id}/attendance")
        client.get(f"/meetings/{meeting.id}")
    assert len(many) == len(few)


# Across a series -----------------------------------------------------------------------------------------------


@pytest.fixture()
def weekly(db: Any, secretariat: User) -> list[Meeting]:
    """A weekly Skills Forum series that started 27 days ago: four past occurrences, then future ones."""
    first_day = london_today() - timedelta(days=27)
    details = SeriesDetails(title="Weekly skills call", rrule="FREQ=WEEKLY", starts_at=at_london(first_day, 10),
                            duration_minutes=60, venue="Room 1")
    _series, made = create_series(secretariat, network("skills-forum"), details)
    return made


def test_the_series_page_shows_attendance_by_zone_and_nation_across_occurrences(client, login, secretariat, crowd,
                                                                                weekly, count_queries):
    past = weekly[:4]
    login(secretariat)
    record(client, past[0], [], [crowd["member"], crowd["thames"], crowd["forth"]])
    record(client, past[1], [], [crowd["member"], crowd["humber2"], crowd["official"]])
    # past[2] left unrecorded; past[3] nobody from Scotland
    record(client, past[3], [], [crowd["celtic"]])
    series_id = past[0].series_id
    page = text_of(client.get(f"/series/{series_id}"))
    section = page.split('id="attendance"')[1]
    header_cells = section.split("By nation")[1].split("</thead>")[0].count('<th scope="col"')
    assert header_cells == 1 + 4  # label column + four past occurrences (future ones are not columns)
    rows: dict[str, list[str]] = {}
    for chunk in section.split('<tr class="govuk-table__row">')[1:]:
        cells = [part.split("<")[0].strip() for part in chunk.split('">')[1:]]
        label = cells[0]
        numbers = [cell for cell in cells if cell.isdigit() or cell == DASH]
        rows.setdefault(label, numbers)
    assert rows["England"] == ["2", "2", DASH, "0"]
    assert rows["Scotland"] == ["1", "0", DASH, "0"]
    assert rows["Wales"] == ["0", "0", DASH, "1"]
    assert rows["Government"] == ["0", "1", DASH, "0"]
    assert rows["Total"] == ["3", "3", DASH, "1"]
    assert rows["Humber Freeport"] == ["1", "2", DASH, "0"]

    for occurrence in weekly[4:8]:  # more occurrences and people do not mean more queries
        current(occurrence).starts_at = occurrence.starts_at - timedelta(days=60)
    _db.session.commit()
    client.get(f"/series/{series_id}")
    _db.session.expire_all()  # the test shares the requests' session: start each from the same state
    with count_queries() as first:
        client.get(f"/series/{series_id}")
    record(client, past[2], [], [crowd["celtic"], crowd["forth"], crowd["thames"], crowd["member"]])
    _db.session.expire_all()  # the test shares the requests' session: start each from the same state
    with count_queries() as second:
        client.get(f"/series/{series_id}")
    assert len(first) == len(second)


def test_series_attendance_is_for_the_network_only(client, login, secretariat, outsider, crowd, weekly):
    login(secretariat)
    record(client, weekly[0], [], [crowd["member"]])
    series_id = weekly[0].series_id
    login(crowd["celtic"])
    assert "By nation" in text_of(client.get(f"/series/{series_id}"))
    login(outsider)
    assert client.get(f"/series/{series_id}").status_code == 404


def test_the_panel_runs_at_most_six_queries(app, client, login, secretariat, crowd, make_meeting, count_queries):
    from zone_networks.meetings.queries import membership_in
    from zone_networks.meetings.rsvp_panel import meeting_panel

    meeting = held_meeting(make_meeting, crowd, capacity=2)
    login(secretariat)
    record(client, meeting, [crowd["member"], crowd["thames"]])
    for person in (secretariat, crowd["member"]):
        viewer = fresh(person)
        shown = current(meeting)
        membership = membership_in(viewer, shown.network_id)
        with app.test_request_context(), count_queries() as statements:
            panel = meeting_panel(shown, viewer, membership)
        assert panel["attendance"].total == 2
        assert len(statements) <= 6, "\n".join(statements)
