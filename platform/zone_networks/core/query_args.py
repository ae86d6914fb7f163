"""Reading list filters from a query string: repeated values, kept only when allowed, bounded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MAX_VALUES = 30  # per facet: more than any real list of choices, so a crafted address stays cheap


def keep_allowed(values: Iterable[str], allowed: Iterable[str], limit: int = MAX_VALUES) -> tuple[str, ...]:
    """The allowed values, once each, in the order given (at most `limit`)."""
    permitted = set(allowed)
    kept: list[str] = []
    for value in values:
        if value in permitted and value not in kept:
            kept.append(value)
    return tuple(kept[:limit])


def arg_list(args: Mapping[str, Any], key: str) -> list[str]:
    """Every value given for `key`, from request.args (a MultiDict) or a plain mapping."""
    getlist = getattr(args, "getlist", None)
    if getlist is not None:
        return [str(value) for value in getlist(key)]
    value = args.get(key)
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]
