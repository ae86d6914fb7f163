"""Shared fixtures: an app on a migrated database, clients, role-named users and helpers.

The database is SQLite in a temporary folder unless DATABASE_URL names another
(CI sets it to a throwaway PostgreSQL database whose name must contain "test",
because the suite empties it). The schema is built once per run by the
migrations; every test starts from freshly seeded reference data.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g, request_started
from flask.testing import FlaskClient
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from tests.factories import make_user
from zone_networks import create_app
from zone_networks.accounts.models import User
from zone_networks.extensions import db as _db
from zone_networks.networks.models import Membership, Network

DEMO_PASSWORD = "correct horse battery staple 42"


def _database_url(tmp_root: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_root / 'test.db'}"
    name = make_url(url).database or ""
    if "test" not in name:
        raise pytest.UsageError(f"Refusing to empty database {name!r}: its name must contain 'test'.")
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated to head once for the whole run."""
    url = _database_url(tmp_path_factory.mktemp("db"))
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test"})
    with app.app_context():
        with _db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            else:
                _db.metadata.drop_all(connection)
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        from zone_networks.core.migrate import upgrade

        upgrade()
        _db.engine.dispose()
    return url


# The seeded reference rows, table by table, captured after the first real seed of
# the run: later tests restore them with one multi-row INSERT per table, which is
# several times faster than seeding through the ORM before every test.
_reference_rows: dict[str, list[dict[str, Any]]] = {}


def _empty_and_seed() -> None:
    from zone_networks.zones.seed import seed_reference_data

    tables = _db.metadata.sorted_tables
    with _db.engine.begin() as connection:
        for table in reversed(tables):
            connection.execute(table.delete())
        if _reference_rows:
            for table in tables:
                if _reference_rows.get(table.name):
                    connection.execute(table.insert(), _reference_rows[table.name])
            return
    seed_reference_data()
    with _db.engine.connect() as connection:
        for table in tables:
            _reference_rows[table.name] = [dict(row._mapping) for row in connection.execute(table.select())]


@pytest.fixture()
def app_config(tmp_path: Path, database_url: str) -> dict[str, Any]:
    """Configuration overrides for the test app; tests may change them before `app` is built."""
    return {
        "ENV_NAME": "testing",
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_OUTBOX": str(tmp_path / "outbox"),
        "PHOTO_FOLDER": str(tmp_path / "photos"),  # uploads never land in the checkout's instance/
        "PAPERS_FOLDER": str(tmp_path / "uploads"),
        "UPLOADS_FOLDER": str(tmp_path / "uploads"),
        "SERVER_NAME": None,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
    }


def _fresh_request_globals(sender: Flask, **extra: Any) -> None:
    """Start every request with an empty `g`, as a production request (its own app context) does.

    Tests hold an app context open (the `db` fixture) and Flask reuses it for the
    client's requests, so without this Flask-Login's cached user (g._login_user)
    and Flask-Babel's locale would leak from one request, or one client, to the next.
    """
    g.__dict__.clear()


@pytest.fixture()
def app(app_config: dict[str, Any]) -> Iterator[Flask]:
    """A fresh app per test, on the migrated database with reference data seeded."""
    application = create_app(app_config)
    request_started.connect(_fresh_request_globals, application)
    with application.app_context():
        _empty_and_seed()
        _db.session.remove()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture()
def db(app: Flask) -> Iterator[Any]:
    """The SQLAlchemy handle, inside an app context."""
    with app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


def _network(slug: str) -> Network:
    return _db.session.execute(_db.select(Network).filter_by(slug=slug)).scalar_one()


def _join(user: User, slug: str, role: str = "member") -> None:
    _db.session.add(Membership(user_id=user.id, network_id=_network(slug).id, role=role, status="active"))


@pytest.fixture()
def member(db: Any) -> User:
    """A skills lead at the Humber Freeport, active in the Skills Forum and the Net Zero Network."""
    user = make_user("member@humber.example", "humber-freeport", name="Mina Member", job_title="Skills lead")
    _join(user, "skills-forum")
    _join(user, "net-zero")
    db.session.commit()
    return user


@pytest.fixture()
def convenor(db: Any) -> User:
    """An innovation lead in Glasgow who convenes the Innovation Leads Network."""
    user = make_user(
        "convenor@glasgow.example", "glasgow-city-region-investment-zone", name="Connor Convenor",
        job_title="Innovation lead",
    )
    _join(user, "innovation-leads", role="convenor")
    db.session.commit()
    return user


@pytest.fixture()
def official(db: Any) -> User:
    """A Welsh Government official observing the Skills Forum."""
    user = make_user("official@gov.wales.example", "welsh-government", name="Olwen Official", job_title="Policy lead")
    _join(user, "skills-forum", role="observer")
    db.session.commit()
    return user


@pytest.fixture()
def secretariat(db: Any) -> User:
    """A member of the secretariat."""
    user = make_user(
        "secretariat@zones.example", "industrial-strategy-zones-secretariat", name="Sam Secretariat",
        is_secretariat=True,
    )
    db.session.commit()
    return user


@pytest.fixture()
def admin(db: Any) -> User:
    """The service owner."""
    user = make_user("admin@zones.example", "industrial-strategy-zones-secretariat", name="Ada Admin", is_admin=True)
    db.session.commit()
    return user


@pytest.fixture()
def outsider(db: Any) -> User:
    """A signed-in person from Wrexham who belongs to no network."""
    user = make_user("outsider@wrexham.example", "wrexham-and-flintshire-investment-zone", name="Owain Outsider")
    db.session.commit()
    return user


@pytest.fixture()
def login(client: FlaskClient) -> Callable[[User], FlaskClient]:
    """Sign `user` in on the test client by writing Flask-Login's session keys."""

    def _login(user: User) -> FlaskClient:
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return client

    return _login


@pytest.fixture()
def outbox(app: Flask) -> Callable[[], list[Any]]:
    """Read the emails the app has written to its outbox, oldest first."""
    from email import policy
    from email.parser import BytesParser

    def _read() -> list[Any]:
        folder = Path(app.config["MAIL_OUTBOX"])
        if not folder.exists():
            return []
        parser = BytesParser(policy=policy.default)
        return [parser.parsebytes(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]

    return _read


@pytest.fixture()
def count_queries(app: Flask) -> Callable[[], Any]:
    """Context manager counting SQL statements run while it is open."""

    @contextmanager
    def _count() -> Iterator[list[str]]:
        statements: list[str] = []

        def _record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            statements.append(statement)

        with app.app_context():
            engine = _db.engine
        event.listen(engine, "before_cursor_execute", _record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", _record)

    return _count
