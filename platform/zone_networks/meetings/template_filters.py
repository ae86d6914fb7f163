"""Jinja filters for meetings: status and format words, tag colours, and "when"."""

from __future__ import annotations

from zone_networks.meetings import bp
from zone_networks.meetings.labels import clock, format_label, long_date, meeting_when, status_class, status_label

bp.add_app_template_filter(status_label, "meeting_status_label")
bp.add_app_template_filter(status_class, "meeting_status_class")
bp.add_app_template_filter(format_label, "meeting_format_label")
bp.add_app_template_filter(meeting_when, "meeting_when")
bp.add_app_template_filter(clock, "uk_clock")
bp.add_app_template_filter(long_date, "long_date")
