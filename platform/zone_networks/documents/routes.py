"""Document pages anyone may reach: the library, a network's documents, one document, and downloads.

Every page and every download checks the viewer's rights again (the same
predicates as the lists), so a removed member or a narrowed visibility loses
access at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from zone_networks.core import uploads
from zone_networks.core.pagination import pagination_params, requested_page
from zone_networks.documents import bp
from zone_networks.documents.labels import (
    FILE_KINDS,
    UNREADABLE_TEXT,
    size_label,
    text_unreadable,
    type_label,
    visibility_label,
)
from zone_networks.documents.loaders import network_or_404, viewable_document
from zone_networks.documents.models import DocumentVersion
from zone_networks.documents.queries import (
    DocumentFilters,
    all_sectors,
    can_upload,
    documents_page,
    membership_in,
    signed_in,
    tag_choices,
    version_of,
    versions_of,
)
from zone_networks.networks.models import Network
from zone_networks.networks.queries import all_networks
from zone_networks.zones.models import Sector


@dataclass(frozen=True)
class Removable:
    """A chosen filter shown above the results, as a link to the same list without it."""

    heading: str
    label: str
    href: str


def _list_url(filters: DocumentFilters, network: Network | None, anchor: str | None = None) -> str:
    base = url_for("documents.network_documents", slug=network.slug) if network else url_for("documents.index")
    args = filters.to_args()
    if network is not None:
        args.pop("network", None)  # the address names the network already
    query = urlencode(args)
    return base + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _removable(filters: DocumentFilters, network: Network | None, tags: dict[str, str]) -> list[Removable]:
    chosen: list[tuple[str, str, str]] = []
    if filters.network and network is None:
        chosen.append((_("Network"), filters.network.short_name, "network"))
    if filters.sector:
        chosen.append((_("Sector"), filters.sector.name, "sector"))
    if filters.kind:
        chosen.append((_("Type of file"), str(filters.kind.label), "kind"))
    if filters.tag:
        chosen.append((_("Tag"), tags.get(filters.tag, filters.tag), "tag"))
    return [Removable(heading, label, _list_url(filters.without(name), network, "results"))
            for heading, label, name in chosen]


def _select(name: str, label: str, any_text: str, pairs: list[tuple[str, str]], chosen: str) -> dict[str, Any]:
    """The govukSelect parameters of one filter ("" = any)."""
    items = [{"value": "", "text": any_text, "selected": not chosen}]
    items += [{"value": value, "text": text, "selected": value == chosen} for value, text in pairs]
    return {"id": f"filter-{name}", "name": name, "label": {"text": label, "classes": "govuk-label--s"},
            "items": items}


def _selects(filters: DocumentFilters, network: Network | None, networks: list[Network], sectors: list[Sector],
             tags: dict[str, str]) -> list[dict[str, Any]]:
    selects = []
    if network is None:
        selects.append(_select("network", _("Network"), _("All networks"), [(n.slug, n.name) for n in networks],
                               filters.network.slug if filters.network else ""))
    selects.append(_select("sector", _("Sector"), _("All sectors"), [(s.slug, s.name) for s in sectors],
                           filters.sector.slug if filters.sector else ""))
    selects.append(_select("type", _("Type of file"), _("All types"), [(k.key, str(k.label)) for k in FILE_KINDS],
                           filters.kind.key if filters.kind else ""))
    if tags:
        selects.append(_select("tag", _("Tag"), _("All tags"), list(tags.items()), filters.tag))
    return selects


def _library(network: Network | None) -> dict[str, Any]:
    networks = all_networks()
    sectors = all_sectors()
    filters = DocumentFilters.from_args(request.args, networks, sectors)
    if network is not None:
        filters = DocumentFilters(network=network, sector=filters.sector, kind=filters.kind, tag=filters.tag)
    documents = documents_page(current_user, filters, requested_page())
    tags = dict(tag_choices(current_user, network))
    return {
        "network": network, "filters": filters, "documents": documents,
        "selects": _selects(filters, network, networks, sectors, tags),
        "list_url": _list_url(DocumentFilters(), network),
        "pagination": pagination_params(documents, anchor="results", label=_("Pages of documents")),
        "removable": _removable(filters, network, tags),
        "clear_url": _list_url(DocumentFilters(), network, "results"),
        "filter_active": bool(filters.sector or filters.kind or filters.tag or (filters.network and not network)),
        "type_label": type_label, "size_label": size_label,
    }


@bp.get("/documents")
def index() -> str:
    """The documents the viewer may see, newest first, with filters by network, sector, type and tag."""
    return render_template("documents/index.html", can_upload=can_upload(current_user), **_library(None))


@bp.get("/networks/<slug>/documents")
def network_documents(slug: str) -> str:
    """One network's documents that the viewer may see."""
    network = network_or_404(slug)
    membership = membership_in(current_user, network.id)
    member = membership is not None and membership.status == "active"
    return render_template("documents/index.html", can_upload=signed_in(current_user) and (
        current_user.is_staff or member), **_library(network))


@bp.get("/documents/<int:document_id>")
def show(document_id: int) -> str:
    """One document: its details, the current file, the version history, and actions for its editors."""
    document, membership = viewable_document(document_id)
    versions = versions_of(document)
    return render_template(
        "documents/show.html", document=document, versions=versions, current=versions[0] if versions else None,
        can_edit=document.can_edit(current_user, membership), type_label=type_label, size_label=size_label,
        visibility_label=visibility_label, text_unreadable=text_unreadable, unreadable_text=UNREADABLE_TEXT,
    )


def _download(version: DocumentVersion | None) -> Response:
    """The version's file as an attachment (nosniff, a sandboxing CSP, no caching: core.uploads)."""
    if version is None:
        abort(404)
    return uploads.attachment_response(version.blob_key, version.content_type, version.original_name)


@bp.get("/documents/<int:document_id>/download")
def download(document_id: int) -> Response:
    """The document's current file, as an attachment (the viewer's rights are checked every time)."""
    document, _membership = viewable_document(document_id)
    return _download(document.current_version)


@bp.get("/documents/<int:document_id>/versions/<int:number>/download")
def download_version(document_id: int, number: int) -> Response:
    """One version's file, as an attachment: anyone who may see the document may download its older versions."""
    document, _membership = viewable_document(document_id)
    return _download(version_of(document, number))
