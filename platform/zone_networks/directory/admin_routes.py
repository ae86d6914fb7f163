"""Secretariat tools for the directory: exports, and managing one person (access, roles, organisation).

Everything here is for staff only; anyone else gets 404 (signed-out visitors
are sent to sign in). Changing a person's role in a network reuses the
networks feature's form and service.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from zone_networks.accounts.models import User
from zone_networks.core.permissions import require, secretariat_required
from zone_networks.directory import bp
from zone_networks.directory.admin_forms import (
    MOVE_PREFIX,
    ZONE_ROLES_PREFIX,
    MoveForm,
    ZoneRolesForm,
    organisation_choices,
)
from zone_networks.directory.admin_services import (
    PersonRuleError,
    change_zone_roles,
    deactivate,
    may_change_access,
    may_manage_person,
    move_person,
    reactivate,
)
from zone_networks.directory.exports import FORMATS, export_directory, filename
from zone_networks.directory.filters import DirectoryFilters
from zone_networks.directory.labels import zone_role_label
from zone_networks.extensions import db
from zone_networks.networks.forms import ConfirmForm, RoleForm
from zone_networks.networks.labels import role_label
from zone_networks.networks.loaders import me
from zone_networks.networks.models import Membership
from zone_networks.networks.queries import own_memberships
from zone_networks.networks.services import MembershipRuleError, change_role, may_edit_membership
from zone_networks.zones.models import Organisation


@bp.get("/directory/export.<any(csv, vcf):export_format>")
@secretariat_required
def directory_export(export_format: str) -> Response:
    """Download everyone the directory lists for these filters, as CSV or vCard (audited)."""
    data, _count = export_directory(me(), DirectoryFilters.from_args(request.args), export_format)
    response = Response(data, content_type=FORMATS[export_format])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(export_format)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


# Managing one person -------------------------------------------------------------

def _person_or_404(person_id: int) -> User:
    """The person (with zone roles and expertise loaded), if the signed-in staff member may manage them; else 404."""
    query = (
        select(User)
        .where(User.id == person_id)
        .options(selectinload(User.zone_roles), selectinload(User.expertise))
    )
    person = db.session.scalars(query).first()
    if person is None:
        abort(404)
    require(may_manage_person(me(), person))
    return person


def _organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)).unique())


def _move_form(**kwargs: Any) -> MoveForm:
    form = MoveForm(prefix=MOVE_PREFIX, **kwargs)
    form.organisation.choices = organisation_choices(_organisations())
    return form


def _role_form(membership: Membership, **kwargs: Any) -> RoleForm:
    """Each membership's role form has its own prefix so field ids stay unique on the page."""
    return RoleForm(prefix=f"m{membership.id}", **kwargs)


def _render_manage(person: User, *, roles_form: ZoneRolesForm | None = None, move_form: MoveForm | None = None,
                   failed_role_form: tuple[int, RoleForm] | None = None, status: int = 200) -> tuple[str, int]:
    """The manage page; a form that failed validation is passed in to show its errors."""
    memberships = own_memberships(person, "active")
    role_forms = {m.id: _role_form(m, formdata=None, data={"role": m.role}) for m in memberships}
    if failed_role_form is not None:
        role_forms[failed_role_form[0]] = failed_role_form[1]
    if roles_form is None:
        roles_form = ZoneRolesForm(prefix=ZONE_ROLES_PREFIX, formdata=None,
                                   data={"zone_roles": [item.role for item in person.zone_roles]})
    if move_form is None:
        move_form = _move_form(formdata=None, data={"organisation": person.organisation.slug})
    forms: list[Any] = [roles_form, move_form]
    if failed_role_form is not None:
        forms.append(failed_role_form[1])
    failed = [form for form in forms if form.errors]
    page = render_template(
        "directory/manage.html",
        person=person,
        memberships=memberships,
        role_forms=role_forms,
        editable={m.id for m in memberships if may_edit_membership(me(), None, m.network, m)},
        roles_form=roles_form,
        move_form=move_form,
        form=failed[0] if failed else None,
        may_change_access=may_change_access(me(), person),
        confirm_form=ConfirmForm(),
    )
    return page, status


def _back(person: User) -> Response:
    return redirect(url_for("directory.manage_person", person_id=person.id), 303)


@bp.get("/people/<int:person_id>/manage")
@secretariat_required
def manage_person(person_id: int) -> tuple[str, int]:
    """The secretariat's tools for one person: access, zone roles, organisation and network roles."""
    return _render_manage(_person_or_404(person_id))


@bp.route("/people/<int:person_id>/manage/deactivate", methods=["GET", "POST"])
@secretariat_required
def deactivate_person(person_id: int) -> Response | str:
    """Ask "Are you sure?", then deactivate the person and end all their sessions."""
    person = _person_or_404(person_id)
    require(may_change_access(me(), person), 403)
    if not person.active:
        return _back(person)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("directory/manage_deactivate.html", person=person, form=form)
    try:
        deactivate(me(), person)
    except PersonRuleError as error:
        flash(str(error))
    else:
        flash(_("%(name)s's account has been deactivated. They have been signed out everywhere.",
                name=person.name), "success")
    return _back(person)


@bp.post("/people/<int:person_id>/manage/reactivate")
@secretariat_required
def reactivate_person(person_id: int) -> Response:
    """Let a deactivated person sign in again."""
    person = _person_or_404(person_id)
    require(may_change_access(me(), person), 403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if reactivate(me(), person):
        flash(_("%(name)s's account has been reactivated. They can sign in again.", name=person.name), "success")
    else:
        flash(_("%(name)s's account is already active.", name=person.name))
    return _back(person)


@bp.post("/people/<int:person_id>/manage/zone-roles")
@secretariat_required
def change_person_zone_roles(person_id: int) -> Response | tuple[str, int]:
    """Set the roles the person holds in their zone."""
    person = _person_or_404(person_id)
    form = ZoneRolesForm(prefix=ZONE_ROLES_PREFIX)
    if not form.validate_on_submit():
        return _render_manage(person, roles_form=form, status=400)
    try:
        changed = change_zone_roles(me(), person, form.zone_roles.data or [])
    except PersonRuleError as error:
        form.zone_roles.errors = [str(error)]
        return _render_manage(person, roles_form=form, status=400)
    if changed:
        flash(_("%(name)s's zone roles have been updated.", name=person.name), "success")
    else:
        flash(_("%(name)s's zone roles have not changed.", name=person.name))
    return _back(person)


@bp.post("/people/<int:person_id>/manage/organisation")
@secretariat_required
def move_person_organisation(person_id: int) -> Response | tuple[str, int]:
    """Move the person to another organisation."""
    person = _person_or_404(person_id)
    form = _move_form()
    if not form.validate_on_submit():
        return _render_manage(person, move_form=form, status=400)
    organisation = db.session.scalars(select(Organisation).where(Organisation.slug == form.organisation.data)).first()
    if organisation is None:  # deleted since the page was drawn
        form.organisation.errors = [_("Choose an organisation from the list")]
        return _render_manage(person, move_form=form, status=400)
    if move_person(me(), person, organisation):
        flash(_("%(name)s has been moved to %(organisation)s.", name=person.name, organisation=organisation.name),
              "success")
    else:
        flash(_("%(name)s already works for %(organisation)s.", name=person.name, organisation=organisation.name))
    return _back(person)


@bp.post("/people/<int:person_id>/manage/memberships/<int:membership_id>/role")
@secretariat_required
def change_person_network_role(person_id: int, membership_id: int) -> Response | tuple[str, int]:
    """Change the person's role in one of their networks (the networks feature's service and audit)."""
    person = _person_or_404(person_id)
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.user_id != person.id or not membership.is_active:
        abort(404)
    require(may_edit_membership(me(), None, membership.network, membership), 403)
    form = _role_form(membership)
    if not form.validate_on_submit():
        return _render_manage(person, failed_role_form=(membership.id, form), status=400)
    try:
        changed = change_role(me(), membership, form.role.data)
    except MembershipRuleError as error:
        form.role.errors = [str(error)]
        return _render_manage(person, failed_role_form=(membership.id, form), status=400)
    if changed:
        flash(_("%(name)s is now a %(role)s of the %(network)s.", name=person.name,
                role=role_label(membership.role).lower(), network=membership.network.name), "success")
    else:
        flash(_("%(name)s's role in the %(network)s has not changed.", name=person.name,
                network=membership.network.name))
    return _back(person)


# The audit log (networks feature) shows zone role changes in words.
bp.add_app_template_filter(zone_role_label, "zone_role_label")
