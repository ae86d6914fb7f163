"""Two people in one thread on a real server see each other's posts, numbered by the thread's sequence."""

from __future__ import annotations

from zone_networks.discussions.models import Post, Thread


def _created(client, post_id: int):
    """The post.created event for `post_id` that `client` received, or None."""
    for data in client.named("post.created"):
        if data["post"]["id"] == post_id:
            return data
    return None


def test_two_clients_see_each_others_posts_in_sequence(live, db, people, cookie_for, socket_clients, thread_for):
    ann = people.member("ann@humber.example")
    ben = people.member("ben@glasgow.example", org_slug="glasgow-city-region-investment-zone")
    thread_id = thread_for(ann)
    ann_socket = socket_clients(live, cookie_for(live, ann))
    ben_socket = socket_clients(live, cookie_for(live, ben))

    joined = ben_socket.join(thread_id, after_seq=0)
    assert [post["seq"] for post in joined["posts"]] == [1]  # the thread's first post
    assert joined["last_seq"] == 1
    ann_socket.join(thread_id, after_seq=1)

    ack = ann_socket.send(thread_id, "Hello from **Ann**", "ann-1")
    assert ack["ok"], ack
    first = ack["post"]
    assert (first["seq"], first["change_seq"], first["client_id"]) == (2, 2, "ann-1")
    assert ben_socket.wait_for(lambda events: _created(ben_socket, first["id"]) is not None, timeout=5)
    event = _created(ben_socket, first["id"])
    assert event["thread_id"] == thread_id and event["seq"] == 2
    assert event["post"]["author"]["name"] == ann.name
    assert "<strong>Ann</strong>" in event["post"]["body_html"]

    reply = ben_socket.send(thread_id, "Hello back", "ben-1")
    assert reply["ok"], reply
    assert ann_socket.wait_for(lambda events: _created(ann_socket, reply["post"]["id"]) is not None, timeout=5)
    assert _created(ann_socket, reply["post"]["id"])["seq"] == 3

    # The events match what the database stored.
    db.session.remove()
    thread = db.session.get(Thread, thread_id)
    assert (thread.last_seq, thread.last_post_seq, thread.post_count) == (3, 3, 3)
    stored = db.session.execute(
        db.select(Post.id, Post.seq, Post.change_seq).where(Post.thread_id == thread_id).order_by(Post.seq)
    ).all()
    assert [(row.id, row.seq) for row in stored][1:] == [(first["id"], 2), (reply["post"]["id"], 3)]


def test_a_client_of_someone_outside_the_network_is_refused(live, db, people, cookie_for, socket_clients,
                                                            thread_for):
    ann = people.member("ann@humber.example")
    stranger = people.member("stranger@wrexham.example", network_slug="net-zero",
                             org_slug="wrexham-and-flintshire-investment-zone")
    thread_id = thread_for(ann)
    ann_socket = socket_clients(live, cookie_for(live, ann))
    ann_socket.join(thread_id)
    outsider = socket_clients(live, cookie_for(live, stranger))

    refused = outsider.call("thread.join", {"thread_id": thread_id, "after_seq": 0})
    assert not refused.get("ok")
    assert "posts" not in refused
    sent = outsider.call("post.create", {"thread_id": thread_id, "body": "Let me in", "client_id": "x-1"})
    assert not sent.get("ok")

    ack = ann_socket.send(thread_id, "Members only", "ann-2")
    assert ack["ok"]
    assert ann_socket.wait_for(lambda events: _created(ann_socket, ack["post"]["id"]) is not None, timeout=5)
    assert outsider.named("post.created") == []
    db.session.remove()
    assert db.session.execute(db.select(db.func.count(Post.id)).where(Post.client_id == "x-1")).scalar_one() == 0
