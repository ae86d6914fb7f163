"""The invitation link: set up an account (or use an existing one) and join the invited networks.

A link that does not match any invitation gets 404; one that has expired,
been revoked or already been used gets 410 Gone. Neither page shows the
invited email address.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from zone_networks.accounts.models import User
from zone_networks.networks import bp
from zone_networks.networks.forms import AcceptInvitationForm, ConfirmForm, organisation_choices
from zone_networks.networks.invitations import InvitationError, accept_as_existing_user, accept_as_new_user
from zone_networks.networks.loaders import me
from zone_networks.networks.models import Invitation, Network
from zone_networks.networks.queries import invitation_by_token, joinable_organisations, user_by_email


def _unusable(status: str | None) -> tuple[str, int]:
    """The page for a link that cannot be used: 404 if unknown, 410 if expired, revoked or used."""
    return render_template("networks/invitation_unusable.html", status=status), 404 if status is None else 410


def _joined(networks: list[Network]) -> Response:
    names = ", ".join(network.name for network in networks)
    flash(_("Welcome to Zone Networks. You have joined: %(networks)s.", networks=names), "success")
    return redirect(url_for("networks.show", slug=networks[0].slug), 303)


def _start_session(user: User) -> None:
    """Sign the new person in on a fresh session (no fixation); only the visit's language survives."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    login_user(user)


def _new_account_form(invitation: Invitation) -> AcceptInvitationForm:
    form = AcceptInvitationForm()
    zones, government = joinable_organisations()
    form.organisation.choices = organisation_choices(zones, government)
    form.account_email = invitation.email  # for the password policy's "not your email" rule
    return form


@bp.after_request
def _keep_invitation_links_private(response: Response) -> Response:
    """Invitation pages carry a secret in their address and a personal email: never store them in caches.

    (The app-wide referrer policy, strict-origin-when-cross-origin, already keeps the address from other sites.)
    """
    if request.endpoint == "networks.accept_invitation":
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> Response | tuple[str, int]:
    """Accept an invitation: a new person creates their account; an existing one confirms."""
    invitation = invitation_by_token(token)
    if invitation is None or not invitation.is_usable:
        return _unusable(invitation.status if invitation is not None else None)
    existing = user_by_email(invitation.email)
    context = {"invitation": invitation, "token": token}

    if current_user.is_authenticated and current_user.email != invitation.email:
        return render_template("networks/invitation_notice.html", kind="other_account", **context), 200

    if existing is not None:
        if not existing.active:
            return render_template("networks/invitation_notice.html", kind="inactive", **context), 200
        if not current_user.is_authenticated:
            return render_template("networks/invitation_notice.html", kind="sign_in", **context), 200
        form = ConfirmForm()
        if form.validate_on_submit():
            try:
                networks = accept_as_existing_user(invitation, me())
            except InvitationError:
                networks = None
            if networks is None:
                return _unusable("accepted")
            return _joined(networks)
        return render_template("networks/invitation_existing.html", form=form, **context), 200

    form = _new_account_form(invitation)
    if form.validate_on_submit():
        zones, government = joinable_organisations()
        organisation = next(org for org in zones + government if org.slug == form.organisation.data)
        result = accept_as_new_user(
            invitation,
            name=form.name.data or "",
            organisation=organisation,
            job_title=form.job_title.data or "",
            password=form.password.data or "",
        )
        if result is None:
            return _unusable("accepted")
        user, networks = result
        _start_session(user)
        return _joined(networks)
    status = 400 if form.errors else 200
    return render_template("networks/invitation_accept.html", form=form, **context), status
