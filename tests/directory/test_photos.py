"""Profile photos: upload, validation, re-encoding without metadata, storage by content, serving and removal."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.factories import make_user
from tests.helpers import csrf_token, text_of
from zone_networks.directory import photos
from zone_networks.directory.services import set_photo

from .profile_support import fresh, image_bytes, jpeg_with_gps

URL = "/account/profile/photo"


@pytest.fixture()
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Keep each test's photos in its own folder."""
    return {**app_config, "PHOTO_FOLDER": str(tmp_path / "photos")}


@pytest.fixture()
def folder(app) -> Path:
    """The photo folder the app writes to."""
    return Path(app.config["PHOTO_FOLDER"])


def _files(folder: Path) -> list[str]:
    """Every file in the photo folder, temporary ones included."""
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def _upload(client, data: bytes, filename: str = "me.jpg", content_type: str = "image/jpeg"):
    token = csrf_token(client, URL)
    return client.post(URL, data={"csrf_token": token, "photo": (BytesIO(data), filename, content_type)},
                       content_type="multipart/form-data")


def _served(client, person) -> Image.Image:
    response = client.get(f"/people/{person.id}/photo")
    assert response.status_code == 200
    return Image.open(BytesIO(response.data))


# Uploading


def test_anonymous_visitors_are_sent_to_sign_in(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_page_has_a_multipart_form_with_a_file_input(client, login, member) -> None:
    login(member)
    page = text_of(client.get(URL))
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page
    assert 'name="csrf_token"' in page
    assert "smaller than 5MB" in page


def test_a_jpeg_loses_its_gps_and_camera_details_and_is_turned_upright(client, login, member, folder) -> None:
    original = jpeg_with_gps(size=(300, 100), orientation=6)
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)  # the upload does carry GPS
    login(member)
    response = _upload(client, original)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/people/{member.id}")
    key = fresh(member).photo_key
    assert key is not None
    assert _files(folder) == [f"{key}.jpg"]
    served = client.get(f"/people/{member.id}/photo").data
    assert b"Exif" not in served
    assert b"Spy Camera" not in served
    image = Image.open(BytesIO(served))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "icc_profile" not in image.info
    assert image.size == (100, 300)  # orientation 6 applied: the wide picture now stands up


def test_large_pictures_are_shrunk_to_fit_400_pixels(client, login, member) -> None:
    login(member)
    _upload(client, image_bytes("JPEG", (1600, 1200)))
    assert _served(client, member).size == (400, 300)


def test_a_png_with_transparency_becomes_a_jpeg(client, login, member) -> None:
    login(member)
    response = _upload(client, image_bytes("PNG", (64, 64), mode="RGBA", colour=(0, 0, 255, 0)), "me.png", "image/png")
    assert response.status_code == 302
    image = _served(client, member)
    assert image.format == "JPEG"
    assert image.getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=3)  # laid over white


def test_a_webp_is_accepted(client, login, member) -> None:
    login(member)
    assert _upload(client, image_bytes("WEBP", (50, 80)), "me.webp", "image/webp").status_code == 302
    assert _served(client, member).size == (50, 80)


def test_the_type_is_read_from_the_content_not_the_name(client, login, member) -> None:
    login(member)
    assert _upload(client, image_bytes("PNG", (20, 20)), "photo.txt", "text/plain").status_code == 302
    assert fresh(member).photo_key is not None


# Refusing


def _refused(client, member, folder: Path, response, message: str) -> None:
    page = text_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert message in page
    assert 'class="govuk-error-message"' in page
    assert fresh(member).photo_key is None
    assert _files(folder) == []


def test_a_text_file_named_jpg_is_refused(client, login, member, folder) -> None:
    login(member)
    response = _upload(client, b"This is not a picture, honest.\n" * 10, "holiday.jpg")
    _refused(client, member, folder, response, "The selected file must be a JPG, PNG or WebP image")


@pytest.mark.parametrize(
    "data",
    [
        image_bytes("GIF", (20, 20)),  # a real image, but not a type we take
        image_bytes("BMP", (20, 20)),
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        image_bytes("JPEG", (200, 200))[:300],  # cut short
    ],
    ids=["gif", "bmp", "svg", "truncated-jpeg"],
)
def test_other_files_are_refused(client, login, member, folder, data) -> None:
    login(member)
    _refused(client, member, folder, _upload(client, data), "The selected file must be a JPG, PNG or WebP image")


def test_a_file_over_the_limit_is_refused(app, client, login, member, folder) -> None:
    app.config["PHOTO_MAX_BYTES"] = 2048
    noisy = BytesIO()
    Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3)).save(noisy, "PNG")  # noise does not compress
    assert len(noisy.getvalue()) > 2048
    login(member)
    response = _upload(client, noisy.getvalue(), "big.png", "image/png")
    _refused(client, member, folder, response, "The selected file must be smaller than 2KB")


def test_the_limit_is_5mb_unless_configured(app) -> None:
    # (An upload over 5MB is not sent here: the test client leaves its spooled request body open.)
    assert app.config["PHOTO_MAX_BYTES"] == 5 * 1024 * 1024
    assert photos.size_words(5 * 1024 * 1024) == "5MB"


def test_reading_stops_just_past_the_limit() -> None:
    stream = BytesIO(b"x" * 10_000)
    with pytest.raises(photos.PhotoError, match="smaller than 1KB"):
        photos.read_upload(stream, 1024)
    assert stream.tell() == 1025


def test_a_decompression_bomb_is_refused(client, login, member, folder) -> None:
    output = BytesIO()
    Image.new("1", (10_000, 10_000)).save(output, "PNG")  # 100 megapixels in a few kilobytes
    assert len(output.getvalue()) < 100_000
    login(member)
    response = _upload(client, output.getvalue(), "bomb.png", "image/png")
    _refused(client, member, folder, response, "The selected image must be smaller than 40 megapixels")


@pytest.mark.parametrize("size", [(10_000, 5_000), (15_000, 15_000)], ids=["over-our-limit", "pillow-bomb-error"])
def test_too_many_pixels_are_refused_before_decoding(size) -> None:
    output = BytesIO()
    Image.new("1", size).save(output, "PNG")
    with pytest.raises(photos.PhotoError, match="smaller than 40 megapixels"):
        photos.normalise_photo(output.getvalue())


def test_choosing_no_file_is_an_error(client, login, member, folder) -> None:
    login(member)
    token = csrf_token(client, URL)
    response = client.post(URL, data={"csrf_token": token}, content_type="multipart/form-data")
    _refused(client, member, folder, response, "Select a photo")


def test_an_empty_file_is_an_error(client, login, member, folder) -> None:
    login(member)
    _refused(client, member, folder, _upload(client, b""), "The selected file is empty")


def test_an_upload_without_the_csrf_token_is_refused(client, login, member, folder) -> None:
    login(member)
    response = client.post(URL, data={"photo": (BytesIO(image_bytes()), "me.jpg", "image/jpeg")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert fresh(member).photo_key is None
    assert _files(folder) == []


# Serving


def test_the_photo_is_served_with_safe_headers(client, login, member, outsider) -> None:
    login(member)
    _upload(client, image_bytes())
    login(outsider)
    response = client.get(f"/people/{member.id}/photo")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "private" in response.headers["Cache-Control"]
    assert "public" not in response.headers["Cache-Control"]
    again = client.get(f"/people/{member.id}/photo", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_the_profile_page_shows_the_photo(client, login, member, outsider) -> None:
    login(member)
    _upload(client, image_bytes())
    login(outsider)
    page = text_of(client.get(f"/people/{member.id}"))
    assert f'src="/people/{member.id}/photo?v=' in page
    assert 'alt="Photo of Mina Member"' in page


def test_anonymous_visitors_get_no_photo(client, login, member) -> None:
    login(member)
    _upload(client, image_bytes())
    client.get("/logout")
    with client.session_transaction() as session:
        session.clear()
    response = client.get(f"/people/{member.id}/photo")
    assert response.status_code == 404
    assert response.headers["Content-Type"] != "image/jpeg"


def test_no_photo_is_not_found(client, login, member, outsider) -> None:
    login(outsider)
    assert client.get(f"/people/{member.id}/photo").status_code == 404
    assert client.get("/people/99999/photo").status_code == 404


def test_a_deactivated_persons_photo_is_for_staff_only(db, client, login, member, outsider, secretariat) -> None:
    login(member)
    _upload(client, image_bytes())
    member.active = False
    db.session.commit()
    login(outsider)
    assert client.get(f"/people/{member.id}/photo").status_code == 404
    login(secretariat)
    assert client.get(f"/people/{member.id}/photo").status_code == 200


# Replacing and removing


def test_a_new_photo_replaces_the_old_file(client, login, member, folder) -> None:
    login(member)
    _upload(client, image_bytes(colour="red"))
    first = fresh(member).photo_key
    _upload(client, image_bytes(colour="blue"))
    second = fresh(member).photo_key
    assert first != second
    assert _files(folder) == [f"{second}.jpg"]


def test_a_file_someone_else_uses_is_kept(db, client, login, member, outsider, folder) -> None:
    same = image_bytes(colour="green")
    login(outsider)
    _upload(client, same)
    login(member)
    _upload(client, same)
    shared = fresh(member).photo_key
    assert shared == fresh(outsider).photo_key  # stored once, by content
    assert _files(folder) == [f"{shared}.jpg"]
    _upload(client, image_bytes(colour="blue"))
    assert f"{shared}.jpg" in _files(folder)  # the outsider still uses it
    assert len(_files(folder)) == 2


def test_removing_the_photo(client, login, member, folder) -> None:
    login(member)
    _upload(client, image_bytes())
    page = text_of(client.get(URL))
    assert "Remove photo" in page
    response = client.post(f"{URL}/remove", data={"csrf_token": csrf_token(client, URL)})
    assert response.status_code == 302
    assert fresh(member).photo_key is None
    assert _files(folder) == []
    assert client.get(f"/people/{member.id}/photo").status_code == 404


def test_removing_needs_the_csrf_token(client, login, member) -> None:
    login(member)
    _upload(client, image_bytes())
    assert client.post(f"{URL}/remove").status_code == 400
    assert fresh(member).photo_key is not None


def test_removing_is_for_signed_in_people_only(client) -> None:
    response = client.post(f"{URL}/remove", data={"csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


# The storage itself


def test_photo_keys_cannot_name_other_files(folder) -> None:
    for bad in ("../../secret_key", "", "a" * 63, "A" * 64, "g" * 64):
        with pytest.raises(ValueError, match="not a photo key"):
            photos.photo_path(bad, folder)


def test_storing_is_content_addressed_and_leaves_no_temporary_files(tmp_path) -> None:
    data = photos.normalise_photo(image_bytes())
    key = photos.store_photo(data, tmp_path)
    assert photos.store_photo(data, tmp_path) == key
    assert (tmp_path / f"{key}.jpg").read_bytes() == data
    assert [path.name for path in tmp_path.iterdir()] == [f"{key}.jpg"]


def test_a_failed_commit_leaves_no_file(db, monkeypatch, member, folder) -> None:
    other = make_user("other@humber.example", "humber-freeport")
    db.session.commit()

    def fail() -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", fail)
    with pytest.raises(RuntimeError):
        set_photo(other, BytesIO(image_bytes()))
    monkeypatch.undo()
    assert _files(folder) == []
