"""The zones register's filter form: sent with GET so the address carries the filters."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice, SelectMultipleField

from zone_networks.zones.labels import NATION_LABELS, sector_label
from zone_networks.zones.models import NATIONS, Sector
from zone_networks.zones.queries import ZoneFilters, keep_allowed

PROGRAMME_CHOICES = (
    SelectChoice("freeport", _l("Freeports")),
    SelectChoice("investment_zone", _l("Investment Zones")),
)


class ZoneFilterForm(FlaskForm):
    """Filter the zones by nation, programme and sector; unknown values are ignored, not errors."""

    class Meta:
        """A read-only GET form needs no CSRF token."""

        csrf = False

    nation = SelectMultipleField(
        _l("Nation"),
        choices=[SelectChoice(nation, NATION_LABELS[nation]) for nation in NATIONS],
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    programme = SelectMultipleField(
        _l("Programme"),
        choices=list(PROGRAMME_CHOICES),
        description=_l("Zones that are both appear under each."),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    sector = SelectMultipleField(
        _l("Sector"),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )

    def __init__(self, formdata: MultiDict[str, str], sectors: list[Sector], **kwargs: Any) -> None:
        super().__init__(formdata=formdata, **kwargs)
        self._sector_slugs = [sector.slug for sector in sectors]
        self.sector.choices = [SelectChoice(sector.slug, sector_label(sector.slug, sector.name)) for sector in sectors]

    def filters(self) -> ZoneFilters:
        """The chosen filters, keeping only values that are real choices."""
        return ZoneFilters(
            nations=keep_allowed(self.nation.data or (), NATIONS),
            programmes=keep_allowed(self.programme.data or (), (choice.value for choice in PROGRAMME_CHOICES)),
            sectors=keep_allowed(self.sector.data or (), self._sector_slugs),
        )
