"""Writing a resolved challenge up as a case study: one linked draft, prefilled, and the links both ways."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from tests.casestudies.support import make_document
from tests.challenges.support import EAST, HUMBER, fresh, make_challenge, make_offer, sector
from tests.helpers import submit, text_of
from zone_networks.casestudies.models import CaseStudy
from zone_networks.challenges.services import mark_helped, resolve
from zone_networks.challenges.writeup import write_up
from zone_networks.extensions import db


def resolved_with_help(poster, peer, colleague):
    """A resolved challenge: the peer's offer (with a document) helped, the colleague's did not."""
    challenge = make_challenge(poster, sector_ids=[sector("clean-energy-industries").id], theme="net_zero")
    document = make_document("innovation-leads", title="Academy plan", visibility="members")
    helpful = make_offer(peer, challenge, body="We ran a **welding academy**.", document_id=document.id)
    make_offer(colleague, challenge, body="Try the job centre.")
    mark_helped(poster, fresh(challenge.id), helpful)
    resolve(poster, fresh(challenge.id))
    return fresh(challenge.id), document


def case_study_count() -> int:
    """How many case studies exist."""
    return int(db.session.scalar(select(func.count(CaseStudy.id))) or 0)


def test_the_owner_is_invited_and_the_draft_is_prefilled(client, login, poster, peer, colleague) -> None:
    challenge, document = resolved_with_help(poster, peer, colleague)
    login(poster)
    shown = text_of(client.get(f"/challenges/{challenge.id}"))
    assert "Write this up as a case study" in shown and "govuk-notification-banner" in shown
    response = submit(client, f"/challenges/{challenge.id}/write-up", form_url=f"/challenges/{challenge.id}")
    assert response.status_code == 303
    case_study_id = fresh(challenge.id).case_study_id
    assert case_study_id is not None
    assert response.headers["Location"].endswith(f"/case-studies/{case_study_id}/edit")
    db.session.expire_all()
    case_study = db.session.scalars(select(CaseStudy).where(CaseStudy.id == case_study_id)).one()
    assert case_study.status == "draft" and case_study.author_id == poster.id
    assert case_study.title == "Not enough welders for offshore wind" and case_study.theme == "net_zero"
    assert "fabrication yards" in case_study.challenge and "Adverts in the local paper." in case_study.challenge
    assert "welding academy" in case_study.approach and "Priya Peer" in case_study.approach
    assert "job centre" not in case_study.approach
    assert case_study.contact_id == poster.id
    from sqlalchemy.orm import selectinload

    loaded = db.session.scalars(select(CaseStudy).where(CaseStudy.id == case_study_id).options(
        selectinload(CaseStudy.zones), selectinload(CaseStudy.sectors), selectinload(CaseStudy.documents))
        .execution_options(populate_existing=True)).one()
    assert sorted(z.slug for z in loaded.zones) == sorted([EAST, HUMBER])
    assert [s.slug for s in loaded.sectors] == ["clean-energy-industries"]
    assert [d.id for d in loaded.documents] == [document.id]


def test_writing_up_twice_goes_to_the_existing_case_study(client, login, poster, peer, colleague) -> None:
    challenge, _ = resolved_with_help(poster, peer, colleague)
    login(poster)
    url = f"/challenges/{challenge.id}/write-up"
    submit(client, url, form_url=f"/challenges/{challenge.id}")
    case_study_id = fresh(challenge.id).case_study_id
    again = submit(client, url, form_url=f"/challenges/{challenge.id}")
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/case-studies/{case_study_id}")
    assert case_study_count() == 1
    shown = text_of(client.get(f"/challenges/{challenge.id}"))
    assert "Written up as a case study:" in shown and "Write this up as a case study" not in shown


def test_a_stale_second_request_makes_no_second_case_study(poster, peer, colleague) -> None:
    challenge, _ = resolved_with_help(poster, peer, colleague)
    first_id, created = write_up(poster, challenge)
    assert created
    # A second request that read the challenge before the first one linked its case study.
    stale = fresh(challenge.id)
    set_committed_value(stale, "case_study_id", None)
    second_id, created_again = write_up(poster, stale)
    assert not created_again and second_id == first_id
    assert case_study_count() == 1


def test_only_a_resolved_challenge_and_only_its_owner_or_the_staff(client, login, poster, peer, colleague,
                                                                   secretariat) -> None:
    challenge = make_challenge(poster)
    login(poster)
    url = f"/challenges/{challenge.id}/write-up"
    assert submit(client, url, form_url=f"/challenges/{challenge.id}").status_code == 403
    resolve(poster, fresh(challenge.id))
    login(peer)
    assert "Write this up" not in text_of(client.get(f"/challenges/{challenge.id}"))
    assert submit(client, url, form_url=f"/challenges/{challenge.id}").status_code == 403
    assert case_study_count() == 0
    login(secretariat)
    assert submit(client, url, form_url=f"/challenges/{challenge.id}").status_code == 303
    assert case_study_count() == 1


def test_the_case_study_links_back_to_the_challenge_for_those_who_may_see_it(client, login, poster, peer,
                                                                            colleague, outsider, db) -> None:
    challenge, _ = resolved_with_help(poster, peer, colleague)
    case_study_id, _ = write_up(poster, challenge)
    db.session.execute(update(CaseStudy).where(CaseStudy.id == case_study_id).values(status="published"))
    db.session.commit()
    login(peer)
    shown = text_of(client.get(f"/case-studies/{case_study_id}"))
    assert "Written up from the challenge:" in shown and f'href="/challenges/{challenge.id}"' in shown
    login(outsider)
    shown = text_of(client.get(f"/case-studies/{case_study_id}"))
    assert client.get(f"/case-studies/{case_study_id}").status_code == 200
    assert "Written up from the challenge:" not in shown
