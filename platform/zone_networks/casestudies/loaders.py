"""Fetch-then-authorise helpers for the case study routes."""

from __future__ import annotations

from typing import cast

from flask import abort
from flask_login import current_user

from zone_networks.accounts.models import User
from zone_networks.casestudies.models import CaseStudy
from zone_networks.casestudies.queries import case_study_for_page
from zone_networks.core.permissions import require


def me() -> User:
    """The signed-in user as a real User (call only after login_required)."""
    return cast(User, current_user._get_current_object())


def viewable_case_study(case_study_id: int) -> CaseStudy:
    """The case study with its links loaded, if the viewer may see it; otherwise 404."""
    case_study = case_study_for_page(case_study_id)
    if case_study is None:
        abort(404)
    require(case_study.can_view(current_user))
    return case_study


def editable_case_study(case_study_id: int) -> CaseStudy:
    """The case study, if the viewer may edit it: 404 if they may not see it, 403 if they see but may not edit."""
    case_study = viewable_case_study(case_study_id)
    require(case_study.can_edit(current_user), 403)
    return case_study
