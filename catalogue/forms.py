"""The catalogue's filter form: centre, star level, craft, OCOP stars, price, sort."""

from __future__ import annotations

from django import forms
from django.db.models import F, QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from centres.models import UNKNOWN_STAR_LEVEL, DesignCentre, star_level_filter_choices

ProductClass = get_model("catalogue", "ProductClass")

SORT_ORDERS = {
    "newest": (F("date_created").desc(), "pk"),
    "price-asc": (F("lowest_price").asc(nulls_last=True), "pk"),
    "price-desc": (F("lowest_price").desc(nulls_last=True), "pk"),
    "title": ("title", "pk"),
    "ocop": (F("ocop_stars").desc(nulls_last=True), "pk"),
}


def _stars_or_more(n: int) -> str:
    return gettext("%(n)s★ or more") % {"n": n}


# Form choices are built once, at import: the label is translated when shown.
stars_or_more = lazy(_stars_or_more, str)


class DisplayNameChoiceField(forms.ModelChoiceField):
    """Choices labelled with each object's ``display_name``, in the page's language."""

    def label_from_instance(self, obj) -> str:
        return obj.display_name


class ProductFilterForm(forms.Form):
    """Filters combine with AND; an invalid value is reported, never a 500."""

    centre = DisplayNameChoiceField(
        label=_("Centre"),
        queryset=DesignCentre.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All centres"),
    )
    stars = forms.ChoiceField(
        label=_("Centre star level"),
        required=False,
        choices=[("", _("Any star level")), *star_level_filter_choices()],
    )
    craft = DisplayNameChoiceField(
        label=_("Craft"),
        queryset=ProductClass.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All crafts"),
    )
    ocop = forms.TypedChoiceField(
        label=_("OCOP rating"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(str(n), stars_or_more(n)) for n in range(3, 6)],
    )
    price_min = forms.IntegerField(
        label=_("Lowest price (₫)"), required=False, min_value=0
    )
    price_max = forms.IntegerField(
        label=_("Highest price (₫)"), required=False, min_value=0
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest")),
            ("price-asc", _("Price: low to high")),
            ("price-desc", _("Price: high to low")),
            ("title", _("Name")),
            ("ocop", _("OCOP rating")),
        ],
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "price_max", _("The highest price must not be below the lowest.")
            )
        return cleaned

    def filter(self, queryset: QuerySet) -> QuerySet:
        data = self.cleaned_data if self.is_valid() else {}
        centres = DesignCentre.objects.all()
        if data.get("centre"):
            centres = centres.filter(pk=data["centre"].pk)
        if data.get("stars"):
            centres = centres.with_star_level(data["stars"])
        if data.get("centre") or data.get("stars"):
            queryset = queryset.sold_by(centres.values("partner_id"))
        if data.get("craft"):
            queryset = queryset.filter(product_class=data["craft"])
        if data.get("ocop"):
            queryset = queryset.filter(ocop_stars__gte=data["ocop"])
        if data.get("price_min") is not None:
            queryset = queryset.filter(lowest_price__gte=data["price_min"])
        if data.get("price_max") is not None:
            queryset = queryset.filter(lowest_price__lte=data["price_max"])
        return queryset.order_by(*SORT_ORDERS[data.get("sort") or "newest"])

    def heading(self) -> str:
        """What the filtered list shows, for its heading and title ("" unfiltered):
        "Gốm sứ của Trung tâm Bát Tràng", "Sản phẩm của các trung tâm 4 sao"."""
        if not self.active:
            return ""
        data = self.cleaned_data
        centre, craft, stars = data.get("centre"), data.get("craft"), data.get("stars")
        if centre and craft:
            return _("%(craft)s from %(centre)s") % {
                "craft": craft.display_name,
                "centre": centre.display_name,
            }
        if centre:
            return _("Products from %(centre)s") % {"centre": centre.display_name}
        if craft:
            return craft.display_name
        if stars == UNKNOWN_STAR_LEVEL:
            return _("Products from centres whose star level is not yet known")
        if stars:
            return _("Products from %(stars)s-star centres") % {"stars": stars}
        return _("Products matching your filters")

    @property
    def active_count(self) -> int:
        """How many filters (sorting aside) the form applies; 0 when it is invalid."""
        if not self.is_bound or not self.is_valid():
            return 0
        return sum(
            1
            for name, value in self.cleaned_data.items()
            if name != "sort" and value not in (None, "")
        )

    @property
    def active(self) -> bool:
        return self.active_count > 0
