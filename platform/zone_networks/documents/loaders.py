"""Fetch-then-authorise helpers for the document routes: 404 for what you may not see, 403 for what you may not edit."""

from __future__ import annotations

from typing import cast

from flask import abort
from flask_login import current_user

from zone_networks.accounts.models import User
from zone_networks.core.permissions import require
from zone_networks.documents.models import Document
from zone_networks.documents.queries import document_by_id, membership_in
from zone_networks.networks.models import Membership, Network
from zone_networks.networks.queries import network_by_slug


def me() -> User:
    """The signed-in user as a real User (call only after login_required)."""
    return cast(User, current_user._get_current_object())


def network_or_404(slug: str) -> Network:
    """The network with `slug`, or a 404."""
    network = network_by_slug(slug)
    if network is None:
        abort(404)
    return network


def viewable_document(document_id: int) -> tuple[Document, Membership | None]:
    """The document and the viewer's membership of its network, if they may see it; otherwise 404."""
    document = document_by_id(document_id)
    if document is None:
        abort(404)
    membership = membership_in(current_user, document.network_id)
    require(document.can_view(current_user, membership))
    return document, membership


def editable_document(document_id: int) -> tuple[Document, Membership | None]:
    """The document, if the viewer may change it: 404 if they may not see it, 403 if they see but may not change."""
    document, membership = viewable_document(document_id)
    require(document.can_edit(current_user, membership), 403)
    return document, membership
