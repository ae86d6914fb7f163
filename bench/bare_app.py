"""The yardstick: a bare Flask page, served the same way as Zone Networks (gunicorn, gevent worker).

`make bench` compares every Zone Networks page with this one in the same run,
so the figures say how much the application costs, not how fast the machine is.
"""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """A small HTML page with no database, templates or extensions."""
    return "<!DOCTYPE html><html lang='en'><head><title>Hello</title></head><body><p>Hello</p></body></html>"
