"""Reusable reads for the document library: who may see what, filtered lists, one document and its versions.

Lists go through `visible_to(user)`, the SQL twin of `Document.can_view`,
never through raw queries. Both read the viewer's memberships live on every
request, so removing someone from a network, or narrowing a document's
visibility, takes effect at once. A page of the list is a fixed number of
statements whatever its length: one count and one page query (the network
and the current version come in by joins).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, true
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from zone_networks.core.pagination import Page, paginate
from zone_networks.documents.labels import FILE_KINDS_BY_KEY, FileKind
from zone_networks.documents.models import Document, DocumentTag, DocumentVersion, document_sectors
from zone_networks.extensions import db
from zone_networks.networks.models import Membership, Network
from zone_networks.zones.models import Sector

PER_PAGE = 50  # documents on each page of a list
TAG_CHOICES_MAX = 200  # tags offered in the filter (the most used first)


def signed_in(user: Any) -> bool:
    """Whether `user` is a signed-in person whose account is active."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "active", False))


def membership_in(user: Any, network_id: int) -> Membership | None:
    """`user`'s membership (any status) of the network `network_id`, or None (always None when signed out)."""
    if not signed_in(user):
        return None
    query = select(Membership).where(Membership.user_id == user.id, Membership.network_id == network_id)
    return db.session.scalars(query).first()


def _active_network_ids(user: Any) -> Select[Any]:
    return select(Membership.network_id).where(Membership.user_id == user.id, Membership.status == "active")


def visible_to(user: Any) -> ColumnElement[bool]:
    """A WHERE clause: the documents `user` may see (the SQL form of `Document.can_view`)."""
    if not signed_in(user):
        return Document.visibility == "public"
    if user.is_staff:
        return true()
    return or_(Document.visibility.in_(("public", "members")), Document.network_id.in_(_active_network_ids(user)))


def uploadable_networks(user: Any) -> list[Network]:
    """The networks `user` may add documents to: every network for staff, their active ones for others."""
    if not signed_in(user):
        return []
    query = select(Network).order_by(Network.id)
    if not user.is_staff:
        query = query.where(Network.id.in_(_active_network_ids(user)))
    return list(db.session.scalars(query).unique())


def can_upload(user: Any) -> bool:
    """Whether `user` may add documents to at least one network (staff, or an active member somewhere)."""
    if not signed_in(user):
        return False
    if user.is_staff:
        return True
    return db.session.scalar(select(_active_network_ids(user).limit(1).exists())) or False


@dataclass(frozen=True)
class DocumentFilters:
    """The filters of a document list, as chosen in the address (unknown values are ignored)."""

    network: Network | None = None
    sector: Sector | None = None
    kind: FileKind | None = None
    tag: str = ""

    @classmethod
    def from_args(cls, args: Any, networks: list[Network], sectors: list[Sector]) -> DocumentFilters:
        """Read `network`, `sector`, `type` and `tag` from the query string, keeping only known values."""
        network_slug, sector_slug = args.get("network", ""), args.get("sector", "")
        return cls(
            network=next((n for n in networks if n.slug == network_slug), None),
            sector=next((s for s in sectors if s.slug == sector_slug), None),
            kind=FILE_KINDS_BY_KEY.get(args.get("type", "")),
            tag=str(args.get("tag", ""))[:80],
        )

    @property
    def active(self) -> bool:
        """Whether any filter is chosen."""
        return bool(self.network or self.sector or self.kind or self.tag)

    def to_args(self) -> dict[str, str]:
        """The query-string parameters for these filters."""
        args = {"network": self.network.slug if self.network else "", "sector": self.sector.slug if self.sector else "",
                "type": self.kind.key if self.kind else "", "tag": self.tag}
        return {key: value for key, value in args.items() if value}

    def without(self, name: str) -> DocumentFilters:
        """The same filters with one of them ("network", "sector", "kind" or "tag") removed."""
        if name == "tag":
            return replace(self, tag="")
        return replace(self, **{name: None})  # type: ignore[arg-type]


def _filtered(query: Select[Any], user: Any, filters: DocumentFilters) -> Select[Any]:
    query = query.where(visible_to(user))
    if filters.network is not None:
        query = query.where(Document.network_id == filters.network.id)
    if filters.sector is not None:
        query = query.where(Document.id.in_(
            select(document_sectors.c.document_id).where(document_sectors.c.sector_id == filters.sector.id)))
    if filters.kind is not None:
        query = query.where(DocumentVersion.content_type.in_(filters.kind.content_types))
    if filters.tag:
        query = query.where(Document.id.in_(select(DocumentTag.document_id).where(DocumentTag.slug == filters.tag)))
    return query


def documents_query(user: Any, filters: DocumentFilters) -> Select[Document]:
    """The documents `user` may see that match `filters`, most recently updated first, with their current file."""
    query = (
        select(Document)
        .outerjoin(DocumentVersion, Document.current_version_id == DocumentVersion.id)
        .options(contains_eager(Document.current_version))
    )
    return _filtered(query, user, filters).order_by(Document.updated_at.desc(), Document.id.desc())


def documents_page(user: Any, filters: DocumentFilters, page: int, per_page: int = PER_PAGE) -> Page[Document]:
    """One page of `documents_query` (404 past the last page)."""
    count = _filtered(
        select(func.count(Document.id)).select_from(Document)
        .outerjoin(DocumentVersion, Document.current_version_id == DocumentVersion.id),
        user, filters)
    return paginate(documents_query(user, filters), page, per_page, count_query=count)


def tag_choices(user: Any, network: Network | None = None) -> list[tuple[str, str]]:
    """(slug, name) of the tags on documents `user` may see (in `network`, if given), most used first."""
    uses = func.count(DocumentTag.document_id)
    query = (
        select(DocumentTag.slug, func.min(DocumentTag.name))
        .join(Document, Document.id == DocumentTag.document_id)
        .where(visible_to(user))
        .group_by(DocumentTag.slug)
        .order_by(uses.desc(), DocumentTag.slug)
        .limit(TAG_CHOICES_MAX)
    )
    if network is not None:
        query = query.where(Document.network_id == network.id)
    return sorted(((slug, name) for slug, name in db.session.execute(query)), key=lambda pair: pair[0])


def all_sectors() -> list[Sector]:
    """The eight sectors, by name."""
    return list(db.session.scalars(select(Sector).order_by(Sector.name)))


def document_by_id(document_id: int) -> Document | None:
    """The document with its network, current version, owner, sectors and tags loaded (None if there is none)."""
    query = (
        select(Document)
        .where(Document.id == document_id)
        .options(joinedload(Document.current_version), joinedload(Document.owner),
                 selectinload(Document.sectors), selectinload(Document.tags))
    )
    return db.session.scalars(query).unique().first()


def versions_of(document: Document) -> list[DocumentVersion]:
    """Every version of `document`, newest first, with who uploaded it."""
    query = (
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document.id)
        .options(joinedload(DocumentVersion.uploaded_by))
        .order_by(DocumentVersion.number.desc())
    )
    return list(db.session.scalars(query).unique())


def version_of(document: Document, number: int) -> DocumentVersion | None:
    """Version `number` of `document`, or None."""
    query = select(DocumentVersion).where(DocumentVersion.document_id == document.id,
                                          DocumentVersion.number == number)
    return db.session.scalars(query).first()

