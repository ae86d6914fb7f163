"""The upload sweeper: unreferenced old files and abandoned temporary files go; everything else stays."""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.core import upload_samples as samples
from zone_networks.core import uploads
from zone_networks.core.clock import utcnow
from zone_networks.core.upload_sweep import SweepReport, sweep
from zone_networks.core.uploads import StoredFile, store_upload
from zone_networks.documents.models import Document, DocumentVersion
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Network

HOUR = 3600


def folder(app: Flask) -> Path:
    """The upload folder."""
    return Path(app.config["UPLOADS_FOLDER"])


def listing(app: Flask) -> list[str]:
    """Every name in the upload folder."""
    path = folder(app)
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def age(path: Path, seconds: float) -> None:
    """Make a file look `seconds` old."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def stored(app: Flask, word: str, *, hours_old: float = 2) -> StoredFile:
    """A stored PDF, aged."""
    result = store_upload(io.BytesIO(samples.pdf(word)), f"{word}.pdf", max_bytes=1024 * 1024)
    age(folder(app) / result.key, hours_old * HOUR)
    return result


def document_using(key: str, size: int) -> None:
    """A document whose only version refers to `key`."""
    network = _db.session.scalars(select(Network).filter_by(slug="skills-forum")).one()
    document = Document(title="Terms of reference", network_id=network.id, visibility="network")
    _db.session.add(document)
    _db.session.flush()
    _db.session.add(DocumentVersion(document_id=document.id, number=1, blob_key=key, size=size,
                                    content_type="application/pdf", original_name="terms.pdf"))
    _db.session.commit()


def temp_file(app: Flask, name: str, *, hours_old: float) -> Path:
    """A leftover temporary upload."""
    path = folder(app) / name
    path.write_bytes(b"half an upload")
    age(path, hours_old * HOUR)
    return path


def test_sweep_removes_old_orphans_and_temp_files_and_keeps_the_rest(app: Flask, db: Any) -> None:
    folder(app).mkdir(parents=True, exist_ok=True)
    in_use = stored(app, "Referenced")
    document_using(in_use.key, in_use.size)
    orphan = stored(app, "Orphan")
    fresh = stored(app, "Fresh", hours_old=0.5)
    old_temp = temp_file(app, ".upload-abc123", hours_old=2)
    new_temp = temp_file(app, ".upload-def456", hours_old=0.1)
    (folder(app) / "notes.txt").write_text("not ours")
    age(folder(app) / "notes.txt", 10 * HOUR)

    dry = sweep(dry_run=True)
    assert dry == SweepReport(removed=(orphan.key,), kept=tuple(sorted((in_use.key, fresh.key))),
                              temp_removed=(old_temp.name,))
    assert len(listing(app)) == 6  # a dry run removes nothing

    report = sweep()
    assert report == dry
    assert listing(app) == sorted([in_use.key, fresh.key, new_temp.name, "notes.txt"])
    assert sweep() == SweepReport(removed=(), kept=tuple(sorted((in_use.key, fresh.key))), temp_removed=())


def test_agenda_papers_and_registered_sets_count_as_references(app: Flask, db: Any, monkeypatch: Any) -> None:
    paper = stored(app, "Paper")
    kept = stored(app, "Kept")
    from zone_networks.meetings.agenda_models import AgendaItem, AgendaPaper
    from zone_networks.meetings.models import Meeting

    network = _db.session.scalars(select(Network).filter_by(slug="skills-forum")).one()
    meeting = Meeting(network_id=network.id, uid="sweep-test@zone-networks", title="Forum", starts_at=utcnow(),
                      ends_at=utcnow() + timedelta(hours=1), status="scheduled")
    _db.session.add(meeting)
    _db.session.flush()
    item = AgendaItem(meeting_id=meeting.id, title="Levy", status="accepted")
    _db.session.add(item)
    _db.session.flush()
    _db.session.add(AgendaPaper(item_id=item.id, stored_name=paper.key, original_name="levy.pdf",
                                content_type="application/pdf", size=paper.size))
    _db.session.commit()
    monkeypatch.setitem(uploads._references, "test", lambda: {kept.key})
    assert sweep() == SweepReport(removed=(), kept=tuple(sorted((paper.key, kept.key))), temp_removed=())


def test_the_grace_period_and_now_are_configurable(app: Flask, db: Any) -> None:
    orphan = stored(app, "Orphan", hours_old=0.5)
    assert sweep().removed == ()
    assert sweep(now=utcnow() + timedelta(hours=1), dry_run=True).removed == (orphan.key,)
    app.config["UPLOAD_SWEEP_GRACE_SECONDS"] = 60
    assert sweep().removed == (orphan.key,)
    assert listing(app) == []


def test_storing_the_same_content_again_protects_an_old_orphan(app: Flask, db: Any) -> None:
    orphan = stored(app, "Again")
    again = store_upload(io.BytesIO(samples.pdf("Again")), "again.pdf", max_bytes=1024 * 1024)
    assert again.key == orphan.key and not again.created
    assert sweep().removed == ()  # its row may be about to be committed


def test_symlinks_and_folders_are_never_followed_or_removed(app: Flask, db: Any, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / ("b" * 64)
    victim.write_bytes(b"precious")
    age(victim, 10 * HOUR)
    folder(app).mkdir(parents=True, exist_ok=True)
    link = folder(app) / ("c" * 64)
    link.symlink_to(victim)
    os.utime(link, (time.time() - 10 * HOUR,) * 2, follow_symlinks=False)
    (folder(app) / ".upload-link").symlink_to(victim)
    sub = folder(app) / ("d" * 64)
    sub.mkdir()
    os.utime(sub, (time.time() - 10 * HOUR,) * 2)
    assert sweep() == SweepReport((), (), ())
    assert victim.read_bytes() == b"precious" and link.is_symlink() and sub.is_dir()


def test_a_missing_folder_is_fine(app: Flask, db: Any) -> None:
    assert not folder(app).exists()
    assert sweep() == SweepReport((), (), ())


def test_sweep_refuses_without_any_registered_reference(app: Flask, db: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(uploads, "_references", {})
    with pytest.raises(RuntimeError, match="No upload references"):
        sweep()


def test_sweep_aborts_when_references_cannot_be_read(app: Flask, db: Any, monkeypatch: Any) -> None:
    orphan = stored(app, "Orphan")

    def broken() -> set[str]:
        raise RuntimeError("database down")

    monkeypatch.setitem(uploads._references, "test", broken)
    with pytest.raises(RuntimeError, match="database down"):
        sweep()
    assert listing(app) == [orphan.key]


def test_the_command(app: Flask, db: Any) -> None:
    orphan = stored(app, "Orphan")
    temp = temp_file(app, ".upload-xyz", hours_old=3)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["uploads", "sweep", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"Would remove unused file {orphan.key}" in dry.output
    assert f"Would remove temporary file {temp.name}" in dry.output
    assert len(listing(app)) == 2
    done = runner.invoke(args=["uploads", "sweep"])
    assert done.exit_code == 0, done.output
    assert "Removed 1 unused file(s) and 1 temporary file(s); kept 0 file(s)" in done.output
    assert listing(app) == []
    again = runner.invoke(args=["uploads", "sweep"])
    assert again.exit_code == 0 and "Removed 0 unused file(s) and 0 temporary file(s)" in again.output
