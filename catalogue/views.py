"""Catalogue views: browse and filter with the ORM, show a product.

Oscar 4.2 browses through haystack, whose simple engine lists no products and
whose file-based engines do not survive several app servers; the catalogue is
therefore browsed and filtered with the database, in a fixed number of queries.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from catalogue.forms import ProductFilterForm

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def cards_in_order(ids) -> list:
    """The cards of the products ``ids``, in that order.

    A page is picked as ids first (sorted and offset in an index, however deep
    the page), then only its rows are loaded as cards.
    """
    ids = list(ids)
    cards = {
        product.pk: product for product in Product.objects.filter(pk__in=ids).cards()
    }
    return [cards[pk] for pk in ids if pk in cards]


class CatalogueView(TemplateView):
    """All products, filtered and sorted by the query string, paginated.

    Pagination links carry the other filters, so a filtered list keeps its
    filters from page to page.
    """

    template_name = "oscar/catalogue/browse.html"
    summary = _("All products")

    def get_products(self):
        return Product.objects.browsable_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ProductFilterForm(self.request.GET or None)
        products = form.filter(self.get_products())
        paginator = Paginator(
            products.values_list("pk", flat=True), self.get_paginate_by()
        )
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage:
            page = paginator.page(paginator.num_pages if paginator.num_pages else 1)
        querystring = self.request.GET.copy()
        querystring.pop("page", None)
        context.update(
            form=form,
            products=cards_in_order(page.object_list),
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            filter_querystring=querystring.urlencode(),
            summary=self.get_summary(form),
        )
        return context

    def get_paginate_by(self) -> int:
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_summary(self, form) -> str:
        """The heading names what the filters chose, not "All products"."""
        return form.heading() or self.summary


class ProductCategoryView(CatalogueView):
    """A category's products (and its subcategories'), with the same filters.

    Replaces Oscar's haystack view, which lists nothing with the simple engine.
    """

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.browsable(), pk=kwargs["pk"])
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    @property
    def summary(self):
        return self.category.name

    def get_summary(self, form) -> str:
        return self.summary

    def get_products(self):
        categories = self.category.get_descendants_and_self()
        return Product.objects.browsable_cards().in_categories(categories)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        return context


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, loading what it shows in a fixed number of queries."""

    def get_queryset(self):
        return self.model.objects.cards().select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        context["centre"] = product.selling_centre
        return context
