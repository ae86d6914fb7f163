"""Discussion pages: a network's threads, starting a thread, the thread page and replying, unread, posts.json.

Thin routes: load and authorise (loaders.py), call one service, render or
redirect. Every page works without JavaScript; the live layer only adds to it.
Viewing a thread is read-only except for moving the viewer's read marker.
"""

from __future__ import annotations

from typing import Any

from flask import flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.pagination import paginate, pagination_params, requested_page
from zone_networks.discussions import bp
from zone_networks.discussions.errors import PostError
from zone_networks.discussions.forms import NewThreadForm, ReplyForm, new_client_id
from zone_networks.discussions.limits import allow_post
from zone_networks.discussions.loaders import (
    ThreadAccess,
    access_for,
    me,
    post_anchor_url,
    visible_network,
    visible_thread,
)
from zone_networks.discussions.models import Post
from zone_networks.discussions.payloads import posts_payload
from zone_networks.discussions.queries import (
    CATCH_UP_LIMIT,
    first_unread_post,
    membership_for,
    network_threads_query,
    posts_after,
    read_marker,
    read_markers,
    thread_by_id,
    unread_counts,
)
from zone_networks.discussions.rules import can_start_thread, moderates
from zone_networks.discussions.services import create_post, mark_read, start_thread
from zone_networks.discussions.thread_view import last_page, load_thread_page, quoted_post
from zone_networks.extensions import db
from zone_networks.meetings.fields import add_error

THREADS_PER_PAGE = 50


def too_many_posts() -> tuple[str, int]:
    """The GOV.UK page for someone posting faster than POST_RATE_LIMIT allows."""
    return render_template("discussions/too_many.html"), 429


@bp.get("/networks/<slug>/threads")
@login_required
def network_threads(slug: str) -> str:
    """The network's threads: pinned first, then by last activity, with what is new for the viewer."""
    network, membership = visible_network(slug)
    query = network_threads_query(network, moderator=moderates(current_user, network, membership))
    page = paginate(query, requested_page(), THREADS_PER_PAGE)
    ids = [thread.id for thread in page.items]
    return render_template(
        "discussions/threads.html", network=network, page=page, reads=read_markers(current_user, ids),
        unread=unread_counts(current_user, ids), can_start=can_start_thread(current_user, network, membership),
        moderator=moderates(current_user, network, membership),
        pagination=pagination_params(page, anchor="threads", label=_("Pages of threads")),
    )


@bp.route("/networks/<slug>/threads/new", methods=["GET", "POST"])
@login_required
def new_thread(slug: str) -> Response | tuple[str, int]:
    """Start a thread in the network: a title and the first message."""
    network, _membership = visible_network(slug)
    form = NewThreadForm()
    if request.method == "GET":
        form.client_id.data = new_client_id()
    elif form.validate_on_submit():
        if not allow_post(current_user):
            return too_many_posts()
        try:
            thread = start_thread(me(), network, form.title.data or "", form.body.data or "",
                                  client_id=form.client_id.data or None)
        except PostError as error:
            add_error(getattr(form, error.field, form.body), error.message)
        else:
            flash(_("Thread started."), "success")
            return redirect(url_for("discussions.thread_page", thread_id=thread.id), 303)
    page = render_template("discussions/new_thread.html", network=network, form=form)
    return page, 400 if form.errors else 200


def _render_thread(access: ThreadAccess, page_number: int, form: ReplyForm | None = None,
                   status: int = 200) -> tuple[str, int]:
    """Render one page of the thread; on a plain view, move the read marker after rendering (nothing reloads)."""
    quote = quoted_post(access, request.args.get("quote")) if form is None else None
    view = load_thread_page(access, current_user, page_number, form, quote)
    html = render_template("discussions/thread.html", view=view, thread=access.thread, network=access.thread.network)
    if status == 200 and view.newest_seq_shown > view.last_read_seq:
        mark_read(current_user, access.thread, view.newest_seq_shown)
    return html, status


@bp.get("/threads/<int:thread_id>")
@login_required
def thread_page(thread_id: int) -> tuple[str, int]:
    """The thread: its posts in order, 50 a page, with reactions, quotes, edit and delete, and the reply form."""
    return _render_thread(visible_thread(thread_id), requested_page())


@bp.post("/threads/<int:thread_id>/posts")
@login_required
def reply(thread_id: int) -> Response | tuple[str, int]:
    """Post a reply from the form (the same service as the live layer), then show it."""
    access = visible_thread(thread_id)
    thread = access.thread
    form = ReplyForm()
    if form.validate_on_submit():
        if not allow_post(current_user):
            return too_many_posts()
        quote = db.session.get(Post, int(form.quote_of.data)) if form.quote_of.data else None
        try:
            post, _created = create_post(me(), thread, form.body.data or "", client_id=form.client_id.data or None,
                                         quote_of=quote)
        except PostError as error:
            add_error(form.body if error.field in ("client_id", "quote_of", "emoji") else
                      getattr(form, error.field, form.body), error.message)
        except PermissionError:
            return _render_thread(access_for(thread), last_page(thread.post_count))
        else:
            return redirect(post_anchor_url(post), 303)
    if not form.client_id.data:
        form.client_id.data = new_client_id()
    return _render_thread(access, last_page(thread.post_count), form, 400)


@bp.get("/threads/<int:thread_id>/unread")
@login_required
def first_unread(thread_id: int) -> Response:
    """Go to the first post the viewer has not read (or the newest post when they are up to date)."""
    access = visible_thread(thread_id)
    thread = access.thread
    post = first_unread_post(thread.id, read_marker(current_user, thread.id))
    if post is None:
        page = last_page(thread.post_count)
        return redirect(url_for("discussions.thread_page", thread_id=thread.id, page=page if page > 1 else None,
                                _anchor="reply"), 303)
    return redirect(post_anchor_url(post), 303)


@bp.get("/posts/<int:post_id>")
@login_required
def post_link(post_id: int) -> Response:
    """A stable address for one post: the thread page that shows it, at its anchor."""
    from zone_networks.discussions.loaders import visible_post

    post, _access = visible_post(post_id)
    return redirect(post_anchor_url(post), 303)


def _json_error(message: str, status: int) -> Response:
    response = make_response(jsonify({"ok": False, "error": message}), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/threads/<int:thread_id>/posts.json")
def posts_json(thread_id: int) -> Response:
    """Catch-up over HTTP: every post changed after `after` (a change number), in change order, 500 at most.

    `last_seq` is where the next request should start: the thread's change
    counter as read BEFORE the posts (so it never claims a change the answer
    does not hold), or, when `more` is true, the last change in the answer.
    """
    thread = thread_by_id(thread_id)
    if thread is None or not thread.can_view(current_user, membership_for(current_user, thread.network_id)):
        return _json_error(_("Thread not found"), 404)
    raw = request.args.get("after", "0")
    if not raw.isdigit() or len(raw) > 12:
        return _json_error(_("after must be a whole number, 0 or more"), 400)
    counter = thread.last_seq
    posts = posts_after(thread.id, int(raw), CATCH_UP_LIMIT + 1)
    more = len(posts) > CATCH_UP_LIMIT
    posts = posts[:CATCH_UP_LIMIT]
    newest = max((post.change_seq for post in posts), default=int(raw))
    body: dict[str, Any] = {"ok": True, "posts": posts_payload(posts),
                            "last_seq": newest if more else max(counter, newest), "more": more}
    response = make_response(jsonify(body))
    response.headers["Cache-Control"] = "no-store"
    return response
