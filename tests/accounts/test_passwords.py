"""The password policy: length, common passwords, personal details; and its WTForms validator."""

from __future__ import annotations

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import PasswordField, StringField

from tests.factories import TEST_PASSWORD
from zone_networks.accounts.passwords import MAX_LENGTH, StrongPassword, common_passwords, validate_password

SHORT = "Password must be 12 characters or more"
LONG = "Password must be 256 characters or fewer"
GUESSABLE = "Choose a password that is harder to guess"
PERSONAL = "Choose a password that does not include your name or email address"


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("", "Enter a password"),
        ("short", SHORT),
        ("elevenchars", SHORT),
        ("a" * (MAX_LENGTH + 1), LONG),
        # Common passwords, with the usual disguises.
        ("123qweasdzxc", GUESSABLE),
        ("qwertyuiopasdfgh", GUESSABLE),
        ("password1234", GUESSABLE),
        ("Password1234!", GUESSABLE),
        ("P@ssw0rd12345", GUESSABLE),
        ("liverpool2024!", GUESSABLE),
        ("2024liverpool", GUESSABLE),
        ("iloveyouiloveyou", GUESSABLE),
        ("passwordpassword", GUESSABLE),
        ("ZoneNetworks2026", GUESSABLE),
        # Simple runs and repeats.
        ("123456789012", GUESSABLE),
        ("abcdefghijklm", GUESSABLE),
        ("aaaaaaaaaaaaaaaa", GUESSABLE),
        ("abababababab", GUESSABLE),
        ("ab12ab12ab12", GUESSABLE),
        # About the person.
        ("mina.member@humber.example", PERSONAL),
        ("member-river-stone", PERSONAL),
        ("xx mina member xx", PERSONAL),
        ("MinaMember1987", PERSONAL),
        # Good ones: no composition rules, spaces and long pasted passphrases are fine.
        ("twelve chars", None),
        ("correct horse battery staple", None),
        (TEST_PASSWORD, None),
        ("purple tractor umbrella seventeen", None),
        ("vQ7#x!pL2@zR9$wK", None),
        ("a" * 40 + "b" * 40 + "tram lines on a wet tuesday", None),
        ("cwtsh glas ar y mynydd ŵ", None),
        ("x" * 3 + "long pasted passphrase " * 10, None),
    ],
)
def test_password_policy(app, password: str, expected: str | None) -> None:
    with app.test_request_context():
        message = validate_password(password, email="mina.member@humber.example", name="Mina Member")
    if expected is None:
        assert message is None, password
    else:
        assert message is not None and message.startswith(expected), (password, message)


def test_exactly_twelve_and_exactly_the_maximum_are_allowed(app) -> None:
    with app.test_request_context():
        assert validate_password("walnut cable") is None
        passphrase = ("walnut cable orbit " * 20)[:MAX_LENGTH - 3] + "end"
        assert len(passphrase) == MAX_LENGTH
        assert validate_password(passphrase) is None


def test_short_email_fragments_do_not_forbid_ordinary_passwords(app) -> None:
    with app.test_request_context():
        assert validate_password("jo river stone", email="jo@example.org", name="Jo") is None
        assert validate_password("the river jones", email="jo.jones@example.org") is not None


def test_common_list_is_zxcvbn_passwords_in_lower_case() -> None:
    common = common_passwords()
    assert len(common) > 29000
    assert {"password", "123456", "qwerty", "iloveyou"} <= common
    assert all(entry == entry.lower() for entry in common)


class _Form(FlaskForm):
    email = StringField()
    name = StringField()
    password = PasswordField(validators=[StrongPassword()])


class _FormWithoutPersonFields(FlaskForm):
    password = PasswordField(validators=[StrongPassword()])


def test_validator_reads_the_person_from_the_form_fields(app) -> None:
    with app.test_request_context():
        form = _Form(formdata=MultiDict({"email": "mina.member@humber.example", "name": "Mina Member",
                                         "password": "Mina Member rocks"}), meta={"csrf": False})
        assert not form.validate()
        assert form.password.errors == [PERSONAL]
        form = _Form(formdata=MultiDict({"password": "short"}), meta={"csrf": False})
        assert not form.validate()
        assert form.password.errors == [SHORT]


def test_validator_reads_the_person_from_form_attributes(app) -> None:
    with app.test_request_context():
        form = _FormWithoutPersonFields(formdata=MultiDict({"password": "the member of the team"}),
                                        meta={"csrf": False})
        form.account_email = "member@humber.example"
        assert not form.validate()
        assert form.password.errors == [PERSONAL]
        form = _FormWithoutPersonFields(formdata=MultiDict({"password": "lantern meadow quartz"}),
                                        meta={"csrf": False})
        assert form.validate(), form.errors
