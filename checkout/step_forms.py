"""Forms of the delivery and payment steps (the address form is in ``forms``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from order.measurements import MEASUREMENT_FIELDS
from order.statuses import PaymentMethod
from shipping.parcels import BasketParcel


class DeliveryChoiceForm(forms.Form):
    """One delivery choice per centre's parcel: ``parcel-<partner id>``."""

    def __init__(self, *args, parcels: list[BasketParcel], format_money, **kwargs):
        super().__init__(*args, **kwargs)
        self.parcels = parcels
        for parcel in parcels:
            choices = [
                (
                    option.kind,
                    f"{option.label}: "
                    + (format_money(option.charge) if option.charge else _("free")),
                )
                for option in parcel.options
            ]
            self.fields[self.field_name(parcel)] = forms.ChoiceField(
                label=parcel.name,
                choices=choices,
                widget=forms.RadioSelect,
                initial=parcel.chosen.kind if parcel.chosen else None,
                error_messages={
                    "required": _("Choose how this centre's parcel reaches you."),
                    "invalid_choice": _(
                        "This delivery is not available for this centre and address."
                    ),
                },
            )

    @staticmethod
    def field_name(parcel: BasketParcel) -> str:
        return f"parcel-{parcel.partner.pk}"

    def bound_field_for(self, parcel: BasketParcel):
        return self[self.field_name(parcel)]

    def choices(self) -> dict[str, str]:
        return {
            str(parcel.partner.pk): self.cleaned_data[self.field_name(parcel)]
            for parcel in self.parcels
        }


class MeasurementsForm(forms.Form):
    """A made-to-measure garment's sizes, in whole centimetres."""

    def __init__(self, *args, line, **kwargs):
        kwargs.setdefault("prefix", f"line-{line.pk}")
        super().__init__(*args, **kwargs)
        self.line = line
        for code, label, low, high in MEASUREMENT_FIELDS:
            self.fields[code] = forms.IntegerField(
                label=label,
                min_value=low,
                max_value=high,
                help_text=_("cm"),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "required": _("Give this measurement in centimetres."),
                    "invalid": _("Write a whole number of centimetres."),
                    "min_value": _("That is less than %(limit_value)s cm: check it."),
                    "max_value": _("That is more than %(limit_value)s cm: check it."),
                },
            )
        self.fields["note"] = forms.CharField(
            label=_("Anything the tailor should know"),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 2}),
        )


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How would you like to pay?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a way to pay."),
            "invalid_choice": _("This way to pay is not available for this order."),
        },
    )

    def __init__(self, *args, methods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(PaymentMethod.choices)
        self.fields["method"].choices = [(code, labels[code]) for code in methods]
