"""One centre's part of a basket or an order, named as the buyer knows the centre."""

from __future__ import annotations


class PartnerCentreMixin:
    """For a thing with a ``partner``: its design centre, and the name to show."""

    @property
    def centre(self):
        return getattr(self.partner, "centre", None)

    @property
    def name(self) -> str:
        centre = self.centre
        return centre.display_name if centre is not None else self.partner.name
