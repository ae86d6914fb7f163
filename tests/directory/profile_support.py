"""Helpers for the profile tests: images to upload, a person's row read fresh, the profile form's answers."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from zone_networks.accounts.models import User
from zone_networks.extensions import db


def fresh(user: User) -> User:
    """`user` read again from the database, with zone roles and expertise loaded."""
    db.session.expire_all()
    query = select(User).where(User.id == user.id).options(
        selectinload(User.zone_roles), selectinload(User.expertise)
    )
    return db.session.scalars(query).one()


def image_bytes(image_format: str = "JPEG", size: tuple[int, int] = (200, 100), mode: str = "RGB",
                colour: Any = "red", **save: Any) -> bytes:
    """An image of one colour in `image_format`."""
    output = BytesIO()
    Image.new(mode, size, colour).save(output, image_format, **save)
    return output.getvalue()


def jpeg_with_gps(size: tuple[int, int] = (200, 100), orientation: int = 6) -> bytes:
    """A JPEG carrying EXIF GPS coordinates, a camera make and an orientation (6: turn 90 degrees)."""
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "Spy Camera Co"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 26.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    return image_bytes("JPEG", size, exif=exif.tobytes())


def profile_answers(user: User, **changes: Any) -> dict[str, Any]:
    """The profile form's answers for `user` as they stand, with `changes` applied."""
    answers: dict[str, Any] = {
        "name": user.name,
        "job_title": user.job_title,
        "zone_roles": [],
        "expertise": [],
        "other_expertise": "",
        "bio": user.bio,
        "language": user.language,
        "email_visibility": user.email_visibility,
        "phone": user.phone,
        "phone_visibility": user.phone_visibility,
        "other_contact": user.other_contact,
        "other_contact_visibility": user.other_contact_visibility,
    }
    answers.update(changes)
    return answers


def snapshot(user: User) -> dict[str, Any]:
    """Everything the profile form can change, read fresh: to show that nothing was written."""
    person = fresh(user)
    return {
        "name": person.name,
        "job_title": person.job_title,
        "roles": sorted(held.role for held in person.zone_roles),
        "tags": sorted(tag.slug for tag in person.expertise),
        "bio": person.bio,
        "language": person.language,
        "phone": person.phone,
        "other_contact": person.other_contact,
        "visibility": (person.email_visibility, person.phone_visibility, person.other_contact_visibility),
        "search_text": person.search_text,
        "photo_key": person.photo_key,
    }
