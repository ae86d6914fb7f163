"""Moderation pages: hide a post (confirmation with a reason), show it again, lock / unlock and pin / unpin a thread.

Only the network's active convenors and the staff (Thread.can_moderate):
people who cannot see the thread get 404, people who can see it but not
moderate get 403. Every change is a POST with a CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.accounts.models import User
from zone_networks.core.permissions import require
from zone_networks.discussions import bp
from zone_networks.discussions.models import Post, Thread
from zone_networks.discussions.moderation import (
    HiddenNote,
    ModerationError,
    hidden_notes,
    hide_post,
    lock_thread,
    pin_thread,
    show_post,
    unlock_thread,
    unpin_thread,
)
from zone_networks.discussions.moderation_forms import ConfirmForm, HideForm
from zone_networks.discussions.queries import membership_for
from zone_networks.discussions.reports import open_report_count
from zone_networks.discussions.writing import post_path
from zone_networks.extensions import db
from zone_networks.meetings.fields import add_error


def thread_url(thread: Thread) -> str:
    """The thread's page."""
    return url_for("discussions.thread_page", thread_id=thread.id)


def post_url(post: Post) -> str:
    """The address that shows the post (it redirects to the right page of the thread)."""
    return post_path(post)


def me() -> User:
    """The signed-in user as a real User (call only after login_required)."""
    return cast(User, current_user._get_current_object())


def moderated_thread(thread_id: int) -> Thread:
    """The thread, if the viewer may moderate it: 404 if they may not see it, 403 if they see but may not moderate."""
    thread = db.session.get(Thread, thread_id)
    if thread is None:
        abort(404)
    membership = membership_for(current_user, thread.network_id)
    require(thread.can_view(current_user, membership))
    require(thread.can_moderate(current_user, membership), 403)
    return thread


def moderated_post(post_id: int) -> tuple[Post, Thread]:
    """The post and its thread, if the viewer may moderate it (404 / 403 as for the thread)."""
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    return post, moderated_thread(post.thread_id)


@bp.route("/posts/<int:post_id>/hide", methods=["GET", "POST"])
@login_required
def moderate_hide(post_id: int) -> Response | tuple[str, int]:
    """Ask a moderator why, then hide the post from everyone (a tombstone remains)."""
    post, thread = moderated_post(post_id)
    if post.is_hidden or post.is_deleted:
        flash(_("This message is already hidden.") if post.is_hidden else _("This message was deleted by its author."))
        return redirect(post_url(post), 303)
    form = HideForm()
    if form.validate_on_submit():
        try:
            hide_post(me(), post, form.reason.data or "")
        except ModerationError as error:
            add_error(form.reason, error.message)
        else:
            flash(_("Message hidden. Only moderators can see what it said."), "success")
            if request.args.get("from") == "reports":
                return redirect(url_for("discussions.report_queue_page", slug=thread.network.slug), 303)
            return redirect(post_url(post), 303)
    author = db.session.get(User, post.author_id) if post.author_id else None
    page = render_template("discussions/moderation_hide.html", form=form, post=post, thread=thread, author=author)
    return page, 400 if form.errors else 200


@bp.route("/posts/<int:post_id>/show", methods=["GET", "POST"])
@login_required
def moderate_show(post_id: int) -> Response | str:
    """Ask to confirm, then show a hidden post to everyone again."""
    post, thread = moderated_post(post_id)
    if not post.is_hidden:
        return redirect(post_url(post), 303)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if show_post(me(), post):
            flash(_("Message shown again."), "success")
        return redirect(post_url(post), 303)
    author = db.session.get(User, post.author_id) if post.author_id else None
    return render_template("discussions/moderation_show.html", form=form, post=post, thread=thread, author=author,
                           note=moderation_note(post))


def _thread_action(thread_id: int, action: Callable[[User, Thread], bool], done: str) -> Response:
    thread = moderated_thread(thread_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if action(me(), thread):
        flash(done, "success")
    return redirect(thread_url(thread), 303)


@bp.post("/threads/<int:thread_id>/lock")
@login_required
def moderate_lock(thread_id: int) -> Response:
    """Lock the thread: only moderators may post until it is unlocked."""
    return _thread_action(thread_id, lock_thread, _("Thread locked. Only moderators can post until it is unlocked."))


@bp.post("/threads/<int:thread_id>/unlock")
@login_required
def moderate_unlock(thread_id: int) -> Response:
    """Unlock the thread."""
    return _thread_action(thread_id, unlock_thread, _("Thread unlocked. Members can post again."))


@bp.post("/threads/<int:thread_id>/pin")
@login_required
def moderate_pin(thread_id: int) -> Response:
    """Pin the thread to the top of the network's list."""
    return _thread_action(thread_id, pin_thread, _("Thread pinned to the top of the list."))


@bp.post("/threads/<int:thread_id>/unpin")
@login_required
def moderate_unpin(thread_id: int) -> Response:
    """Unpin the thread."""
    return _thread_action(thread_id, unpin_thread, _("Thread unpinned."))


def moderation_note(post: Post) -> HiddenNote | None:
    """Why and by whom a hidden post was hidden (for moderators' templates); one query per thread and request."""
    if post.hidden_at is None:
        return None
    cache: dict[int, dict[int, HiddenNote]] = g.setdefault("zn_hidden_notes", {})
    if post.thread_id not in cache:
        cache[post.thread_id] = hidden_notes(post.thread_id)
    return cache[post.thread_id].get(post.id)


def reports_to_review(network_id: int) -> int:
    """How many open reports wait in the network's queue (only call it for moderators)."""
    return open_report_count(network_id)


bp.add_app_template_global(moderation_note, "moderation_note")
bp.add_app_template_global(reports_to_review, "reports_to_review")
