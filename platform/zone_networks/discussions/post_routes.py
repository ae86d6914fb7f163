"""Pages for one post: edit (author), its history (who can see the thread), delete (author) and reactions.

Someone who may not see the thread gets 404; someone who can see it but is
not the author gets 403 for edit and delete.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from zone_networks.core.permissions import require
from zone_networks.discussions import bp
from zone_networks.discussions.errors import PostError
from zone_networks.discussions.forms import ConfirmDeleteForm, EditForm, ReactionForm
from zone_networks.discussions.loaders import me, own_post, post_anchor_url, visible_post
from zone_networks.discussions.models import PostRevision
from zone_networks.discussions.services import delete_post, edit_post, toggle_reaction
from zone_networks.extensions import db
from zone_networks.meetings.fields import add_error


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post_page(post_id: int) -> Response | tuple[str, int]:
    """The author changes their message; the old text is kept in its history."""
    post, access = own_post(post_id)
    require(not post.is_hidden, 403)
    form = EditForm()
    if not form.is_submitted():
        form.body.data = post.body
    elif form.validate_on_submit():
        try:
            edit_post(me(), post, form.body.data or "")
        except PostError as error:
            add_error(form.body, error.message)
        else:
            flash(_("Message updated."), "success")
            return redirect(post_anchor_url(post), 303)
    page = render_template("discussions/edit_post.html", form=form, post=post, thread=access.thread)
    return page, 400 if form.errors else 200


@bp.get("/posts/<int:post_id>/history")
@login_required
def post_history(post_id: int) -> str:
    """Every earlier text of a message, newest first. A deleted or hidden message's history is for moderators."""
    post, access = visible_post(post_id)
    if post.is_deleted or post.is_hidden:
        require(access.can_moderate)
    query = (select(PostRevision).where(PostRevision.post_id == post.id)
             .order_by(PostRevision.number.desc()))
    revisions = list(db.session.scalars(query))
    editors = {}
    ids = {revision.editor_id for revision in revisions if revision.editor_id} | (
        {post.author_id} if post.author_id else set())
    if ids:
        from zone_networks.accounts.models import User

        editors = {person.id: person for person in db.session.scalars(
            select(User).where(User.id.in_(ids)).options(selectinload(User.organisation)))}
    return render_template("discussions/history.html", post=post, thread=access.thread, revisions=revisions,
                           people=editors, author=editors.get(post.author_id or 0))


@bp.route("/posts/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post_page(post_id: int) -> Response | tuple[str, int]:
    """Ask the author to confirm, then delete their message (a tombstone keeps its place)."""
    post, access = own_post(post_id)
    form = ConfirmDeleteForm()
    if form.validate_on_submit():
        try:
            delete_post(me(), post)
        except PostError as error:
            flash(error.message)
        else:
            flash(_("Message deleted."), "success")
        return redirect(post_anchor_url(post), 303)
    return render_template("discussions/delete_post.html", form=form, post=post, thread=access.thread), 200


@bp.post("/posts/<int:post_id>/reactions")
@login_required
def react(post_id: int) -> Response:
    """Add or take away one of the viewer's reactions, then go back to the post."""
    post, _access = visible_post(post_id)
    form = ReactionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        toggle_reaction(current_user, post, form.emoji.data or "")
    except PostError as error:
        flash(error.message)
    return redirect(post_anchor_url(post), 303)
