"""Template helpers for centres: from anything about a centre to its storefront."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()

STOREFRONT_CACHE_ATTRIBUTE = "_centre_storefront_urls"


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
