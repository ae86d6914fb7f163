"""Sign in, sign out."""

from __future__ import annotations

from flask import render_template

from zone_networks.accounts import bp


@bp.route("/login", methods=["GET", "POST"])
def login() -> str:
    """Sign in."""
    return render_template("accounts/login.html")


@bp.get("/account")
def account() -> str:
    """Your account."""
    return render_template("accounts/login.html")


@bp.route("/logout", methods=["GET", "POST"])
def logout() -> str:
    """Sign out."""
    return render_template("accounts/login.html")
