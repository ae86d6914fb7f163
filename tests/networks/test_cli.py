"""`flask --app zone_networks invite EMAIL --network SLUG [--role ROLE]`."""

from __future__ import annotations

from tests.networks.invite_support import link_in
from tests.networks.support import audit_events, invitations


def test_invite_command_creates_and_sends(app, db, outbox) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["invite", "Lead@Teesside.example", "--network", "net-zero",
                                 "--network", "skills-forum", "--role", "convenor"])
    assert result.exit_code == 0, result.output
    assert "Invited lead@teesside.example" in result.output
    assert "Net Zero Network (convenor)" in result.output
    assert app.config["MAIL_OUTBOX"] in result.output
    [invitation] = invitations()
    assert invitation.email == "lead@teesside.example" and invitation.invited_by_id is None
    assert sorted((i.network.slug, i.role) for i in invitation.networks) == [
        ("net-zero", "convenor"), ("skills-forum", "convenor"),
    ]
    [mail] = outbox()
    assert mail["To"] == "lead@teesside.example"
    assert "The Industrial Strategy Zones secretariat has invited you" in mail.get_content()
    assert link_in(mail).startswith("/invitations/")
    [event] = audit_events("invitation.created")
    assert event.actor_id is None and event.details["source"] == "cli"


def test_invite_command_link_works(app, db, client, outbox) -> None:
    app.test_cli_runner().invoke(args=["invite", "lead@teesside.example", "--network", "net-zero"])
    response = client.get(link_in(outbox()[0]))
    assert response.status_code == 200
    assert "the Net Zero Network as a member" in response.get_data(as_text=True)


def test_invite_command_unknown_network(app, db, outbox) -> None:
    result = app.test_cli_runner().invoke(args=["invite", "lead@teesside.example", "--network", "net-hero"])
    assert result.exit_code != 0
    assert "Unknown network net-hero" in result.output
    assert "skills-forum" in result.output
    assert invitations() == [] and outbox() == []


def test_invite_command_bad_email(app, db, outbox) -> None:
    result = app.test_cli_runner().invoke(args=["invite", "not-an-email", "--network", "net-zero"])
    assert result.exit_code != 0
    assert "Enter an email address in the correct format" in result.output
    assert invitations() == [] and outbox() == []


def test_invite_command_bad_role(app, db, outbox) -> None:
    result = app.test_cli_runner().invoke(args=["invite", "lead@teesside.example", "--network", "net-zero",
                                                "--role", "king"])
    assert result.exit_code != 0
    assert invitations() == []


def test_invite_command_needs_a_network(app, db) -> None:
    result = app.test_cli_runner().invoke(args=["invite", "lead@teesside.example"])
    assert result.exit_code != 0
    assert "--network" in result.output


def test_invite_command_refuses_duplicate_pending(app, db, outbox) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["invite", "lead@teesside.example", "--network", "net-zero"]).exit_code == 0
    result = runner.invoke(args=["invite", "lead@teesside.example", "--network", "skills-forum"])
    assert result.exit_code != 0
    assert "already a pending invitation" in result.output
    assert len(invitations()) == 1 and len(outbox()) == 1


def test_invite_command_reports_smtp(app, db, monkeypatch) -> None:
    from zone_networks.networks import emails

    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(emails, "send_email", lambda to, subject, body: sent.append((to, subject)))
    app.config["MAIL_SMTP_HOST"] = "smtp.example.gov.uk"
    result = app.test_cli_runner().invoke(args=["invite", "lead@teesside.example", "--network", "net-zero"])
    assert result.exit_code == 0, result.output
    assert "Email sent via SMTP (smtp.example.gov.uk)" in result.output
    assert sent == [("lead@teesside.example", "You are invited to join Zone Networks")]


def test_invite_command_fails_loudly_when_mail_fails(app, db, monkeypatch) -> None:
    from zone_networks.networks import emails

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(emails, "send_email", broken)
    result = app.test_cli_runner().invoke(args=["invite", "lead@teesside.example", "--network", "net-zero"])
    assert result.exit_code != 0
    assert "could not be sent" in result.output
    assert len(invitations()) == 1  # saved: the secretariat can resend it


def test_invite_command_as_a_real_process(app, database_url, tmp_path) -> None:
    """The documented command line, run the way an operator would run it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    outbox = tmp_path / "cli-outbox"
    env = {key: value for key, value in os.environ.items() if key not in ("FLASK_APP", "SERVER_BASE_URL")}
    env.update(DATABASE_URL=database_url, ZONE_NETWORKS_ENV="testing", SECRET_KEY="cli-test",
               MAIL_OUTBOX=str(outbox), MAIL_SMTP_HOST="")
    flask = Path(sys.executable).with_name("flask")
    args = [str(flask), "--app", "zone_networks", "invite", "lead@teesside.example", "--network", "net-zero",
            "--role", "observer"]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Invited lead@teesside.example to: Net Zero Network (observer)" in result.stdout
    assert str(outbox) in result.stdout
    assert len(list(outbox.glob("*.eml"))) == 1
    failed = subprocess.run([*args[:4], "someone@example.gov.uk", "--network", "nowhere"], env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert failed.returncode != 0
    assert "Unknown network nowhere" in failed.stderr
