"""Import every feature's models so SQLAlchemy's registry and metadata are complete."""

from zone_networks.accounts.models import PasswordResetToken, User
from zone_networks.casestudies.models import (
    CaseStudy,
    CaseStudyRevision,
    case_study_documents,
    case_study_meetings,
    case_study_sectors,
    case_study_zones,
)
from zone_networks.core.audit import AuditEvent
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion, document_sectors
from zone_networks.fulltext.models import SearchEntry
from zone_networks.meetings.action_models import ActionItem
from zone_networks.meetings.agenda_models import AgendaItem, AgendaPaper
from zone_networks.meetings.calendar_models import CalendarToken, ReminderSent
from zone_networks.meetings.minutes_models import Minutes, MinutesComment, MinutesVersion
from zone_networks.meetings.models import Meeting, MeetingSeries
from zone_networks.meetings.poll_models import DatePoll, PollOption, PollVote
from zone_networks.meetings.rsvp_models import Attendance, Rsvp
from zone_networks.networks.models import Invitation, InvitationNetwork, Membership, Network
from zone_networks.zones.models import Organisation, Sector, Zone

__all__ = [
    "ActionItem",
    "AgendaItem",
    "AgendaPaper",
    "Attendance",
    "AuditEvent",
    "CalendarToken",
    "CaseStudy",
    "CaseStudyRevision",
    "DatePoll",
    "Document",
    "DocumentTag",
    "DocumentVersion",
    "ExpertiseTag",
    "Invitation",
    "InvitationNetwork",
    "Meeting",
    "MeetingSeries",
    "Membership",
    "Minutes",
    "MinutesComment",
    "MinutesVersion",
    "Network",
    "Organisation",
    "PasswordResetToken",
    "PersonZoneRole",
    "PollOption",
    "PollVote",
    "ReminderSent",
    "Rsvp",
    "SearchEntry",
    "Sector",
    "User",
    "Zone",
    "case_study_documents",
    "case_study_meetings",
    "case_study_sectors",
    "case_study_zones",
    "document_sectors",
    "person_tags",
]
