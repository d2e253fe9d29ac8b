"""A made-to-measure garment's sizes, as its order line keeps them.

The checkout's delivery step asks for them (``checkout.step_forms``) and
stores them on the line as one attribute; the order's pages and e-mails read
them back with their labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: The order line attribute that keeps a made-to-measure garment's sizes.
MEASUREMENTS_ATTRIBUTE = "measurements"

#: ``(code, label, least, most)`` of each size, in whole centimetres.
MEASUREMENT_FIELDS = (
    ("height", _("Height"), 120, 210),
    ("bust", _("Bust or chest"), 60, 160),
    ("waist", _("Waist"), 45, 150),
    ("hips", _("Hips"), 60, 170),
    ("shoulder", _("Shoulder width"), 28, 60),
    ("sleeve", _("Sleeve length"), 40, 90),
    ("length", _("Áo dài length (shoulder to hem)"), 90, 170),
)
MEASUREMENT_LABELS = {code: label for code, label, _low, _high in MEASUREMENT_FIELDS}


@dataclass(frozen=True)
class Measurement:
    label: str
    value: object


def measurements_of(line) -> list[Measurement]:
    """The sizes an order line keeps, labelled, then the note to the tailor."""
    for attribute in line.attributes.all():
        if attribute.type == MEASUREMENTS_ATTRIBUTE and isinstance(
            attribute.value, dict
        ):
            return [
                Measurement(str(MEASUREMENT_LABELS.get(code, code)), value)
                for code, value in attribute.value.items()
                if code in MEASUREMENT_LABELS
            ] + (
                [Measurement("", attribute.value["note"])]
                if attribute.value.get("note")
                else []
            )
    return []
