"""Demo data: realistic people, roles and memberships so a first run shows a living service.

Everything here is clearly demo: every account's email address is on the
reserved DEMO_DOMAIN, and every demo account shares DEMO_PASSWORD, a password
used by nothing but demo data. Never load demo data into a real deployment.
"""

from __future__ import annotations

DEMO_DOMAIN = "demo.zone-networks.example"
# Published in the README and by `demo-logins`. It passes the password policy for every demo account
# (it avoids words that occur in the demo email addresses, such as "zone").
DEMO_PASSWORD = "networks-demo-only"  # noqa: S105 (the published demo password; demo accounts only)
DEFAULT_SEED = 2025


def demo_email(local_part: str) -> str:
    """A demo email address on the reserved demo domain."""
    return f"{local_part}@{DEMO_DOMAIN}"
