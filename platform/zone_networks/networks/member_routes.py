"""Managing a network's members: change roles, remove people, and (secretariat) add accounts."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core.pagination import page_url, pagination_params, requested_page
from zone_networks.core.permissions import require
from zone_networks.networks import bp
from zone_networks.networks.forms import AddMemberForm, ConfirmForm, RoleForm
from zone_networks.networks.invitations import InvitationError, normalise_email
from zone_networks.networks.labels import role_label
from zone_networks.networks.loaders import managed_network, me, membership_in
from zone_networks.networks.models import Membership, Network
from zone_networks.networks.queries import active_members, pending_requests, user_by_email
from zone_networks.networks.services import (
    MembershipRuleError,
    add_member,
    change_role,
    may_edit_membership,
    remove_member,
)


def _role_form(membership: Membership, **kwargs: Any) -> RoleForm:
    """Each row's role form has its own prefix so field ids and names stay unique on the page."""
    return RoleForm(prefix=f"m{membership.id}", **kwargs)


def _render_members(network: Network, mine: Membership | None, *, add_form: AddMemberForm | None = None,
                    failed_role_form: tuple[int, RoleForm] | None = None, status: int = 200) -> tuple[str, int]:
    members_page = active_members(network, requested_page())
    members = members_page.items
    role_forms = {m.id: _role_form(m, formdata=None, data={"role": m.role}) for m in members}
    error_form = None
    if failed_role_form is not None:
        role_forms[failed_role_form[0]] = failed_role_form[1]
        error_form = failed_role_form[1]
    if add_form is not None and add_form.errors:
        error_form = add_form
    page = render_template(
        "networks/members.html",
        network=network,
        members=members_page,
        # Links to the list itself, also when a failed form post re-renders it.
        pagination=pagination_params(members_page, endpoint="networks.manage_members", slug=network.slug,
                                     anchor="members", label=_("Pages of members")),
        editable={m.id for m in members if may_edit_membership(current_user, mine, network, m)},
        role_forms=role_forms,
        add_form=add_form if current_user.is_staff else None,
        form=error_form,
        request_count=len(pending_requests(network)),
        confirm_form=ConfirmForm(),
    )
    return page, status


@bp.get("/networks/<slug>/members")
@login_required
def manage_members(slug: str) -> tuple[str, int]:
    """The members of a network, with role changes and removal (convenors and the secretariat)."""
    network, mine = managed_network(slug)
    return _render_members(network, mine, add_form=AddMemberForm(formdata=None))


@bp.post("/networks/<slug>/members/<int:membership_id>/role")
@login_required
def change_member_role(slug: str, membership_id: int) -> Response | tuple[str, int]:
    """Change an active member's role."""
    network, mine = managed_network(slug)
    target = membership_in(network, membership_id, status="active")
    require(may_edit_membership(current_user, mine, network, target), 403)
    form = _role_form(target)
    if not form.validate_on_submit():
        return _render_members(network, mine, add_form=AddMemberForm(formdata=None),
                               failed_role_form=(target.id, form), status=400)
    if change_role(me(), target, form.role.data):
        flash(_("%(name)s is now a %(role)s.", name=target.user.name, role=role_label(target.role).lower()),
              "success")
    else:
        flash(_("%(name)s's role has not changed.", name=target.user.name))
    # Back to the page the form was on (its action carries ?page=N): a role change adds or removes nobody.
    return redirect(page_url(requested_page(), endpoint="networks.manage_members", slug=network.slug), 303)


@bp.route("/networks/<slug>/members/<int:membership_id>/remove", methods=["GET", "POST"])
@login_required
def remove_network_member(slug: str, membership_id: int) -> Response | str:
    """Confirm, then remove a member from a network."""
    network, mine = managed_network(slug)
    target = membership_in(network, membership_id, status="active")
    require(may_edit_membership(current_user, mine, network, target), 403)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("networks/remove_member.html", network=network, target=target, form=form)
    try:
        remove_member(me(), target)
    except MembershipRuleError as error:
        flash(str(error))
    else:
        flash(_("%(name)s has been removed from the %(network)s.", name=target.user.name, network=network.name),
              "success")
    return redirect(url_for("networks.manage_members", slug=network.slug), 303)


@bp.post("/networks/<slug>/members/add")
@login_required
def add_network_member(slug: str) -> Response | tuple[str, int]:
    """Add an existing account to a network (secretariat only)."""
    network, mine = managed_network(slug)
    require(current_user.is_staff, 403)
    form = AddMemberForm()
    if form.validate_on_submit():
        person = None
        try:
            person = user_by_email(normalise_email(form.email.data or ""))
        except InvitationError as error:
            form.email.errors = [str(error)]
        if person is None and not form.email.errors:
            form.email.errors = [_("There is no account with this email address. Send them an invitation instead.")]
        if person is not None:
            try:
                membership = add_member(me(), network, person, form.role.data or "member")
            except MembershipRuleError as error:
                form.email.errors = [str(error)]
            else:
                flash(_("%(name)s has been added to the %(network)s as a %(role)s.", name=person.name,
                        network=network.name, role=role_label(membership.role).lower()), "success")
                return redirect(url_for("networks.manage_members", slug=network.slug), 303)
    return _render_members(network, mine, add_form=form, status=400)
