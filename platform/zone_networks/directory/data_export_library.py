"""The document library's and case studies' part of the personal-data registry (see `directory.data_export`).

A person's copy of their data holds the documents they own (with every
version they uploaded: names, types, sizes; the files themselves stay
downloadable from the document pages), the case studies they wrote (all of
their text and figures) and the saves they made to case studies. Case studies
someone else wrote that name the person as the contact are listed without
their text, which is the author's work. The search index is derived from
these records and is explained in `LIBRARY_LINKS_NOT_FOLLOWED`. Tables are
named, not imported, so this module does not depend on those features.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, or_

from zone_networks.accounts.models import User
from zone_networks.directory.data_registry import YOU, Lookup, Source, owned_by, table

NETWORK = Lookup("network_id", "networks", ("name", "slug"), "network")
DOCUMENT = Lookup("document_id", "documents", ("title",), "document")
CASE_STUDY = Lookup("case_study_id", "case_studies", ("title",), "case_study")

CASE_STUDY_TEXT = ("summary", "theme", "challenge", "approach", "partners", "lessons", "started_on", "ended_on",
                   "jobs_created", "jobs_created_source", "investment_gbp", "investment_gbp_source",
                   "people_trained", "people_trained_source", "businesses_supported", "businesses_supported_source")
AUTHORS_WORK = _l("The case study's text and figures are its author's work, not data about you: read it on the "
                  "case study's page once it is published.")


def _named_as_contact(person: User) -> ColumnElement[bool]:
    """Case studies naming the person as the contact that someone else wrote."""
    studies = table("case_studies")
    return and_(studies.c.contact_id == person.id,
                or_(studies.c.author_id.is_(None), studies.c.author_id != person.id))


LIBRARY_SOURCES: tuple[Source, ...] = (
    Source(
        name="documents",
        table="documents",
        about=_l("Documents you added to a network's library (you are their owner). The files are in "
                 "document_versions.csv, by name; download them from each document's page."),
        where=owned_by("documents", "owner_id"),
        links=("owner_id",),
        exported=("id", "title", "description", "network_id", "visibility", "version_count", "current_version_id",
                  "is_demo", "created_at", "updated_at"),
        excluded={"owner_id": YOU},
        lookups=(NETWORK,),
    ),
    Source(
        name="document_versions",
        table="document_versions",
        about=_l("Files you uploaded to the document library (each is one version of a document), with their "
                 "names, types and sizes. The files themselves can be downloaded from the document pages."),
        where=owned_by("document_versions", "uploaded_by_id"),
        links=("uploaded_by_id",),
        exported=("id", "document_id", "number", "original_name", "content_type", "size", "note", "text_status",
                  "created_at"),
        excluded={
            "blob_key": _l("The internal name of the stored file (a fingerprint of its contents)."),
            "text": _l("A copy of the words in the file, kept only so that search can find it: the file itself "
                       "is on the document's page."),
            "uploaded_by_id": YOU,
        },
        lookups=(DOCUMENT,),
    ),
    Source(
        name="case_studies",
        table="case_studies",
        about=_l("Case studies you wrote, with all their text and outcome figures."),
        where=owned_by("case_studies", "author_id"),
        links=("author_id",),
        exported=("id", "title", *CASE_STUDY_TEXT, "status", "is_public", "is_demo", "revision_count",
                  "published_at", "created_at", "updated_at"),
        excluded={
            "author_id": YOU,
            "contact_id": _l("The account number of the case study's contact: you, or a colleague you named."),
        },
    ),
    Source(
        name="case_studies_naming_you",
        table="case_studies",
        about=_l("Case studies other people wrote that name you as the person to contact."),
        where=_named_as_contact,
        links=("contact_id",),
        exported=("id", "title", "status", "is_public", "published_at", "created_at", "updated_at"),
        excluded={
            **{name: AUTHORS_WORK for name in CASE_STUDY_TEXT},
            "is_demo": _l("Whether the case study is demo content: a fact about the case study, not about you."),
            "revision_count": _l("How many times the case study has been saved: its author's history."),
            "author_id": _l("The account number of the case study's author: their data, not yours."),
            "contact_id": YOU,
        },
    ),
    Source(
        name="case_study_revisions",
        table="case_study_revisions",
        about=_l("Saves you made to case studies (each save keeps a copy of the case study in its history)."),
        where=owned_by("case_study_revisions", "editor_id"),
        links=("editor_id",),
        exported=("id", "case_study_id", "number", "note", "created_at"),
        excluded={
            "snapshot": _l("The whole case study as it stood after your save, which may include other people's "
                           "work: your own case studies are in case_studies.csv."),
            "editor_id": YOU,
        },
        lookups=(CASE_STUDY,),
    ),
)

LIBRARY_LINKS_NOT_FOLLOWED: Mapping[tuple[str, str], Any] = {
    ("search_entries", "owner_id"): _l(
        "The search index holds copies of your profile, documents and case studies, made only so that search is "
        "fast: the records themselves are in this download."
    ),
}
