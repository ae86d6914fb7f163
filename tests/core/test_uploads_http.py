"""core/uploads over HTTP: download headers, 413 for long and chunked bodies, per-view request limits, discard."""

from __future__ import annotations

import hashlib
import http.client
import io
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, abort, jsonify, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import generate_csrf
from werkzeug.serving import make_server

from tests.core import upload_samples as samples
from tests.helpers import csrf_token, text_of
from zone_networks.core import uploads
from zone_networks.core.uploads import (
    SANDBOX_POLICY,
    StoredFile,
    UploadError,
    UploadTooLargeError,
    allow_request_bytes,
    attachment_response,
    discard_upload,
    request_limit,
    store_upload,
    upload_path,
)
from zone_networks.extensions import csrf

SMALL = 64 * 1024
WELSH_NAME = "Cynllun sgiliau \u2013 Môn 🚢.pdf"
# Werkzeug's multipart parser leaves the half-received file's SpooledTemporaryFile to the garbage collector when
# the body runs over the limit mid-way; that is harmless (CPython frees it at once) but warns under pytest.
LEAKY_PARSE = pytest.mark.filterwarnings("ignore::ResourceWarning",
                                         "ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture()
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A small request limit, so oversize bodies are cheap to send."""
    app_config["MAX_CONTENT_LENGTH"] = SMALL
    app_config["DOCUMENT_MAX_BYTES"] = SMALL
    app_config["PAPER_MAX_BYTES"] = SMALL
    return app_config


@pytest.fixture()
def meeting(db: Any, secretariat: Any) -> Any:
    """A scheduled Skills Forum meeting next week (for the agenda paper route)."""
    from datetime import timedelta

    from tests.meetings.conftest import at_london, network
    from zone_networks.meetings.services import MeetingDetails, add_meeting
    from zone_networks.meetings.times import london_today

    day = london_today() + timedelta(days=7)
    made = add_meeting(secretariat, network("skills-forum"), MeetingDetails(
        title="Skills Forum meeting", starts_at=at_london(day, 10), ends_at=at_london(day, 12), format="online",
        join_link="https://meet.example.gov.uk/skills-forum", status="scheduled"))
    db.session.commit()
    return made


def _store_from_request(limit: int = SMALL) -> ResponseReturnValue:
    upload = request.files.get("file")
    if upload is None:
        abort(400)
    try:
        stored = store_upload(upload.stream, upload.filename or "", max_bytes=limit)
    except UploadTooLargeError:
        abort(413)
    except UploadError as error:
        return error.message, 400
    return jsonify(key=stored.key, name=stored.original_name)


@pytest.fixture()
def test_app(app: Flask) -> Flask:
    """The app with small test routes: a CSRF token, an upload, a bigger upload, a download."""

    def token() -> str:
        return generate_csrf()

    def upload() -> ResponseReturnValue:
        return _store_from_request()

    @request_limit(lambda: 3 * SMALL)
    def big_upload() -> ResponseReturnValue:
        return _store_from_request(2 * SMALL)

    def download(key: str) -> Any:
        return attachment_response(key, "application/pdf", request.args.get("name", "file.pdf"))

    app.add_url_rule("/_test/token", view_func=token)
    app.add_url_rule("/_test/upload", view_func=upload, methods=["POST"])
    app.add_url_rule("/_test/big-upload", view_func=big_upload, methods=["POST"])
    app.add_url_rule("/_test/download/<key>", view_func=download)
    csrf.exempt(upload)
    return app


def listing(app: Flask) -> list[str]:
    """Every name in the upload folder, temporary files included."""
    path = Path(app.config["UPLOADS_FOLDER"])
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def multipart(data: bytes, name: str, **fields: str) -> tuple[bytes, str]:
    """A multipart/form-data body with one file field and some text fields."""
    boundary = "----zn-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
             for key, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 "Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def chunked_post(client: Any, url: str, body: bytes, content_type: str) -> Any:
    """POST `body` the way a WSGI server passes a chunked request on: no Content-Length, input terminated."""
    return client.post(url, input_stream=io.BytesIO(body), content_type=content_type,
                       headers={"Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""})


def test_download_headers(test_app: Flask, client: Any) -> None:
    with test_app.app_context():
        stored = store_upload(io.BytesIO(samples.pdf()), "x.pdf", max_bytes=SMALL)
    response = client.get(f"/_test/download/{stored.key}", query_string={"name": WELSH_NAME})
    body = response.get_data()
    response.close()
    assert response.status_code == 200 and body == samples.pdf()
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="Cynllun sgiliau  Mon .pdf"; '
        "filename*=UTF-8''Cynllun%20sgiliau%20%E2%80%93%20M%C3%B4n%20%F0%9F%9A%A2.pdf")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == SANDBOX_POLICY == "default-src 'none'; sandbox"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Content-Type"] == "application/pdf"


def test_other_responses_keep_the_app_policy(test_app: Flask, client: Any) -> None:
    missing = client.get("/_test/download/" + "0" * 64)
    assert missing.status_code == 404 and "Page not found" in text_of(missing)
    assert "sandbox" not in missing.headers["Content-Security-Policy"]
    assert "nonce-" in missing.headers["Content-Security-Policy"]  # the GOV.UK 404 page, styled as usual
    assert client.get("/_test/download/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/_test/download/" + "A" * 64).status_code == 404
    assert "sandbox" not in client.get("/").headers["Content-Security-Policy"]


def test_upload_path_only_takes_keys(app: Flask) -> None:
    with app.app_context():
        key = "ab" * 32
        assert upload_path(key) == Path(app.config["UPLOADS_FOLDER"]) / key
        for bad in ("../" + key[3:], key.upper(), key + "\n", key[:-1], "", "../../etc/passwd"):
            with pytest.raises(ValueError, match="not an upload key"):
                upload_path(bad)


def test_a_long_body_is_refused_with_the_govuk_413_page(test_app: Flask, client: Any) -> None:
    body, content_type = multipart(samples.pdf() + b"0" * SMALL, "big.pdf")
    response = client.post("/_test/upload", data=body, content_type=content_type)
    assert response.status_code == 413
    assert "The file or form you sent is too large" in text_of(response)
    assert listing(test_app) == []


@LEAKY_PARSE
def test_a_chunked_body_that_runs_over_is_refused_while_it_is_read(test_app: Flask, client: Any) -> None:
    body, content_type = multipart(samples.pdf() + b"0" * (2 * SMALL), "big.pdf")
    response = chunked_post(client, "/_test/upload", body, content_type)
    assert response.status_code == 413
    assert "The file or form you sent is too large" in text_of(response)
    assert listing(test_app) == []
    small, content_type = multipart(samples.pdf(), "small.pdf")
    assert chunked_post(client, "/_test/upload", small, content_type).status_code == 200


@LEAKY_PARSE
def test_a_chunked_oversize_paper_gets_413_from_the_agenda_route(test_app: Flask, client: Any, login: Any,
                                                                  member: Any, meeting: Any) -> None:
    login(member)
    token = csrf_token(client, f"/meetings/{meeting.id}")
    body, content_type = multipart(samples.pdf() + b"0" * (2 * SMALL), "big.pdf", csrf_token=token,
                                   title="Levy pilots", summary="What worked.", presenter="me")
    response = chunked_post(client, f"/meetings/{meeting.id}/agenda/new", body, content_type)
    assert response.status_code == 413
    assert "The file or form you sent is too large" in text_of(response)
    assert listing(test_app) == []


@LEAKY_PARSE
def test_request_limit_lets_a_view_take_more_and_runs_before_the_csrf_check(test_app: Flask, client: Any,
                                                                            login: Any, member: Any) -> None:
    data = samples.pdf() + b"%" * (SMALL // 2)
    body, content_type = multipart(data + data, "two.pdf", csrf_token=client.get("/_test/token").get_data(True))
    assert len(body) > SMALL
    assert client.post("/_test/big-upload", data=body, content_type=content_type).status_code == 413  # signed out
    login(member)
    body, content_type = multipart(data + data, "two.pdf", csrf_token=client.get("/_test/token").get_data(True))
    response = client.post("/_test/big-upload", data=body, content_type=content_type)
    assert response.status_code == 200
    assert listing(test_app) == [response.get_json()["key"]]
    assert client.post("/_test/upload", data=body, content_type=content_type).status_code == 413  # no limit raised
    body, content_type = multipart(b"x" * 10, "a.txt", csrf_token="wrong")
    assert client.post("/_test/big-upload", data=body, content_type=content_type).status_code == 400
    huge, content_type = multipart(b"0" * (3 * SMALL), "huge.pdf")
    assert chunked_post(client, "/_test/big-upload", huge, content_type).status_code == 413
    assert len(listing(test_app)) == 1


def test_allow_request_bytes_must_run_before_the_body_is_read(app: Flask) -> None:
    body, content_type = multipart(b"hello", "a.txt")
    with app.test_request_context("/", method="POST", data=body, content_type=content_type):
        allow_request_bytes(10 * SMALL)
        assert request.max_content_length == 10 * SMALL
        assert request.files["file"].read() == b"hello"
        with pytest.raises(RuntimeError, match="request_limit"):
            allow_request_bytes(SMALL)


def test_request_limit_survives_other_decorators(app: Flask) -> None:
    from functools import wraps

    def wrapper(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def inner(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

        return inner

    @wrapper
    @request_limit(lambda: 5)
    def view() -> str:
        return ""

    assert view.request_byte_limit() == 5  # type: ignore[attr-defined]


@pytest.fixture()
def live_url(test_app: Flask) -> Iterator[str]:
    """The test app served by Werkzeug's real server (which de-chunks request bodies) on a free port."""
    server = make_server("127.0.0.1", 0, test_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@LEAKY_PARSE
def test_a_real_chunked_request_over_the_limit_gets_413_and_leaves_nothing(test_app: Flask, live_url: str) -> None:
    body, content_type = multipart(samples.pdf() + b"0" * (2 * SMALL), "big.pdf")
    connection = http.client.HTTPConnection(live_url, timeout=10)
    try:
        chunks = (body[start:start + 8192] for start in range(0, len(body), 8192))
        connection.request("POST", "/_test/upload", body=chunks, headers={"Content-Type": content_type},
                           encode_chunked=True)
        response = connection.getresponse()
        page = response.read().decode()
    finally:
        connection.close()
    assert response.status == 413 and "The file or form you sent is too large" in page
    assert listing(test_app) == []


def _stored(app: Flask, data: bytes) -> StoredFile:
    with app.app_context():
        return store_upload(io.BytesIO(data), "a.pdf", max_bytes=SMALL)


def test_discard_removes_only_a_new_unreferenced_file(app: Flask, monkeypatch: Any) -> None:
    with app.app_context():
        fresh = store_upload(io.BytesIO(samples.pdf()), "a.pdf", max_bytes=SMALL)
        discard_upload(fresh)
        assert listing(app) == []
        first = store_upload(io.BytesIO(samples.pdf()), "a.pdf", max_bytes=SMALL)
        again = store_upload(io.BytesIO(samples.pdf()), "b.pdf", max_bytes=SMALL)
        discard_upload(again)  # it was there already
        assert listing(app) == [first.key]
        discard_upload(first)  # reused since (its time changed): someone else may be about to use it
        assert listing(app) == [first.key]
        upload_path(first.key).unlink()
        other = store_upload(io.BytesIO(samples.pdf("Other")), "c.pdf", max_bytes=SMALL)
        monkeypatch.setitem(uploads._references, "test", lambda: {other.key})
        discard_upload(other)  # a row refers to it
        assert listing(app) == [other.key]


def test_discard_keeps_the_file_when_references_cannot_be_checked(app: Flask, monkeypatch: Any) -> None:
    def broken() -> set[str]:
        raise RuntimeError("database down")

    with app.app_context():
        stored = store_upload(io.BytesIO(samples.pdf()), "a.pdf", max_bytes=SMALL)
        monkeypatch.setitem(uploads._references, "test", broken)
        discard_upload(stored)
        assert listing(app) == [hashlib.sha256(samples.pdf()).hexdigest()]


def test_agenda_paper_downloads_use_the_sandbox_policy(app: Flask, client: Any, login: Any, member: Any,
                                                       meeting: Any) -> None:
    login(member)
    response = client.post(f"/meetings/{meeting.id}/agenda/new", data={
        "title": "Levy pilots", "summary": "What worked.", "presenter": "me",
        "paper": (io.BytesIO(samples.pdf()), WELSH_NAME), "csrf_token": csrf_token(client, f"/meetings/{meeting.id}"),
    }, content_type="multipart/form-data")
    assert response.status_code == 303
    from zone_networks.extensions import db
    from zone_networks.meetings.agenda_models import AgendaPaper

    paper = db.session.scalars(db.select(AgendaPaper)).one()
    download = client.get(f"/meetings/{meeting.id}/papers/{paper.id}")
    download.close()
    assert download.headers["Content-Security-Policy"] == SANDBOX_POLICY
    assert "filename*=UTF-8''Cynllun%20sgiliau%20%E2%80%93%20M%C3%B4n%20%F0%9F%9A%A2.pdf" in \
        download.headers["Content-Disposition"]
