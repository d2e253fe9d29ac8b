"""The product page of the catalogue dashboard, for centre staff and site managers.

Oscar's view, with three changes: the parent of a new variant is looked up
among the products the user may change (another centre's product is a 404, as
it is for editing and deleting), a product whose stock is kept on its variants
gets no stock record form for centre staff, and a refused save lists every
field in error at the top (``error_summary``).
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.core.loading import get_model

from catalogue.uploads import megapixels
from dashboard.catalogue.error_summary import error_summary

StockRecord = get_model("partner", "StockRecord")


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    """Create or edit a product, or create a variant of one of the user's products.

    "Save and add variants" (``action=create-child``) on a product without stock
    saves it without a stock record and opens the form of its first variant;
    centre staff must then name its maker, which ties it to their centre until
    that variant has stock.
    """

    stock_on_variants = False
    needs_maker = False

    def get_object(self, queryset=None):
        if "pk" not in self.kwargs and "parent_pk" in self.kwargs:
            self.creating = True
            self.parent = get_object_or_404(
                self.get_queryset(), pk=self.kwargs["parent_pk"]
            )
            if self.parent.is_child:
                raise Http404("A variant has no variants of its own.")
            self.product_class = self.parent.product_class
            product = None
        else:
            product = super().get_object(queryset)
        self.stock_on_variants = self._stock_on_variants(product)
        self.needs_maker = self.stock_on_variants and not (
            product is not None
            and StockRecord.objects.filter(product__parent=product).exists()
        )
        self.formsets["stockrecord_formset"] = partial(
            self.stockrecord_formset, stock_on_variants=self.stock_on_variants
        )
        return product

    def _stock_on_variants(self, product) -> bool:
        if self.parent is not None:
            return False
        if product is not None and product.is_parent:
            return True
        if self.request.POST.get("action") != "create-child":
            return False
        return product is None or not product.has_stockrecords

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["needs_maker"] = self.needs_maker
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["stock_on_variants"] = self.stock_on_variants
        ctx["photo_max_bytes"] = settings.PRODUCT_IMAGE_MAX_BYTES
        ctx["photo_max_megapixels"] = megapixels(settings.PRODUCT_IMAGE_MAX_PIXELS)
        ctx["error_summary"] = error_summary(ctx.get("form"), ctx)
        return ctx


class OnlyNumericIdsMixin:
    """Oscar routes options and option groups by ``<str:pk>`` (its JavaScript
    fills a placeholder in their URLs); a pk that is not a number is a 404."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get("pk")
        if pk is not None and not (str(pk).isdecimal() and len(str(pk)) <= 18):
            raise Http404
        return super().get_object(queryset)


class AttributeOptionGroupUpdateView(
    OnlyNumericIdsMixin, oscar_views.AttributeOptionGroupUpdateView
):
    pass


class AttributeOptionGroupDeleteView(
    OnlyNumericIdsMixin, oscar_views.AttributeOptionGroupDeleteView
):
    pass


class OptionUpdateView(OnlyNumericIdsMixin, oscar_views.OptionUpdateView):
    pass


class OptionDeleteView(OnlyNumericIdsMixin, oscar_views.OptionDeleteView):
    pass
