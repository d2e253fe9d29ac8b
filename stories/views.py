"""One search box for stories and products, folding Vietnamese diacritics and case."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import get_language
from oscar.core.loading import get_class
from wagtail.models import Locale

from catalogue.search import matches_all_terms
from stories.models import search_stories

search_products = get_class("catalogue.listing", "search_products")

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 24


def search(request):
    """Stories of the page's language, and products; at most ``MAX_RESULTS`` each."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    stories, products = [], []
    condition = matches_all_terms(query)
    if condition is not None:
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is not None:
            stories = list(search_stories(query, locale.pk)[:MAX_RESULTS])
        products = list(search_products(query)[:MAX_RESULTS])
    return render(
        request,
        "stories/search_results.html",
        {"query": query, "stories": stories, "products": products},
    )
