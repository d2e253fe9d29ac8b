"""Address forms for Vietnam's two levels and for abroad: checkout and address book.

A Vietnamese address has two levels of local government since 1 July 2025
(``address.units``): house/street or hamlet (``line1``), ward or commune
(``line3``) and province/city (``province``, stored in ``state``). The buyer
picks the province, then types or picks the ward; the typed name is matched
against that province's wards without regard to accents, saved under its
official name, and both units' codes are kept (``province_code``,
``ward_code``). Other countries keep Oscar's lines: street (``line1``,
``line2``), city (``line4``), state and postcode.

``TwoLevelAddressFormMixin`` holds all of it; the checkout's
``ShippingAddressForm`` and the address book's ``UserAddressForm`` (below) put
it in front of Oscar's forms. ``templates/checkout/includes/address_fields.html``
renders the fields; ``static/js/checkout-address.js`` shows the Vietnamese or
the international ones and adds the type-ahead.
"""

from __future__ import annotations

import phonenumbers
from django import forms
from django.core import validators
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.address import forms as oscar_address_forms
from oscar.core.loading import get_model
from phonenumber_field.phonenumber import PhoneNumber

from address.fields import AddressBoundField, CountryChoiceField, ProvinceField
from address.places import VIETNAM, country_label
from address.units import (
    Province,
    Ward,
    province_by_code,
    province_named,
    ward_matches,
    ward_suggestions,
    wards_elsewhere,
    wards_of,
)

# Oscar's get_class falls back to oscar.apps.address.forms for the classes not
# defined here (AbstractAddressForm).
AbstractAddressForm = oscar_address_forms.AbstractAddressForm
Country = get_model("address", "Country")

#: ``data-address-part`` of the fields only Vietnamese addresses use.
VN_PARTS = ("province", "line3")
#: ``data-address-part`` of the fields only addresses abroad use.
INTL_PARTS = ("line2", "line4", "state", "postcode")

ADDRESS_FIELDS = [
    "first_name",
    "phone_number",
    "country",
    "line3",
    "line1",
    "line2",
    "line4",
    "state",
    "postcode",
    "notes",
]
"""The model's fields a form edits, in the order the form shows them."""

FIELD_ORDER = (*ADDRESS_FIELDS[:3], "province", *ADDRESS_FIELDS[3:])
"""The form's order: the province (a form field, not stored as such) after the
country."""

AUTOCOMPLETE = {
    "first_name": "name",
    "phone_number": "tel",
    "country": "country",
    "province": "address-level1",
    "line3": "address-level2",
    "line1": "address-line1",
    "line2": "address-line2",
    "line4": "address-level2",
    "state": "address-level1",
    "postcode": "postal-code",
}

LABELS = {
    "first_name": _("Full name"),
    "line3": _("Ward or commune"),
    "line1": _("House number and street (or hamlet)"),
    "line2": _("Address line 2"),
    "line4": _("City or town"),
    "state": _("State, province or region"),
    "postcode": _("Postcode"),
    "notes": _("Notes for the courier"),
}
HELP_TEXTS = {
    "line3": _("Since July 2025 there are no districts: the ward or commune."),
    "postcode": _("Needed for the countries that use postcodes."),
    "notes": _("Gate code, floor, the best time to deliver…"),
}
ERROR_MESSAGES = {
    "first_name": {"required": _("Enter the recipient's full name.")},
    "line1": {"required": _("Enter the house number and street, or the hamlet.")},
}
WIDGETS = {"notes": forms.Textarea(attrs={"rows": 3})}


def _names(wards: tuple[Ward, ...]) -> str:
    return ", ".join(ward.name for ward in wards)


class TwoLevelAddressFormMixin:
    """A Vietnamese address by province then ward, or an address abroad.

    For Vietnam: ``province`` (saved into ``state``) and ``line3`` (ward or
    commune, one of the province's) are required, ``line2``, ``line4`` and
    ``postcode`` are cleared. Abroad: ``line4`` (city) is required and so is
    ``postcode`` where Oscar knows the country's postcode format; ``line3``
    and the codes are cleared. The phone number is parsed in the chosen
    country and stored as E.164.
    """

    bound_field_class = AddressBoundField

    #: Fields required whatever the country.
    ALWAYS_REQUIRED = ("first_name", "phone_number", "country", "line1")
    #: Fields required only for Vietnam (province, line3) or only abroad (line4).
    CONDITIONALLY_REQUIRED = ("province", "line3", "line4")
    #: Required for some countries abroad only (where Oscar knows a format).
    SOMETIMES_REQUIRED = ("postcode",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_fields()
        self._setup_initial()
        self._setup_ward_list()
        self.order_fields(FIELD_ORDER)

    # Set-up

    def _setup_fields(self) -> None:
        fields = self.fields
        fields["province"] = ProvinceField(
            label=_("Province or city"),
            required=False,
            error_messages={
                "invalid_choice": _("Choose a province or city from the list.")
            },
        )
        # Oscar's OSCAR_REQUIRED_ADDRESS_FIELDS do not fit both kinds of
        # address: ``clean`` requires the conditional fields itself.
        for name, field in fields.items():
            field.required = name in self.ALWAYS_REQUIRED

        phone = fields["phone_number"]
        phone.label = _("Phone number")
        phone.help_text = _("The courier calls this number about the delivery.")
        phone.error_messages["required"] = _("Enter a phone number for the courier.")
        phone.widget = forms.TextInput(attrs={"inputmode": "tel"})
        phone.widget.input_type = "tel"

        if "country" in fields:
            fields["country"] = CountryChoiceField(
                queryset=Country._default_manager.filter(is_shipping_country=True),
                empty_label=None,
                label=_("Country"),
                error_messages={"invalid_choice": _("Choose a country from the list.")},
            )
        for name, autocomplete in AUTOCOMPLETE.items():
            if name in fields:
                fields[name].widget.attrs["autocomplete"] = autocomplete
        for part, names in (("vn", VN_PARTS), ("intl", INTL_PARTS)):
            for name in names:
                if name in fields:
                    fields[name].widget.attrs["data-address-part"] = part
        if "country" in fields:
            fields["country"].widget.attrs["data-address-country"] = VIETNAM
        fields["province"].widget.attrs["data-address-province"] = ""
        fields["line3"].widget.attrs.update(
            {"data-address-ward": "", "data-wards-url": reverse("address-wards")}
        )

    def _setup_initial(self) -> None:
        country_code = self.instance.country_id
        if "country" in self.fields and not country_code:
            initial_country = self.initial.get("country")
            country_code = getattr(initial_country, "pk", initial_country)
            if not country_code:
                self.initial["country"] = VIETNAM
                country_code = VIETNAM
        if country_code == VIETNAM and not self.initial.get("province"):
            province = province_by_code(
                self.initial.get("province_code") or self.instance.province_code
            ) or province_named(self.initial.get("state") or self.instance.state)
            if province:
                self.initial["province"] = province.name

    def _setup_ward_list(self) -> None:
        """Name the ``<datalist>`` of the shown province's wards on the ward input.

        Without JavaScript the browser suggests from it once a province is
        chosen (a refused form comes back with it); with JavaScript the
        type-ahead fetches a province's wards as the buyer picks it.
        """
        self.listed_province = self._shown_province()
        if self.listed_province:
            attrs = self.fields["line3"].widget.attrs
            attrs["list"] = f"{self['line3'].auto_id}-wards"
            attrs["data-province-code"] = self.listed_province.code

    def _shown_province(self) -> Province | None:
        if self.is_bound:
            return province_named(self.data.get(self.add_prefix("province")))
        return province_named(self.initial.get("province"))

    @property
    def listed_wards(self) -> tuple[Ward, ...]:
        return wards_of(self.listed_province.code) if self.listed_province else ()

    # Validation

    def country_code(self) -> str | None:
        country = self.get_country()
        return getattr(country, "iso_3166_1_a2", None)

    def clean(self):
        cleaned_data = super().clean()
        code = self.country_code()
        if code == VIETNAM:
            self._clean_vietnamese(cleaned_data)
        elif code:
            self._clean_international(cleaned_data, code)
        return cleaned_data

    def _clean_vietnamese(self, cleaned_data) -> None:
        province = province_named(cleaned_data.get("province"))
        ward = None
        if province is None:
            if "province" not in self.errors:
                self.add_error("province", _("Choose the province or city."))
        elif "line3" not in self.errors:
            ward = self._ward_of(province, cleaned_data.get("line3", ""))
        cleaned_data["state"] = province.name if province else ""
        if ward:
            cleaned_data["line3"] = ward.name
        elif province is None and not cleaned_data.get("line3"):
            if "line3" not in self.errors:
                self.add_error("line3", _("Enter the ward or commune."))
        self.instance.province_code = province.code if province else ""
        self.instance.ward_code = ward.code if ward else ""
        # Not part of a Vietnamese address since 2025 (the fields are hidden).
        for name in ("line2", "line4", "postcode"):
            cleaned_data[name] = ""

    def _ward_of(self, province: Province, typed: str) -> Ward | None:
        """The ward of ``province`` the buyer typed, or an error on ``line3``."""
        typed = (typed or "").strip()
        if not typed:
            self.add_error(
                "line3",
                _(
                    "Enter the ward or commune in %(province)s: type its name "
                    "or pick it from the list."
                )
                % {"province": province.name},
            )
            return None
        matches = ward_matches(province.code, typed)
        if len(matches) == 1:
            return matches[0]
        if matches:
            message = _(
                "“%(typed)s” may be %(names)s. Pick one of them from the list, "
                "or type it with its accents."
            ) % {"typed": typed, "names": _names(matches)}
        elif elsewhere := wards_elsewhere(province.code, typed):
            message = _(
                "%(ward)s is in %(other)s, not in %(province)s. Choose a ward or "
                "commune of %(province)s, or change the province or city."
            ) % {
                "ward": elsewhere[0].name,
                "other": elsewhere[0].province.name,
                "province": province.name,
            }
        else:
            message = _("%(province)s has no ward or commune called “%(typed)s”.") % {
                "province": province.name,
                "typed": typed,
            }
            if suggestions := ward_suggestions(province.code, typed):
                hint = _("Did you mean: %(names)s?") % {"names": _names(suggestions)}
            else:
                hint = _(
                    "Many wards and communes were merged in July 2025: pick "
                    "today's from the list."
                )
            message = f"{message} {hint}"
        self.add_error("line3", message)
        return None

    def _clean_international(self, cleaned_data, code: str) -> None:
        cleaned_data["line3"] = ""
        cleaned_data["province"] = ""
        self.instance.province_code = ""
        self.instance.ward_code = ""
        if not cleaned_data.get("line4") and "line4" not in self.errors:
            self.add_error("line4", _("Enter the city or town."))
        needs_postcode = code in self._meta.model.POSTCODES_REGEX
        if needs_postcode and not cleaned_data.get("postcode"):
            if "postcode" not in self.errors:
                self.add_error(
                    "postcode",
                    _("Enter the postcode: addresses in %(country)s have one.")
                    % {"country": country_label(self.get_country())},
                )

    def clean_phone_number_field(self, field_name):
        """Parse in the chosen country's region; only valid numbers pass."""
        number = self.cleaned_data.get(field_name)
        if number in validators.EMPTY_VALUES:
            return ""
        try:
            phone_number = PhoneNumber.from_string(number, region=self.region_code)
        except phonenumbers.NumberParseException:
            phone_number = None
        if phone_number is None or not phone_number.is_valid():
            self.add_error(field_name, self.phone_number_error())
            return number
        return phone_number

    def phone_number_error(self):
        if self.region_code == VIETNAM:
            return _(
                "Enter a valid Vietnamese phone number, e.g. 0912 345 678, "
                "or a number starting with + and its country code."
            )
        if self.country:
            return _(
                "Enter a valid phone number for %(country)s, "
                "or a number starting with + and its country code."
            ) % {"country": country_label(self.country)}
        return _(
            "Enter a phone number starting with + and its country code, "
            "e.g. +84 912 345 678."
        )

    def _post_clean(self):
        # Oscar's model clean raises a non-field error when a postcode is
        # missing. ``clean`` decides that (on the field, and never for
        # Vietnam), so switch the model's check off for this validation only:
        # the instance's __dict__ is stored in the checkout session afterwards.
        self.instance.POSTCODE_REQUIRED = False
        try:
            super()._post_clean()
        finally:
            vars(self.instance).pop("POSTCODE_REQUIRED", None)


class UserAddressForm(TwoLevelAddressFormMixin, oscar_address_forms.UserAddressForm):
    """An address of the buyer's address book, picked as at the checkout."""

    class Meta(oscar_address_forms.UserAddressForm.Meta):
        fields = ADDRESS_FIELDS
        labels = LABELS
        help_texts = HELP_TEXTS
        error_messages = ERROR_MESSAGES
        widgets = WIDGETS
