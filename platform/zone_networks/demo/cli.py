"""Commands: `flask --app zone_networks demo` adds demo data; `demo-logins` lists the demo accounts."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from zone_networks.demo import DEFAULT_SEED, DEMO_PASSWORD


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if any account already exists.")
@click.option("--people", type=click.IntRange(min=0), default=0, show_default=True,
              help="Also add this many generated members spread across zones and networks (for load tests).")
@click.option("--documents", type=click.IntRange(min=0), default=0, show_default=True,
              help="Also make sure this many generated demo documents exist (for the search bench).")
@click.option("--posts", type=click.IntRange(min=0), default=0, show_default=True,
              help="Also make sure this many generated demo discussion posts exist (for the search bench).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Seed for the demo names.")
@with_appcontext
def demo_command(if_empty: bool, people: int, documents: int, posts: int, seed: int) -> None:
    """Create demo people, roles and memberships (idempotent: existing emails are left alone)."""
    from zone_networks.demo.services import build_demo_data, has_users

    if if_empty and has_users():
        click.echo("Accounts already exist: no demo data added.")
        return
    summary = build_demo_data(seed=seed, extra_people=people)
    click.echo(
        f"Demo data ready: {summary.people_created} people and {summary.memberships_created} memberships added; "
        f"{summary.demo_people} demo people in all, {summary.pending_requests} requests to join waiting."
    )
    if documents:
        from zone_networks.demo.documents_scale import build_scale_documents

        scale = build_scale_documents(documents, seed)
        click.echo(f"Generated demo documents: {scale.created} added, {scale.total} in all.")
    if posts:
        from zone_networks.demo.posts_scale import build_scale_posts

        generated = build_scale_posts(posts, seed)
        click.echo(f"Generated demo posts: {generated.created} added, {generated.total} in all, "
                   f"in {generated.threads} threads.")
    click.echo("See the demo accounts with: flask --app zone_networks demo-logins")


@click.command("demo-logins")
@with_appcontext
def demo_logins_command() -> None:
    """Print one demo account per role, and the demo password they share."""
    from sqlalchemy import select

    from zone_networks.accounts.models import User
    from zone_networks.demo.plan import DEMO_LOGINS
    from zone_networks.extensions import db

    emails = [login.email for login in DEMO_LOGINS]
    rows = db.session.execute(select(User.email, User.name).where(User.email.in_(emails)))
    names = {email: name for email, name in rows}
    if not names:
        click.echo("No demo accounts yet. Create them with: flask --app zone_networks demo")
        return
    click.echo("Demo accounts (demo data only):")
    click.echo("")
    width = max(len(login.email) for login in DEMO_LOGINS)
    click.echo(f"  {'Role':<12} {'Email':<{width}}  Who")
    for login in DEMO_LOGINS:
        who = f"{names[login.email]}: {login.what}" if login.email in names else "(missing: run the demo command)"
        click.echo(f"  {login.role:<12} {login.email:<{width}}  {who}")
    click.echo("")
    click.echo(f"Password for every demo account: {DEMO_PASSWORD}")


def register(app: Flask) -> None:
    """Attach the demo data commands."""
    app.cli.add_command(demo_command)
    app.cli.add_command(demo_logins_command)
