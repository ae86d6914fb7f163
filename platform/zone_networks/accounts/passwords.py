"""The password policy: long enough, not common, not about the person.

Following NCSC and GOV.UK guidance there are no composition rules (no "one
capital and one symbol"): a password must be 12 to 256 characters, must not be
a commonly used password (zxcvbn's list of 30,000, also caught with a few
digits or symbols around it, in simple "leetspeak", or repeated), not a simple
run of characters such as "123456789012", and must not contain the person's
name or email address. Pasting is allowed everywhere.

`validate_password()` returns the error message to show, or None; the WTForms
validator `StrongPassword` wraps it for forms.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from flask_babel import gettext as _
from wtforms import Form, ValidationError
from wtforms.fields import Field

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_DISTINCT_CHARACTERS = 4
# Shorter fragments of an email address or name would forbid too many good passwords.
MIN_PERSONAL_FRAGMENT = 4
MIN_REPEATED_UNIT = 5

# Words an attacker would try first against this particular service.
SERVICE_WORDS = frozenset({"zonenetworks", "zonenetwork", "industrialstrategy", "freeport", "investmentzone"})

_LEET = str.maketrans({"@": "a", "4": "a", "8": "b", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s",
                       "7": "t", "+": "t", "2": "z"})
_EDGE_NOISE = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_RUNS = (
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)


@cache
def common_passwords() -> frozenset[str]:
    """The common passwords to refuse: zxcvbn's "passwords" frequency list (lower case), loaded once."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    # The list is ordered by frequency, most common first, all lower case.
    return frozenset(FREQUENCY_LISTS["passwords"]) | SERVICE_WORDS


def _squash(text: str) -> str:
    """Lower case with whitespace removed, for comparing passwords with words."""
    return "".join(text.lower().split())


def _smallest_repeating_unit(text: str) -> str:
    """The shortest string that repeated makes `text` ("abcabc" -> "abc")."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


def _candidates(password: str) -> set[str]:
    """Forms of the password an attacker's word list would also cover."""
    squashed = _squash(password)
    forms = {squashed, squashed.translate(_LEET)}
    stripped = _EDGE_NOISE.sub("", squashed)
    if stripped:
        forms |= {stripped, stripped.translate(_LEET)}
    units = {_smallest_repeating_unit(form) for form in forms}
    units |= {_EDGE_NOISE.sub("", unit) for unit in units}
    return {form for form in forms | units if form}


def _is_simple_run(password: str) -> bool:
    """Whether the password is a run of keys or characters, forwards or backwards."""
    squashed = _squash(password)
    return any(squashed in run or squashed in run[::-1] for run in _RUNS)


def is_guessable(password: str) -> bool:
    """Whether the password is common, a simple run, or too repetitive to be safe."""
    if len(set(password)) < MIN_DISTINCT_CHARACTERS or _is_simple_run(password):
        return True
    common = common_passwords()
    for candidate in _candidates(password):
        if candidate in common:
            return True
        # A short unit repeated ("abcabcabcabc", "ab12ab12ab12") is as weak as the unit itself.
        unit = _smallest_repeating_unit(candidate)
        if unit != candidate and len(unit) < MIN_REPEATED_UNIT:
            return True
    return False


def _mentions_person(password: str, email: str, name: str) -> bool:
    """Whether the password contains the person's email address, its local part, or their name."""
    squashed = _squash(password)
    fragments = set()
    email = email.strip().lower()
    if email:
        fragments.add(_squash(email))
        local = email.split("@", 1)[0]
        fragments.add(_squash(local))
        # "jo.bloggs" also shows up as "jobloggs" or "bloggs" in passwords.
        fragments.add(re.sub(r"[^a-z0-9]", "", local))
        fragments.update(part for part in re.split(r"[^a-z0-9]+", local))
    if name.strip():
        fragments.add(_squash(name))
    return any(len(fragment) >= MIN_PERSONAL_FRAGMENT and fragment in squashed for fragment in fragments)


def validate_password(password: str, *, email: str = "", name: str = "") -> str | None:
    """Return why `password` is not acceptable (a message to show), or None when it is."""
    if not password:
        return _("Enter a password")
    if len(password) < MIN_LENGTH:
        return _("Password must be %(min)d characters or more", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Password must be %(max)d characters or fewer", max=MAX_LENGTH)
    if _mentions_person(password, email, name):
        return _("Choose a password that does not include your name or email address")
    if is_guessable(password):
        return _("Choose a password that is harder to guess, for example 3 random words together")
    return None


class StrongPassword:
    """WTForms validator applying the password policy to a field.

    The person's email and name come from the form's fields named `email_field`
    and `name_field` when it has them, otherwise from the form attributes
    `account_email` and `account_name` (set these in the route when the form
    has no such field, for example ``form.account_email = user.email``).
    """

    def __init__(self, email_field: str = "email", name_field: str = "name") -> None:
        self.email_field = email_field
        self.name_field = name_field

    @staticmethod
    def _value(form: Form, field_name: str, attribute: str) -> str:
        field = form._fields.get(field_name)
        value: Any = field.data if field is not None else getattr(form, attribute, "")
        return value if isinstance(value, str) else ""

    def __call__(self, form: Form, field: Field) -> None:
        """Raise ValidationError with the policy's message when the password is not acceptable."""
        message = validate_password(
            field.data or "",
            email=self._value(form, self.email_field, "account_email"),
            name=self._value(form, self.name_field, "account_name"),
        )
        if message:
            raise ValidationError(message)
