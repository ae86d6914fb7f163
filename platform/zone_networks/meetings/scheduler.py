"""When reminders go out: the `flask --app zone_networks reminders send-due` command, and a loop in the web server.

The loop is a daemon thread (a greenlet under gunicorn's gevent worker) that
create_app() starts when REMINDERS_INTERVAL (seconds) is above 0, outside
tests and outside `flask` commands (a command is not a server: use
`reminders send-due` from cron instead). Every REMINDERS_INTERVAL it sends the
reminders that are due, and once a day it tops up meeting series
(`extend_all_series`). Several server processes may each run it: the
ReminderSent unique constraint still sends each reminder once. During the
DIGEST_HOUR (UK time) each round also sends the notification digests that are
due (notifications/digest.py: at most one a day per person, never a
notification twice, whichever process or cron job runs it).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from zone_networks.core.clock import to_london, utcnow
from zone_networks.extensions import db
from zone_networks.meetings.reminders import ReminderRun, send_due

EXTENSION_KEY = "zone_networks.reminders"
STARTUP_DELAY = 15.0  # seconds: let the server finish starting before the first run
SERIES_EVERY = timedelta(days=1)
DIGEST_HOUR = 7  # daily digests go out between 7am and 8am UK time

reminders_cli = AppGroup("reminders", help="Meeting reminder emails.")


@reminders_cli.command("send-due")
@with_appcontext
def send_due_command() -> None:
    """Email the reminders that are due (24 hours before each meeting); each goes once, however often this runs."""
    run = send_due()
    click.echo(f"Sent {run.sent} reminder(s).")
    if run.failed:
        click.echo(f"{run.failed} reminder(s) could not be sent; the next run will try them again.", err=True)


class ReminderScheduler:
    """A background loop sending due reminders every `interval` seconds (and topping up series daily)."""

    def __init__(self, app: Flask, interval: float, *, startup_delay: float = STARTUP_DELAY) -> None:
        self.app = app
        self.interval = interval
        self.startup_delay = startup_delay
        self.runs = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._series_extended_at: datetime | None = None

    def start(self) -> None:
        """Start the loop in a daemon thread (it dies with the process)."""
        self._thread = threading.Thread(target=self._loop, name="zone-networks-reminders", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to stop and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        delay = self.startup_delay
        while not self._stop.wait(delay):
            self.tick()
            delay = self.interval

    def tick(self, now: datetime | None = None) -> ReminderRun | None:
        """One round: top up series if a day has passed, then send due reminders. Never raises."""
        with self.app.app_context():
            try:
                moment = now or utcnow()
                if self._series_extended_at is None or moment - self._series_extended_at >= SERIES_EVERY:
                    from zone_networks.meetings.series_services import extend_all_series

                    extend_all_series(moment)
                    self._series_extended_at = moment
                run = send_due(moment)
                if to_london(moment).hour == DIGEST_HOUR:
                    from zone_networks.notifications.digest import send_digests

                    send_digests(moment)
                return run
            except Exception:  # a bad round must not stop the loop: log it, try again next time
                db.session.rollback()
                self.app.logger.exception("Reminder round failed")
                return None
            finally:
                self.runs += 1
                db.session.remove()


def _running_a_command() -> bool:
    """Whether the app is being built for a `flask ...` command (including `flask run`) rather than a server."""
    return click.get_current_context(silent=True) is not None


def start_scheduler(app: Flask) -> ReminderScheduler | None:
    """Start the reminder loop for a served app when REMINDERS_INTERVAL > 0 (never in tests or `flask` commands)."""
    interval = float(app.config.get("REMINDERS_INTERVAL") or 0)
    if interval <= 0 or app.config.get("TESTING") or _running_a_command():
        return None
    existing = app.extensions.get(EXTENSION_KEY)
    if isinstance(existing, ReminderScheduler):
        return existing
    scheduler = ReminderScheduler(app, interval)
    app.extensions[EXTENSION_KEY] = scheduler
    scheduler.start()
    return scheduler
