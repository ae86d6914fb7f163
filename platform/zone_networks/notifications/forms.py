"""Forms: email preferences per kind, and the buttons that change state (open, mark all read, unsubscribe)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import AnyOf, InputRequired

DELIVERY_LABELS = {
    "immediately": _l("Immediately"),
    "daily": _l("In a daily digest"),
    "never": _l("Never"),
}

# What each kind is called in the list of notifications.
KIND_NAMES = {
    "mention": _l("Mention"),
    "reply": _l("Reply"),
    "challenge": _l("New challenge"),
    "offer": _l("Offer of help"),
    "meeting": _l("Meeting change"),
}

# The question for each kind, in the order the settings page asks them.
KIND_QUESTIONS = {
    "mention": (_l("When someone mentions you"), _l("Select how to email you when someone mentions you")),
    "reply": (_l("When someone replies in a thread you follow"),
              _l("Select how to email you about replies in threads you follow")),
    "challenge": (_l("When someone posts a new challenge in one of your networks"),
                  _l("Select how to email you about new challenges")),
    "offer": (_l("When someone offers help with one of your challenges"),
              _l("Select how to email you about offers of help")),
    "meeting": (_l("When a meeting you are going to changes or is cancelled"),
                _l("Select how to email you about meeting changes")),
}


def _delivery_field(kind: str) -> RadioField:
    label, message = KIND_QUESTIONS[kind]
    return RadioField(
        label,
        widget=GovRadioInput(),
        choices=[SelectChoice(value, text) for value, text in DELIVERY_LABELS.items()],
        # An unknown value gets the same GOV.UK message as no answer, not WTForms' "Not a valid choice".
        validate_choice=False,
        validators=[InputRequired(message=message), AnyOf(list(DELIVERY_LABELS), message=message)],
    )


class PreferencesForm(FlaskForm):
    """How to email the person about each kind of notification."""

    mention = _delivery_field("mention")
    reply = _delivery_field("reply")
    challenge = _delivery_field("challenge")
    offer = _delivery_field("offer")
    meeting = _delivery_field("meeting")
    submit = SubmitField(_l("Save your choices"), widget=GovSubmitInput())


class ActionForm(FlaskForm):
    """Only the CSRF token: for buttons that change state (open one, mark all as read)."""


class UnsubscribeForm(FlaskForm):
    """Confirm stopping one kind of email."""

    submit = SubmitField(_l("Stop these emails"), widget=GovSubmitInput())
