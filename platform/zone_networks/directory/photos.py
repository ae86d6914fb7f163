"""Profile photos: check an upload really is an image, re-encode it small, store it by content.

Nothing a person uploads is kept as sent. The bytes must decode (by content,
not file name) as JPEG, PNG or WebP within a pixel limit that stops
decompression bombs; the picture is turned upright from its EXIF orientation,
shrunk to fit 400 x 400 and saved as a fresh JPEG with no metadata at all (no
EXIF, GPS, ICC profile or comments). The file is named by the SHA-256 of those
bytes under PHOTO_FOLDER and written atomically (temporary file, fsync, rename).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from contextlib import suppress
from io import BytesIO
from pathlib import Path
from typing import IO

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000  # 40 megapixels: larger than any phone camera, far below a decompression bomb
OUTPUT_SIZE = 400
JPEG_QUALITY = 85
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_KEY = re.compile(r"^[0-9a-f]{64}$")


class PhotoError(ValueError):
    """An upload that is not an acceptable photo; the message is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_bytes() -> int:
    """The largest upload accepted, from PHOTO_MAX_BYTES (5 MB by default)."""
    return int(current_app.config.get("PHOTO_MAX_BYTES") or DEFAULT_MAX_BYTES)


def photo_folder() -> Path:
    """Where photos are stored: PHOTO_FOLDER, or instance/photos."""
    configured = current_app.config.get("PHOTO_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / "photos"


def size_words(size: int) -> str:
    """A size in bytes as people write it: 5MB, 512KB."""
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g}MB" if megabytes >= 1 else f"{max(1, size // 1024)}KB"


def read_upload(stream: IO[bytes], limit: int) -> bytes:
    """Read an uploaded file, refusing it as soon as it is larger than `limit` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PhotoError(_("The selected file must be smaller than %(size)s", size=size_words(limit)))
    if not data:
        raise PhotoError(_("The selected file is empty"))
    return data


def _not_an_image() -> PhotoError:
    return PhotoError(_("The selected file must be a JPG, PNG or WebP image"))


def _too_many_pixels() -> PhotoError:
    return PhotoError(_("The selected image must be smaller than %(count)d megapixels", count=MAX_PIXELS // 1_000_000))


def _flatten(image: Image.Image) -> Image.Image:
    """An RGB copy of `image`, with any transparency laid over white."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def normalise_photo(data: bytes) -> bytes:
    """Return a clean JPEG (upright, at most 400 x 400, no metadata) made from uploaded image bytes."""
    try:
        image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except Exception as error:  # Pillow raises many kinds of error for a file that is not an image
        raise _not_an_image() from error
    with image:
        if image.width * image.height > MAX_PIXELS:
            raise _too_many_pixels()
        try:
            # JPEG can decode at a reduced scale: no need to hold every pixel of a large photo.
            image.draft("RGB", (OUTPUT_SIZE * 2, OUTPUT_SIZE * 2))
            image.load()
            upright = ImageOps.exif_transpose(image)
            flat = _flatten(upright)
            flat.thumbnail((OUTPUT_SIZE, OUTPUT_SIZE), Image.Resampling.LANCZOS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels() from error
        except Exception as error:  # truncated or corrupt image data
            raise _not_an_image() from error
    # Copy only the pixels into a new image, so no metadata can travel with it.
    clean = Image.new("RGB", flat.size, (255, 255, 255))
    clean.paste(flat)
    output = BytesIO()
    clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return output.getvalue()


def photo_key(jpeg: bytes) -> str:
    """The content address of stored photo bytes."""
    return hashlib.sha256(jpeg).hexdigest()


def photo_path(key: str, folder: Path | None = None) -> Path:
    """The file for a stored photo's key (which must look like a SHA-256, so it can name no other file)."""
    if not _KEY.match(key or ""):
        raise ValueError("not a photo key")
    return (folder or photo_folder()) / f"{key}.jpg"


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def store_photo(jpeg: bytes, folder: Path | None = None) -> str:
    """Write photo bytes under their SHA-256 (temporary file, fsync, rename) and return the key."""
    folder = folder or photo_folder()
    key = photo_key(jpeg)
    target = photo_path(key, folder)
    if target.is_file():
        return key  # the same bytes are already stored
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(jpeg)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)
    return key


def delete_photo(key: str, folder: Path | None = None) -> None:
    """Remove a stored photo file (the caller has checked that nobody uses it)."""
    with suppress(FileNotFoundError):
        photo_path(key, folder).unlink()
