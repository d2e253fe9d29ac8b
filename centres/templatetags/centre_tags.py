"""Template helpers for centres: from anything about a centre to its storefront,
and what search engines read about a centre (schema.org ``Store``)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()

STOREFRONT_CACHE_ATTRIBUTE = "_centre_storefront_urls"
HANOI = "Hà Nội"


def storefront_urls(request) -> dict[int, str]:
    """Storefront URLs of the active language by centre id (one query).

    A product list shows many cards of few centres: loading every storefront of
    the language once, cached on the request, keeps the query count flat
    however many cards link to one.
    """
    from centres.models import CentreStorefrontPage

    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    cache = getattr(request, STOREFRONT_CACHE_ATTRIBUTE, None)
    if cache is not None and language in cache:
        return cache[language]

    urls: dict[int, str] = {}
    storefronts = (
        CentreStorefrontPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
    )
    for storefront in storefronts:
        url = storefront.get_url(request=request)
        if url:
            urls.setdefault(storefront.centre_id, url)

    if request is not None:
        if cache is None:
            cache = {}
            setattr(request, STOREFRONT_CACHE_ATTRIBUTE, cache)
        cache[language] = urls
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
