"""The challenge page's buttons and forms: we have this too, offer help, this helped, resolve, reopen, write up.

Each is a POST with a CSRF token; the viewer must see the challenge (404
otherwise) and be allowed the action (403 otherwise). Bad input re-renders
the challenge page with the GOV.UK error summary and writes nothing.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.challenges import bp, rules
from zone_networks.challenges.errors import ChallengeError
from zone_networks.challenges.forms import ConfirmForm, OfferForm
from zone_networks.challenges.loaders import me, viewable_challenge
from zone_networks.challenges.models import Challenge
from zone_networks.challenges.queries import offer_for
from zone_networks.challenges.routes import offer_form, show_page
from zone_networks.challenges.services import OfferLinks, endorse, mark_helped, offer_help, reopen, resolve
from zone_networks.challenges.writeup import write_up
from zone_networks.core.permissions import require
from zone_networks.discussions.limits import allow_post
from zone_networks.meetings.fields import add_error
from zone_networks.networks.models import Membership


def _confirmed(challenge_id: int) -> tuple[Challenge, Membership | None]:
    """The challenge for a button, if the viewer may see it and the CSRF token is good (else 404 / 400)."""
    challenge, membership = viewable_challenge(challenge_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return challenge, membership


def _back(challenge: Challenge, anchor: str | None = None) -> Response:
    return redirect(url_for("challenges.show", challenge_id=challenge.id, _anchor=anchor), 303)


@bp.post("/challenges/<int:challenge_id>/endorse")
@login_required
def endorse_challenge(challenge_id: int) -> Response:
    """Say "we have this too" for your zone (once per zone)."""
    challenge, membership = _confirmed(challenge_id)
    require(rules.can_endorse(current_user, challenge, membership), 403)
    try:
        added = endorse(me(), challenge)
    except ChallengeError as error:
        flash(error.message)
        return _back(challenge, "same-here")
    if added:
        zone = me().zone
        flash(_("Thank you. We have added %(zone)s to the zones that have this too.",
                zone=zone.name if zone is not None else ""), "success")
    else:
        flash(_("Someone from your zone already said this. Your zone is counted once."))
    return _back(challenge, "same-here")


@bp.post("/challenges/<int:challenge_id>/offers")
@login_required
def offer(challenge_id: int) -> Response | tuple[str, int]:
    """Offer help: a message in the challenge's discussion, optionally pointing at a person, document or case study."""
    challenge, membership = viewable_challenge(challenge_id)
    require(rules.can_offer(current_user, challenge, membership), 403)
    form = offer_form(me(), challenge, OfferForm())
    if form.validate_on_submit():
        # The offer is a post: it counts against the same per-person limit as replies and live messages.
        if not allow_post(current_user):
            return render_template("discussions/too_many.html"), 429
        links = OfferLinks(person_id=form.chosen("person"), document_id=form.chosen("document"),
                           case_study_id=form.chosen("case_study"))
        try:
            offer_row, created = offer_help(me(), challenge, form.body.data or "", links, form.client_id.data or None)
        except ChallengeError as error:
            add_error(getattr(form, error.field, None) or form.body, error.message)
        except PermissionError:
            abort(404)
        else:
            if created:
                flash(_("Your offer of help has been posted. We have told the person who posted the challenge."),
                      "success")
            return _back(challenge, f"post-{offer_row.post_id}")
    return show_page(challenge, membership, form)


@bp.post("/challenges/<int:challenge_id>/offers/<int:post_id>/helped")
@login_required
def offer_helped(challenge_id: int, post_id: int) -> Response:
    """Mark an offer as the help that worked (its owner, the network's convenors, the staff)."""
    challenge, membership = _confirmed(challenge_id)
    require(rules.can_manage(current_user, challenge, membership), 403)
    found = offer_for(challenge, post_id)
    if found is None:
        abort(404)
    if mark_helped(me(), challenge, found):
        flash(_("Offer marked as the help that worked."), "success")
    return _back(challenge, f"post-{post_id}")


@bp.post("/challenges/<int:challenge_id>/resolve")
@login_required
def resolve_challenge(challenge_id: int) -> Response:
    """Mark the challenge resolved."""
    challenge, membership = _confirmed(challenge_id)
    require(rules.can_manage(current_user, challenge, membership), 403)
    if resolve(me(), challenge):
        flash(_("Challenge marked as resolved."), "success")
    return _back(challenge)


@bp.post("/challenges/<int:challenge_id>/reopen")
@login_required
def reopen_challenge(challenge_id: int) -> Response:
    """Reopen a resolved challenge."""
    challenge, membership = _confirmed(challenge_id)
    require(rules.can_manage(current_user, challenge, membership), 403)
    if reopen(me(), challenge):
        flash(_("Challenge reopened."), "success")
    return _back(challenge)


@bp.post("/challenges/<int:challenge_id>/write-up")
@login_required
def write_up_challenge(challenge_id: int) -> Response:
    """Write a resolved challenge up as a draft case study (or go to the one already written)."""
    challenge, membership = _confirmed(challenge_id)
    if challenge.case_study_id is None:
        require(rules.can_write_up(current_user, challenge, membership), 403)
    else:
        require(rules.is_owner(current_user, challenge) or current_user.is_staff, 403)
    try:
        case_study_id, created = write_up(me(), challenge)
    except ChallengeError as error:
        flash(error.message)
        return _back(challenge)
    if created:
        flash(_("We have started a draft case study from the challenge. Check it, add a summary and publish it "
                "when it is ready."), "success")
        return redirect(url_for("casestudies.edit", case_study_id=case_study_id), 303)
    return redirect(url_for("casestudies.show", case_study_id=case_study_id), 303)
