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
from zone_networks.challenges.models import Challenge, ChallengeEndorsement, ChallengeOffer, challenge_sectors
from zone_networks.core.audit import AuditEvent
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.discussions.models import (
    Post,
    PostMention,
    PostReaction,
    PostReport,
    PostRevision,
    Thread,
    ThreadFollow,
    ThreadRead,
)
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
from zone_networks.notifications.models import Notification, NotificationPreference
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
    "Challenge",
    "ChallengeEndorsement",
    "ChallengeOffer",
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
    "Notification",
    "NotificationPreference",
    "Organisation",
    "PasswordResetToken",
    "PersonZoneRole",
    "PollOption",
    "PollVote",
    "Post",
    "PostMention",
    "PostReaction",
    "PostReport",
    "PostRevision",
    "ReminderSent",
    "Rsvp",
    "SearchEntry",
    "Sector",
    "Thread",
    "ThreadFollow",
    "ThreadRead",
    "User",
    "Zone",
    "case_study_documents",
    "case_study_meetings",
    "case_study_sectors",
    "case_study_zones",
    "challenge_sectors",
    "document_sectors",
    "person_tags",
]
