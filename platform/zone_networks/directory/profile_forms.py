"""Forms for editing your own profile and your photo."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import Field, RadioField, SelectChoice, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError

from zone_networks.accounts.labels import LANGUAGE_NAMES
from zone_networks.accounts.models import CONTACT_VISIBILITIES, LANGUAGES, User
from zone_networks.core.forms import strip_whitespace
from zone_networks.directory.labels import VISIBILITY_LABELS, ZONE_ROLE_LABELS
from zone_networks.directory.models import ZONE_ROLES, ExpertiseTag
from zone_networks.directory.services import BIO_MAX, ProfileChanges
from zone_networks.directory.tags import free_tags_problem, split_free_tags
from zone_networks.zones.queries import keep_allowed

PHONE_CHARACTERS = re.compile(r"^[0-9 +()\-]+$")
PHONE_DIGITS = (7, 20)
PHONE_MESSAGE = _l("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")


def valid_phone(form: FlaskForm, field: Field) -> None:
    """A telephone number: digits with spaces, +, brackets or hyphens, and 7 to 20 digits."""
    value = field.data or ""
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        raise ValidationError(str(PHONE_MESSAGE))


def valid_free_tags(form: FlaskForm, field: Field) -> None:
    """Free expertise tags: at most 10, each 2 to 40 letters, numbers, spaces, & - or '."""
    problem = free_tags_problem(split_free_tags(field.data or ""))
    if problem:
        raise ValidationError(problem)


def visibility_field(label: Any) -> RadioField:
    """Who may see one contact detail (only me, the secretariat, my networks, all members)."""
    return RadioField(
        label,
        widget=GovRadioInput(),
        choices=[SelectChoice(code, VISIBILITY_LABELS[code]) for code in CONTACT_VISIBILITIES],
        validate_choice=False,  # AnyOf says what to do in words, not "Not a valid choice"
        validators=[
            InputRequired(message=_l("Select who can see this")),
            AnyOf(CONTACT_VISIBILITIES, message=_l("Select who can see this")),
        ],
    )


class ProfileForm(FlaskForm):
    """Everything a person may change on their own profile (the email address is not one of them)."""

    name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter your full name")),
            Length(max=200, message=_l("Full name must be 200 characters or fewer")),
        ],
    )
    job_title = StringField(
        _l("Job title (optional)"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Job title must be 200 characters or fewer"))],
    )
    zone_roles = SelectMultipleField(
        _l("Your roles (optional)"),
        description=_l("Select all that apply."),
        choices=[SelectChoice(code, ZONE_ROLE_LABELS[code]) for code in ZONE_ROLES],
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    expertise = SelectMultipleField(
        _l("Your expertise (optional)"),
        description=_l("Select all that apply."),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    other_expertise = StringField(
        _l("Other expertise (optional)"),
        description=_l(
            "Separate each area with a comma, for example: port logistics, green skills. "
            "You can add up to 10, each between 2 and 40 characters."
        ),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=500, message=_l("Other expertise must be 500 characters or fewer")), valid_free_tags],
    )
    bio = TextAreaField(
        _l("About you (optional)"),
        description=_l(
            "A few sentences about your work that help people in other zones know when to contact you. "
            "You can use Markdown: **bold**, *italics*, a dash and a space to start each item of a list, "
            "and [link text](https://www.gov.uk) for a link."
        ),
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[Length(max=BIO_MAX, message=_l("About you must be 2,000 characters or fewer"))],
    )
    language = RadioField(
        _l("Language for the service"),
        widget=GovRadioInput(),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        validate_choice=False,
        validators=[
            InputRequired(message=_l("Select the language for the service")),
            AnyOf(LANGUAGES, message=_l("Select the language for the service")),
        ],
    )
    email_visibility = visibility_field(_l("Who can see your work email address?"))
    phone = StringField(
        _l("Telephone number (optional)"),
        description=_l("For international numbers include the country code."),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=40, message=_l("Telephone number must be 40 characters or fewer")),
                    valid_phone],
    )
    phone_visibility = visibility_field(_l("Who can see your telephone number?"))
    other_contact = StringField(
        _l("Other contact details (optional)"),
        description=_l("For example, a Microsoft Teams name or a second email address."),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Other contact details must be 200 characters or fewer"))],
    )
    other_contact_visibility = visibility_field(_l("Who can see your other contact details?"))
    submit = SubmitField(_l("Save your profile"), widget=GovSubmitInput())

    def __init__(self, managed: list[ExpertiseTag], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._managed_slugs = [tag.slug for tag in managed]
        self.expertise.choices = [SelectChoice(tag.slug, tag.name) for tag in managed]

    @staticmethod
    def initial_data(person: User) -> dict[str, Any]:
        """The form's values for a person's current profile (zone roles and expertise must be loaded)."""
        return {
            "name": person.name,
            "job_title": person.job_title,
            "zone_roles": [held.role for held in person.zone_roles],
            "expertise": [tag.slug for tag in person.expertise if tag.managed],
            "other_expertise": ", ".join(tag.name for tag in person.expertise if not tag.managed),
            "bio": person.bio,
            "language": person.language,
            "email_visibility": person.email_visibility,
            "phone": person.phone,
            "phone_visibility": person.phone_visibility,
            "other_contact": person.other_contact,
            "other_contact_visibility": person.other_contact_visibility,
        }

    def changes(self) -> ProfileChanges:
        """The validated answers, for services.update_profile."""
        return ProfileChanges(
            name=self.name.data or "",
            job_title=self.job_title.data or "",
            zone_roles=keep_allowed(self.zone_roles.data or (), ZONE_ROLES),
            managed_tags=keep_allowed(self.expertise.data or (), self._managed_slugs),
            free_tags=tuple(split_free_tags(self.other_expertise.data or "")),
            bio=self.bio.data or "",
            language=self.language.data or "",
            phone=self.phone.data or "",
            other_contact=self.other_contact.data or "",
            email_visibility=self.email_visibility.data or "",
            phone_visibility=self.phone_visibility.data or "",
            other_contact_visibility=self.other_contact_visibility.data or "",
        )


class PhotoForm(FlaskForm):
    """Upload a photo for your profile."""

    photo = FileField(
        _l("Upload a photo"),
        widget=GovFileInput(),
        validators=[FileRequired(message=_l("Select a photo"))],
    )
    submit = SubmitField(_l("Upload photo"), widget=GovSubmitInput())


class RemovePhotoForm(FlaskForm):
    """Only the CSRF token: removing a photo is a POST from this site."""

    submit = SubmitField(_l("Remove photo"), widget=GovSubmitInput())
