"""Discussions', challenges' and notifications' part of the personal-data registry (see `directory.data_export`).

A person's copy of their data holds the threads they started, every post they
wrote (with the text each post had before every edit), their reactions, the
posts that mention them, the reports they made, how far they have read each
thread and which threads they follow; the challenges they posted, the zones'
"we have this too" they said and the offers of help they made (and offers
that suggested them as the person to talk to); their notifications and their
email choices. What moderators did (hiding a post, deciding a report) is the
network's record and is explained in `DISCUSSION_LINKS_NOT_FOLLOWED`. Tables
are named, not imported, so this module does not depend on those features.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, or_, select

from zone_networks.accounts.models import User
from zone_networks.directory.data_registry import YOU, Lookup, Source, owned_by, table

NETWORK = Lookup("network_id", "networks", ("name", "slug"), "network")
THREAD = Lookup("thread_id", "threads", ("title",), "thread")
POST = Lookup("post_id", "posts", ("thread_id", "seq"), "post")
CHALLENGE = Lookup("challenge_id", "challenges", ("thread_id",), "challenge")
ZONE = Lookup("zone_id", "zones", ("name",), "zone")

MODERATOR = _l("The account number of the convenor or member of the secretariat who acted: their data, not yours.")
COUNTER = _l("An internal counter the service uses to send changes to open pages in order: not about you.")
OTHERS_POST = _l("Part of the offer another person made: their data, not yours.")


def _posts_by(person: User) -> Any:
    """The ids of the posts `person` wrote."""
    posts = table("posts")
    return select(posts.c.id).where(posts.c.author_id == person.id)


def _revisions(person: User) -> ColumnElement[bool]:
    """Earlier texts of the person's own posts (and any text they replaced)."""
    revisions = table("post_revisions")
    return or_(revisions.c.editor_id == person.id, revisions.c.post_id.in_(_posts_by(person)))


def _offers_made(person: User) -> ColumnElement[bool]:
    """Offers of help that are posts the person wrote."""
    return table("challenge_offers").c.post_id.in_(_posts_by(person))


DISCUSSION_SOURCES: tuple[Source, ...] = (
    Source(
        name="threads",
        table="threads",
        about=_l("Discussion threads you started (their posts, including yours, are on the thread pages; "
                 "your own posts are in posts.csv)."),
        where=owned_by("threads", "author_id"),
        links=("author_id",),
        exported=("id", "network_id", "kind", "title", "meeting_id", "is_locked", "is_pinned", "is_demo",
                  "post_count", "last_post_at", "created_at"),
        excluded={"author_id": YOU, "last_seq": COUNTER, "last_post_seq": COUNTER},
        lookups=(NETWORK,),
    ),
    Source(
        name="posts",
        table="posts",
        about=_l("Every post you wrote, with its text as it is now (empty if you deleted it)."),
        where=owned_by("posts", "author_id"),
        links=("author_id",),
        exported=("id", "thread_id", "seq", "body", "quote_of_id", "created_at", "edited_at", "edit_count",
                  "deleted_at", "hidden_at", "is_demo"),
        excluded={
            "author_id": YOU,
            "change_seq": COUNTER,
            "client_id": _l("A random code your browser chose when sending the post, so that a retried send "
                            "is not stored twice: not about you."),
            "body_html": _l("The same text as body, formatted as a web page."),
            "hidden_by_id": MODERATOR,
        },
        lookups=(THREAD,),
    ),
    Source(
        name="post_revisions",
        table="post_revisions",
        about=_l("The text your posts had before each edit (the edit history shown on the thread page)."),
        where=_revisions,
        links=("editor_id",),
        exported=("id", "post_id", "number", "body", "replaced_at"),
        excluded={"editor_id": _l("The account number of the person who edited the post: you.")},
        parent="posts",
        parent_key="post_id",
    ),
    Source(
        name="post_reactions",
        table="post_reactions",
        about=_l("Reactions you added to posts."),
        where=owned_by("post_reactions"),
        links=("user_id",),
        exported=("id", "post_id", "emoji", "created_at"),
        excluded={"user_id": YOU},
        lookups=(POST,),
    ),
    Source(
        name="post_mentions",
        table="post_mentions",
        about=_l("Posts that mention you (the posts are their authors' words: read them on the thread pages)."),
        where=owned_by("post_mentions"),
        links=("user_id",),
        exported=("post_id",),
        excluded={"user_id": YOU},
        lookups=(POST,),
    ),
    Source(
        name="post_reports",
        table="post_reports",
        about=_l("Posts you reported to a network's moderators, your reason, and what they decided."),
        where=owned_by("post_reports", "reporter_id"),
        links=("reporter_id",),
        exported=("id", "post_id", "reason", "resolved_at", "outcome", "created_at"),
        excluded={"reporter_id": YOU, "resolved_by_id": MODERATOR},
        lookups=(POST,),
    ),
    Source(
        name="thread_reads",
        table="thread_reads",
        about=_l("How far you have read each thread (so that the service can show you what is new)."),
        where=owned_by("thread_reads"),
        links=("user_id",),
        exported=("thread_id", "last_read_seq", "read_at"),
        excluded={"user_id": YOU},
        lookups=(THREAD,),
    ),
    Source(
        name="thread_follows",
        table="thread_follows",
        about=_l("Threads you follow (you are told about replies in them)."),
        where=owned_by("thread_follows"),
        links=("user_id",),
        exported=("thread_id", "created_at"),
        excluded={"user_id": YOU},
        lookups=(THREAD,),
    ),
    Source(
        name="challenges",
        table="challenges",
        about=_l("Challenges you posted for other zones to help with (their titles are the threads' titles)."),
        where=owned_by("challenges", "owner_id"),
        links=("owner_id",),
        exported=("id", "thread_id", "zone_id", "theme", "problem", "tried", "help_wanted", "status",
                  "endorsement_count", "offer_count", "matched_at", "resolved_at", "case_study_id", "is_demo",
                  "created_at", "updated_at"),
        excluded={"owner_id": YOU},
        lookups=(THREAD, ZONE),
    ),
    Source(
        name="challenge_endorsements",
        table="challenge_endorsements",
        about=_l("Challenges where you said, for your zone, \"we have this too\"."),
        where=owned_by("challenge_endorsements"),
        links=("user_id",),
        exported=("id", "challenge_id", "zone_id", "created_at"),
        excluded={"user_id": YOU},
        lookups=(CHALLENGE, ZONE),
    ),
    Source(
        name="challenge_offers",
        table="challenge_offers",
        about=_l("Offers of help you made on challenges (each is one of your posts), with what they pointed to."),
        where=_offers_made,
        links=(),
        exported=("post_id", "challenge_id", "document_id", "case_study_id", "helped", "created_at"),
        excluded={"person_id": _l("The account number of the person your offer suggested talking to: "
                                  "their data, not yours.")},
        lookups=(CHALLENGE,),
    ),
    Source(
        name="challenge_offers_naming_you",
        table="challenge_offers",
        about=_l("Offers of help on challenges that suggested you as the person to talk to."),
        where=owned_by("challenge_offers", "person_id"),
        links=("person_id",),
        exported=("post_id", "challenge_id", "created_at"),
        excluded={"document_id": OTHERS_POST, "case_study_id": OTHERS_POST, "helped": OTHERS_POST,
                  "person_id": YOU},
        lookups=(CHALLENGE,),
    ),
    Source(
        name="notifications",
        table="notifications",
        about=_l("Notifications the service gave you (mentions, replies, challenges, offers, meeting changes), "
                 "and whether you read them or were emailed about them."),
        where=owned_by("notifications"),
        links=("user_id",),
        exported=("id", "kind", "object_key", "title", "url", "read_at", "emailed_at", "digest_sent_at",
                  "created_at"),
        excluded={"user_id": YOU,
                  "actor_id": _l("The account number of the person whose action the notification is about: "
                                 "their data, not yours.")},
    ),
    Source(
        name="notification_preferences",
        table="notification_preferences",
        about=_l("How you chose to be emailed about each kind of notification (kinds you never changed are not "
                 "listed: they use the service's defaults)."),
        where=owned_by("notification_preferences"),
        links=("user_id",),
        exported=("id", "kind", "delivery"),
        excluded={"user_id": YOU},
    ),
)

DISCUSSION_LINKS_NOT_FOLLOWED: Mapping[tuple[str, str], Any] = {
    ("posts", "hidden_by_id"): _l("Posts you hid as a moderator are their authors' posts; hiding them is the "
                                  "network's record, not a record about you."),
    ("post_reports", "resolved_by_id"): _l("Reports you decided as a moderator belong to the people who made "
                                           "them."),
    ("notifications", "actor_id"): _l("Notifications other people received about something you did (a post, a "
                                      "mention, an offer) are theirs."),
}
