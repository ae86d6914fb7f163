"""Pages: your notifications, opening one, marking all as read, email settings and unsubscribing."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.accounts.models import User
from zone_networks.core.pagination import paginate, pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.core.security import is_safe_next
from zone_networks.notifications import bp, queries, services
from zone_networks.notifications.emails import KIND_LABELS
from zone_networks.notifications.forms import KIND_NAMES, KIND_QUESTIONS, ActionForm, PreferencesForm, UnsubscribeForm
from zone_networks.notifications.models import KINDS
from zone_networks.notifications.tokens import read_unsubscribe_token

Page = str | tuple[str, int] | Response


def _me() -> User:
    user: User = current_user._get_current_object()
    return user


@bp.route("/notifications")
@login_required
def index() -> Page:
    """Your notifications, newest first; unread ones marked "New"."""
    user = _me()
    page = paginate(queries.own_notifications(user), requested_page(), count_query=queries.own_count(user))
    unread = queries.unread_count(user.id) if page.total else 0
    g._zn_unread_notifications = unread  # the header badge shows the same number: no second count
    return render_template("notifications/index.html", page=page, unread=unread, form=ActionForm(),
                           kind_names=KIND_NAMES, pagination=pagination_params(page, anchor="notifications"))


@bp.route("/notifications/<int:notification_id>/open", methods=["POST"])
@login_required
def open_one(notification_id: int) -> Response:
    """Mark one of your notifications as read and go to what it is about."""
    user = _me()
    notification = queries.own_notification(user, notification_id)
    require(notification is not None)
    assert notification is not None
    require(ActionForm().validate_on_submit(), 400)
    target = services.open_notification(user, notification)
    return redirect(target if is_safe_next(target) else url_for("notifications.index"))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def read_all() -> Response:
    """Mark all your notifications as read."""
    require(ActionForm().validate_on_submit(), 400)
    services.mark_all_read(_me())
    flash(_("All your notifications are marked as read"), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/notifications/settings", methods=["GET", "POST"])
@login_required
def settings() -> Page:
    """Choose, for each kind of notification, whether to be emailed immediately, daily or never."""
    user = _me()
    form = PreferencesForm(data=queries.preferences(user.id))
    if form.validate_on_submit():
        services.save_preferences(user, {kind: str(form[kind].data) for kind in KINDS})
        flash(_("Your email choices have been saved"), "success")
        return redirect(url_for("notifications.settings"))
    status = 400 if form.errors else 200
    return render_template("notifications/settings.html", form=form, kinds=list(KIND_QUESTIONS)), status


def _token_or_404(token: str) -> tuple[int, str] | None:
    if len(token) > 500:
        return None
    return read_unsubscribe_token(token)


@bp.route("/notifications/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str) -> Page:
    """Stop one kind of email from a link in an email (no sign-in needed): confirm, then POST."""
    found = _token_or_404(token)
    if found is None:
        return render_template("notifications/unsubscribe_invalid.html"), 404
    user_id, kind = found
    form = UnsubscribeForm()
    if form.validate_on_submit():
        if not services.unsubscribe(user_id, kind):
            return render_template("notifications/unsubscribe_invalid.html"), 404
        return render_template("notifications/unsubscribed.html", what=KIND_LABELS[kind])
    if form.errors or form.is_submitted():
        abort(400)
    return render_template("notifications/unsubscribe.html", form=form, what=KIND_LABELS[kind], token=token)
