"""Fixtures for the document library tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from tests.documents.support import make_document
from zone_networks.accounts.models import User
from zone_networks.documents.models import Document


@pytest.fixture()
def add_document(app: Flask, db: Any) -> Callable[..., Document]:
    """Make a document: add_document(owner, network_slug, visibility=..., versions=..., ...)."""

    def _add(owner: User | None, network_slug: str = "skills-forum", **fields: Any) -> Document:
        return make_document(app, owner, network_slug, **fields)

    return _add
