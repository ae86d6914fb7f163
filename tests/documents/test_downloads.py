"""Downloads: attachments with the original name (RFC 6266), nosniff, a sandboxing CSP and no caching."""

from __future__ import annotations

import pytest

from tests.documents import support

NAME = "Cynllun sgiliau \u2013 Môn 🚢.pdf"  # an en dash, a circumflex and an emoji


@pytest.mark.parametrize("suffix", ["/download", "/versions/1/download"])
def test_download_headers(client, login, add_document, member, suffix: str) -> None:
    content = support.pdf()
    document = add_document(member, content=content, name=NAME, visibility="public")
    response = client.get(f"/documents/{document.id}{suffix}")
    body = response.get_data()
    response.close()
    assert response.status_code == 200 and body == content
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Cynllun%20sgiliau%20%E2%80%93%20M%C3%B4n%20%F0%9F%9A%A2.pdf" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response.headers["Cache-Control"]


def test_a_text_file_is_sent_as_an_attachment_with_its_checked_type(client, add_document, member) -> None:
    document = add_document(member, content=b"plain words\n", name="notes.html.txt", content_type="text/plain",
                            visibility="public")
    response = client.get(f"/documents/{document.id}/download")
    response.close()
    assert response.mimetype == "text/plain"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_a_missing_file_is_404_not_an_error(app, client, add_document, member) -> None:
    document = add_document(member, visibility="public")
    for path in support.uploads_folder(app).iterdir():
        path.unlink()
    response = client.get(f"/documents/{document.id}/download")
    assert response.status_code == 404
