"""Download your data: the registry covers every personal column, the zip holds it all and nobody else's."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select

from tests.factories import make_user
from tests.helpers import csrf_token, submit, text_of
from zone_networks.accounts.models import PasswordResetToken, User
from zone_networks.core.audit import AuditEvent, record
from zone_networks.core.clock import utcnow
from zone_networks.core.tokens import new_token
from zone_networks.directory import photos
from zone_networks.directory.data_export import LINKS_NOT_FOLLOWED, SOURCES, safe_details, source
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole
from zone_networks.extensions import db as _db
from zone_networks.networks.invitations import Offer, create_invitation
from zone_networks.networks.models import Invitation, Membership, Network

SECRET_COLUMNS = {"password_hash", "token_hash", "session_version"}


@pytest.fixture()
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Photos in a temporary folder."""
    return {**app_config, "PHOTO_FOLDER": str(tmp_path / "photos")}


def _refers_to_people(table: Any) -> bool:
    return table.name == "users" or any(fk.column.table.name == "users" for fk in table.foreign_keys)


def _user_links(table: Any) -> set[str]:
    return {fk.parent.name for fk in table.foreign_keys if fk.column.table.name == "users"}


# The registry ------------------------------------------------------------------------------------------

def test_every_table_that_refers_to_people_is_in_the_registry(db: Any) -> None:
    """A source exports its rows, or every link it has to a person is explained as not followed."""
    registered = {item.table for item in SOURCES}
    missing = [table.name for table in db.metadata.sorted_tables if _refers_to_people(table)
               and table.name not in registered
               and not all((table.name, column) in LINKS_NOT_FOLLOWED for column in _user_links(table))]
    assert missing == [], f"add these tables to the registry in directory/data_export.py: {missing}"


def test_every_registered_table_exists(db: Any) -> None:
    assert [item.name for item in SOURCES if item.table not in db.metadata.tables] == []
    assert [key for key in LINKS_NOT_FOLLOWED if key[0] not in db.metadata.tables
            or key[1] not in db.metadata.tables[key[0]].columns] == []


def test_every_column_of_a_registered_table_is_exported_or_excluded_with_a_reason(db: Any) -> None:
    problems = []
    for item in SOURCES:
        table = db.metadata.tables[item.table]
        columns = set(table.columns.keys())
        exported, excluded = set(item.exported), set(item.excluded)
        if exported & excluded:
            problems.append(f"{item.name}: both exported and excluded: {sorted(exported & excluded)}")
        if columns - exported - excluded:
            problems.append(f"{item.name}: neither exported nor excluded: {sorted(columns - exported - excluded)}")
        if (exported | excluded) - columns:
            problems.append(f"{item.name}: not columns of {item.table}: {sorted((exported | excluded) - columns)}")
        problems += [f"{item.name}.{name}: no reason given" for name, reason in item.excluded.items()
                     if len(str(reason).strip()) < 10]
        for lookup in item.lookups:
            target = db.metadata.tables[lookup.table]
            assert lookup.column in exported, f"{item.name}: lookup on a column that is not exported"
            assert set(lookup.fields) <= set(target.columns.keys()), f"{item.name}: unknown lookup fields"
    assert problems == []


def test_every_link_to_a_person_is_followed_or_explained(db: Any) -> None:
    unexplained = []
    for table in db.metadata.sorted_tables:
        followed = {link for item in SOURCES if item.table == table.name for link in item.links}
        for column in _user_links(table):
            if column not in followed and (table.name, column) not in LINKS_NOT_FOLLOWED:
                unexplained.append(f"{table.name}.{column}")
    assert unexplained == [], "follow these links in a source or explain them in LINKS_NOT_FOLLOWED"
    for item in SOURCES:
        assert set(item.links) <= set(db.metadata.tables[item.table].columns.keys())


def test_secrets_are_excluded_explicitly(db: Any) -> None:
    for item in SOURCES:
        columns = set(db.metadata.tables[item.table].columns.keys())
        assert not SECRET_COLUMNS & set(item.exported), item.name
        assert SECRET_COLUMNS & columns <= set(item.excluded), item.name


def test_names_are_unique_and_parents_exist() -> None:
    names = [item.name for item in SOURCES]
    assert len(names) == len(set(names))
    for item in SOURCES:
        if item.parent:
            assert item.parent in names and item.parent_key in item.exported


def test_safe_details_keep_only_words_that_identify_nobody() -> None:
    details = {"network": "skills-forum", "user_email": "x@example.com", "user_name": "X", "email": "y@example.com",
               "reason": "free text", "role": "member"}
    assert safe_details(details) == {"network": "skills-forum", "role": "member"}
    assert safe_details(None) == {}


# The download ------------------------------------------------------------------------------------------

def _jpeg() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(output, "JPEG")
    return photos.normalise_photo(output.getvalue())


def _network(slug: str) -> Network:
    return _db.session.scalars(select(Network).where(Network.slug == slug)).one()


def _fill_in(person: User, *, tag: str, network: str = "innovation-leads") -> None:
    """Give `person` something in every table the registry covers."""
    person.bio = f"Bio of {person.name}: =SUM(A1)"
    person.phone = "+44 7700 900" + str(person.id).zfill(3)
    person.other_contact = f"Teams: {person.name}"
    person.photo_key = photos.store_photo(_jpeg())
    _db.session.add(PersonZoneRole(user_id=person.id, role="skills_lead"))
    expertise = ExpertiseTag(name=tag, slug=tag.lower().replace(" ", "-"), managed=False)
    _db.session.add(expertise)
    _db.session.flush()
    _db.session.execute(
        _db.metadata.tables["person_tags"].insert().values(user_id=person.id, tag_id=expertise.id)
    )
    _db.session.add(PasswordResetToken(user_id=person.id, token_hash=new_token()[1],
                                       expires_at=utcnow() + timedelta(hours=2)))
    _db.session.add(Membership(user_id=person.id, network_id=_network(network).id, status="requested",
                               request_note=f"Note from {person.name}"))
    _db.session.flush()


def _download(client: Any) -> Any:
    return submit(client, "/account/data.zip", form_url="/account/data")


def _archive(response: Any) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _csv(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8-sig"))))


def test_signed_out_people_cannot_download(client: Any) -> None:
    response = client.get("/account/data")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    token = csrf_token(client, "/login")
    response = client.post("/account/data.zip", data={"csrf_token": token})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_download_needs_a_csrf_token(member: User, login: Any) -> None:
    client = login(member)
    assert client.post("/account/data.zip").status_code == 400
    assert client.get("/account/data.zip").status_code == 405


def test_the_account_page_links_to_the_download_page(member: User, login: Any) -> None:
    client = login(member)
    assert 'href="/account/data"' in text_of(client.get("/account"))
    page = text_of(client.get("/account/data"))
    assert "Download your data" in page and 'action="/account/data.zip"' in page


def test_the_zip_holds_everything_about_the_person(db: Any, member: User, secretariat: User, login: Any) -> None:
    _fill_in(member, tag="Hydrogen storage")
    invitation, _sent = create_invitation(secretariat, member.email, [Offer(_network("net-zero"), "member")])
    record(member, "membership.requested", "membership", 999, network="innovation-leads",
           user_email=member.email, user_name=member.name)
    db.session.commit()
    stored_photo = photos.photo_path(member.photo_key or "").read_bytes()

    response = _download(login(member))

    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="zone-networks-your-data-')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    files = _archive(response)
    expected = {f"{item.name}.csv" for item in SOURCES} | {"data.json", "README.txt", "photo.jpg"}
    assert set(files) == expected
    assert files["photo.jpg"] == stored_photo

    data = json.loads(files["data.json"])
    profile = data["profile"]
    assert profile["email"] == member.email and profile["name"] == "Mina Member"
    assert profile["phone"] == member.phone and profile["organisation_name"] == "Humber Freeport"
    assert profile["bio"] == member.bio  # JSON keeps the exact text
    assert profile["created_at"].endswith("Z") and "T" in profile["created_at"]
    assert not SECRET_COLUMNS & set(profile)
    assert [row["role"] for row in data["zone_roles"]] == ["skills_lead"]
    assert [row["tag_name"] for row in data["expertise"]] == ["Hydrogen storage"]
    assert {row["network_slug"]: row["status"] for row in data["memberships"]} == {
        "skills-forum": "active", "net-zero": "active", "innovation-leads": "requested"}
    [received] = data["invitations_received"]
    assert received["id"] == invitation.id and received["email"] == member.email
    assert [(row["network_slug"], row["role"]) for row in received["invitation_networks"]] == [("net-zero", "member")]
    assert "token_hash" not in received and "invited_by_id" not in received
    assert "invitation_networks" not in data  # nested under the invitations, not repeated
    [token] = data["password_reset_tokens"]
    assert set(token) == {"id", "created_at", "expires_at", "used_at"}
    [mine] = data["audit_events_by_you"]
    assert mine["action"] == "membership.requested" and mine["details"] == {"network": "innovation-leads"}
    assert [row["action"] for row in data["audit_events_about_you"]] == ["invitation.created"]
    assert data["files"] == {"photo": "photo.jpg"}
    assert "password_hash" in data["left_out"]["profile"]

    [row] = _csv(files, "profile.csv")
    assert row["email"] == member.email and row["bio"] == member.bio
    assert row["phone"] == "'" + member.phone  # a leading + would start a spreadsheet formula
    assert [r["tag_name"] for r in _csv(files, "expertise.csv")] == ["Hydrogen storage"]
    assert list(_csv(files, "invitations_received.csv")[0]) == source("invitations_received").columns()
    readme = files["README.txt"].decode()
    assert "password_hash" in readme and "profile.csv" in readme


def test_formula_cells_are_neutralised_in_csv_only(db: Any, member: User, login: Any) -> None:
    member.bio = "=HYPERLINK(\"http://evil.example\")"
    db.session.commit()
    files = _archive(_download(login(member)))
    assert _csv(files, "profile.csv")[0]["bio"] == "'" + member.bio
    assert json.loads(files["data.json"])["profile"]["bio"] == member.bio


def test_no_secret_value_is_in_the_zip(db: Any, member: User, login: Any) -> None:
    _fill_in(member, tag="Ports")
    db.session.commit()
    token_hash = db.session.scalars(select(PasswordResetToken.token_hash)).one()
    files = _archive(_download(login(member)))
    everything = b"".join(files.values())
    assert member.password_hash and member.password_hash.encode() not in everything
    assert token_hash.encode() not in everything
    profile = json.loads(files["data.json"])["profile"]
    assert not SECRET_COLUMNS & set(profile) and not SECRET_COLUMNS & set(_csv(files, "profile.csv")[0])


def _personal_strings(person: User) -> list[str]:
    return [person.email, person.name, person.job_title, person.phone, person.bio, person.other_contact,
            f"Note from {person.name}"]


def test_another_persons_data_never_appears(db: Any, member: User, convenor: User, login: Any, app: Any) -> None:
    """Both ways: the requester and the convenor who decided, invited and shares a network."""
    _fill_in(member, tag="Apprenticeships")
    _fill_in(convenor, tag="Offshore wind", network="skills-forum")
    convenor.job_title = "Innovation convenor extraordinaire"
    request = db.session.scalars(select(Membership).where(Membership.user_id == member.id,
                                                          Membership.status == "requested")).one()
    request.status, request.decided_by_id, request.decided_at = "active", convenor.id, utcnow()
    record(convenor, "membership.approved", "membership", request.id, network="innovation-leads",
           user_email=member.email, user_name=member.name)
    create_invitation(convenor, "invitee@elsewhere.example", [Offer(_network("innovation-leads"), "member")])
    db.session.commit()

    member_files = b"".join(_archive(_download(login(member))).values()).decode("utf-8", "replace")
    with app.test_client() as other:
        with other.session_transaction() as session:
            session["_user_id"] = convenor.get_id()
        convenor_files = b"".join(_archive(_download(other)).values()).decode("utf-8", "replace")

    for text in [*_personal_strings(convenor), "Offshore wind"]:
        assert text not in member_files, text
    for text in [*_personal_strings(member), "Apprenticeships", "invitee@elsewhere.example"]:
        assert text not in convenor_files, text
    assert "membership.approved" in convenor_files  # what the convenor did is there, without who it was about
    assert convenor.email in convenor_files and member.email in member_files


def test_the_download_writes_nothing_and_its_queries_are_bounded(db: Any, member: User, login: Any,
                                                                   count_queries: Any) -> None:
    client = login(member)
    events = db.session.scalar(select(_db.func.count(AuditEvent.id)))
    with count_queries() as statements:
        assert _download(client).status_code == 200
    writes = [s for s in statements if not s.lstrip().upper().startswith(("SELECT", "PRAGMA", "WITH"))]
    assert writes == []
    assert len(statements) <= len(SOURCES) + 4  # two page loads' user lookups, plus one query per source
    assert db.session.scalar(select(_db.func.count(AuditEvent.id))) == events


def test_a_person_without_a_photo_gets_no_photo_file(member: User, login: Any) -> None:
    files = _archive(_download(login(member)))
    assert "photo.jpg" not in files
    assert json.loads(files["data.json"])["files"] == {"photo": None}


def test_invitations_the_person_sent_leave_out_the_invitees_address(db: Any, secretariat: User, login: Any) -> None:
    create_invitation(secretariat, "someone@elsewhere.example", [Offer(_network("skills-forum"), "member")])
    db.session.commit()
    data = json.loads(_archive(_download(login(secretariat)))["data.json"])
    [sent] = data["invitations_sent"]
    assert "email" not in sent and sent["sent_count"] == 1
    assert data["invitations_received"] == []
    assert db.session.scalars(select(Invitation)).one().email == "someone@elsewhere.example"


def test_downloads_are_rate_limited_per_person(db: Any, member: User, app: Any, login: Any) -> None:
    app.config["DATA_EXPORT_RATE_LIMIT"] = "2 per hour"
    other = make_user("other@humber.example", "humber-freeport")
    db.session.commit()
    assert [_download(login(member)).status_code for _ in range(3)] == [200, 200, 429]
    assert _download(login(other)).status_code == 200


def test_meeting_records_are_exported_to_their_owner_only(db: Any, member: User, convenor: User, login: Any,
                                                           app: Any) -> None:
    from zone_networks.meetings.action_models import ActionItem
    from zone_networks.meetings.agenda_models import AgendaItem, AgendaPaper
    from zone_networks.meetings.calendar_models import CalendarToken, ReminderSent
    from zone_networks.meetings.minutes_models import Minutes, MinutesComment, MinutesVersion
    from zone_networks.meetings.models import Meeting
    from zone_networks.meetings.poll_models import DatePoll, PollOption, PollVote
    from zone_networks.meetings.rsvp_models import Attendance, Rsvp

    network = _network("skills-forum")
    start = utcnow() + timedelta(days=7)
    meeting = Meeting(network_id=network.id, uid="m1@test", title="Spring forum", starts_at=start,
                      ends_at=start + timedelta(hours=2), status="scheduled", created_by_id=convenor.id)
    poll = DatePoll(network_id=network.id, title="When?", created_by_id=convenor.id)
    db.session.add_all([meeting, poll])
    db.session.flush()
    option = PollOption(poll_id=poll.id, starts_at=start, ends_at=start + timedelta(hours=1))
    minutes = Minutes(meeting_id=meeting.id, status="circulated")
    item = AgendaItem(meeting_id=meeting.id, title="Apprenticeship levy", summary="Mina's item",
                      submitted_by_id=member.id, decided_by_id=convenor.id)
    db.session.add_all([option, minutes, item])
    db.session.flush()
    db.session.add_all([
        Rsvp(meeting_id=meeting.id, user_id=member.id, response="no", substitute_user_id=convenor.id),
        Attendance(meeting_id=meeting.id, user_id=member.id, recorded_by_id=convenor.id),
        ReminderSent(meeting_id=meeting.id, user_id=member.id),
        CalendarToken(user_id=member.id, token_hash=new_token()[1]),
        PollVote(option_id=option.id, user_id=member.id, answer="if_need_be"),
        AgendaPaper(item_id=item.id, stored_name="a" * 64, original_name="levy.pdf", content_type="application/pdf",
                    size=10, uploaded_by_id=member.id),
        ActionItem(meeting_id=meeting.id, network_id=network.id, description="Mina to write up the levy",
                   owner_id=member.id, created_by_id=convenor.id),
        MinutesVersion(minutes_id=minutes.id, number=1, body="Secret minutes text about Mina", author_id=convenor.id),
        MinutesComment(minutes_id=minutes.id, version_number=1, body="Mina's comment", author_id=member.id),
    ])
    db.session.commit()

    member_data = json.loads(_archive(_download(login(member)))["data.json"])
    assert [(row["response"], row["meeting_title"]) for row in member_data["meeting_rsvps"]] == [("no", "Spring forum")]
    assert "substitute_user_id" not in member_data["meeting_rsvps"][0]
    assert len(member_data["meeting_attendance"]) == len(member_data["meeting_reminders"]) == 1
    assert [row["with_alarm"] for row in member_data["calendar_feeds"]] == [False]
    assert [row["answer"] for row in member_data["poll_votes"]] == ["if_need_be"]
    assert [row["title"] for row in member_data["agenda_items"]] == ["Apprenticeship levy"]
    assert [row["original_name"] for row in member_data["agenda_papers"]] == ["levy.pdf"]
    assert [row["description"] for row in member_data["action_items"]] == ["Mina to write up the levy"]
    assert [row["body"] for row in member_data["minutes_comments"]] == ["Mina's comment"]
    assert member_data["minutes_versions"] == [] and member_data["meeting_substitutions"] == []

    with app.test_client() as other:
        with other.session_transaction() as session:
            session["_user_id"] = convenor.get_id()
        files = _archive(_download(other))
    convenor_data = json.loads(files["data.json"])
    [substitution] = convenor_data["meeting_substitutions"]
    assert substitution["meeting_title"] == "Spring forum" and "response" not in substitution
    [version] = convenor_data["minutes_versions"]
    assert version["number"] == 1 and "body" not in version
    everything = b"".join(files.values()).decode()
    for text in ("Mina's comment", "Mina to write up the levy", "Apprenticeship levy", "levy.pdf",
                 "Secret minutes text", "if_need_be"):
        assert text not in everything, text
