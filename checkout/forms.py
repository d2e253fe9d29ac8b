"""Checkout forms: Oscar's, with a shipping address form for Vietnam and abroad.

The address logic (province then ward for Vietnam, Oscar's lines abroad) is
``address.forms.TwoLevelAddressFormMixin``, shared with the address book.
"""

from __future__ import annotations

from oscar.apps.checkout import forms as oscar_checkout_forms
from oscar.core.loading import get_model

from address.forms import (
    ADDRESS_FIELDS,
    ERROR_MESSAGES,
    HELP_TEXTS,
    LABELS,
    WIDGETS,
    TwoLevelAddressFormMixin,
)

# Oscar's get_class falls back to oscar.apps.checkout.forms for the forms not
# defined here (GatewayForm, ShippingMethodForm).


class ShippingAddressForm(
    TwoLevelAddressFormMixin, oscar_checkout_forms.ShippingAddressForm
):
    """The delivery address of an order (see ``TwoLevelAddressFormMixin``)."""

    class Meta(oscar_checkout_forms.ShippingAddressForm.Meta):
        model = get_model("order", "ShippingAddress")
        fields = ADDRESS_FIELDS
        labels = LABELS
        help_texts = HELP_TEXTS
        error_messages = ERROR_MESSAGES
        widgets = WIDGETS
