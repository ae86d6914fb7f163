"""Profile pages: a person's profile and photo, and editing your own profile and photo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from flask import flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.accounts.models import CONTACT_VISIBILITIES, User
from zone_networks.core.permissions import require
from zone_networks.directory import bp, photos, services
from zone_networks.directory.labels import VISIBILITY_HINTS, VISIBILITY_LABELS, zone_role_label
from zone_networks.directory.profile_forms import PhotoForm, ProfileForm, RemovePhotoForm
from zone_networks.directory.profile_queries import active_memberships, person_for_profile, shared_network_ids
from zone_networks.directory.sections import profile_sections
from zone_networks.directory.tags import managed_tags
from zone_networks.directory.visibility import CONTACT_FIELDS, can_view_person, contact_visible
from zone_networks.extensions import db
from zone_networks.networks.labels import role_label

Page = str | tuple[str, int] | Response
PHOTO_CACHE_SECONDS = 600


@dataclass(frozen=True)
class ContactDetail:
    """A contact detail the viewer may see, with who else may see it (shown to its owner)."""

    label: str
    value: str
    href: str | None
    visibility: str


@dataclass(frozen=True)
class ZoneRoleLink:
    """One of the person's zone roles and where to find people with the same role elsewhere."""

    label: str
    counterparts_href: str


def _me() -> User:
    return cast(User, current_user._get_current_object())


def _directory_href(**params: Any) -> str:
    """A link to the directory with filters (the directory page reads them from the address)."""
    return url_for("directory.index", **params)


def _contact_labels() -> dict[str, str]:
    return {"email": _("Email address"), "phone": _("Telephone number"), "other_contact": _("Other contact details")}


def _visible_contacts(viewer: User, person: User) -> list[ContactDetail]:
    """The contact details `viewer` may see, each only if it has a value."""
    needs_networks = viewer.id != person.id and not viewer.is_staff and any(
        getattr(person, f"{field}_visibility") == "networks" and getattr(person, field) for field in CONTACT_FIELDS
    )
    shared = shared_network_ids(viewer, person) if needs_networks else set()
    labels = _contact_labels()
    details = []
    for field in CONTACT_FIELDS:
        value = getattr(person, field)
        if not value or not contact_visible(viewer, person, field, shared):
            continue
        href = f"mailto:{value}" if field == "email" else None
        if field == "phone":
            # "+44 (0)1632 960 001" dials as +441632960001: the bracketed trunk zero is not dialled.
            href = "tel:" + "".join(ch for ch in value.replace("(0)", "") if ch.isdigit() or ch == "+")
        rule = getattr(person, f"{field}_visibility")
        details.append(ContactDetail(labels[field], value, href, str(VISIBILITY_LABELS.get(rule, rule))))
    return details


def _zone_role_links(person: User) -> list[ZoneRoleLink]:
    zone = person.zone
    links = []
    for held in person.zone_roles:
        params = {"role": held.role}
        if zone is not None:
            params["not_zone"] = zone.slug
        links.append(ZoneRoleLink(zone_role_label(held.role), _directory_href(**params)))
    return links


@bp.get("/people/<int:person_id>")
@login_required
def profile(person_id: int) -> str:
    """A person's profile: who they are, their roles, networks and expertise, and the contact details you may see."""
    viewer = _me()
    person = person_for_profile(person_id)
    require(person is not None and can_view_person(viewer, person))
    assert person is not None
    return render_template(
        "directory/profile.html",
        person=person,
        is_own=viewer.id == person.id,
        memberships=active_memberships(person),
        contacts=_visible_contacts(viewer, person),
        zone_roles=_zone_role_links(person),
        tag_href=lambda slug: _directory_href(tag=slug),
        sections=profile_sections(person, viewer),
        role_label=role_label,
        manage_href=url_for("directory.manage_person", person_id=person.id) if viewer.is_staff else None,
    )


@bp.get("/people/<int:person_id>/photo")
def photo(person_id: int) -> Response:
    """A person's photo, for those who may see their profile."""
    person = db.session.get(User, person_id)
    require(person is not None and bool(person.photo_key) and can_view_person(current_user, person))
    assert person is not None and person.photo_key is not None
    path = photos.photo_path(person.photo_key)
    require(path.is_file())
    # Photos are small (at most 400 x 400): read whole, so no file handle outlives the request.
    response = make_response(path.read_bytes())
    response.mimetype = "image/jpeg"
    response.set_etag(person.photo_key)
    response.make_conditional(request)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Only the viewer's own browser may keep it, briefly: who may see a person can change.
    response.headers["Cache-Control"] = f"private, max-age={PHOTO_CACHE_SECONDS}"
    return response


def _visibility_items() -> list[dict[str, Any]]:
    """Radio item hints saying who each visibility reaches (a fresh list each time: the widget merges into it)."""
    return [{"hint": {"text": str(VISIBILITY_HINTS[code])}} for code in CONTACT_VISIBILITIES]


def _own_profile() -> User:
    person = person_for_profile(_me().id)
    require(person is not None)
    assert person is not None
    return person


@bp.route("/account/profile", methods=["GET", "POST"])
@login_required
def edit_profile() -> Page:
    """Change your profile: details, roles, expertise, bio, language and contact details."""
    person = _own_profile()
    initial = ProfileForm.initial_data(person) if request.method == "GET" else None
    form = ProfileForm(managed_tags(), data=initial)
    if form.validate_on_submit():
        try:
            services.update_profile(person, form.changes())
        except services.ProfileError as error:
            form[error.field].errors = [error.message]
        else:
            # The saved preference now decides the language, not an earlier choice in this visit.
            session.pop("lang", None)
            flash(_("Your profile has been saved"), "success")
            return redirect(url_for("directory.profile", person_id=person.id))
    page = render_template("directory/profile_edit.html", form=form, person=person, visibility_hints=_visibility_items)
    return page, 400 if form.errors else 200


def _photo_page(person: User, form: PhotoForm) -> tuple[str, int]:
    page = render_template(
        "directory/profile_photo.html",
        form=form,
        remove_form=RemovePhotoForm(formdata=None),
        person=person,
        max_size=photos.size_words(photos.max_bytes()),
    )
    return page, 400 if form.errors else 200


@bp.route("/account/profile/photo", methods=["GET", "POST"])
@login_required
def edit_photo() -> Page:
    """Upload a new photo for your profile (or see the one you have)."""
    person = _me()
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            services.set_photo(person, form.photo.data.stream)
        except photos.PhotoError as error:
            form.photo.errors = [error.message]
        else:
            flash(_("Your photo has been saved"), "success")
            return redirect(url_for("directory.profile", person_id=person.id))
    return _photo_page(person, form)


@bp.post("/account/profile/photo/remove")
@login_required
def remove_photo() -> Response:
    """Take the photo off your profile."""
    # CSRFProtect has already refused a POST without a valid token.
    services.remove_photo(_me())
    flash(_("Your photo has been removed"), "success")
    return redirect(url_for("directory.edit_photo"))
