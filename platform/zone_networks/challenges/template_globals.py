"""Jinja globals other pages use to link to a challenge without importing this feature.

Case studies and discussions sit below challenges in the layers, so they
never import it; their templates call these globals instead:
`challenge_for_case_study(case_study_id)` ("Written up from the challenge")
and `challenge_for_thread(thread or thread id)` (a challenge's thread links back to it).
Each returns the challenge only when the signed-in viewer may see it.
"""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from zone_networks.challenges import bp
from zone_networks.challenges.labels import status_class, status_label, theme_label
from zone_networks.challenges.models import Challenge
from zone_networks.challenges.queries import challenge_for_case_study as _for_case_study
from zone_networks.challenges.queries import challenge_of_thread, membership_of, signed_in
from zone_networks.challenges.rules import can_view


def _visible(challenge: Challenge | None) -> Challenge | None:
    if challenge is None or not signed_in(current_user):
        return None
    membership = membership_of(current_user, challenge.thread.network_id)
    return challenge if can_view(current_user, challenge, membership) else None


def challenge_for_case_study(case_study_id: int) -> Challenge | None:
    """The challenge this case study was written up from, if the viewer may see it."""
    if not signed_in(current_user):
        return None
    return _visible(_for_case_study(case_study_id))


def challenge_for_thread(thread: Any) -> Challenge | None:
    """The challenge behind a thread (a Thread or its id), if the viewer may see it (None for other threads)."""
    if isinstance(thread, int):
        return _visible(challenge_of_thread(thread))
    if getattr(thread, "kind", None) != "challenge":
        return None
    return _visible(challenge_of_thread(thread.id))


bp.add_app_template_global(challenge_for_case_study, "challenge_for_case_study")
bp.add_app_template_global(challenge_for_thread, "challenge_for_thread")
bp.add_app_template_filter(status_label, "challenge_status")
bp.add_app_template_filter(status_class, "challenge_status_class")
bp.add_app_template_filter(theme_label, "challenge_theme")
