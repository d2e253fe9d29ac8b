"""What search engines read on a product page: schema.org ``Product`` and breadcrumbs.

The tags return plain data; the page writes it into a ld+json script with
``seo_tags``' ``json_ld`` filter, which escapes it. Everything comes from what
the product page has already loaded (``Product.objects.cards()``): its
stock records, their centre, its sizes, its photos.
"""

from __future__ import annotations

from html import unescape
from typing import NamedTuple

from django import template
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from catalogue.templatetags.catalogue_display import own_or_parent
from centres.templatetags.centre_tags import centre_organisation
from sitewide.money import whole_dong

register = template.Library()

SCHEMA_IN_STOCK = "https://schema.org/InStock"
SCHEMA_OUT_OF_STOCK = "https://schema.org/OutOfStock"


class Breadcrumb(NamedTuple):
    name: str
    url: str


@register.simple_tag
def product_breadcrumbs(product, home_url: str) -> list[Breadcrumb]:
    """Home, shop, the product's craft, the product: the trail the page shows.

    The visible trail and the ``BreadcrumbList`` are both made from it, so
    they cannot disagree.
    """
    shop_url = reverse("catalogue:index")
    trail = [Breadcrumb(_("Home"), home_url), Breadcrumb(_("Shop"), shop_url)]
    product_class = product.get_product_class()
    if product_class:
        trail.append(
            Breadcrumb(
                product_class.display_name,
                f"{shop_url}?{urlencode({'craft': product_class.slug})}",
            )
        )
    trail.append(Breadcrumb(product.get_title(), product.get_absolute_url()))
    return trail


@register.simple_tag(takes_context=True)
def breadcrumb_list(context, trail: list[Breadcrumb]) -> dict:
    """schema.org ``BreadcrumbList`` of ``trail``, with absolute URLs."""
    request = context["request"]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.name,
                "item": request.build_absolute_uri(crumb.url),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _offer(purchase_info, url: str, seller: dict | None) -> dict | None:
    """An ``Offer`` in whole đồng, or None without a price to offer."""
    price = purchase_info.price
    if not price.exists:
        return None
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    offer = {
        "@type": "Offer",
        "price": whole_dong(amount),
        "priceCurrency": price.currency,
        "availability": SCHEMA_IN_STOCK
        if purchase_info.availability.is_available_to_buy
        else SCHEMA_OUT_OF_STOCK,
        "url": url,
    }
    if seller:
        offer["seller"] = seller
    return offer


def _offers(request, product, url: str, seller: dict | None) -> list[dict]:
    """The product's offer; a product in sizes has one per size on sale."""
    strategy = request.strategy
    if not product.is_parent:
        offer = _offer(strategy.fetch_for_product(product), url, seller)
        return [offer] if offer else []
    offers = []
    for size in product.get_public_children():
        purchase_info = strategy.fetch_for_product(size)
        offer = _offer(purchase_info, url, seller)
        if offer is None:
            continue
        if size.title:
            offer["name"] = size.get_title()
        if purchase_info.stockrecord.partner_sku:
            offer["sku"] = purchase_info.stockrecord.partner_sku
        offers.append(offer)
    return offers


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, centre=None) -> dict:
    """schema.org ``Product`` of a product page, its offers sold by ``centre``.

    Only what the page states: no rating, no brand it does not name. The
    centre makes and sells the product ("Made and sold by"), so it is both the
    offers' seller and the product's manufacturer.
    """
    request = context["request"]
    url = request.build_absolute_uri(product.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "url": url,
    }
    description = unescape(strip_tags(product.display_description or ""))
    description = " ".join(description.split())
    if description:
        data["description"] = description
    images = [
        request.build_absolute_uri(image.original.url)
        for image in product.get_all_images()
        if image.original
    ]
    if images:
        data["image"] = images
    record = next(iter(product.stockrecords.all()), None)
    if record is not None and record.partner_sku:
        data["sku"] = record.partner_sku
    product_class = product.get_product_class()
    if product_class:
        data["category"] = product_class.display_name
    materials = own_or_parent(product, "display_materials")
    if materials:
        data["material"] = materials
    seller = centre_organisation(request, centre) if centre is not None else None
    if seller:
        data["manufacturer"] = seller
    offers = _offers(request, product, url, seller)
    if len(offers) == 1:
        data["offers"] = offers[0]
    elif offers:
        data["offers"] = offers
    return data
