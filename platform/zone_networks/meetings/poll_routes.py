"""Date poll pages: start a poll ("find a date"), answer it, see the tally, and schedule the chosen option.

Polls are for the network's active members and the staff: everyone else gets
404 (anonymous visitors are asked to sign in first). Starting, scheduling and
closing are for the staff and the network's convenors (403 for members).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.extensions import db
from zone_networks.meetings import bp
from zone_networks.meetings.fields import add_error
from zone_networks.meetings.forms import ConfirmForm
from zone_networks.meetings.loaders import managed_network, me, network_or_404
from zone_networks.meetings.models import is_invitee, manages_network
from zone_networks.meetings.poll_forms import (
    FIRST_ROWS,
    ChooseForm,
    PollForm,
    VoteForm,
    choose_form,
    poll_form,
    row_count,
    vote_form,
)
from zone_networks.meetings.poll_models import DatePoll
from zone_networks.meetings.poll_queries import PollResults, network_polls_page, poll_options, poll_results
from zone_networks.meetings.poll_services import (
    PollRuleError,
    close_poll,
    create_poll,
    save_answers,
    schedule_from_poll,
)
from zone_networks.meetings.queries import membership_in
from zone_networks.meetings.rsvp_locking import DatabaseBusyError
from zone_networks.networks.models import Membership, Network


def _viewable_poll(poll_id: int) -> tuple[DatePoll, Membership | None]:
    """The poll and the viewer's membership of its network, if they may see it; otherwise 404."""
    poll = db.session.get(DatePoll, poll_id)
    if poll is None:
        abort(404)
    membership = membership_in(current_user, poll.network_id)
    require(poll.can_view(current_user, membership))
    return poll, membership


def _managed_poll(poll_id: int) -> tuple[DatePoll, Membership | None]:
    """The poll, if the viewer may manage it: 404 if they may not see it, 403 if they may only see it."""
    poll, membership = _viewable_poll(poll_id)
    require(poll.can_manage(current_user, membership), 403)
    return poll, membership


def _busy() -> str:
    return _("Sorry, the service is busy and nothing was saved. Please try again.")


def _to_poll(poll: DatePoll, anchor: str | None = None) -> Response:
    return redirect(url_for("meetings.show_poll", poll_id=poll.id, _anchor=anchor), 303)


def _choice_hints(results: PollResults) -> dict[str, str]:
    hints = {}
    for row in results.rows:
        counts = _("%(yes)d yes, %(maybe)d if need be, %(no)d no", yes=len(row.yes), maybe=len(row.if_need_be),
                   no=len(row.no))
        hints[str(row.option.id)] = _("Most popular: %(counts)s", counts=counts) if row.is_best else counts
    return hints


def render_poll(poll: DatePoll, membership: Membership | None, *, vote: VoteForm | None = None,
                choose: ChooseForm | None = None, status: int = 200) -> tuple[str, int]:
    """The poll page; a failed answer or choice re-shows it with that form's errors."""
    results = poll_results(poll, current_user)
    can_manage = poll.is_open and poll.can_manage(current_user, membership)
    if vote is None and poll.can_vote(current_user, membership):
        vote = vote_form(results.options, results.mine)
    if choose is None and can_manage:
        choose = choose_form(results.options, suggested=results.suggested, post=False)
    failed = vote if vote is not None and vote.errors else choose if choose is not None and choose.errors else None
    page = render_template(
        "meetings/poll.html", poll=poll, results=results, vote_form=vote, choose_form=choose, form=failed,
        can_manage=can_manage, choice_hints=_choice_hints(results),
    )
    return page, status


def _form_page(form: PollForm, network: Network) -> tuple[str, int]:
    status = 400 if form.errors else 200
    return render_template("meetings/poll_form.html", form=form, network=network), status


@bp.route("/networks/<slug>/polls/new", methods=["GET", "POST"])
@login_required
def new_poll(slug: str) -> Response | tuple[str, int]:
    """Find a date: propose options for a network's meeting (the secretariat and the network's convenors)."""
    network, _membership = managed_network(slug)
    adding = request.method == "POST" and "add_option" in request.form
    rows = row_count(request.form.get("option_count"), add=adding) if request.method == "POST" else FIRST_ROWS
    form = poll_form(rows)()
    form.option_count.data = str(rows)
    if adding:
        return _form_page(form, network)
    if form.validate_on_submit():
        try:
            poll = create_poll(me(), network, form.details())
        except PollRuleError as error:
            add_error(getattr(form, error.field, None) or form.title, error.message)
        else:
            flash(_("Poll started. Members of the network can now answer it."), "success")
            return _to_poll(poll)
    return _form_page(form, network)


@bp.get("/networks/<slug>/polls")
@login_required
def network_polls(slug: str) -> str:
    """A network's date polls, open ones first (its members and the staff)."""
    network = network_or_404(slug)
    membership = membership_in(current_user, network.id)
    require(is_invitee(current_user, membership, network.id))
    page = network_polls_page(network, requested_page())
    return render_template(
        "meetings/polls.html", network=network, polls=page,
        pagination=pagination_params(page, anchor="polls", label=_("Pages of polls")),
        can_start=manages_network(current_user, membership, network),
    )


@bp.get("/polls/<int:poll_id>")
@login_required
def show_poll(poll_id: int) -> tuple[str, int]:
    """A date poll: its options, your answers, everyone's answers, and (for organisers) choosing a time."""
    poll, membership = _viewable_poll(poll_id)
    return render_poll(poll, membership)


@bp.post("/polls/<int:poll_id>/answers")
@login_required
def answer_poll(poll_id: int) -> Response | tuple[str, int]:
    """Save your yes / if need be / no for every option (changeable while the poll is open)."""
    poll, membership = _viewable_poll(poll_id)
    if not poll.is_open:
        flash(_("This poll has closed, so answers can no longer be changed."))
        return _to_poll(poll)
    form = vote_form(poll_options(poll))
    if not form.validate_on_submit():
        return render_poll(poll, membership, vote=form, status=400)
    try:
        result = save_answers(me(), poll.id, form.answers())
    except PollRuleError as error:
        flash(error.message)
        return _to_poll(poll)
    except DatabaseBusyError:
        flash(_busy())
        return _to_poll(poll, "answer")
    if result.first_time:
        flash(_("Thank you. Your answers have been saved."), "success")
    elif result.changed:
        flash(_("Your answers have been changed."), "success")
    else:
        flash(_("Your answers have not changed."), "success")
    return _to_poll(poll, "answers")


@bp.post("/polls/<int:poll_id>/schedule")
@login_required
def schedule_poll(poll_id: int) -> Response | tuple[str, int]:
    """Turn the chosen option into a scheduled meeting and close the poll (everyone who answered is emailed)."""
    poll, membership = _managed_poll(poll_id)
    if not poll.is_open:
        flash(_("This poll has already closed."))
        return _to_poll(poll)
    form = choose_form(poll_options(poll))
    if form.validate_on_submit():
        try:
            result = schedule_from_poll(me(), poll.id, int(form.option.data or 0))
        except PollRuleError as error:
            if not error.field:
                flash(error.message)
                return _to_poll(poll)
            add_error(form.option, error.message)
        except DatabaseBusyError:
            flash(_busy())
            return _to_poll(poll)
        else:
            flash(ngettext("Meeting scheduled and poll closed. We emailed %(num)d person who answered the poll.",
                           "Meeting scheduled and poll closed. We emailed %(num)d people who answered the poll.",
                           result.emailed), "success")
            return redirect(url_for("meetings.show", meeting_id=result.meeting.id), 303)
    return render_poll(poll, membership, choose=form, status=400)


@bp.route("/polls/<int:poll_id>/close", methods=["GET", "POST"])
@login_required
def close_poll_page(poll_id: int) -> Response | str:
    """Confirm, then close a poll without scheduling a meeting."""
    poll, _membership = _managed_poll(poll_id)
    if not poll.is_open:
        flash(_("This poll has already closed."))
        return _to_poll(poll)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("meetings/poll_close.html", poll=poll, form=form)
    try:
        close_poll(me(), poll.id)
    except PollRuleError as error:
        flash(error.message)
        return _to_poll(poll)
    except DatabaseBusyError:
        flash(_busy())
        return _to_poll(poll)
    flash(_("Poll closed. No meeting was scheduled."), "success")
    return _to_poll(poll)
