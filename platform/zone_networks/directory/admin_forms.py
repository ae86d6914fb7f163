"""Forms for the secretariat's person tools (Flask-WTF with GOV.UK widgets).

Network role changes reuse `networks.forms.RoleForm`, and the confirmation
buttons `networks.forms.ConfirmForm`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectChoice, SelectField, SelectMultipleField, SubmitField
from wtforms.validators import DataRequired

from zone_networks.directory.labels import ZONE_ROLE_LABELS
from zone_networks.zones.models import Organisation

ZONE_ROLES_PREFIX = "roles"
MOVE_PREFIX = "move"


def zone_role_choices() -> list[SelectChoice]:
    """The zone roles as checkbox choices."""
    return [SelectChoice(code, label) for code, label in ZONE_ROLE_LABELS.items()]


class ZoneRolesForm(FlaskForm):
    """The roles a person holds in their zone (none, one or several)."""

    zone_roles = SelectMultipleField(
        _l("Zone roles"),
        description=_l("Select all that apply. Leave them all unticked if they have no zone role."),
        choices=zone_role_choices,
        invalid_choice_message=_l("Choose zone roles from the list"),
        widget=GovCheckboxesInput(),
    )
    submit = SubmitField(_l("Save zone roles"), widget=GovSubmitInput())


class MoveForm(FlaskForm):
    """Move a person to another organisation; the route sets the choices (see `organisation_choices`)."""

    organisation = SelectField(
        _l("Organisation"),
        description=_l("The zone, government body or secretariat they now work for."),
        invalid_choice_message=_l("Choose an organisation from the list"),
        validators=[DataRequired(message=_l("Choose an organisation"))],
    )
    submit = SubmitField(_l("Move to this organisation"), widget=GovSubmitInput())


def organisation_choices(organisations: list[Organisation]) -> list[SelectChoice]:
    """Select options: a blank prompt, then zones, government bodies and the secretariat as groups."""
    groups = (("zone", _l("Zones")), ("government", _l("Government")), ("secretariat", _l("Secretariat")))
    choices = [SelectChoice("", _l("Choose an organisation"))]
    for kind, label in groups:
        choices += [SelectChoice(org.slug, org.name, optgroup=str(label)) for org in organisations
                    if org.kind == kind]
    return choices
