"""Human words for the kinds of search result, wrapped for translation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# One label per kind in fulltext.models.KINDS, in the order the kind filter lists them.
KIND_LABELS = {
    "document": _l("Document"),
    "case_study": _l("Case study"),
    "meeting": _l("Meeting"),
    "minutes": _l("Minutes"),
    "person": _l("Person"),
    "post": _l("Discussion post"),
    "challenge": _l("Challenge"),
}

# The same, plural, for the kind filter's checkboxes ("Documents (12)").
KIND_PLURALS = {
    "document": _l("Documents"),
    "case_study": _l("Case studies"),
    "meeting": _l("Meetings"),
    "minutes": _l("Minutes"),
    "person": _l("People"),
    "post": _l("Discussion posts"),
    "challenge": _l("Challenges"),
}

# GOV.UK tag colours, so each kind is easy to tell apart in a list of results.
KIND_TAG_CLASSES = {
    "document": "govuk-tag--blue",
    "case_study": "govuk-tag--green",
    "meeting": "govuk-tag--purple",
    "minutes": "govuk-tag--turquoise",
    "person": "govuk-tag--grey",
    "post": "govuk-tag--yellow",
    "challenge": "govuk-tag--orange",
}
