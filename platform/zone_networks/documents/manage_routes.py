"""Changing the library: upload documents, upload a new version, edit details, delete.

Upload forms may carry up to MAX_FILES files of DOCUMENT_MAX_BYTES each, so
their request-size limit is raised (core.uploads.request_limit, applied
before CSRF protection reads the form) to that many files plus 1 MB of fields. Uploads are rate limited per person
(DOCUMENT_UPLOAD_RATE_LIMIT). With JavaScript, upload-progress.js posts the
form by XMLHttpRequest and asks for JSON: a success then answers
`{"location": url}` instead of a redirect, so the flash message survives
until the browser goes there.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from zone_networks.core import uploads
from zone_networks.core.permissions import require
from zone_networks.documents import bp
from zone_networks.documents.forms import MAX_FILES, DeleteForm, DocumentDetailsForm, UploadForm, VersionForm, add_error
from zone_networks.documents.labels import ACCEPTED_TYPES_HINT, limit_label
from zone_networks.documents.loaders import editable_document, me
from zone_networks.documents.models import Document
from zone_networks.documents.queries import all_sectors, uploadable_networks
from zone_networks.documents.services import (
    Details,
    DocumentError,
    DocumentFileError,
    add_version,
    delete_document,
    max_bytes,
    update_details,
    upload_documents,
)
from zone_networks.extensions import limiter
from zone_networks.networks.models import Network

FORM_FIELDS_BYTES = 1024 * 1024  # room for the form's other fields beside the files

Page = Response | tuple[str, int]


def _many_files_bytes() -> int:
    return MAX_FILES * max_bytes() + FORM_FIELDS_BYTES


def _one_file_bytes() -> int:
    return max_bytes() + FORM_FIELDS_BYTES


def _upload_limit() -> str:
    return str(current_app.config.get("DOCUMENT_UPLOAD_RATE_LIMIT", "30 per hour"))


def _uploader_key() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"address:{get_remote_address()}"


upload_rate_limit = limiter.shared_limit(_upload_limit, scope="document-uploads", key_func=_uploader_key,
                                         methods=["POST"])


def _done(url: str) -> Response:
    """Go to `url`: a 303 redirect, or JSON naming it for the progress script (which then goes there)."""
    if request.accept_mimetypes.best == "application/json":
        return jsonify(location=url)
    return redirect(url, 303)


def _details(form: DocumentDetailsForm) -> Details:
    return Details(
        title=form.title.data or "", description=form.description.data or "", network_id=form.network_id(),
        visibility=form.visibility.data or "network", sector_ids=form.sector_ids(), tag_names=form.tag_names(),
    )


def _form_page(template: str, status: int, **context: Any) -> tuple[str, int]:
    limit = limit_label(max_bytes())
    hint = _("%(types)s, each smaller than %(size)s.", types=ACCEPTED_TYPES_HINT, size=limit)
    return render_template(template, file_hint=hint, max_files=MAX_FILES, **context), status


def _status(form: Any) -> int:
    return 400 if form.errors else 200


@bp.route("/documents/new", methods=["GET", "POST"])
@uploads.request_limit(_many_files_bytes)
@login_required
@upload_rate_limit
def new() -> Page:
    """Upload one or more files as documents, to a network the uploader belongs to (staff: any)."""
    networks = uploadable_networks(current_user)
    require(bool(networks), 403)
    form = UploadForm()
    form.set_choices(networks, all_sectors())
    if request.method == "GET" and request.args.get("network"):
        chosen = next((n for n in networks if n.slug == request.args["network"]), None)
        form.network.data = str(chosen.id) if chosen else None
    elif request.method == "GET" and len(networks) == 1:
        form.network.data = str(networks[0].id)
    if form.validate_on_submit():
        try:
            documents = upload_documents(me(), _details(form), form.chosen_files())
        except DocumentFileError as error:
            add_error(form.files, error.message)
            return _form_page("documents/new.html", 413 if error.too_large else 400, form=form)
        if len(documents) == 1:
            flash(_("Document uploaded."), "success")
            return _done(url_for("documents.show", document_id=documents[0].id))
        flash(ngettext("%(num)d document uploaded.", "%(num)d documents uploaded.", len(documents)), "success")
        network = documents[0].network
        return _done(url_for("documents.network_documents", slug=network.slug))
    return _form_page("documents/new.html", _status(form), form=form)


@bp.route("/documents/<int:document_id>/versions/new", methods=["GET", "POST"])
@uploads.request_limit(_one_file_bytes)
@login_required
@upload_rate_limit
def new_version(document_id: int) -> Page:
    """Upload a new version of a document (its owner, the network's convenors, the secretariat)."""
    document, _membership = editable_document(document_id)
    form = VersionForm()
    if form.validate_on_submit():
        upload = form.chosen_file()
        assert upload is not None  # the form's validation requires a file
        try:
            version = add_version(me(), document, upload, form.note.data or "")
        except DocumentFileError as error:
            add_error(form.file, error.message)
            return _form_page("documents/version_new.html", 413 if error.too_large else 400, form=form,
                              document=document)
        except DocumentError as error:
            add_error(form.file, error.message)
            return _form_page("documents/version_new.html", 409, form=form, document=document)
        flash(_("Version %(num)d uploaded.", num=version.number), "success")
        return _done(url_for("documents.show", document_id=document.id))
    return _form_page("documents/version_new.html", _status(form), form=form, document=document)


def _edit_networks(document: Document) -> list[Network]:
    networks = uploadable_networks(current_user)
    if all(network.id != document.network_id for network in networks):
        networks = sorted([*networks, document.network], key=lambda network: network.id)
    return networks


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit(document_id: int) -> Page:
    """Change a document's title, description, network, visibility, sectors and tags."""
    document, _membership = editable_document(document_id)
    form = DocumentDetailsForm(data={
        "title": document.title, "description": document.description, "network": str(document.network_id),
        "visibility": document.visibility, "sectors": [str(sector.id) for sector in document.sectors],
        "tags": ", ".join(tag.name for tag in document.tags),
    })
    form.set_choices(_edit_networks(document), all_sectors())
    if form.validate_on_submit():
        update_details(me(), document, _details(form))
        flash(_("Document details saved."), "success")
        return redirect(url_for("documents.show", document_id=document.id), 303)
    return render_template("documents/edit.html", form=form, document=document), _status(form)


@bp.route("/documents/<int:document_id>/delete", methods=["GET", "POST"])
@login_required
def delete(document_id: int) -> Page:
    """Confirm, then delete a document and every version of it."""
    document, _membership = editable_document(document_id)
    form = DeleteForm()
    if form.validate_on_submit():
        network = document.network
        title = document.title
        delete_document(me(), document)
        flash(_("Document deleted: %(title)s", title=title), "success")
        return redirect(url_for("documents.network_documents", slug=network.slug), 303)
    return render_template("documents/delete.html", form=form, document=document), _status(form)
