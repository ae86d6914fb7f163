"""Meeting series pages: set one up, see its occurrences (and attendance across them), change it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.meetings import bp, rsvp_panel
from zone_networks.meetings.fields import add_error
from zone_networks.meetings.loaders import managed_network, managed_series, me, viewable_series
from zone_networks.meetings.queries import series_occurrences
from zone_networks.meetings.recurrence import describe_rule
from zone_networks.meetings.series_forms import SeriesEditForm, SeriesForm, recurrence_choices
from zone_networks.meetings.series_services import create_series, update_series
from zone_networks.meetings.services import MeetingRuleError


@bp.route("/networks/<slug>/series/new", methods=["GET", "POST"])
@login_required
def new_series(slug: str) -> Response | tuple[str, int]:
    """Set up a recurring meeting for a network (the secretariat and the network's convenors)."""
    network, _membership = managed_network(slug)
    form = SeriesForm()
    form.recurrence.choices = recurrence_choices(bool(current_user.is_staff))
    if form.validate_on_submit():
        try:
            series, made = create_series(me(), network, form.details())
        except MeetingRuleError as error:
            add_error(getattr(form, error.field, None) or form.custom_rule, error.message)
        else:
            flash(ngettext("Series set up with %(num)d meeting.", "Series set up with %(num)d meetings.", len(made)),
                  "success")
            return redirect(url_for("meetings.show_series", series_id=series.id), 303)
    status = 400 if form.errors else 200
    return render_template("meetings/series_form.html", form=form, network=network), status


@bp.get("/series/<int:series_id>")
def show_series(series_id: int) -> str:
    """A series: its rule, its occurrences (each can be moved or cancelled), and attendance across them."""
    series, membership = viewable_series(series_id)
    return render_template(
        "meetings/series_show.html", series=series, rule_words=describe_rule(series.rrule),
        meetings=series_occurrences(series, current_user), can_manage=series.can_manage(current_user, membership),
        panel=rsvp_panel.series_panel(series, current_user, membership),
    )


@bp.route("/series/<int:series_id>/edit", methods=["GET", "POST"])
@login_required
def edit_series(series_id: int) -> Response | tuple[str, int]:
    """Change a series' title and description; its meetings still to come change too."""
    series, _membership = managed_series(series_id)
    if request.method == "POST":
        form = SeriesEditForm()
    else:
        form = SeriesEditForm(formdata=None, data={"title": series.title, "description": series.description})
    if form.validate_on_submit():
        try:
            changed = update_series(me(), series, form.title.data or "", form.description.data or "")
        except MeetingRuleError as error:
            add_error(form.title, error.message)
        else:
            flash(ngettext("Series updated, and %(num)d meeting still to come.",
                           "Series updated, and %(num)d meetings still to come.", changed)
                  if changed else _("Series updated."), "success")
            return redirect(url_for("meetings.show_series", series_id=series.id), 303)
    status = 400 if form.errors else 200
    return render_template("meetings/series_edit.html", form=form, series=series), status
