"""A whole conversation through the HTML forms only (no JavaScript): start, reply, mention, quote, react, edit."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from tests.discussions.conftest import posts_of
from tests.helpers import submit, text_of
from zone_networks.accounts.models import User
from zone_networks.discussions.models import Thread
from zone_networks.extensions import db as _db
from zone_networks.notifications.models import Notification

Login = Callable[[User], FlaskClient]


def test_a_conversation_without_javascript(client: FlaskClient, login: Login, member: User,
                                           official: User) -> None:
    login(member)
    started = submit(client, "/networks/skills-forum/threads/new",
                     {"title": "Welsh apprenticeships", "body": "What works, @olwen-official?"}, follow_redirects=True)
    assert "Thread started." in text_of(started)
    thread = _db.session.scalars(select(Thread)).one()
    first = posts_of(thread.id)[0]
    assert f'<a href="/people/{official.id}">@olwen-official</a>' in first.body_html

    login(official)
    listing = text_of(client.get("/networks/skills-forum/threads"))
    assert "1 new" in listing
    quoted = text_of(client.get(f"/threads/{thread.id}?quote={first.id}"))
    assert "&gt; What works, @olwen-official?" in quoted
    reply = submit(client, f"/threads/{thread.id}/posts",
                   {"body": "> What works, @olwen-official?\n\nShared apprenticeships.", "quote_of": str(first.id)},
                   form_url=f"/threads/{thread.id}", follow_redirects=True)
    assert "Shared apprenticeships." in text_of(reply) and "Replying to Mina Member" in text_of(reply)
    second = posts_of(thread.id)[1]
    submit(client, f"/posts/{first.id}/reactions", {"emoji": "💡"}, form_url=f"/threads/{thread.id}")

    login(member)
    kinds = {(row.user_id, row.kind) for row in _db.session.scalars(select(Notification))}
    assert kinds == {(official.id, "mention"), (member.id, "reply")}
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert "Good idea: 1" in page
    submit(client, f"/posts/{first.id}/edit", {"body": "What works for you, @olwen-official?"})
    submit(client, f"/posts/{first.id}/delete", {})
    page = text_of(client.get(f"/threads/{thread.id}"))
    assert "This message was deleted" in page and "Shared apprenticeships." in page
    assert posts_of(thread.id)[1].id == second.id
