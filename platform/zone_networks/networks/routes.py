"""Public network pages: the home page, the list of networks, a network, and asking to join."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.networks import bp
from zone_networks.networks.forms import JoinRequestForm
from zone_networks.networks.loaders import managed_network, me, membership_in, network_or_404, safe_next
from zone_networks.networks.models import Network
from zone_networks.networks.presenters import summarise
from zone_networks.networks.queries import (
    all_networks,
    all_zones,
    membership_for,
    memberships_by_network,
    own_memberships,
    pending_request_counts_for,
    pending_requests,
    visible_members,
    zone_count,
)
from zone_networks.networks.services import MembershipRuleError, decide_request, request_to_join


@bp.get("/")
def home() -> str:
    """The home page: what the service is, or your networks and what is next."""
    if not current_user.is_authenticated:
        return render_template("networks/home.html", networks=all_networks(), zone_count=zone_count())
    return render_template(
        "networks/home.html",
        active=own_memberships(current_user, "active"),
        requested=own_memberships(current_user, "requested"),
        waiting=pending_request_counts_for(current_user),
    )


@bp.get("/networks")
def index() -> str:
    """The three networks: who they are for, how often they meet, and where you stand."""
    zones = all_zones()
    mine = memberships_by_network(current_user)
    summaries = [summarise(network, zones, current_user, mine.get(network.id)) for network in all_networks()]
    return render_template("networks/index.html", summaries=summaries)


def _render_show(network: Network, form: JoinRequestForm, status: int = 200) -> tuple[str, int]:
    membership = membership_for(current_user, network)
    summary = summarise(network, all_zones(), current_user, membership)
    can_manage = network.can_manage(current_user, membership)
    # Signed-out visitors get no members, no count and no 404 for a page number: nothing about the list leaks.
    members = visible_members(network, current_user, requested_page())
    page = render_template(
        "networks/show.html",
        network=network,
        summary=summary,
        membership=membership,
        members=members,
        pagination=None if members is None else pagination_params(
            members, endpoint="networks.show", slug=network.slug, anchor="members", label=_("Pages of members")),
        can_view_members=members is not None,
        can_manage=can_manage,
        requests=pending_requests(network) if can_manage else [],
        form=form,
    )
    return page, status


@bp.get("/networks/<slug>")
def show(slug: str) -> tuple[str, int]:
    """A network: purpose, eligible zones, members, and asking to join or deciding requests."""
    return _render_show(network_or_404(slug), JoinRequestForm())


@bp.post("/networks/<slug>/join")
@login_required
def request_join(slug: str) -> Response | tuple[str, int]:
    """Ask to join a network, with an optional note."""
    network = network_or_404(slug)
    require(network.can_request_to_join(current_user, membership_for(current_user, network)), 403)
    form = JoinRequestForm()
    if not form.validate_on_submit():
        return _render_show(network, form, 400)
    try:
        request_to_join(me(), network, form.note.data or "")
    except MembershipRuleError as error:
        flash(str(error))
        return redirect(url_for("networks.show", slug=network.slug), 303)
    flash(_("You have asked to join the %(network)s. A convenor or the secretariat will decide, and we will "
            "email you.", network=network.name), "success")
    return redirect(url_for("networks.show", slug=network.slug), 303)


def _decide(slug: str, membership_id: int, approve: bool) -> Response:
    network, _mine = managed_network(slug)
    target = membership_in(network, membership_id)
    # CSRFProtect has already checked the token (every POST); `next` is checked by safe_next().
    back = safe_next(url_for("networks.show", slug=network.slug))
    if target.status != "requested" or not decide_request(me(), target, approve):
        flash(_("This request has already been decided."))
        return redirect(back, 303)
    if approve:
        message = _("You approved %(name)s's request to join the %(network)s.", name=target.user.name,
                    network=network.name)
    else:
        message = _("You declined %(name)s's request to join the %(network)s.", name=target.user.name,
                    network=network.name)
    flash(message, "success")
    return redirect(back, 303)


@bp.post("/networks/<slug>/requests/<int:membership_id>/approve")
@login_required
def approve_request(slug: str, membership_id: int) -> Response:
    """Approve a join request (convenors and the secretariat)."""
    return _decide(slug, membership_id, approve=True)


@bp.post("/networks/<slug>/requests/<int:membership_id>/decline")
@login_required
def decline_request(slug: str, membership_id: int) -> Response:
    """Decline a join request (convenors and the secretariat)."""
    return _decide(slug, membership_id, approve=False)
