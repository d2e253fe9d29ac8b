"""The catalogue dashboard's forms, for centre staff and site managers.

Centre staff see their centre's makers only, keep one stock record of their
own partner priced in whole đồng (the partner is never theirs to choose), and
describe every photo they upload in Vietnamese and English. Site managers keep
Oscar's stock record form.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.core.loading import get_model
from oscar.forms.widgets import ImageInput

from catalogue.uploads import ProductPhotoField
from centres.models import Maker
from dashboard.catalogue.utils import own_partner

StockRecord = get_model("partner", "StockRecord")

BILINGUAL_FIELDS = (
    ("title", "title_en"),
    ("description", "description_en"),
    ("materials", "materials_en"),
)
SECTIONS = (
    (
        _("Maker and OCOP rating"),
        (
            "maker",
            "ocop_stars",
            "ocop_certificate_number",
            "ocop_year",
            "ocop_expiry",
        ),
    ),
    (_("Shipping"), ("weight_grams", "dimensions")),
    (_("Codes"), ("upc", "is_discountable")),
)
PARENT_ONLY_FIELDS = (
    "description_en",
    "materials",
    "materials_en",
    "maker",
    "ocop_stars",
    "ocop_certificate_number",
    "ocop_year",
    "ocop_expiry",
)


class ProductForm(oscar_forms.ProductForm):
    """Oscar's product form with both languages, materials, OCOP, maker, weight, size.

    A variant keeps its own title, weight and size; the rest is its parent's.
    ``needs_maker``: the product is to have variants and none has stock yet, so
    until then it belongs to the centre through its maker (see
    ``dashboard.catalogue.utils``): centre staff must name one.
    """

    class Meta(oscar_forms.ProductForm.Meta):
        fields = [
            "is_public",
            "title",
            "title_en",
            "description",
            "description_en",
            "materials",
            "materials_en",
            "maker",
            "ocop_stars",
            "ocop_certificate_number",
            "ocop_year",
            "ocop_expiry",
            "weight_grams",
            "dimensions",
            "upc",
            "is_discountable",
            "structure",
            "slug",
            "meta_title",
            "meta_description",
        ]
        widgets = {
            **oscar_forms.ProductForm.Meta.widgets,
            "ocop_expiry": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ocop_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "weight_grams": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        labels = {
            "title": _("Title (Vietnamese)"),
            "description": _("Description (Vietnamese)"),
            "is_public": _("Published: shown in the shop"),
            "upc": _("Barcode (UPC or EAN)"),
            "is_discountable": _("Can be discounted in promotions"),
        }
        help_texts = {
            "is_public": _(
                "Untick to take the product off the site without deleting it."
            ),
            "upc": _(
                "The number under the bars printed on the product or its box, "
                "the same wherever it is sold, such as 8935001234567. Your "
                "centre's own code goes in the SKU, under stock and pricing."
            ),
            "is_discountable": _(
                "Untick to keep this product at its full price in every promotion."
            ),
        }

    def __init__(self, product_class, *args, user=None, needs_maker=False, **kwargs):
        self.user = user
        super().__init__(product_class, *args, **kwargs)
        if "maker" in self.fields:
            self._limit_makers(needs_maker)

    def _limit_makers(self, needs_maker: bool) -> None:
        field = self.fields["maker"]
        # Published makers only (a draft's centre is not yet its centre); the
        # product's current maker stays a choice, so saving never drops it.
        current = Q(pk=self.instance.maker_id)
        if self.user is None or self.user.is_staff:
            field.queryset = Maker.objects.filter(Q(live=True) | current)
            field.queryset = field.queryset.select_related("centre")
            field.label_from_instance = lambda maker: (
                f"{maker.name} · {maker.centre.display_name}"
            )
            return
        field.queryset = Maker.objects.filter(
            Q(live=True, centre__partner__users=self.user) | current
        ).distinct()
        if needs_maker:
            field.required = True
            field.error_messages["required"] = _(
                "Choose the maker: until its first variant is saved, a product "
                "with variants belongs to your centre through its maker."
            )

    def delete_non_child_fields(self):
        super().delete_non_child_fields()
        for name in PARENT_ONLY_FIELDS:
            self.fields.pop(name, None)

    def get_attribute_field(self, attribute):
        if attribute.type == attribute.IMAGE:
            field = ProductPhotoField(required=attribute.required)
        else:
            field = super().get_attribute_field(attribute)
        if field is not None:
            field.label = attribute.display_name
        return field

    def bilingual_rows(self):
        """(Vietnamese, English) pairs of bound fields; English may be None."""
        return [
            (self[vi], self[en] if en in self.fields else None)
            for vi, en in BILINGUAL_FIELDS
            if vi in self.fields
        ]

    def sections(self):
        """(legend, bound fields) of the other details, leaving out absent fields."""
        found = []
        for legend, names in SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                found.append((legend, fields))
        return found

    def remaining_fields(self):
        """Visible fields placed nowhere else (neither attributes nor SEO)."""
        placed = {"is_public"}
        placed.update(name for pair in BILINGUAL_FIELDS for name in pair)
        placed.update(name for _legend, names in SECTIONS for name in names)
        return [
            field
            for field in self.primary_form_fields()
            if field.name not in placed and not field.name.startswith("attr_")
        ]


GROUPED_DONG = re.compile(r"\d{1,3}([.,\s])\d{3}(?:\1\d{3})*")


class WholeDongField(forms.DecimalField):
    """A price in whole đồng, digits only or grouped by threes (250000, 250.000,
    250,000, 250 000); anything with decimals is refused."""

    default_error_messages = {
        "invalid": _(
            "Enter the price in whole đồng, without decimals: "
            "for example 250000 or 250.000."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(max_digits=10, decimal_places=0, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if GROUPED_DONG.fullmatch(text):
            text = re.sub(r"[.,\s]", "", text)
        if not re.fullmatch(r"\d+", text, flags=re.ASCII):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return Decimal(text)

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(int(value))
        return super().prepare_value(value)


class StockRecordForm(oscar_forms.StockRecordForm):
    """Oscar's stock record form; for centre staff, their own partner's record.

    The partner field is gone for them and the record is always their partner's,
    whatever is posted; the price is in whole đồng and the currency the shop's.
    """

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        self.own_partner = own_partner(user)
        if self.own_partner is None:
            return
        self.instance.partner = self.own_partner
        for name in ("partner", "price_currency"):
            self.fields.pop(name, None)
        self.fields["price"] = WholeDongField(label=_("Price (₫)"), required=True)
        self.fields["partner_sku"].label = _("SKU (your own product code)")
        if "num_in_stock" in self.fields:
            self.fields["num_in_stock"].label = _("Number in stock")
            self.fields["num_in_stock"].widget.attrs["inputmode"] = "numeric"
        if "low_stock_threshold" in self.fields:
            field = self.fields["low_stock_threshold"]
            field.label = _("Low stock at")
            field.help_text = _(
                "The product is listed as low on stock when this many or fewer "
                "are left."
            )
            field.widget.attrs["inputmode"] = "numeric"

    def clean(self):
        cleaned = super().clean()
        sku = cleaned.get("partner_sku")
        if self.own_partner is not None and sku:
            taken = StockRecord.objects.filter(
                partner=self.own_partner, partner_sku=sku
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "partner_sku",
                    _("Your centre already uses this SKU for another product."),
                )
        return cleaned


class ProductImageForm(oscar_forms.ProductImageForm):
    """A photo: the file (checked by ``catalogue.uploads``), its place in the
    order, and what it shows in both languages (required for a new photo)."""

    original = ProductPhotoField(label=_("Photo"), widget=ImageInput())

    class Meta(oscar_forms.ProductImageForm.Meta):
        fields = ["product", "original", "alt_text", "alt_text_en", "display_order"]
        widgets = {
            "original": ImageInput(),
            "display_order": forms.NumberInput(
                attrs={"min": 0, "inputmode": "numeric"}
            ),
        }
        labels = {
            "alt_text": _("What the photo shows (Vietnamese)"),
            "alt_text_en": _("What the photo shows (English)"),
            "display_order": _("Position"),
        }
        help_texts = {
            "display_order": _("0 is the main photo; lower numbers come first."),
        }

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("original"):
            for name in ("alt_text", "alt_text_en"):
                if not cleaned.get(name, "").strip():
                    self.add_error(
                        name,
                        _("Describe the photo for people who cannot see it."),
                    )
        return cleaned


class ProductClassSelectForm(oscar_forms.ProductClassSelectForm):
    """The kinds of product to create, by their name in the page's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_class"].label_from_instance = lambda kind: (
            kind.display_name
        )


class ProductCategoryForm(oscar_forms.ProductCategoryForm):
    """A product's category. Categories are named in Vietnamese only: the box
    says so (``lang``), so that an English page reads them as Vietnamese."""

    class Meta(oscar_forms.ProductCategoryForm.Meta):
        widgets = {"category": forms.Select(attrs={"lang": "vi"})}


class SignedWholeDongField(WholeDongField):
    """Whole đồng to add to a price, or with a minus sign to take off it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("\u2212", "-")
        sign = -1 if text.startswith("-") else 1
        amount = super().to_python(text.lstrip("+-").strip())
        return None if amount is None else sign * amount


class SetProductPriceForm(oscar_forms.SetProductPriceForm):
    """Oscar's bulk price change, in whole đồng (250.000 is two hundred and fifty
    thousand đồng, not 250), with examples in đồng rather than euros."""

    new_price = WholeDongField(
        label=_("New price (₫)"),
        required=False,
        help_text=_("Every chosen product gets this price, in whole đồng."),
    )
    increase_by_amount = SignedWholeDongField(
        label=_("Raise by an amount (₫)"),
        required=False,
        help_text=_(
            "Added to each product's price; a minus sign lowers it. For example "
            "20.000 raises 100.000 ₫ to 120.000 ₫, and -30.000 lowers it to "
            "70.000 ₫. No price goes below 0 ₫."
        ),
    )
    increase_by_percentage = forms.DecimalField(
        decimal_places=2,
        label=_("Raise by a percentage"),
        required=False,
        help_text=_(
            "Adds this share of each product's price; a minus sign lowers it. "
            "For example 10 raises 100.000 ₫ to 110.000 ₫, and -10 lowers it to "
            "90.000 ₫. Prices are rounded to the đồng."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name.startswith("price_"):
                self.fields[name] = WholeDongField(label="", required=False)
