"""The dashboard page of a centre's own numbers.

Centre staff (not ``is_staff``) see their own centre; someone who works for
several centres picks one of theirs (``?partner=<id>``: another centre's id is
a 404). Site managers get the list of every centre, each linking to its page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View
from oscar.core.loading import get_model

from dashboard.centre_numbers.numbers import (
    centre_numbers,
    partners_with_orders_to_handle,
)

Partner = get_model("partner", "Partner")

NUMBERS_TEMPLATE = "oscar/dashboard/centre_numbers/numbers.html"
CENTRES_TEMPLATE = "oscar/dashboard/centre_numbers/centre_list.html"


class CentreNumbersView(View):
    """Orders to handle, low stock and sales of one centre (see ``numbers``)."""

    def get(self, request, partner_pk: int | None = None):
        if partner_pk is not None:
            if not request.user.is_staff:
                raise PermissionDenied
            partner = get_object_or_404(
                Partner.objects.select_related("centre"), pk=partner_pk
            )
            return self.numbers_page(partner)
        if request.user.is_staff:
            return self.staff_page()
        return self.centre_staff_page()

    def staff_page(self):
        chosen = self.request.GET.get("partner", "")
        if chosen.isdigit():
            return redirect("dashboard:centre-numbers-for", partner_pk=int(chosen))
        return TemplateResponse(
            self.request,
            CENTRES_TEMPLATE,
            {"partners": partners_with_orders_to_handle(), "for_staff": True},
        )

    def centre_staff_page(self):
        partners = list(
            self.request.user.partners.select_related("centre").order_by(
                "centre__sort_order", "name"
            )
        )
        chosen = self.request.GET.get("partner")
        if chosen is not None:
            partner = next((p for p in partners if str(p.pk) == chosen), None)
            if partner is None:
                raise Http404
            return self.numbers_page(partner, partners)
        if len(partners) == 1:
            return self.numbers_page(partners[0], partners)
        return TemplateResponse(
            self.request, CENTRES_TEMPLATE, {"partners": partners, "for_staff": False}
        )

    def numbers_page(self, partner, own_partners=()):
        return TemplateResponse(
            self.request,
            NUMBERS_TEMPLATE,
            {
                "partner": partner,
                "centre": getattr(partner, "centre", None),
                "numbers": centre_numbers(partner),
                "other_partners": [p for p in own_partners if p.pk != partner.pk],
            },
        )
