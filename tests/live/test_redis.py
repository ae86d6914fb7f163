"""Two server processes sharing a real Redis: posts and presence reach clients on the other process."""

from __future__ import annotations


def _has_post(client, post_id: int) -> bool:
    return any(data["post"]["id"] == post_id for data in client.named("post.created"))


def _viewer_names(data: dict) -> list[str]:
    return [viewer["name"] for viewer in data["viewers"]]


def test_posts_and_presence_cross_processes(live_pair, db, people, cookie_for, socket_clients, thread_for):
    first, second = live_pair
    ann = people.member("ann@humber.example")
    ben = people.member("ben@humber.example")
    thread_id = thread_for(ann)
    on_first = socket_clients(first, cookie_for(first, ann))
    on_second = socket_clients(second, cookie_for(second, ben))

    on_first.join(thread_id)
    on_second.join(thread_id)
    # Presence is kept in Redis: the client on the first process sees the person who joined on the second.
    assert on_first.wait_for(
        lambda events: any(
            name == "presence" and data["thread_id"] == thread_id and _viewer_names(data) == [ann.name, ben.name]
            for name, data in events
        ),
        timeout=5,
    ), on_first.named("presence")

    sent = on_second.send(thread_id, "Posted through the second process", "ben-1")
    assert sent["ok"], sent
    assert on_first.wait_for(lambda events: _has_post(on_first, sent["post"]["id"]), timeout=5)
    event = next(data for data in on_first.named("post.created") if data["post"]["id"] == sent["post"]["id"])
    assert event["seq"] == sent["post"]["change_seq"] == 2

    reply = on_first.send(thread_id, "And back through the first", "ann-1")
    assert reply["ok"], reply
    assert on_second.wait_for(lambda events: _has_post(on_second, reply["post"]["id"]), timeout=5)

    # Leaving on the second process shows on the first.
    on_second.close()
    assert on_first.wait_for(
        lambda events: name_is_alone(events, thread_id, ann.name), timeout=5
    ), on_first.named("presence")


def name_is_alone(events: list, thread_id: int, name: str) -> bool:
    """Whether the latest presence event for the thread lists only `name`."""
    latest = [data for event, data in events if event == "presence" and data["thread_id"] == thread_id]
    return bool(latest) and _viewer_names(latest[-1]) == [name]
