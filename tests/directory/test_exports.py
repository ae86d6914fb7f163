"""The secretariat's directory exports: who may download them, what they hold, and that they are safe and audited."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
import vobject

from tests.directory.manage_support import fresh
from tests.networks.support import add_membership, audit_events, person
from zone_networks.directory.models import ExpertiseTag, PersonZoneRole, person_tags
from zone_networks.directory.search import refresh_person
from zone_networks.extensions import db

CSV = "/directory/export.csv"
VCF = "/directory/export.vcf"
NOT_STAFF = ["member", "convenor", "official", "outsider"]


def _rows(response) -> list[dict[str, str]]:
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _cards(response) -> list:
    return list(vobject.readComponents(response.get_data(as_text=True)))


def _by_name(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["Name"]: row for row in rows}


def _tag(name: str) -> ExpertiseTag:
    tag = ExpertiseTag(name=name, slug=name.lower().replace(" ", "-"), managed=True)
    db.session.add(tag)
    db.session.flush()
    return tag


# Who may download ------------------------------------------------------------------------

@pytest.mark.parametrize("url", [CSV, VCF])
def test_anonymous_is_sent_to_sign_in(client, db, url) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("url", [CSV, VCF])
@pytest.mark.parametrize("who", NOT_STAFF)
def test_people_who_are_not_staff_get_404(client, login, request, url, who) -> None:
    login(request.getfixturevalue(who))
    assert client.get(url).status_code == 404
    assert audit_events() == []


def test_other_extensions_are_404(client, login, secretariat) -> None:
    login(secretariat)
    assert client.get("/directory/export.xlsx").status_code == 404


def test_staff_see_download_links_on_the_directory_and_members_do_not(client, login, secretariat, member) -> None:
    login(member)
    body = client.get("/directory?zone=humber-freeport").get_data(as_text=True)
    assert "Download CSV" not in body and CSV not in body
    login(secretariat)
    body = client.get("/directory?zone=humber-freeport").get_data(as_text=True)
    assert f'href="{CSV}?zone=humber-freeport"' in body
    assert f'href="{VCF}?zone=humber-freeport"' in body


# The CSV -----------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["secretariat", "admin"])
def test_csv_download_is_an_attachment(client, login, request, member, who) -> None:
    login(request.getfixturevalue(who))
    response = client.get(CSV)
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert re.search(r'filename="zone-networks-directory-\d{4}-\d{2}-\d{2}\.csv"', disposition)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert str(date.today().year) in disposition


def test_csv_holds_every_field(client, db, login, secretariat, member) -> None:
    db.session.add(PersonZoneRole(user_id=member.id, role="skills_lead"))
    db.session.add(PersonZoneRole(user_id=member.id, role="net_zero_lead"))
    db.session.execute(person_tags.insert().values(user_id=member.id, tag_id=_tag("Hydrogen").id))
    db.session.execute(person_tags.insert().values(user_id=member.id, tag_id=_tag("Apprenticeships").id))
    member.phone, member.phone_visibility = "01482 000000", "secretariat"
    member.other_contact, member.other_contact_visibility = "Teams: Mina M", "members"
    db.session.commit()
    login(secretariat)
    row = _by_name(_rows(client.get(CSV)))["Mina Member"]
    assert row == {
        "Name": "Mina Member",
        "Job title": "Skills lead",
        "Organisation": "Humber Freeport",
        "Zone": "Humber Freeport",
        "Nation": "England",
        "Zone roles": "Net zero lead; Skills lead",
        "Networks": "Industrial Strategy Zones Skills Forum (member); Net Zero Network (member)",
        "Expertise": "Apprenticeships; Hydrogen",
        "Email": "member@humber.example",
        "Phone": "01482 000000",
        "Other contact details": "Teams: Mina M",
        "Account": "Active",
    }


def test_csv_lists_officials_and_staff_without_a_zone(client, login, secretariat, official) -> None:
    login(secretariat)
    rows = _by_name(_rows(client.get(CSV)))
    assert rows["Olwen Official"]["Organisation"] == "Welsh Government"
    assert rows["Olwen Official"]["Zone"] == "" and rows["Olwen Official"]["Nation"] == ""
    assert rows["Olwen Official"]["Networks"] == "Industrial Strategy Zones Skills Forum (observer)"
    assert "Sam Secretariat" in rows


def test_csv_follows_the_directory_filters(client, login, secretariat, member, convenor, official) -> None:
    login(secretariat)
    assert [row["Name"] for row in _rows(client.get(CSV + "?zone=humber-freeport"))] == ["Mina Member"]
    names = [row["Name"] for row in _rows(client.get(CSV + "?network=skills-forum"))]
    assert names == ["Mina Member", "Olwen Official"]
    assert [row["Name"] for row in _rows(client.get(CSV + "?nation=Scotland"))] == ["Connor Convenor"]
    assert _rows(client.get(CSV + "?zone=humber-freeport&org_kind=government")) == []


def test_csv_follows_the_free_text_search(client, db, login, secretariat, member, convenor) -> None:
    for user in (member, convenor):
        refresh_person(fresh(user))
    db.session.commit()
    login(secretariat)
    assert [row["Name"] for row in _rows(client.get(CSV + "?q=glasgow"))] == ["Connor Convenor"]


def test_csv_holds_every_page_not_just_the_first(client, db, login, secretariat) -> None:
    for number in range(60):
        person(f"p{number:02d}@humber.example", "humber-freeport", name=f"Person {number:02d}")
    login(secretariat)
    rows = _rows(client.get(CSV + "?zone=humber-freeport"))
    assert len(rows) == 60
    assert [row["Name"] for row in rows] == [f"Person {number:02d}" for number in range(60)]


def test_csv_marks_deactivated_people(client, db, login, secretariat) -> None:
    person("gone@humber.example", "humber-freeport", name="Gwen Gone", active=False)
    login(secretariat)
    assert _by_name(_rows(client.get(CSV)))["Gwen Gone"]["Account"] == "Deactivated"


def test_csv_leaves_out_deleted_people(client, db, login, secretariat, member) -> None:
    from zone_networks.core.clock import utcnow

    member.deleted_at = utcnow()
    db.session.commit()
    login(secretariat)
    assert "Mina Member" not in _by_name(_rows(client.get(CSV)))


# Visibility of contact details -----------------------------------------------------------------

@pytest.mark.parametrize(("rule", "exported"), [
    ("only_me", False),
    ("secretariat", True),
    ("networks", True),
    ("members", True),
])
def test_contact_details_follow_each_visibility_rule(client, db, login, secretariat, member, rule,
                                                     exported) -> None:
    member.email_visibility = member.phone_visibility = member.other_contact_visibility = rule
    member.phone, member.other_contact = "07700 900123", "Signal: mina"
    db.session.commit()
    login(secretariat)
    row = _by_name(_rows(client.get(CSV)))["Mina Member"]
    cells = (row["Email"], row["Phone"], row["Other contact details"])
    expected = ("member@humber.example", "07700 900123", "Signal: mina") if exported else ("", "", "")
    assert cells == expected
    [card] = [card for card in _cards(client.get(VCF)) if card.fn.value == "Mina Member"]
    assert ("email" in card.contents) is exported
    assert ("tel" in card.contents) is exported
    assert ("note" in card.contents) is exported


def test_only_me_details_stay_out_even_of_your_own_export(client, db, login, secretariat) -> None:
    secretariat.phone, secretariat.phone_visibility = "020 7946 0000", "only_me"
    secretariat.email_visibility = "only_me"
    db.session.commit()
    login(secretariat)
    row = _by_name(_rows(client.get(CSV)))["Sam Secretariat"]
    assert row["Phone"] == "" and row["Email"] == ""
    assert b"020 7946 0000" not in client.get(VCF).get_data()


def test_default_visibility_exports_email_only(client, login, secretariat, outsider) -> None:
    outsider.phone, outsider.other_contact = "01978 000000", "desk 4"
    db.session.commit()
    login(secretariat)
    row = _by_name(_rows(client.get(CSV)))["Owain Outsider"]
    assert row["Email"] == "outsider@wrexham.example"
    assert row["Phone"] == "" and row["Other contact details"] == ""


# Formula injection ---------------------------------------------------------------------------

@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_look_like_formulas_are_defused(client, db, login, secretariat, start) -> None:
    value = f"{start}HYPERLINK(\"http://evil.example\",\"x\")"
    target = person("formula@humber.example", "humber-freeport", name="Fred Formula", job_title=value,
                    other_contact=f"{start}1+2", other_contact_visibility="members", phone=f"{start}44 1234",
                    phone_visibility="members")
    assert target.id
    login(secretariat)
    row = _by_name(_rows(client.get(CSV)))["Fred Formula"]
    assert row["Job title"] == "'" + value
    assert row["Other contact details"] == f"'{start}1+2"
    assert row["Phone"] == f"'{start}44 1234"


def test_formula_characters_inside_a_cell_are_left_alone(client, db, login, secretariat) -> None:
    person("plain@humber.example", "humber-freeport", name="Pat Plain", job_title="Lead - skills = jobs")
    login(secretariat)
    assert _by_name(_rows(client.get(CSV)))["Pat Plain"]["Job title"] == "Lead - skills = jobs"


def test_a_formula_in_a_name_is_defused(client, db, login, secretariat) -> None:
    person("eq@humber.example", "humber-freeport", name="=cmd|' /C calc'!A0")
    login(secretariat)
    names = [row["Name"] for row in _rows(client.get(CSV))]
    assert "'=cmd|' /C calc'!A0" in names and "=cmd|' /C calc'!A0" not in names


# The vCard -------------------------------------------------------------------------------------

def test_vcard_download_is_an_attachment(client, login, secretariat, member) -> None:
    login(secretariat)
    response = client.get(VCF)
    assert response.status_code == 200
    assert response.content_type == "text/vcard; charset=utf-8"
    assert re.search(r'^attachment; filename="zone-networks-directory-\d{4}-\d{2}-\d{2}\.vcf"$',
                     response.headers["Content-Disposition"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_vcard_has_one_card_per_person_with_every_field(client, db, login, secretariat, member, convenor) -> None:
    member.phone, member.phone_visibility = "+44 1482 000000", "secretariat"
    member.other_contact, member.other_contact_visibility = "Teams: Mina M", "networks"
    db.session.commit()
    login(secretariat)
    cards = _cards(client.get(VCF + "?zone=humber-freeport&zone=glasgow-city-region-investment-zone"))
    assert sorted(card.fn.value for card in cards) == ["Connor Convenor", "Mina Member"]
    card = next(card for card in cards if card.fn.value == "Mina Member")
    assert card.version.value == "4.0"
    assert card.n.value.given == "Mina" and card.n.value.family == "Member"
    assert card.org.value == ["Humber Freeport"]
    assert card.title.value == "Skills lead"
    assert card.email.value == "member@humber.example" and card.email.type_param.lower() == "work"
    assert card.tel.value == "+44 1482 000000"  # a phone number, not a formula: vCards need no quote
    assert card.note.value == "Teams: Mina M"


@pytest.mark.parametrize("name", [
    "Siân Llŷr-ap Gruffydd",
    "O'Neill, Dara; Jr",
    "Line\nBreak Person",
    "Back\\slash Ŵyn",
])
def test_vcard_escapes_awkward_names_and_text(client, db, login, secretariat, name) -> None:
    person("awkward@humber.example", "humber-freeport", name=name, job_title="Lead; skills, jobs",
           other_contact="Desk 4,\nfloor 2; ask for Ŵyn", other_contact_visibility="members")
    login(secretariat)
    raw = client.get(VCF + "?zone=humber-freeport").get_data(as_text=True)
    [card] = list(vobject.readComponents(raw))
    assert card.fn.value == name
    assert " ".join(part for part in (card.n.value.given, card.n.value.family) if part) == " ".join(name.split())
    assert card.title.value == "Lead; skills, jobs"
    assert card.note.value == "Desk 4,\nfloor 2; ask for Ŵyn"
    assert card.org.value == ["Humber Freeport"]


def test_vcard_of_nobody_is_empty(client, login, secretariat) -> None:
    login(secretariat)
    response = client.get(VCF + "?zone=humber-freeport")
    assert response.status_code == 200 and response.get_data() == b""


# Audit -------------------------------------------------------------------------------------------

def test_every_export_is_audited(client, login, secretariat, member, convenor) -> None:
    login(secretariat)
    client.get(CSV + "?zone=humber-freeport&q=mina&sort=zone&nonsense=1")
    client.get(VCF)
    csv_event, vcf_event = audit_events("directory.exported")
    assert csv_event.actor_id == secretariat.id and csv_event.object_type == "directory"
    assert csv_event.object_id is None
    assert csv_event.details["format"] == "csv"
    assert csv_event.details["filters"] == {"q": ["mina"], "zone": ["humber-freeport"], "sort": ["zone"]}
    assert csv_event.details["count"] == 1  # Mina Member, of the Humber Freeport
    assert vcf_event.details == {"format": "vcf", "filters": {}, "count": 3}
    body = client.get("/admin/audit").get_data(as_text=True)
    assert "Downloaded the directory" in body and "3 people" in body


def test_export_count_in_the_audit_matches_the_file(client, db, login, secretariat, member, official) -> None:
    login(secretariat)
    rows = _rows(client.get(CSV + "?network=skills-forum"))
    [event] = audit_events("directory.exported")
    assert event.details["count"] == len(rows) == 2


# Bounded queries -------------------------------------------------------------------------------

def _populate(count: int, offset: int) -> None:
    tag = db.session.query(ExpertiseTag).filter_by(slug="hydrogen").first() or _tag("Hydrogen")
    for number in range(offset, offset + count):
        user = person(f"bulk{number}@humber.example", "humber-freeport", name=f"Bulk {number}",
                      phone="01482", phone_visibility="networks")
        add_membership(user, "skills-forum")
        add_membership(user, "net-zero", role="observer")
        db.session.add(PersonZoneRole(user_id=user.id, role="skills_lead"))
        db.session.execute(person_tags.insert().values(user_id=user.id, tag_id=tag.id))
    db.session.commit()


@pytest.mark.parametrize("url", [CSV, VCF])
def test_query_count_does_not_grow_with_people(client, db, login, secretariat, count_queries, url) -> None:
    login(secretariat)
    _populate(3, 0)
    client.get(url)  # warm up (the first request loads what every request loads once)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    _populate(40, 3)
    with count_queries() as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few), many
    assert len(few) <= 12, few
