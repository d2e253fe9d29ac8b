"""Oscar's basket views: only what is on sale goes into a basket.

A POST to add a product that does not exist, is unpublished (or is a size of an
unpublished garment), has no stock record or is sold out is answered with a
message in the buyer's language and a redirect back to where they were, never
an error page; product ids are sequential, so the two first cases share one
message and say nothing about which it was.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from oscar.apps.basket import views
from oscar.core.loading import get_model
from oscar.core.utils import redirect_to_referrer

from basket.centre_groups import group_forms_by_centre
from basket.on_sale import lines_not_on_sale, remove_to_go_on
from partner.strategy import is_on_sale

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")


class BasketView(views.BasketView):
    def get_context_data(self, **kwargs):
        """Oscar's context, plus the lines grouped by centre (``basket_groups``)."""
        context = super().get_context_data(**kwargs)
        parcels = getattr(context["shipping_method"], "parcels", [])
        context["basket_groups"] = group_forms_by_centre(context["formset"], parcels)
        return context

    def get_basket_warnings(self, basket):
        """Lines taken off sale say so and what to do; Oscar's warnings for the rest."""
        off_sale = lines_not_on_sale(basket)
        warnings = [remove_to_go_on(line) for line in off_sale]
        off_sale_ids = {line.pk for line in off_sale}
        for line in basket.all_lines():
            if line.pk not in off_sale_ids:
                warning = line.get_warning()
                if warning:
                    warnings.append(warning)
        return warnings


class BasketAddView(views.BasketAddView):
    def post(self, request, *args, **kwargs):
        # Read once for the refusal, Oscar's form and the new line, which would
        # each look the stock record and class up again; the two annotations are
        # the ones Oscar's ``has_options`` reads (as ``base_queryset`` sets them).
        self.product = (
            Product.objects.select_related(
                "parent", "product_class", "parent__product_class"
            )
            .prefetch_related("stockrecords")
            .annotate(
                has_product_class_options=Exists(
                    Option.objects.filter(productclass=OuterRef("product_class"))
                ),
                has_product_options=Exists(
                    Option.objects.filter(product=OuterRef("pk"))
                ),
            )
            .filter(pk=kwargs["pk"])
            .first()
        )
        refusal = self.refusal(self.product)
        if refusal:
            messages.error(request, refusal)
            return redirect_to_referrer(request, "basket:summary")
        # Oscar's post only looks the product up (a 404 when it is missing).
        return super(views.BasketAddView, self).post(request, *args, **kwargs)

    def refusal(self, product) -> str:
        """Why ``product`` cannot go into a basket, or "" when it can."""
        if product is None or not is_on_sale(product):
            return _("This product is not on sale.")
        strategy = self.request.strategy
        if product.is_parent:
            info = strategy.fetch_for_parent(product)
        else:
            info = strategy.fetch_for_product(product)
            if info.stockrecord is None:
                return _("This product is not on sale.")
        if not info.availability.is_available_to_buy:
            return _("“%(title)s” is sold out for now.") % {
                "title": product.get_title()
            }
        return ""
