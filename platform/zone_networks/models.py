"""Import every feature's models so SQLAlchemy's registry and metadata are complete."""

from zone_networks.accounts.models import PasswordResetToken, User
from zone_networks.core.audit import AuditEvent
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.networks.models import Invitation, InvitationNetwork, Membership, Network
from zone_networks.zones.models import Organisation, Sector, Zone

__all__ = [
    "AuditEvent",
    "ExpertiseTag",
    "Invitation",
    "InvitationNetwork",
    "Membership",
    "Network",
    "Organisation",
    "PasswordResetToken",
    "PersonZoneRole",
    "Sector",
    "User",
    "Zone",
    "person_tags",
]
