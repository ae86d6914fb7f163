"""Calendar feed links: create one (replacing the old) or turn it off. Writes, audits and commits.

Only the token's hash is stored (core.tokens), like invitation tokens: the
full link is shown once, when it is made. Making a new link revokes the old
one at once, so a link that has leaked can be replaced.
"""

from __future__ import annotations

from sqlalchemy import update

from zone_networks.accounts.models import User
from zone_networks.core.audit import record
from zone_networks.core.clock import utcnow
from zone_networks.core.tokens import new_token
from zone_networks.extensions import db
from zone_networks.meetings.calendar_models import CalendarToken


def _revoke_all(user: User) -> int:
    """Revoke every working personal feed token of `user` (no commit); how many there were."""
    result = db.session.execute(
        update(CalendarToken)
        .where(CalendarToken.user_id == user.id, CalendarToken.network_id.is_(None),
               CalendarToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def create_feed_link(user: User, *, with_alarm: bool) -> str:
    """Make `user` a new calendar feed token, revoking any old one; commit. Returns the raw token (show it once)."""
    replaced = _revoke_all(user)
    raw, token_hash = new_token()
    token = CalendarToken(user_id=user.id, network_id=None, token_hash=token_hash, with_alarm=with_alarm)
    db.session.add(token)
    db.session.flush()
    record(user, "calendar_feed.created", "calendar_token", token.id, with_alarm=with_alarm, replaced=replaced)
    db.session.commit()
    return raw


def turn_off_feed(user: User) -> bool:
    """Revoke `user`'s calendar feed link(s); commit. False if there was none to turn off."""
    revoked = _revoke_all(user)
    if not revoked:
        db.session.rollback()
        return False
    record(user, "calendar_feed.turned_off", "user", user.id, revoked=revoked)
    db.session.commit()
    return True
