"""Outgoing email: written to instance/outbox/ as .eml files, or sent over SMTP when configured."""

from __future__ import annotations

import smtplib
import time
import uuid
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app


def build_message(to: str, subject: str, body: str, headers: Mapping[str, str] | None = None) -> EmailMessage:
    """Build a plain-text email from the service's sender address (plus any extra `headers`)."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain="zone-networks.invalid")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message


def send_email(to: str, subject: str, body: str, headers: Mapping[str, str] | None = None) -> None:
    """Deliver one email: over SMTP if MAIL_SMTP_HOST is set, otherwise into the outbox folder."""
    message = build_message(to, subject, body, headers)
    config = current_app.config
    if config["MAIL_SMTP_HOST"]:
        with smtplib.SMTP(config["MAIL_SMTP_HOST"], config["MAIL_SMTP_PORT"], timeout=30) as smtp:
            if config["MAIL_SMTP_STARTTLS"]:
                smtp.starttls()
            if config["MAIL_SMTP_USER"]:
                smtp.login(config["MAIL_SMTP_USER"], config["MAIL_SMTP_PASSWORD"] or "")
            smtp.send_message(message)
        return
    outbox = Path(config["MAIL_OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    # Nanosecond prefix: files sort in the order they were written.
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.eml"
    temporary = outbox / f".{name}.tmp"
    temporary.write_bytes(bytes(message))
    temporary.replace(outbox / name)
