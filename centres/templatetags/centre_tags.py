"""Template helpers for centres: from anything about a centre to its storefront,
and what search engines read about a centre (schema.org ``Store``)."""

from __future__ import annotations

from django import template

from sitewide.language import current_language
from sitewide.request_cache import once_per_request

register = template.Library()

HANOI = "Hà Nội"


def storefront_urls(request) -> dict[int, str]:
    """Storefront URLs of the active language by centre id (one query).

    A product list shows many cards of few centres: loading every storefront of
    the language once per request keeps the query count flat however many cards
    link to one.
    """
    return once_per_request(
        request, "storefront urls", lambda: _load_storefront_urls(request)
    )


def _load_storefront_urls(request) -> dict[int, str]:
    from centres.pages import CentreStorefrontPage

    urls: dict[int, str] = {}
    storefronts = (
        CentreStorefrontPage.objects.live()
        .filter(locale__language_code=current_language())
        .order_by("path")
    )
    for storefront in storefronts:
        url = storefront.get_url(request=request)
        if url:
            urls.setdefault(storefront.centre_id, url)
    return urls


@register.simple_tag(takes_context=True)
def storefront_url(context, centre) -> str:
    """The URL of ``centre``'s storefront in the active language, or ""."""
    if centre is None:
        return ""
    return storefront_urls(context.get("request")).get(centre.pk, "")


def centre_organisation(request, centre) -> dict:
    """schema.org ``Store`` naming ``centre`` and its storefront: a product's seller."""
    store = {"@type": "Store", "name": centre.display_name}
    url = storefront_urls(request).get(centre.pk)
    if url:
        store["url"] = request.build_absolute_uri(url)
    return store


def postal_address(centre) -> dict:
    """The current address when staff have entered it, else the 2023 one.

    The 2023 address is the only one we know for most centres: its commune and
    district, as recognised, before districts were abolished in July 2025.
    """
    address = {"@type": "PostalAddress"}
    if centre.current_address:
        address["streetAddress"] = centre.current_address
    else:
        street = [centre.historical_address_detail, centre.historical_commune]
        address["streetAddress"] = ", ".join(part for part in street if part)
        address["addressLocality"] = centre.historical_district
    address["addressRegion"] = HANOI
    address["addressCountry"] = "VN"
    return address


@register.simple_tag(takes_context=True)
def store_json_ld(context, page) -> dict:
    """schema.org ``Store`` of a storefront page, with only the facts the centre has.

    A fact not given (phone, map position, official name, description) is left
    out, never guessed. Visiting hours are free text, not the machine-readable
    ``openingHours`` that schema.org expects, so they stay on the page only.
    """
    request = context["request"]
    centre = page.centre
    store = {
        "@context": "https://schema.org",
        "@type": "Store",
        "name": centre.display_name,
        "url": request.build_absolute_uri(page.get_url(request=request)),
        "address": postal_address(centre),
    }
    if centre.official_name:
        store["alternateName"] = centre.official_name
    if centre.display_description:
        store["description"] = centre.display_description
    if centre.phone:
        store["telephone"] = centre.phone
    if centre.has_map_position:
        store["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(centre.latitude),
            "longitude": float(centre.longitude),
        }
    return store
