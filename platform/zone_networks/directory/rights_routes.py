"""Data rights pages: download your data, ask to delete your account, and the secretariat's decisions."""

from __future__ import annotations

from typing import cast

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as BaseResponse

from zone_networks.accounts.models import User
from zone_networks.core.clock import utcnow
from zone_networks.core.permissions import require, secretariat_required
from zone_networks.directory import bp, data_archive, deletion
from zone_networks.directory.rights_forms import (
    CancelDeletionForm,
    ConfirmDeletionForm,
    DeclineDeletionForm,
    DeletionRequestForm,
    DownloadForm,
)
from zone_networks.extensions import db, limiter

Page = str | tuple[str, int] | BaseResponse


def _me() -> User:
    return cast(User, current_user._get_current_object())


def _user_key() -> str:
    return f"user:{current_user.get_id() if current_user.is_authenticated else 'anonymous'}"


def _export_limit() -> str:
    return str(current_app.config.get("DATA_EXPORT_RATE_LIMIT", "10 per hour"))


def _password_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _failed(response: BaseResponse) -> bool:
    """Only wrong passwords count: every success ends in a redirect."""
    return response.status_code != 303


@bp.app_template_global()
def pending_deletion_count() -> int:
    """How many deletion requests wait for the secretariat (for the secretariat's home page)."""
    return deletion.pending_count()


# Your data -------------------------------------------------------------------------------------------

@bp.get("/account/data")
@login_required
def your_data() -> str:
    """What the download holds, and the button to get it."""
    return render_template("directory/rights_data.html", form=DownloadForm())


@bp.post("/account/data.zip")
@login_required
@limiter.limit(_export_limit, key_func=lambda: f"data-export:{_user_key()}")
def download_data() -> Response:
    """Everything the service holds about you, as a zip of JSON and CSV files (CSRF-checked POST)."""
    now = utcnow()
    body = data_archive.build_archive(_me(), now)
    response = Response(body, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{data_archive.filename(now)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


# Deleting your account ---------------------------------------------------------------------------------

@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(_password_limit, methods=["POST"], key_func=_user_key, deduct_when=_failed)
def delete_account() -> Page:
    """Ask to delete your account (with your password), or see and cancel a pending request."""
    person = _me()
    if deletion.is_pending(person):
        return render_template("directory/rights_delete_pending.html", person=person,
                               due_by=deletion.due_by(person), form=CancelDeletionForm())
    form = DeletionRequestForm()
    if form.validate_on_submit():
        try:
            deletion.request_deletion(person, form.password.data or "")
        except deletion.DeletionError as error:
            form[error.field or "password"].errors = [error.message]
        else:
            flash(_("You have asked to delete your account. The secretariat will confirm within %(days)d days.",
                    days=deletion.deletion_days()), "success")
            return redirect(url_for("directory.delete_account"), 303)
    page = render_template("directory/rights_delete.html", form=form, days=deletion.deletion_days())
    return (page, 400) if form.errors else page


@bp.post("/account/delete/cancel")
@login_required
def cancel_delete_account() -> BaseResponse:
    """Withdraw your request to delete your account."""
    form = CancelDeletionForm()
    if form.validate_on_submit() and deletion.cancel_deletion(_me()):
        flash(_("You have cancelled your request. Your account will not be deleted."), "success")
    return redirect(url_for("accounts.account"), 303)


# The secretariat -------------------------------------------------------------------------------------

def _pending_or_404(person_id: int) -> User:
    person = db.session.get(User, person_id)
    if person is None or not deletion.is_pending(person):
        abort(404)
    return person


@bp.get("/admin/deletions")
@secretariat_required
def deletion_requests() -> str:
    """Requests to delete accounts that wait for a decision, oldest first."""
    return render_template("directory/rights_deletions.html", people=deletion.pending_requests(),
                           due_by=deletion.due_by, may_decide=deletion.may_decide, me=_me(),
                           days=deletion.deletion_days())


@bp.route("/admin/deletions/<int:person_id>", methods=["GET", "POST"])
@secretariat_required
def confirm_deletion(person_id: int) -> Page:
    """Check what deleting an account does, then confirm it."""
    person = _pending_or_404(person_id)
    allowed = deletion.may_decide(_me(), person)
    form = ConfirmDeletionForm()
    if form.is_submitted():
        require(allowed, 403)
        if form.validate():
            if deletion.confirm_deletion(_me(), person):
                flash(_("The account has been deleted and the person has been told."), "success")
            else:
                flash(_("Someone else has already decided this request, or it was cancelled."))
            return redirect(url_for("directory.deletion_requests"), 303)
    return render_template("directory/rights_deletion_confirm.html", person=person, form=form, allowed=allowed,
                           due_by=deletion.due_by(person))


@bp.route("/admin/deletions/<int:person_id>/decline", methods=["GET", "POST"])
@secretariat_required
def decline_deletion(person_id: int) -> Page:
    """Decline a request to delete an account, saying why."""
    person = _pending_or_404(person_id)
    require(deletion.may_decide(_me(), person), 403)
    form = DeclineDeletionForm()
    if form.validate_on_submit():
        try:
            decided = deletion.decline_deletion(_me(), person, form.reason.data or "")
        except deletion.DeletionError as error:
            form[error.field or "reason"].errors = [error.message]
        else:
            if decided:
                flash(_("The request has been declined and the person has been told why."), "success")
            else:
                flash(_("Someone else has already decided this request, or it was cancelled."))
            return redirect(url_for("directory.deletion_requests"), 303)
    page = render_template("directory/rights_deletion_decline.html", person=person, form=form)
    return (page, 400) if form.errors else page
