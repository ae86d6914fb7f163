"""Accounts: signing in and out, passwords, and your own details."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from zone_networks.accounts import routes  # noqa: E402,F401
