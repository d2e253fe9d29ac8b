"""One search box for stories and products, folding Vietnamese diacritics and case."""

from __future__ import annotations

from django.shortcuts import render
from oscar.core.loading import get_model
from wagtail.models import Locale

from catalogue.search import matches_all_terms
from sitewide.language import current_language
from stories.models import search_stories

Product = get_model("catalogue", "Product")

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 24


def search(request):
    """Stories of the page's language, and products; at most ``MAX_RESULTS`` each."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    stories, products = [], []
    condition = matches_all_terms(query)
    if condition is not None:
        locale = Locale.objects.filter(language_code=current_language()).first()
        if locale is not None:
            stories = list(search_stories(query, locale.pk)[:MAX_RESULTS])
        products = Product.objects.best_matches(query, MAX_RESULTS)
    return render(
        request,
        "sitewide/search_results.html",
        {"query": query, "stories": stories, "products": products},
    )
