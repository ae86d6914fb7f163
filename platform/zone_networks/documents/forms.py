"""Forms for the document library: upload, edit details, upload a new version, delete."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from werkzeug.datastructures import FileStorage
from wtforms import (
    Field,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from zone_networks.core.forms import strip_whitespace
from zone_networks.core.text import fold
from zone_networks.documents.labels import VISIBILITY_HINTS, VISIBILITY_LABELS
from zone_networks.documents.models import DOCUMENT_VISIBILITIES, MAX_TAGS, TAG_MAX_LENGTH
from zone_networks.networks.models import Network
from zone_networks.zones.models import Sector

MAX_FILES = 10  # files in one upload; each becomes its own document
DESCRIPTION_MAX = 10_000
NOTE_MAX = 300
CHOOSE_NETWORK = _l("Select the network the document belongs to")
CHOOSE_VISIBILITY = _l("Select who can see the document")
_NOT_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


def tag_slug(name: str) -> str:
    """The slug that identifies a tag: its folded words joined by hyphens ("Ynys Môn" -> "ynys-mon")."""
    return _NOT_WORD.sub("-", fold(name)).strip("-")[:TAG_MAX_LENGTH]


def split_tags(text: str) -> list[str]:
    """The tags typed into a comma-separated field: trimmed, spaces collapsed, one per slug, in order."""
    names: list[str] = []
    seen: set[str] = set()
    for part in (text or "").split(","):
        name = _SPACES.sub(" ", part).strip()
        slug = tag_slug(name)
        if not name or slug in seen:
            continue
        seen.add(slug)
        names.append(name)
    return names


def add_error(field: Field, message: str) -> None:
    """Attach a finding made outside the field's validators (shown inline and in the error summary)."""
    field.errors = [*field.errors, message]


def _check_tags(form: FlaskForm, field: Field) -> None:
    names = split_tags(field.data or "")
    if len(names) > MAX_TAGS:
        raise ValidationError(_("Enter %(num)d tags or fewer", num=MAX_TAGS))
    for name in names:
        if len(name) > TAG_MAX_LENGTH:
            raise ValidationError(_("Each tag must be %(num)d characters or fewer", num=TAG_MAX_LENGTH))
        if not tag_slug(name):
            raise ValidationError(_("Tags must contain letters or numbers"))


class DocumentDetailsForm(FlaskForm):
    """A document's details: what it is, which network it belongs to, who may see it, sectors and tags."""

    title = StringField(
        _l("Title"), filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Enter a title")),
                    Length(max=200, message=_l("Title must be 200 characters or fewer"))],
        widget=GovTextInput(),
    )
    description = TextAreaField(
        _l("Description (optional)"), filters=[strip_whitespace],
        validators=[Length(max=DESCRIPTION_MAX, message=_l("Description must be 10,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    network = SelectField(_l("Network"), choices=[], validators=[InputRequired(message=CHOOSE_NETWORK)],
                          validate_choice=False, widget=GovSelect())
    visibility = RadioField(
        _l("Who can see it?"), default="network",
        choices=[SelectChoice(code, VISIBILITY_LABELS[code]) for code in DOCUMENT_VISIBILITIES],
        validators=[InputRequired(message=CHOOSE_VISIBILITY)], invalid_choice_message=CHOOSE_VISIBILITY,
        widget=GovRadioInput(),
    )
    sectors = SelectMultipleField(_l("Sectors (optional)"), choices=[], validate_choice=False,
                                  widget=GovCheckboxesInput())
    tags = StringField(_l("Tags (optional)"), filters=[strip_whitespace],
                       validators=[Length(max=1000, message=_l("Tags must be 1,000 characters or fewer")),
                                   _check_tags],
                       widget=GovTextInput())
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    def set_choices(self, networks: list[Network], sectors: list[Sector]) -> None:
        """The networks this person may choose, and every sector."""
        self.network.choices = [SelectChoice("", _l("Choose a network"))] + [
            SelectChoice(str(network.id), network.name) for network in networks]
        self.sectors.choices = [SelectChoice(str(sector.id), sector.name) for sector in sectors]

    def visibility_items(self) -> list[dict[str, Any]]:
        """The radios' hints, one per visibility in order (merged into the govukRadios items)."""
        return [{"hint": {"text": str(VISIBILITY_HINTS[code])}} for code in DOCUMENT_VISIBILITIES]

    def validate(self, extra_validators: Any = None) -> bool:
        """The network and sectors must be ones offered on the form."""
        ok = super().validate(extra_validators)
        offered = {str(choice.value) for choice in self.network.choices if choice.value}
        if self.network.data and self.network.data not in offered:
            add_error(self.network, str(CHOOSE_NETWORK))
            ok = False
        sectors = {str(choice.value) for choice in self.sectors.choices}
        if any(value not in sectors for value in self.sectors.data or []):
            add_error(self.sectors, _("Select sectors from the list"))
            ok = False
        return ok

    def network_id(self) -> int:
        """The chosen network's id (call after validation)."""
        return int(self.network.data or 0)

    def sector_ids(self) -> list[int]:
        """The chosen sectors' ids (call after validation)."""
        return [int(value) for value in self.sectors.data or []]

    def tag_names(self) -> list[str]:
        """The tags typed, one per slug (call after validation)."""
        return split_tags(self.tags.data or "")


class UploadForm(DocumentDetailsForm):
    """Upload one or more files as new documents; each file becomes its own document."""

    files = MultipleFileField(_l("Files"), widget=GovFileInput(multiple=True))
    submit = SubmitField(_l("Upload"), widget=GovSubmitInput())

    def chosen_files(self) -> list[FileStorage]:
        """The files chosen (empty file inputs left out)."""
        return [upload for upload in self.files.data or [] if isinstance(upload, FileStorage) and upload.filename]

    def validate(self, extra_validators: Any = None) -> bool:
        """At least one file and at most MAX_FILES."""
        ok = super().validate(extra_validators)
        count = len(self.chosen_files())
        if count == 0:
            add_error(self.files, _("Select a file to upload"))
            ok = False
        elif count > MAX_FILES:
            add_error(self.files, _("Select %(num)d files or fewer", num=MAX_FILES))
            ok = False
        return ok


class VersionForm(FlaskForm):
    """Upload a new version of a document, with a note of what changed."""

    file = FileField(_l("File"), widget=GovFileInput())
    note = StringField(
        _l("What has changed? (optional)"), filters=[strip_whitespace],
        validators=[Length(max=NOTE_MAX, message=_l("What has changed must be 300 characters or fewer"))],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Upload new version"), widget=GovSubmitInput())

    def chosen_file(self) -> FileStorage | None:
        """The file chosen, or None."""
        upload = self.file.data
        return upload if isinstance(upload, FileStorage) and upload.filename else None

    def validate(self, extra_validators: Any = None) -> bool:
        """A file must be chosen."""
        ok = super().validate(extra_validators)
        if self.chosen_file() is None:
            add_error(self.file, _("Select a file to upload"))
            ok = False
        return ok


class DeleteForm(FlaskForm):
    """Confirm deleting a document (the CSRF token is the point)."""

    submit = SubmitField(_l("Delete document"), widget=GovSubmitInput())
