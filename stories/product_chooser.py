"""The product chooser of Wagtail's admin ("shop this story"): search, photo, price.

Oscar's products are not in Wagtail's search index, so Wagtail's chooser had
no search box. This one searches each product's accent-folded text (title in
both languages, description, its centre's names and village, its SKU:
``Product.search_text``) and the SKUs of its sizes, so "binh gom" finds
"Bình gốm", "Bát Tràng" its centre's products and "bat-trang-001" that one;
titles that open with the query come first, then those that hold it as a
phrase (a centre's name). Rows come from ``Product.objects.browsable_cards()``:
a fixed number of queries per page, however many products there are. A product
id in the "chosen" address that is not a number, or too large for one, is a 404;
nobody creates a product here (not even a superuser, for whom Wagtail's
create view, with no form to show, was a server error).
"""

from __future__ import annotations

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from catalogue.search import folded_terms, matches_all_terms

Product = get_model("catalogue", "Product")

MAX_PRODUCT_ID = 2**31 - 1
MAX_QUERY_LENGTH = 200


class ProductSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Product name, centre or SKU")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        folded = matches_all_terms(query)
        if folded is None:
            return objects
        self.is_searching = True
        self.search_query = query
        StockRecord = get_model("partner", "StockRecord")
        sku_of_product_or_size = StockRecord.objects.filter(
            Q(product=OuterRef("pk")) | Q(product__parent=OuterRef("pk")),
            partner_sku__iexact=query,
        )
        return objects.filter(folded | Q(Exists(sku_of_product_or_size))).order_by(
            phrase_rank(query), "title", "pk"
        )


def phrase_rank(query: str) -> Case:
    """0: the title opens with the query; 1: the text has it as a phrase (a
    centre's name, a SKU); 2: its words are scattered."""
    phrase = " ".join(folded_terms(query))
    return Case(
        When(search_text__startswith=phrase, then=Value(0)),
        When(search_text__contains=phrase, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


class PhotoColumn(Column):
    """The primary photo; Oscar stands for a missing one with a dict."""

    cell_template_name = "stories/admin/product_photo_cell.html"

    def get_value(self, instance):
        image = instance.primary_image()
        return None if isinstance(image, dict) else image


def centre_name(product) -> str:
    centre = product.selling_centre
    return centre.name if centre is not None else ""


def price_text(product) -> str:
    price = product.lowest_price
    if price is None:
        return ""
    if product.is_parent:
        return gettext("from %(price)s") % {"price": currency(price, "VND")}
    return currency(price, "VND")


class NoProductCreation:
    """Products are made by the centres in their dashboard, never from a chooser."""

    def can_create(self):
        return False


class ProductRowsMixin(NoProductCreation):
    """Each row: photo, title (the link that chooses), centre, price, SKU."""

    filter_form_class = ProductSearchForm
    ordering = ("title", "pk")

    def get_object_list(self):
        return Product.objects.browsable_cards()

    @property
    def columns(self):
        return [
            PhotoColumn("photo", label=_("Photo"), width="1%"),
            self.title_column,
            Column("centre", label=_("Centre"), accessor=centre_name),
            Column("price", label=_("Price"), accessor=price_text),
            Column("sku", label=_("SKU"), accessor="upc"),
        ]


class ProductChooseView(ProductRowsMixin, chooser_views.ChooseView):
    pass


class ProductChooseResultsView(ProductRowsMixin, chooser_views.ChooseResultsView):
    pass


class ProductChosenView(chooser_views.ChosenView):
    def get(self, request, pk):
        if not str(pk).isdigit() or int(pk) > MAX_PRODUCT_ID:
            raise Http404
        return super().get(request, pk)


class ProductCreateView(NoProductCreation, chooser_views.CreateView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    """A chooser for Oscar products in Wagtail's admin (used by "shop this story")."""

    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit this product")
    per_page = 10
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    chosen_view_class = ProductChosenView
    create_view_class = ProductCreateView
