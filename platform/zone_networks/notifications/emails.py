"""Notification emails (one at a time, or a daily digest), in the recipient's language, with unsubscribe links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from zone_networks.core.mail import send_email
from zone_networks.core.urls import absolute_url
from zone_networks.notifications.tokens import unsubscribe_token

KIND_LABELS = {
    "mention": _l("mentions of you"),
    "reply": _l("replies in threads you follow"),
    "challenge": _l("new challenges in your networks"),
    "offer": _l("offers of help on your challenges"),
    "meeting": _l("changes to meetings you are going to"),
}


def link_for(path: str) -> str:
    """The full address of a path within the service (notification urls are paths)."""
    base = urlsplit(current_app.config["SERVER_BASE_URL"])
    return f"{base.scheme or 'https'}://{base.netloc}{path}"


def unsubscribe_link(user_id: int, kind: str) -> str:
    """The address of the page that stops emails of `kind` for this person."""
    return absolute_url("notifications.unsubscribe", token=unsubscribe_token(user_id, kind))


def _footer(user_id: int, kinds: Sequence[str]) -> str:
    lines = []
    for kind in kinds:
        lines.append(_("To stop emails about %(what)s, use this link:\n%(link)s",
                       what=str(KIND_LABELS[kind]), link=unsubscribe_link(user_id, kind)))
    lines.append(_("Choose how we email you about everything else:\n%(link)s",
                   link=absolute_url("notifications.settings")))
    return "\n\n".join(lines)


def _headers(user_id: int, kinds: Sequence[str]) -> dict[str, str]:
    # One List-Unsubscribe address per email: the first kind it is about.
    return {"List-Unsubscribe": f"<{unsubscribe_link(user_id, kinds[0])}>"}


def send_immediate(item: dict[str, Any]) -> None:
    """Email one notification (a delivery item prepared by notifications/delivery.py)."""
    payload = item["payload"]
    kind = item["kind"]
    with force_locale(item["language"]):
        subject = payload["title"]
        body = _("Hello %(name)s,\n\n%(title)s\n\nSee it here:\n%(link)s\n\n%(footer)s\n\nZone Networks",
                 name=item["name"], title=payload["title"], link=link_for(payload["url"]),
                 footer=_footer(item["user_id"], [kind]))
        headers = _headers(item["user_id"], [kind])
    send_email(item["email_to"], subject, body, headers)


def send_digest(user_id: int, email: str, name: str, language: str, items: Sequence[tuple[str, str, str]]) -> None:
    """Email one person's daily digest; `items` are (kind, title, path) oldest first."""
    kinds = sorted({kind for kind, _title, _path in items}, key=list(KIND_LABELS).index)
    with force_locale(language or "en"):
        subject = ngettext("Zone Networks: %(num)d new notification", "Zone Networks: %(num)d new notifications",
                           len(items))
        entries = "\n\n".join(f"- {title}\n  {link_for(path)}" for _kind, title, path in items)
        body = _("Hello %(name)s,\n\nHere is what happened since your last digest:\n\n%(entries)s\n\n"
                 "See all your notifications:\n%(all)s\n\n%(footer)s\n\nZone Networks",
                 name=name, entries=entries, all=absolute_url("notifications.index"),
                 footer=_footer(user_id, kinds))
        headers = _headers(user_id, kinds)
    send_email(email, subject, body, headers)
