"""Meeting pages anyone may reach: the list of meetings, one meeting, and a network's meetings."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.meetings import (
    actions_panel,
    agenda_panel,
    bp,
    calendar_panel,
    minutes_panel,
    poll_panel,
    rsvp_panel,
)
from zone_networks.meetings.loaders import network_or_404, viewable_meeting
from zone_networks.meetings.models import Meeting, manages_network
from zone_networks.meetings.queries import managed_networks, meetings_page, membership_in, network_series
from zone_networks.networks.models import Membership, Network
from zone_networks.networks.queries import all_networks, network_by_slug

PANELS = {
    "calendar": calendar_panel.meeting_panel,
    "rsvp": rsvp_panel.meeting_panel,
    "agenda": agenda_panel.meeting_panel,
    "minutes": minutes_panel.meeting_panel,
    "actions": actions_panel.meeting_panel,
}


def _when() -> str:
    return "past" if request.args.get("when") == "past" else "upcoming"


@bp.get("/meetings")
def index() -> str:
    """Upcoming or past meetings the viewer may see, optionally for one network."""
    when = _when()
    slug = request.args.get("network", "")
    network = network_by_slug(slug) if slug else None
    page = meetings_page(current_user, requested_page(), upcoming=when == "upcoming", network=network)
    return render_template(
        "meetings/index.html", when=when, network=network, networks=all_networks(), meetings=page,
        pagination=pagination_params(page, anchor="meetings", label=_("Pages of meetings")),
        schedulable=managed_networks(current_user),
    )


def render_meeting(meeting: Meeting, membership: Membership | None, *, status: int = 200,
                   panels: dict[str, dict[str, Any]] | None = None) -> tuple[str, int]:
    """The meeting page; `panels` replaces the context of named parts (a failed form post re-showing it)."""
    contexts = {name: build(meeting, current_user, membership) for name, build in PANELS.items()
                if not panels or name not in panels}
    contexts.update(panels or {})
    page = render_template(
        "meetings/show.html", meeting=meeting, membership=membership, panels=contexts,
        can_manage=meeting.can_manage(current_user, membership),
        can_see_join_link=meeting.can_see_join_link(current_user, membership),
        is_invitee=meeting.is_invitee(current_user, membership),
    )
    return page, status


@bp.get("/meetings/<int:meeting_id>")
def show(meeting_id: int) -> tuple[str, int]:
    """One meeting: when, where, how to join (invitees), and its RSVPs, agenda, minutes and actions."""
    meeting, membership = viewable_meeting(meeting_id)
    return render_meeting(meeting, membership)


def _network_page(network: Network) -> dict[str, Any]:
    membership = membership_in(current_user, network.id)
    when = _when()
    page = meetings_page(current_user, requested_page(), upcoming=when == "upcoming", network=network)
    return {
        "network": network, "membership": membership, "when": when, "meetings": page,
        "pagination": pagination_params(page, anchor="meetings", label=_("Pages of meetings")),
        "series": network_series(network, current_user),
        "can_manage": manages_network(current_user, membership, network),
        "polls_panel": poll_panel.network_panel(network, current_user, membership),
    }


@bp.get("/networks/<slug>/meetings")
def network_meetings(slug: str) -> str:
    """A network's meetings and series (public ones for everyone; all of them for its members)."""
    return render_template("meetings/network_meetings.html", **_network_page(network_or_404(slug)))
