"""Secretariat pages: the secretariat home, join requests across networks, invitations and the audit log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.core.permissions import secretariat_required
from zone_networks.extensions import db
from zone_networks.networks import bp
from zone_networks.networks.forms import invitation_form
from zone_networks.networks.invitations import (
    InvitationError,
    Offer,
    create_invitation,
    resend_invitation,
    revoke_invitation,
)
from zone_networks.networks.loaders import me
from zone_networks.networks.models import Invitation
from zone_networks.networks.queries import (
    all_networks,
    audit_page,
    count_pending_invitations,
    invitations_page,
    pending_requests_for,
)

PER_PAGE = 50  # rows on each page of the invitations and the audit log


@bp.get("/admin")
@secretariat_required
def admin_home() -> str:
    """The secretariat's home: invitations, join requests and the audit log."""
    return render_template(
        "networks/admin_home.html",
        request_count=len(pending_requests_for(me())),
        invitation_count=count_pending_invitations(),
        networks=all_networks(),
    )


@bp.get("/admin/requests")
@secretariat_required
def admin_requests() -> str:
    """Join requests waiting for a decision, across every network."""
    return render_template("networks/admin_requests.html", requests=pending_requests_for(me()))


@bp.get("/admin/audit")
@secretariat_required
def audit() -> str:
    """The audit log of membership decisions and invitations, newest first."""
    page = audit_page(requested_page(), PER_PAGE)
    return render_template("networks/audit.html", events=page.items, total=page.total,
                           pagination=pagination_params(page, label=_("Pages of the audit log")))


@bp.get("/admin/invitations")
@secretariat_required
def invitations() -> str:
    """Every invitation, newest first, with its status and actions."""
    page = invitations_page(requested_page(), PER_PAGE)
    return render_template("networks/invitations.html", invitations=page.items, total=page.total,
                           pagination=pagination_params(page, label=_("Pages of invitations")))


@bp.route("/admin/invitations/new", methods=["GET", "POST"])
@secretariat_required
def new_invitation() -> Response | tuple[str, int]:
    """Invite an email address to one or more networks."""
    networks = all_networks()
    form = invitation_form(networks)
    if form.validate_on_submit():
        offers = [Offer(network, role) for network, role in form.offers()]
        try:
            invitation, sent = create_invitation(me(), form.email.data or "", offers)
        except InvitationError as error:
            form.email.errors = [str(error)]
        else:
            if sent:
                flash(_("Invitation sent to %(email)s.", email=invitation.email), "success")
            else:
                flash(_("The invitation to %(email)s was saved, but the email could not be sent. Use Resend.",
                        email=invitation.email))
            return redirect(url_for("networks.invitations"), 303)
    status = 400 if form.errors else 200
    return render_template("networks/invitation_new.html", form=form), status


def _invitation_or_404(invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None:
        abort(404)
    return invitation


@bp.post("/admin/invitations/<int:invitation_id>/revoke")
@secretariat_required
def revoke(invitation_id: int) -> Response:
    """Withdraw an invitation so its link stops working."""
    invitation = _invitation_or_404(invitation_id)
    if revoke_invitation(me(), invitation):
        flash(_("The invitation to %(email)s has been revoked.", email=invitation.email), "success")
    else:
        flash(_("This invitation has already been accepted or revoked."))
    return redirect(url_for("networks.invitations"), 303)


@bp.post("/admin/invitations/<int:invitation_id>/resend")
@secretariat_required
def resend(invitation_id: int) -> Response:
    """Send a new link for an invitation (the old link stops working) and extend its expiry."""
    invitation = _invitation_or_404(invitation_id)
    try:
        sent = resend_invitation(me(), invitation)
    except InvitationError as error:
        flash(str(error))
        return redirect(url_for("networks.invitations"), 303)
    if sent:
        flash(_("A new invitation link has been sent to %(email)s.", email=invitation.email), "success")
    else:
        flash(_("A new link was made for %(email)s, but the email could not be sent. Try again.",
                email=invitation.email))
    return redirect(url_for("networks.invitations"), 303)
