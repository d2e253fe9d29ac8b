"""Checkout forms: Oscar's, with a shipping address form for Vietnam and abroad.

A Vietnamese address has two levels of local government since 1 July 2025
(see ``checkout.provinces``): house/street or hamlet (``line1``), ward or
commune (``line3``) and province/city (``province``, stored in ``state``).
Other countries keep Oscar's lines: street (``line1``, ``line2``), city
(``line4``), state and postcode.

The template partial ``checkout/includes/address_fields.html`` renders the
fields; ``static/js/checkout-address.js`` shows the Vietnamese or the
international ones depending on the country (``data-address-part``).
"""

from __future__ import annotations

import phonenumbers
from babel import Locale, UnknownLocaleError
from django import forms
from django.conf import settings
from django.core import validators
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_checkout_forms
from oscar.core.loading import get_model
from phonenumber_field.phonenumber import PhoneNumber

from checkout.provinces import PROVINCES, VIETNAM, fold, province_choices

# Oscar's get_class falls back to oscar.apps.checkout.forms for the forms not
# defined here (GatewayForm, ShippingMethodForm).

#: ``data-address-part`` of the fields only Vietnamese addresses use.
VN_PARTS = ("province", "line3")
#: ``data-address-part`` of the fields only addresses abroad use.
INTL_PARTS = ("line2", "line4", "state", "postcode")

FIELD_ORDER = (
    "first_name",
    "phone_number",
    "country",
    "province",
    "line3",
    "line1",
    "line2",
    "line4",
    "state",
    "postcode",
    "notes",
)

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

PROVINCE_NAMES = frozenset(vi for vi, _en in PROVINCES)


def territory_names(language: str | None = None) -> dict[str, str]:
    """Babel's country names in ``language`` (default: the active language)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    try:
        return Locale.parse(language.replace("-", "_")).territories
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en").territories


def country_label(country) -> str:
    """The name of an ``address.Country`` in the active language."""
    return territory_names().get(country.iso_3166_1_a2) or str(country)


def _province_select_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a province or city")), *province_choices()]


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


class ShippingAddressForm(oscar_checkout_forms.ShippingAddressForm):
    """A shipping address in Vietnam (two levels) or abroad (Oscar's lines).

    For Vietnam: ``province`` (saved into ``state``) and ``line3`` (ward or
    commune) are required, ``line2``, ``line4`` and ``postcode`` are cleared.
    Abroad: ``line4`` (city) is required and so is ``postcode`` where Oscar
    knows the country's postcode format; ``line3`` is cleared. The phone
    number is parsed in the chosen country and stored as E.164.
    """

    bound_field_class = AddressBoundField

    #: Fields required whatever the country.
    ALWAYS_REQUIRED = ("first_name", "phone_number", "country", "line1")
    #: Fields required only for Vietnam (province, line3) or only abroad (line4).
    CONDITIONALLY_REQUIRED = ("province", "line3", "line4")
    #: Required for some countries abroad only (where Oscar knows a format).
    SOMETIMES_REQUIRED = ("postcode",)

    province = forms.ChoiceField(
        label=_("Province or city"),
        choices=_province_select_choices,
        required=False,
        error_messages={
            "invalid_choice": _("Choose a province or city from the list.")
        },
    )

    class Meta(oscar_checkout_forms.ShippingAddressForm.Meta):
        model = get_model("order", "ShippingAddress")
        fields = [
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
        labels = {
            "first_name": _("Full name"),
            "line3": _("Ward or commune"),
            "line1": _("House number and street (or hamlet)"),
            "line2": _("Address line 2"),
            "line4": _("City or town"),
            "state": _("State, province or region"),
            "postcode": _("Postcode"),
            "notes": _("Notes for the courier"),
        }
        help_texts = {
            "line3": _("Since July 2025 there are no districts: the ward or commune."),
            "postcode": _("Needed for the countries that use postcodes."),
            "notes": _("Gate code, floor, the best time to deliver…"),
        }
        error_messages = {
            "first_name": {"required": _("Enter the recipient's full name.")},
            "line1": {
                "required": _("Enter the house number and street, or the hamlet.")
            },
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_fields()
        self._setup_initial()
        self.order_fields(FIELD_ORDER)

    # Set-up

    def _setup_fields(self) -> None:
        fields = self.fields
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
            old = fields["country"]
            fields["country"] = CountryChoiceField(
                queryset=old.queryset,
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

    def _setup_initial(self) -> None:
        country_code = self.instance.country_id
        if "country" in self.fields and not country_code:
            initial_country = self.initial.get("country")
            country_code = getattr(initial_country, "pk", initial_country)
            if not country_code:
                self.initial["country"] = VIETNAM
                country_code = VIETNAM
        if country_code == VIETNAM and not self.initial.get("province"):
            state = self.initial.get("state") or self.instance.state
            if state in PROVINCE_NAMES:
                self.initial["province"] = state

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
        province = cleaned_data.get("province")
        if not province and "province" not in self.errors:
            self.add_error("province", _("Choose the province or city."))
        if not cleaned_data.get("line3") and "line3" not in self.errors:
            self.add_error("line3", _("Enter the ward or commune."))
        cleaned_data["state"] = province or ""
        # Not part of a Vietnamese address since 2025 (the fields are hidden).
        for name in ("line2", "line4", "postcode"):
            cleaned_data[name] = ""

    def _clean_international(self, cleaned_data, code: str) -> None:
        cleaned_data["line3"] = ""
        cleaned_data["province"] = ""
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
