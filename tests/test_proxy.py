"""Behind a reverse proxy (PROXY_HOPS), forwarded scheme and address are trusted; otherwise not."""

from __future__ import annotations

import pytest
from flask import jsonify, request

from zone_networks import create_app

FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


@pytest.mark.parametrize(
    ("hops", "scheme", "address"), [(0, "http", "127.0.0.1"), (1, "https", "203.0.113.9")]
)
def test_forwarded_headers_only_trusted_behind_a_proxy(app_config, database_url, hops, scheme, address) -> None:
    app = create_app({**app_config, "PROXY_HOPS": hops})
    app.add_url_rule("/_whoami", "whoami", lambda: jsonify(scheme=request.scheme, address=request.remote_addr))
    response = app.test_client().get("/_whoami", headers=FORWARDED)
    assert response.get_json() == {"scheme": scheme, "address": address}
