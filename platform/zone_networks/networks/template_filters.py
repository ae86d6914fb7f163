"""Jinja filters for the networks feature's coded values."""

from __future__ import annotations

from zone_networks.networks import bp
from zone_networks.networks.labels import (
    INVITATION_STATUS_CLASSES,
    audit_action_label,
    invitation_status_label,
    role_label,
    status_label,
)

bp.add_app_template_filter(role_label, "role_label")
bp.add_app_template_filter(status_label, "membership_status_label")
bp.add_app_template_filter(invitation_status_label, "invitation_status_label")
bp.add_app_template_filter(audit_action_label, "audit_action_label")
bp.add_app_template_filter(lambda status: INVITATION_STATUS_CLASSES.get(status, ""), "invitation_status_class")
