"""The upload sweeper: remove stored files no table refers to, and abandoned temporary files.

Uploads are written before their database row (core/uploads.py), so a crash
or a failed commit can leave a file nobody uses; deleting a document leaves
its versions' files too. `sweep()` removes, in UPLOADS_FOLDER only:

- files named by a key (64 hex digits) that no registered reference source
  names and that are older than UPLOAD_SWEEP_GRACE_SECONDS (a younger file may
  belong to a request that has not committed yet; storing the same content
  again refreshes the file's time);
- `.upload-*` temporary files older than the grace period.

It never follows symbolic links, never touches other names or sub-folders, and
is safe to run repeatedly or while the service runs: each file is looked at
again just before it is removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app

from zone_networks.core.clock import utcnow
from zone_networks.core.uploads import KEY, TEMP_PREFIX, reference_names, referenced_keys, uploads_folder


@dataclass(frozen=True)
class SweepReport:
    """What a sweep did (or, in a dry run, would do): file names removed, kept, and temporary files removed."""

    removed: tuple[str, ...]
    kept: tuple[str, ...]
    temp_removed: tuple[str, ...]


def grace_seconds() -> int:
    """How old an unreferenced file must be before it is removed (UPLOAD_SWEEP_GRACE_SECONDS)."""
    return int(current_app.config.get("UPLOAD_SWEEP_GRACE_SECONDS", 3600))


def _still_old(path: Path, cutoff: float) -> bool:
    """Whether `path` is still a plain file last changed before `cutoff` (looked at again just before removal)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    return path.is_file() and not path.is_symlink() and info.st_mtime < cutoff


def _remove(path: Path, cutoff: float, dry_run: bool) -> bool:
    if not _still_old(path, cutoff):
        return False
    if not dry_run:
        try:
            path.unlink()
        except FileNotFoundError:
            return False
    return True


def sweep(now: datetime | None = None, dry_run: bool = False) -> SweepReport:
    """Remove unreferenced stored files and temporary files older than the grace period (in an app context)."""
    if not reference_names():
        # Without any registered source every file would look unused: refuse rather than empty the store.
        raise RuntimeError("No upload references are registered; refusing to sweep.")
    folder = uploads_folder()
    if not folder.is_dir() or folder.is_symlink():
        return SweepReport((), (), ())
    cutoff = (now or utcnow()).timestamp() - grace_seconds()
    in_use = referenced_keys()
    removed: list[str] = []
    kept: list[str] = []
    temp_removed: list[str] = []
    with os.scandir(folder) as entries:
        found = sorted((entry.name, entry.is_file(follow_symlinks=False)) for entry in entries)
    for name, is_file in found:
        if not is_file:
            continue  # sub-folders and symbolic links are never ours
        path = folder / name
        if name.startswith(TEMP_PREFIX):
            if _remove(path, cutoff, dry_run):
                temp_removed.append(name)
        elif KEY.fullmatch(name):
            if name not in in_use and _remove(path, cutoff, dry_run):
                removed.append(name)
            else:
                kept.append(name)
    return SweepReport(tuple(removed), tuple(kept), tuple(temp_removed))
