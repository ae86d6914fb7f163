"""Reporting a post, and the moderators' queue of reported posts for a network.

Reporting: anyone who can see the post (404 otherwise), once. The queue
(/networks/<slug>/reports): the network's active convenors and the staff only;
everyone else gets 404 (they need not know it exists).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.accounts.models import User
from zone_networks.core.permissions import require
from zone_networks.discussions import bp
from zone_networks.discussions.models import Post, Thread
from zone_networks.discussions.moderation import ModerationError
from zone_networks.discussions.moderation_forms import ConfirmForm, ReportForm
from zone_networks.discussions.moderation_routes import me, moderated_post, post_url
from zone_networks.discussions.queries import membership_for
from zone_networks.discussions.reports import can_report, dismiss_reports, has_reported, report_post, report_queue
from zone_networks.extensions import db
from zone_networks.meetings.fields import add_error
from zone_networks.meetings.models import manages_network
from zone_networks.networks.queries import network_by_slug


def _visible_post(post_id: int) -> tuple[Post, Thread]:
    """The post and its thread if the viewer may see the thread and report the post; otherwise 404."""
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    thread = db.session.get(Thread, post.thread_id)
    if thread is None:
        abort(404)
    membership = membership_for(current_user, thread.network_id)
    require(thread.can_view(current_user, membership))
    require(can_report(current_user, post, thread, membership))
    return post, thread


@bp.route("/posts/<int:post_id>/report", methods=["GET", "POST"])
@login_required
def report_post_page(post_id: int) -> Response | tuple[str, int]:
    """Report a post to the network's convenors and the secretariat."""
    post, thread = _visible_post(post_id)
    if has_reported(current_user, post.id):
        flash(_("You have already reported this message. The convenors and the secretariat will look at it."))
        return redirect(post_url(post), 303)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            stored = report_post(me(), post, form.reason.data or "")
        except ModerationError as error:
            add_error(form.reason, error.message)
        else:
            if stored:
                flash(_("Thank you. Your report has been sent to the convenors and the secretariat."), "success")
            else:
                flash(_("You have already reported this message. The convenors and the secretariat will look at it."))
            return redirect(post_url(post), 303)
    author = db.session.get(User, post.author_id) if post.author_id else None
    page = render_template("discussions/report_form.html", form=form, post=post, thread=thread, author=author)
    return page, 400 if form.errors else 200


@bp.get("/networks/<slug>/reports")
@login_required
def report_queue_page(slug: str) -> str:
    """The network's reported posts waiting for a moderator."""
    network = network_by_slug(slug)
    if network is None:
        abort(404)
    require(manages_network(current_user, membership_for(current_user, network.id), network))
    return render_template("discussions/report_queue.html", network=network, queue=report_queue(network.id))


@bp.post("/posts/<int:post_id>/reports/dismiss")
@login_required
def dismiss_reports_page(post_id: int) -> Response:
    """Close a post's open reports without hiding it."""
    post, thread = moderated_post(post_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    closed = dismiss_reports(me(), post)
    if closed:
        flash(_("Reports dismissed. The message stays as it is."), "success")
    return redirect(url_for("discussions.report_queue_page", slug=thread.network.slug), 303)
