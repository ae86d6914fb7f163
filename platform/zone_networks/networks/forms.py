"""Forms for the networks feature (Flask-WTF with GOV.UK widgets)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import Field, PasswordField, RadioField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional

from zone_networks.accounts.passwords import StrongPassword
from zone_networks.core.forms import email_field, strip_whitespace
from zone_networks.networks.labels import ROLE_LABELS
from zone_networks.networks.models import Network
from zone_networks.networks.services import NOTE_MAX_LENGTH
from zone_networks.zones.models import Organisation

NO_INVITATION = "none"


def role_choices() -> list[SelectChoice]:
    """The three membership roles as form choices."""
    return [SelectChoice(code, label) for code, label in ROLE_LABELS.items()]


class JoinRequestForm(FlaskForm):
    """Ask to join a network, with an optional note for the convenors."""

    note = StringField(
        _l("Add a note for the convenors (optional)"),
        description=_l("For example, your role in your zone and what you hope to get from the network."),
        validators=[Optional(), Length(max=NOTE_MAX_LENGTH, message=_l("Your note must be 500 characters or fewer"))],
        widget=GovCharacterCount(),
    )
    submit = SubmitField(_l("Ask to join"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A form with only a CSRF token, for confirmation buttons."""


class RoleForm(FlaskForm):
    """Change an active member's role."""

    role = SelectField(
        _l("Role"),
        choices=role_choices,
        invalid_choice_message=_l("Choose a role"),
        validators=[InputRequired(message=_l("Choose a role"))],
        widget=GovSelect(),
    )


class AddMemberForm(FlaskForm):
    """The secretariat adds an existing account to a network."""

    email = email_field(_l("Enter an email address"))
    role = RadioField(
        _l("Role"),
        choices=role_choices,
        default="member",
        invalid_choice_message=_l("Choose a role"),
        validators=[InputRequired(message=_l("Choose a role"))],
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Add member"), widget=GovSubmitInput())


class InvitationForm(FlaskForm):
    """Invite an email address to one or more networks; one role question per network (added per request)."""

    email = email_field(_l("Enter an email address"))
    submit = SubmitField(_l("Send invitation"), widget=GovSubmitInput())

    network_fields: list[tuple[Network, str]]

    def role_fields(self) -> list[tuple[Network, Field]]:
        """Each network with its role question, in page order."""
        return [(network, self[name]) for network, name in self.network_fields]

    def offers(self) -> list[tuple[Network, str]]:
        """The networks chosen and the role offered in each."""
        return [(network, field.data) for network, field in self.role_fields() if field.data != NO_INVITATION]

    def validate(self, extra_validators: Any = None) -> bool:
        """Also require at least one network."""
        valid = super().validate(extra_validators)
        first = self.role_fields()[0][1]
        if not first.errors and not self.offers():
            first.errors = [str(_l("Choose a role in at least one network"))]
            return False
        return valid


def invitation_form(networks: list[Network], **kwargs: Any) -> InvitationForm:
    """Build the invitation form with a role question for each of `networks`."""

    class _Form(InvitationForm):
        pass

    fields: list[tuple[Network, str]] = []
    for network in networks:
        name = f"role_{network.id}"
        setattr(_Form, name, RadioField(
            _l("Role in the %(network)s", network=network.name),
            choices=[SelectChoice(NO_INVITATION, _l("Do not invite to this network")), *role_choices()],
            default=NO_INVITATION,
            invalid_choice_message=_l("Choose a role, or choose not to invite them to this network"),
            validators=[InputRequired(message=_l("Choose a role, or choose not to invite them to this network"))],
            widget=GovRadioInput(),
        ))
        fields.append((network, name))
    _Form.network_fields = fields
    return _Form(**kwargs)


class AcceptInvitationForm(FlaskForm):
    """A new invitee sets up their account."""

    name = StringField(
        _l("Full name"),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter your full name")),
                    Length(max=200, message=_l("Full name must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    # Choices (zones and government bodies, as optgroups) are set by the route; see organisation_choices().
    organisation = SelectField(
        _l("Organisation"),
        description=_l("The zone or government body you work for."),
        invalid_choice_message=_l("Choose the zone or government body you work for"),
        validators=[DataRequired(message=_l("Choose the zone or government body you work for"))],
    )
    job_title = StringField(
        _l("Job title"),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter your job title")),
                    Length(max=200, message=_l("Job title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    password = PasswordField(
        _l("Create a password"),
        description=_l("Use 12 characters or more. You can use a passphrase of 3 random words."),
        validators=[StrongPassword()],
        widget=GovPasswordInput(),
    )
    confirm = PasswordField(
        _l("Confirm password"),
        validators=[DataRequired(message=_l("Confirm your password")),
                    EqualTo("password", message=_l("Passwords must match"))],
        widget=GovPasswordInput(),
    )
    submit = SubmitField(_l("Create account and join"), widget=GovSubmitInput())


def organisation_choices(zones: list[Organisation], government: list[Organisation]) -> list[SelectChoice]:
    """Select options for an organisation: a blank prompt, then zones and government bodies as groups."""
    return [
        SelectChoice("", _l("Choose an organisation")),
        *(SelectChoice(org.slug, org.name, optgroup=str(_l("Zones"))) for org in zones),
        *(SelectChoice(org.slug, org.name, optgroup=str(_l("Government"))) for org in government),
    ]
