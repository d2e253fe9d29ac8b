"""Oscar's catalogue, extended with what a craft-village product needs.

Declared before the star import of Oscar's models, as Oscar's fork mechanism
requires. A product's OCOP rating is the product's own and is never mixed with
its centre's 3★/4★ recognition.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractProduct,
    AbstractProductAttribute,
    AbstractProductAttributeValue,
    AbstractProductClass,
    AbstractProductImage,
)
from oscar.core.utils import slugify

from catalogue.listing import lowest_price_of, refresh_listing
from catalogue.reviews.eligibility import review_refusal
from centres.models import localized


class ProductClass(AbstractProductClass):
    """A kind of craft product: ceramics, lacquer, silk by the metre, …"""

    name_en = models.CharField(_("name (English)"), max_length=128, blank=True)

    class DeliveryArea(models.TextChoices):
        ANYWHERE = "anywhere", _("anywhere we deliver")
        HANOI = "hanoi", _("Hanoi only (perishable food)")

    delivery_area = models.CharField(
        _("delivery area"),
        max_length=16,
        choices=DeliveryArea.choices,
        default=DeliveryArea.ANYWHERE,
        help_text=_(
            "Perishable food is delivered only within Hanoi, "
            "or collected at the centre."
        ),
    )
    ships_abroad = models.BooleanField(
        _("may be sent abroad"),
        default=True,
        help_text=_("Untick for goods that must not travel (fresh food)."),
    )
    made_to_measure = models.BooleanField(
        _("made to measure"),
        default=False,
        help_text=_("The buyer gives their measurements at checkout (áo dài)."),
    )
    default_weight_grams = models.PositiveIntegerField(
        _("default shipping weight (g)"),
        default=1000,
        help_text=_("Packed weight used when a product gives none."),
    )

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def hanoi_only(self) -> bool:
        return self.delivery_area == self.DeliveryArea.HANOI


class ProductAttribute(AbstractProductAttribute):
    """An attribute of a product class (size, shelf life), named in both languages."""

    name_en = models.CharField(_("name (English)"), max_length=128, blank=True)

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class ProductAttributeValue(AbstractProductAttributeValue):
    def summary(self) -> str:
        """``Size: M`` in the page's language; Oscar's basket form lists variants so."""
        return f"{self.attribute.display_name}: {self.value_as_text}"


class Product(AbstractProduct):
    """A product of a centre, with its optional OCOP rating and its maker."""

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("The product's own OCOP rating (1–5), if it has one."),
    )
    ocop_certificate_number = models.CharField(
        _("OCOP certificate number"), max_length=100, blank=True
    )
    ocop_year = models.PositiveSmallIntegerField(
        _("OCOP rating year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2018), MaxValueValidator(2100)],
    )
    ocop_expiry = models.DateField(_("OCOP certificate expiry"), null=True, blank=True)

    maker = models.ForeignKey(
        "centres.Maker",
        verbose_name=_("maker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
    )
    materials = models.CharField(
        _("materials (Vietnamese)"), max_length=255, blank=True
    )
    materials_en = models.CharField(
        _("materials (English)"), max_length=255, blank=True
    )
    search_text = models.TextField(
        editable=False,
        default="",
        help_text="Accent-folded text of the product and its centre, for search.",
    )
    lowest_price = models.DecimalField(
        decimal_places=2,
        max_digits=12,
        null=True,
        editable=False,
        help_text="The lowest price of its stock records, else of its public "
        "children's; stored for sorting and filtering (catalogue.listing).",
    )
    weight_grams = models.PositiveIntegerField(
        _("shipping weight (g)"),
        null=True,
        blank=True,
        help_text=_("Packed weight; leave empty to use the product class's default."),
    )
    dimensions = models.CharField(
        _("dimensions"),
        max_length=100,
        blank=True,
        help_text=_("For example 30 × 20 × 12 cm"),
    )

    class Meta(AbstractProduct.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ocop_stars__isnull=True)
                | models.Q(ocop_stars__gte=1, ocop_stars__lte=5),
                name="product_ocop_stars_1_to_5",
            )
        ]

    def get_title(self) -> str:
        """The title in the page's language; a child without one uses its parent's.

        Oscar calls this for basket and order lines and for variant choices, so
        a buyer reading English sees English titles there too.
        """
        title = localized(self, "title")
        if not title and self.parent_id:
            return self.parent.get_title()
        return title

    @property
    def display_title(self) -> str:
        return self.get_title()

    def __str__(self) -> str:
        """The title in the page's language; a size also names its parent.

        Oscar describes basket lines with ``str(product)``, so an English
        basket reads English titles too.
        """
        title = self.get_title()
        if self.parent_id and self.parent.get_title() != title:
            return f"{self.parent.get_title()} · {title}"
        return title

    def save(self, *args, **kwargs):
        if not self.slug and (self.title or self.parent_id):
            self.slug = slugify(self.title or self.parent.title)
        self.search_text = self.build_search_text()
        if self.pk:
            self.lowest_price = lowest_price_of(self.pk)
        super().save(*args, **kwargs)
        if self.parent_id:
            refresh_listing([self.parent_id])

    def build_search_text(self, centre=None) -> str:
        """Titles, descriptions, class, maker and selling centre, accent-folded.

        ``centre`` is the selling centre when the caller knows it: a product
        being bulk-loaded has no stock records to tell it yet."""
        from sitewide.text import fold

        parts = [
            self.title,
            self.title_en,
            self.description,
            self.description_en,
            self.materials,
            self.materials_en,
            self.upc,
        ]
        if self.product_class_id:
            parts += [self.product_class.name, self.product_class.name_en]
        if self.maker_id and self.maker.live:
            parts.append(self.maker.name)
        if centre is None and self.pk:
            centre = self.selling_centre
        if centre is not None:
            parts += [centre.village, centre.name, centre.name_en, centre.craft]
            parts.append(centre.craft_en)
        return fold(" ".join(part for part in parts if part))

    @property
    def display_description(self) -> str:
        return localized(self, "description")

    @property
    def display_materials(self) -> str:
        return localized(self, "materials")

    def is_review_permitted(self, user) -> bool:
        """Only a signed-in buyer who received this product, once
        (``catalogue.reviews.eligibility``)."""
        return review_refusal(user, self) is None

    @property
    def shipping_class(self):
        """The class that decides delivery rules; a variant uses its parent's."""
        return self.get_product_class()

    @property
    def shipping_weight_grams(self) -> int:
        if self.weight_grams is not None:
            return self.weight_grams
        if self.parent_id and self.parent.weight_grams is not None:
            return self.parent.weight_grams
        product_class = self.shipping_class
        return product_class.default_weight_grams if product_class else 0

    @property
    def selling_centre(self):
        """The centre whose partner holds this product's stock (or its children's).

        Reads prefetched stock records when ``Product.objects.cards()``
        loaded the product, so a list of cards costs no query per card.
        """
        records = list(self.stockrecords.all())
        if self.is_parent:
            for child in self.get_public_children():
                records.extend(child.stockrecords.all())
        for record in records:
            centre = getattr(record.partner, "centre", None)
            if centre is not None:
                return centre
        return None


class ProductSeller(models.Model):
    """A partner that sells a product: it holds stock of the product or of one of
    its public children. Stored from the stock records (``catalogue.listing``), so
    a centre's products are found through one index, however large the catalogue.
    """

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="sellers"
    )
    #: Indexed by the unique constraint, whose first column it is.
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "product"], name="catalogue_productseller_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} sells {self.product_id}"


class ProductImage(AbstractProductImage):
    """A photo of a product, described in both languages for people who cannot see it.

    Centre staff write the descriptions when they upload (the dashboard asks for
    both); pages use ``display_alt_text``.
    """

    alt_text = models.CharField(
        _("alt text (Vietnamese)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, read out to people who cannot see it."),
    )
    alt_text_en = models.CharField(_("alt text (English)"), max_length=250, blank=True)

    @property
    def display_alt_text(self) -> str:
        """The alt text in the page's language, else the Vietnamese one, else the
        product's title."""
        return localized(self, "alt_text") or self.product.get_title()


from oscar.apps.catalogue.models import *  # noqa: E402,F403
