"""Form fields of an address: the country, the province or city, and bound fields.

Countries are named in the reader's language (Babel), Vietnam first. The
province select lists the 34 units of ``address.units``; each option carries
its code and its names in both languages, which ``static/js/checkout-address.js``
reads to turn the select into an accent-insensitive type-ahead.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from address.places import VIETNAM, country_label, province_choices
from address.units import province_named
from sitewide.text import fold


class CountryChoiceIterator(ModelChoiceIterator):
    """Vietnam first, then the countries by their name in the active language."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        labelled = [(self.field.label_from_instance(c), c) for c in self.queryset]
        labelled.sort(key=lambda pair: (pair[1].pk != VIETNAM, fold(pair[0])))
        for label, country in labelled:
            yield (
                ModelChoiceIteratorValue(self.field.prepare_value(country), country),
                label,
            )


class CountryChoiceField(forms.ModelChoiceField):
    """A country select labelled in the active language (names from Babel)."""

    iterator = CountryChoiceIterator

    def label_from_instance(self, obj) -> str:
        return country_label(obj)


def _province_select_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a province or city")), *province_choices()]


class ProvinceSelect(forms.Select):
    """Options carry ``data-code`` and ``data-names`` (both languages' names)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        unit = province_named(str(value)) if value else None
        if unit:
            option["attrs"]["data-code"] = unit.code
            option["attrs"]["data-names"] = f"{unit.name} {unit.english}"
        return option


class ProvinceField(forms.ChoiceField):
    """One of the 34 units, stored by its official Vietnamese name.

    A code or a name written without accents ("ha noi", "Hanoi") is read as
    the unit it names, so a name typed or sent by another client still fits.
    """

    widget = ProvinceSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", _province_select_choices)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        unit = province_named(value) if value else None
        return unit.name if unit else value


class AddressBoundField(BoundField):
    """A bound field that knows its address part and links its error message.

    ``error_id`` is the id of the ``<p class="field-error">`` the template
    renders; the widget's ``aria-describedby`` names it, then the help text.
    """

    @property
    def address_part(self) -> str:
        return self.field.widget.attrs.get("data-address-part", "")

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def help_id(self) -> str:
        return f"{self.auto_id}_helptext" if self.auto_id else ""

    @property
    def list_id(self) -> str:
        return self.field.widget.attrs.get("list", "")

    @property
    def shows_required(self) -> bool:
        """Required, or required for the kind of address the field belongs to."""
        return self.field.required or self.name in self.form.CONDITIONALLY_REQUIRED

    @property
    def shows_optional(self) -> bool:
        """Never required (the postcode, required in some countries, is neither)."""
        return not self.shows_required and self.name not in self.form.SOMETIMES_REQUIRED

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.errors:
                ids.append(self.error_id)
            if self.help_text:
                ids.append(self.help_id)
        return " ".join(ids)
