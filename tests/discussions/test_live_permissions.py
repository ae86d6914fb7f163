"""Who may do what on /live: every rule both ways (DESIGN.md section 5, docs/LIVE_PROTOCOL.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tests.discussions.live_support import ack, join, network, received, sign_in_socket, thread_in
from tests.factories import make_user
from zone_networks.core.sockets import LIVE_NAMESPACE
from zone_networks.discussions.models import Post
from zone_networks.discussions.rooms import thread_room
from zone_networks.extensions import socketio
from zone_networks.networks.models import Membership


def _post_count(db: Any) -> int:
    return int(db.session.scalar(select(func.count(Post.id))))


def _send(socket: Any, thread_id: int, body: str = "Hello", client_id: str = "c-1", **extra: Any) -> Any:
    return ack(socket, "post.create", {"thread_id": thread_id, "body": body, "client_id": client_id, **extra})


def test_member_joins_and_posts_in_own_network(app, db, member) -> None:
    thread = thread_in("skills-forum", member)
    socket = sign_in_socket(app, member)
    assert join(socket, thread)["ok"] is True
    reply = _send(socket, thread.id)
    assert reply["ok"] is True
    assert reply["post"]["author"]["id"] == member.id


def test_member_of_another_network_cannot_join_or_post(app, db, member, convenor) -> None:
    thread = thread_in("innovation-leads", convenor)
    socket = sign_in_socket(app, member)  # member is in skills-forum and net-zero, not innovation-leads
    answer = join(socket, thread)
    assert answer == {"ok": False, "error": "Thread not found"}
    received(socket)
    assert _send(socket, thread.id) == {"ok": False, "error": "Thread not found"}
    assert _post_count(db) == 1
    # Nothing from that thread reaches the socket: it was never put in the thread's room.
    ok = _send(sign_in_socket(app, convenor), thread.id, body="Private to innovation leads", client_id="x")
    assert ok["ok"] is True
    assert not [event for event in received(socket) if isinstance(event, dict) and event.get("thread_id") == thread.id]


def test_unknown_thread_answers_like_a_forbidden_one(app, db, member) -> None:
    socket = sign_in_socket(app, member)
    assert join(socket, 9999) == {"ok": False, "error": "Thread not found"}
    assert _send(socket, 9999) == {"ok": False, "error": "Thread not found"}


def test_outsider_cannot_join_but_staff_can(app, db, member, outsider, secretariat) -> None:
    thread = thread_in("skills-forum", member)
    assert join(sign_in_socket(app, outsider), thread)["ok"] is False
    staff = sign_in_socket(app, secretariat)
    assert join(staff, thread)["ok"] is True
    assert _send(staff, thread.id)["ok"] is True


def test_observer_may_join_and_post(app, db, member, official) -> None:
    thread = thread_in("skills-forum", member)
    socket = sign_in_socket(app, official)
    assert join(socket, thread)["ok"] is True
    assert _send(socket, thread.id)["ok"] is True


def test_requested_membership_is_not_enough(app, db, member) -> None:
    thread = thread_in("skills-forum", member)
    applicant = make_user("applicant@humber.example", "humber-freeport", name="Ada Applicant")
    db.session.add(Membership(user_id=applicant.id, network_id=network("skills-forum").id, status="requested"))
    db.session.commit()
    assert join(sign_in_socket(app, applicant), thread)["ok"] is False


def test_person_removed_after_connecting_is_refused_at_the_next_event(app, db, member, official) -> None:
    thread = thread_in("skills-forum", member)
    socket = sign_in_socket(app, official)
    assert join(socket, thread)["ok"] is True
    membership = db.session.scalars(select(Membership).filter_by(user_id=official.id)).one()
    membership.status = "removed"
    db.session.commit()
    # The commit cut the connection off (no more broadcasts from the network's rooms) ...
    assert not socket.is_connected(LIVE_NAMESPACE)
    # ... and a connection made before the removal was noticed is refused at its next event.
    socket.connect(namespace=LIVE_NAMESPACE)
    assert socket.is_connected(LIVE_NAMESPACE)
    assert join(socket, thread) == {"ok": False, "error": "Thread not found"}
    assert _send(socket, thread.id) == {"ok": False, "error": "Thread not found"}
    assert _post_count(db) == 1


def test_removal_is_checked_per_event_even_without_the_cut_off(app, db, member, official) -> None:
    thread = thread_in("skills-forum", member)
    socket = sign_in_socket(app, official)
    assert join(socket, thread)["ok"] is True
    # Change the row behind the ORM's back (no session event fires): the next event still re-reads it.
    db.session.execute(Membership.__table__.update().where(Membership.user_id == official.id).values(status="removed"))
    db.session.commit()
    assert socket.is_connected(LIVE_NAMESPACE)
    assert _send(socket, thread.id) == {"ok": False, "error": "Thread not found"}
    assert ack(socket, "reaction.toggle", {"post_id": thread_first_post(db, thread.id), "emoji": "👍"}) == {
        "ok": False, "error": "Message not found"}


def thread_first_post(db: Any, thread_id: int) -> int:
    """The id of the thread's first post."""
    return int(db.session.scalar(select(Post.id).where(Post.thread_id == thread_id, Post.seq == 1)))


def test_revoked_session_is_cut_off(app, db, member) -> None:
    thread = thread_in("skills-forum", member)
    socket = sign_in_socket(app, member)
    assert join(socket, thread)["ok"] is True
    member.end_sessions()
    db.session.commit()
    assert not socket.is_connected(LIVE_NAMESPACE)


def test_revoked_session_is_refused_at_the_next_event(app, db, member) -> None:
    thread = thread_in("skills-forum", member)
    socket = sign_in_socket(app, member)
    db.session.execute(member.__table__.update().where(member.__table__.c.id == member.id)
                       .values(session_version=member.session_version + 1))
    db.session.commit()
    answer = _send(socket, thread.id)
    assert answer == {"ok": False, "error": "Your session has ended. Sign in again to carry on."}
    assert received(socket, "session.ended") == [{"error": "Your session has ended. Sign in again to carry on."}]
    assert not socket.is_connected(LIVE_NAMESPACE)
    assert _post_count(db) == 1
    # And it cannot come back with the same cookie.
    socket.connect(namespace=LIVE_NAMESPACE)
    assert not socket.is_connected(LIVE_NAMESPACE)


def test_deactivated_person_is_cut_off(app, db, member) -> None:
    socket = sign_in_socket(app, member)
    member.active = False
    db.session.commit()
    assert not socket.is_connected(LIVE_NAMESPACE)


def test_other_changes_to_a_person_keep_the_connection(app, db, member) -> None:
    socket = sign_in_socket(app, member)
    member.job_title = "Head of skills"
    db.session.commit()
    assert socket.is_connected(LIVE_NAMESPACE)


def test_forged_author_fields_are_ignored(app, db, member, official) -> None:
    thread = thread_in("skills-forum", member)
    socket = sign_in_socket(app, official)
    forged = {"author": {"id": member.id, "name": member.name}, "author_id": member.id, "user_id": member.id}
    answer = _send(socket, thread.id, **forged)
    assert answer["ok"] is True
    post = db.session.get(Post, answer["post"]["id"])
    assert post.author_id == official.id
    assert answer["post"]["author"]["id"] == official.id


def test_forged_thread_on_edit_is_ignored(app, db, member, convenor) -> None:
    """post.edit works on the post's own thread, whatever thread_id the client adds."""
    mine = thread_in("skills-forum", member)
    theirs = thread_in("innovation-leads", convenor, title="Innovation only")
    socket = sign_in_socket(app, member)
    post_id = thread_first_post(db, mine.id)
    answer = ack(socket, "post.edit", {"post_id": post_id, "body": "Edited", "thread_id": theirs.id})
    assert answer["ok"] is True
    assert answer["post"]["thread_id"] == mine.id
    # And the post of a thread the person cannot see cannot be reached by naming their own thread.
    other = thread_first_post(db, theirs.id)
    assert ack(socket, "post.edit", {"post_id": other, "body": "x", "thread_id": mine.id})["ok"] is False
    assert ack(socket, "reaction.toggle", {"post_id": other, "emoji": "👍", "thread_id": mine.id}) == {
        "ok": False, "error": "Message not found"}


def test_client_never_chooses_a_room(app, db, member, convenor) -> None:
    secret = thread_in("innovation-leads", convenor)
    socket = sign_in_socket(app, member)
    # Naming a room in any payload, or sending Socket.IO's own room events, puts nobody in a room.
    assert ack(socket, "thread.join", {"room": thread_room(secret.id)})["ok"] is False
    assert ack(socket, "thread.join", {"thread_id": secret.id, "room": thread_room(secret.id)})["ok"] is False
    ack(socket, "join", {"room": thread_room(secret.id)})
    ack(socket, "enter_room", thread_room(secret.id))
    sid = socket_sid(socket)
    assert thread_room(secret.id) not in socketio.server.rooms(sid, namespace=LIVE_NAMESPACE)
    received(socket)
    _send(sign_in_socket(app, convenor), secret.id, body="Only for us", client_id="s-1")
    assert all(event.get("thread_id") != secret.id for event in received(socket) if isinstance(event, dict))


def socket_sid(socket: Any) -> str:
    """The server-side sid of a test client's /live connection."""
    return str(socketio.server.manager.sid_from_eio_sid(socket.eio_sid, LIVE_NAMESPACE))


def test_locked_thread_refuses_members_but_not_moderators(app, db, member, secretariat) -> None:
    thread = thread_in("skills-forum", member)
    thread.is_locked = True
    db.session.commit()
    answer = _send(sign_in_socket(app, member), thread.id)
    assert answer == {"ok": False, "error": "This thread is locked", "field": "body"}
    assert _send(sign_in_socket(app, secretariat), thread.id, client_id="staff-1")["ok"] is True


def test_only_the_author_edits_or_deletes(app, db, member, official) -> None:
    thread = thread_in("skills-forum", member)
    post_id = thread_first_post(db, thread.id)
    other = sign_in_socket(app, official)
    assert ack(other, "post.edit", {"post_id": post_id, "body": "Hijacked"}) == {
        "ok": False, "error": "You can only change your own messages"}
    assert ack(other, "post.delete", {"post_id": post_id}) == {
        "ok": False, "error": "You can only delete your own messages"}
    assert db.session.get(Post, post_id).body == "Has anyone transferred levy funds to a supplier?"
    author = sign_in_socket(app, member)
    assert ack(author, "post.edit", {"post_id": post_id, "body": "Changed"})["ok"] is True
    assert ack(author, "post.delete", {"post_id": post_id})["post"]["deleted"] is True


def test_typing_reaches_only_the_thread_room_and_not_the_sender(app, db, member, official, outsider) -> None:
    thread = thread_in("skills-forum", member)
    typist, reader, stranger = (sign_in_socket(app, person) for person in (member, official, outsider))
    join(typist, thread)
    join(reader, thread)
    for socket in (typist, reader, stranger):
        received(socket)
    typist.emit("typing", {"thread_id": thread.id}, namespace=LIVE_NAMESPACE)
    assert received(reader, "typing") == [{"thread_id": thread.id, "user": {"id": member.id, "name": "Mina Member"}}]
    assert received(typist, "typing") == []
    assert received(stranger) == []
    # An outsider's typing in a thread they cannot see goes nowhere.
    stranger.emit("typing", {"thread_id": thread.id}, namespace=LIVE_NAMESPACE)
    assert received(reader, "typing") == []
