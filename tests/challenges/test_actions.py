"""The challenge page's buttons and the offer form over HTTP: each permission both ways, nothing written if refused."""

from __future__ import annotations

from sqlalchemy import select

from tests.casestudies.support import make_case_study, make_document
from tests.challenges.support import counts, fresh, make_challenge, make_offer, notifications
from tests.helpers import submit, text_of
from zone_networks.challenges.models import ChallengeEndorsement, ChallengeOffer
from zone_networks.extensions import db


def page(challenge) -> str:
    """The challenge page's address."""
    return f"/challenges/{challenge.id}"


def test_we_have_this_too_once_per_zone(client, login, poster, peer, colleague) -> None:
    challenge = make_challenge(poster)
    login(peer)
    response = submit(client, f"{page(challenge)}/endorse", form_url=page(challenge), follow_redirects=True)
    assert "We have added Freeport East" in text_of(response)
    assert fresh(challenge.id).endorsement_count == 1
    login(colleague)
    shown = text_of(client.get(page(challenge)))
    assert "Someone from your zone already said this" in shown and "Freeport East" in shown
    before = counts()
    response = submit(client, f"{page(challenge)}/endorse", form_url=page(challenge), follow_redirects=True)
    assert "Someone from your zone already said this" in text_of(response)
    assert counts() == before and fresh(challenge.id).endorsement_count == 1


def test_your_own_zone_cannot_endorse(client, login, poster, neighbour) -> None:
    challenge = make_challenge(poster)
    for person in (poster, neighbour):
        login(person)
        response = submit(client, f"{page(challenge)}/endorse", form_url=page(challenge))
        assert response.status_code == 403
    assert not list(db.session.scalars(select(ChallengeEndorsement)))


def test_people_with_no_zone_cannot_endorse(client, login, poster, secretariat) -> None:
    challenge = make_challenge(poster)
    login(secretariat)
    assert submit(client, f"{page(challenge)}/endorse", form_url=page(challenge)).status_code == 403


def test_outsiders_get_404_for_every_button(client, login, poster, peer, outsider) -> None:
    challenge = make_challenge(poster)
    offer = make_offer(peer, challenge)
    login(outsider)
    for action in ("endorse", "offers", f"offers/{offer.post_id}/helped", "resolve", "reopen", "write-up"):
        response = submit(client, f"{page(challenge)}/{action}", {"body": "Hello"}, form_url="/account")
        assert response.status_code == 404, action


def test_the_buttons_need_a_csrf_token(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(peer)
    assert client.post(f"{page(challenge)}/endorse", data={}).status_code == 400
    assert not list(db.session.scalars(select(ChallengeEndorsement)))


def test_offering_help_through_the_form(client, login, poster, peer, colleague, member) -> None:
    challenge = make_challenge(poster)
    document = make_document("innovation-leads", title="Welding academy plan")
    case_study = make_case_study(member, title="Welding academy")
    login(peer)
    form_page = text_of(client.get(page(challenge)))
    assert "Welding academy plan" in form_page and "Cal Colleague" in form_page
    response = submit(client, f"{page(challenge)}/offers", {
        "body": "We ran one with **Suffolk college**.", "person": str(colleague.id), "document": str(document.id),
        "case_study": str(case_study.id), "client_id": "offer-1"}, form_url=page(challenge))
    assert response.status_code == 303
    offer = db.session.scalars(select(ChallengeOffer)).one()
    assert response.headers["Location"].endswith(f"{page(challenge)}#post-{offer.post_id}")
    shown = text_of(client.get(page(challenge)))
    assert "<strong>Suffolk college</strong>" in shown and f'id="post-{offer.post_id}"' in shown
    assert "Welding academy plan" in shown and "Cal Colleague" in shown
    assert [row.user_id for row in notifications("offer")] == [poster.id]


def test_sending_the_same_offer_form_twice_stores_it_once(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(peer)
    data = {"body": "We can help.", "client_id": "same-form"}
    submit(client, f"{page(challenge)}/offers", data, form_url=page(challenge))
    submit(client, f"{page(challenge)}/offers", data, form_url=page(challenge))
    assert len(list(db.session.scalars(select(ChallengeOffer)))) == 1
    assert fresh(challenge.id).offer_count == 1


def test_a_hidden_document_in_the_post_is_refused(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    hidden = make_document("skills-forum", title="Forum only")  # the peer is not in the Skills Forum
    login(peer)
    before = counts()
    response = submit(client, f"{page(challenge)}/offers", {"body": "See this.", "document": str(hidden.id)},
                      form_url=page(challenge))
    assert response.status_code == 400
    shown = text_of(response)
    assert "There is a problem" in shown and "Select a document from the list" in shown
    assert "Forum only" not in shown
    assert counts() == before


def test_a_draft_case_study_or_an_outsider_in_the_post_is_refused(client, login, poster, peer, member,
                                                                   outsider) -> None:
    challenge = make_challenge(poster)
    draft = make_case_study(member, status="draft", title="Secret draft")
    login(peer)
    before = counts()
    for field, value, message in (("case_study", draft.id, "Select a case study from the list"),
                                  ("person", outsider.id, "Select a person from the list")):
        response = submit(client, f"{page(challenge)}/offers", {"body": "See this.", field: str(value)},
                          form_url=page(challenge))
        assert response.status_code == 400 and message in text_of(response)
    assert counts() == before


def test_an_empty_offer_shows_an_error(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(peer)
    before = counts()
    response = submit(client, f"{page(challenge)}/offers", {"body": ""}, form_url=page(challenge))
    assert response.status_code == 400 and "Enter your offer of help" in text_of(response)
    assert counts() == before


def test_the_owner_cannot_offer_help_on_their_own_challenge(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(poster)
    before = counts()
    response = submit(client, f"{page(challenge)}/offers", {"body": "Me"}, form_url=page(challenge))
    assert response.status_code == 403
    assert counts() == before


def test_only_the_owner_convenors_and_staff_mark_an_offer_helped(client, login, poster, peer, colleague,
                                                                  convenor, secretariat) -> None:
    challenge = make_challenge(poster)
    offers = [make_offer(peer, challenge), make_offer(colleague, challenge, body="Another idea.")]
    url = f"{page(challenge)}/offers/{offers[0].post_id}/helped"
    for outsider_to_it in (peer, colleague):
        login(outsider_to_it)
        assert submit(client, url, form_url=page(challenge)).status_code == 403
    assert fresh(challenge.id).status == "open"
    login(poster)
    assert "This helped<span" in text_of(client.get(page(challenge)))
    response = submit(client, url, form_url=page(challenge), follow_redirects=True)
    assert "Offer marked as the help that worked." in text_of(response)
    assert fresh(challenge.id).status == "matched"
    for manager in (convenor, secretariat):
        login(manager)
        other = f"{page(challenge)}/offers/{offers[1].post_id}/helped"
        assert submit(client, other, form_url=page(challenge)).status_code == 303
        db.session.execute(ChallengeOffer.__table__.update().values(helped=False)
                           .where(ChallengeOffer.post_id == offers[1].post_id))
        db.session.commit()


def test_an_offer_of_another_challenge_is_404(client, login, poster, peer) -> None:
    first = make_challenge(poster)
    second = make_challenge(poster, title="Another")
    offer = make_offer(peer, second)
    login(poster)
    response = submit(client, f"{page(first)}/offers/{offer.post_id}/helped", form_url=page(first))
    assert response.status_code == 404


def test_resolve_and_reopen_by_the_owner_only(client, login, poster, peer) -> None:
    challenge = make_challenge(poster)
    login(peer)
    assert submit(client, f"{page(challenge)}/resolve", form_url=page(challenge)).status_code == 403
    assert fresh(challenge.id).status == "open"
    login(poster)
    response = submit(client, f"{page(challenge)}/resolve", form_url=page(challenge), follow_redirects=True)
    assert "Challenge marked as resolved." in text_of(response) and "Reopen challenge" in text_of(response)
    assert fresh(challenge.id).status == "resolved"
    login(peer)
    assert submit(client, f"{page(challenge)}/reopen", form_url=page(challenge)).status_code == 403
    login(poster)
    submit(client, f"{page(challenge)}/reopen", form_url=page(challenge))
    assert fresh(challenge.id).status == "open"
