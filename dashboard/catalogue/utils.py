"""Whose products a dashboard user may see and change, and which partner is theirs."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from oscar.apps.dashboard.catalogue import utils as oscar_utils
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


def partner_product_visibility_q(user) -> Q:
    """Oscar's rule, plus a product nobody stocks yet whose maker works at the
    user's centre.

    Oscar's rule: a stock record of one of the user's partners, on the product
    or on one of its variants. A product with variants has no stock record of
    its own, and none at all until its first variant is saved: meanwhile its
    maker is what ties it to the centre, so its staff can add that variant:
    the published maker's centre, never a draft's (see ``centres.models.Maker``).
    """
    stocked_by_anyone = StockRecord.objects.filter(
        Q(product=OuterRef("pk")) | Q(product__parent=OuterRef("pk"))
    )
    return oscar_utils.partner_product_visibility_q(user) | (
        Q(maker__live=True, maker__centre__partner__users__pk=user.pk)
        & ~Exists(stocked_by_anyone)
    )


def own_partner(user):
    """The one partner a centre's staff member works for; None for site managers.

    A non-staff user of several partners (or none) also gets None, and with it
    Oscar's own forms, where they choose the partner.
    """
    if user.is_staff or not user.is_authenticated:
        return None
    cached = getattr(user, "_dashboard_own_partner", False)
    if cached is False:
        partners = list(user.partners.all()[:2])
        cached = partners[0] if len(partners) == 1 else None
        user._dashboard_own_partner = cached
    return cached
