"""Turning a record's fields into the plain text the index stores and shows in snippets."""

from __future__ import annotations

from collections.abc import Iterable

from zone_networks.core.markdown import render_markdown


def plain(markdown_source: str | None) -> str:
    """Markdown as the words a reader sees (no markup, no link addresses), on one line."""
    if not markdown_source or not markdown_source.strip():
        return ""
    return render_markdown(markdown_source).striptags()


def joined(parts: Iterable[str | None]) -> str:
    """The non-empty parts, trimmed, one paragraph each."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())
