"""A basket page's lines grouped by centre, as the order's parcels will be.

Each centre packs and sends its own parcel, so the basket shows each centre's
name and star level, its lines (the formset's forms, to change or remove) and its
subtotal, in the order the parcels are built.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CentreGroup:
    parcel: object
    forms: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.parcel.name

    @property
    def centre(self):
        return self.parcel.centre

    @property
    def partner_id(self) -> int:
        return self.parcel.partner.pk

    @property
    def subtotal(self):
        return self.parcel.subtotal


def group_forms_by_centre(formset, parcels) -> list[CentreGroup]:
    """The formset's forms under the parcel of their line's centre.

    ``parcels`` are the basket's parcels (``shipping.parcels.basket_parcels``), one
    per partner; a form whose partner has no parcel (a line added while the page
    was built) is left out rather than shown under the wrong centre.
    """
    groups = {parcel.partner.pk: CentreGroup(parcel) for parcel in parcels}
    for form in formset:
        stockrecord = form.instance.stockrecord
        group = groups.get(stockrecord.partner_id) if stockrecord else None
        if group is not None:
            group.forms.append(form)
    return [group for group in groups.values() if group.forms]
