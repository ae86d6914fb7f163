"""Challenge board pages: the board, posting a challenge, one challenge, editing it.

Everything needs a signed-in person; a challenge is seen by whoever may see
its thread (404 for everyone else). The buttons and the offer form are in
action_routes.py.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.accounts.models import User
from zone_networks.casestudies.queries import all_sectors, all_zones, document_choices
from zone_networks.challenges import bp
from zone_networks.challenges.errors import ChallengeError
from zone_networks.challenges.filters import ChallengeFilters, Vocabulary
from zone_networks.challenges.forms import ChallengeForm, OfferForm
from zone_networks.challenges.labels import SORT_LABELS
from zone_networks.challenges.listing import board_url, build_facets, removable
from zone_networks.challenges.loaders import me, viewable_challenge
from zone_networks.challenges.models import Challenge
from zone_networks.challenges.page import page_context
from zone_networks.challenges.queries import case_study_choices, challenges_page, person_choices, postable_networks
from zone_networks.challenges.rules import can_edit
from zone_networks.challenges.services import post_challenge, update_challenge
from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.extensions import db
from zone_networks.meetings.fields import add_error
from zone_networks.zones.labels import sector_label
from zone_networks.zones.models import Zone

DEFAULT_NETWORK = "innovation-leads"


@bp.get("/challenges")
@login_required
def index() -> str:
    """The challenges the viewer may see, with filters (status, theme, sector, zone) and a sort order."""
    vocabulary = Vocabulary.load()
    filters = ChallengeFilters.from_args(request.args, vocabulary)
    page = challenges_page(current_user, filters, requested_page())
    facets = build_facets(filters, vocabulary)
    return render_template(
        "challenges/index.html",
        filters=filters,
        facets=facets,
        challenges=page,
        removable=removable(filters, facets),
        clear_url=board_url(filters.cleared()),
        sorts=SORT_LABELS,
        pagination=pagination_params(page, anchor="results", label=_("Pages of challenges")),
        can_post=bool(postable_networks(current_user)),
    )


def _sector_choices() -> list[tuple[int, str]]:
    return [(sector_id, sector_label(slug, name)) for sector_id, slug, name in all_sectors()]


def _rule_error(form: Any, error: ChallengeError) -> None:
    add_error(getattr(form, error.field, None) or form.title, error.message)


def _form_page(form: ChallengeForm, challenge: Challenge | None, **extra: Any) -> tuple[str, int]:
    status = 400 if form.errors else 200
    return render_template("challenges/form.html", form=form, challenge=challenge, **extra), status


@bp.route("/challenges/new", methods=["GET", "POST"])
@login_required
def new() -> Response | tuple[str, int]:
    """Post a challenge for your zone in one of your networks (the staff choose the zone)."""
    user = me()
    networks = postable_networks(user)
    zone = user.zone
    if not networks or (zone is None and not user.is_staff):
        return render_template("challenges/cannot_post.html", has_network=bool(networks)), 200
    if request.method == "POST":
        form = ChallengeForm()
    else:
        default = next((network.id for network in networks if network.slug == DEFAULT_NETWORK), networks[0].id)
        form = ChallengeForm(formdata=None, data={"network": str(default)})
    form.set_choices(networks=[(network.id, network.name) for network in networks],
                     zones=all_zones() if user.is_staff else None, sectors=_sector_choices())
    if form.validate_on_submit():
        network = next(network for network in networks if str(network.id) == str(form.network.data))
        chosen = db.session.get(Zone, int(form.zone.data)) if user.is_staff else zone
        assert chosen is not None
        try:
            challenge = post_challenge(user, network, chosen, form.details())
        except ChallengeError as error:
            _rule_error(form, error)
        else:
            flash(_("Challenge posted. The members of the %(network)s can see it.", network=network.name),
                  "success")
            return redirect(url_for("challenges.show", challenge_id=challenge.id), 303)
    return _form_page(form, None, zone=zone)


def offer_form(user: Any, challenge: Challenge, form: OfferForm | None = None) -> OfferForm:
    """The offer of help form with its choices (a fresh client_id each time it is shown)."""
    if form is None:
        form = OfferForm(formdata=None, data={"client_id": uuid4().hex})
    people = person_choices(challenge.thread.network_id, exclude_id=user.id)
    form.set_choices(
        people=[(person_id, f"{name} ({organisation})") for person_id, name, organisation in people],
        documents=[(document.id, document.title) for document in document_choices(user, [])],
        case_studies=case_study_choices(user),
    )
    return form


def show_page(challenge: Challenge, membership: Any, form: OfferForm | None = None) -> tuple[str, int]:
    """Render the challenge page (with the offer form's errors when `form` is given)."""
    context = page_context(current_user, challenge, membership)
    if context["can_offer"]:
        form = offer_form(current_user, challenge, form)
    status = 400 if form is not None and form.errors else 200
    return render_template("challenges/show.html", offer=form, **context), status


@bp.get("/challenges/<int:challenge_id>")
@login_required
def show(challenge_id: int) -> tuple[str, int]:
    """One challenge: the problem, who has it too, the offers of help and the discussion."""
    challenge, membership = viewable_challenge(challenge_id)
    return show_page(challenge, membership)


def _edit_data(challenge: Challenge) -> dict[str, Any]:
    return {
        "title": challenge.title, "theme": challenge.theme, "problem": challenge.problem, "tried": challenge.tried,
        "help_wanted": challenge.help_wanted, "sectors": [sector.id for sector in challenge.sectors],
        "zone": str(challenge.zone_id),
    }


@bp.route("/challenges/<int:challenge_id>/edit", methods=["GET", "POST"])
@login_required
def edit(challenge_id: int) -> Response | tuple[str, int]:
    """Change a challenge's details (its owner and the staff; the staff may also change its zone)."""
    challenge, membership = viewable_challenge(challenge_id)
    require(can_edit(current_user, challenge, membership), 403)
    user: User = me()
    form = ChallengeForm() if request.method == "POST" else ChallengeForm(formdata=None, data=_edit_data(challenge))
    form.set_choices(networks=None, zones=all_zones() if user.is_staff else None, sectors=_sector_choices())
    if form.validate_on_submit():
        zone = db.session.get(Zone, int(form.zone.data)) if user.is_staff else None
        try:
            changed = update_challenge(user, challenge, form.details(), zone)
        except ChallengeError as error:
            _rule_error(form, error)
        else:
            flash(_("Challenge updated.") if changed else _("Nothing was changed."), "success" if changed else "info")
            return redirect(url_for("challenges.show", challenge_id=challenge.id), 303)
    return _form_page(form, challenge, zone=challenge.zone, network=challenge.thread.network)
