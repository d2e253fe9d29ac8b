"""The approved reviews a product page shows, and why a visitor may not add one."""

from __future__ import annotations

from django import template

from catalogue.reviews.eligibility import review_refusal, with_verified_purchase

register = template.Library()

REVIEWS_ON_PRODUCT_PAGE = 3


@register.simple_tag
def approved_reviews(product) -> dict:
    """The newest approved reviews (marked ``verified_purchase``) and how many
    there are: two queries, however many reviews the product has."""
    approved = product.reviews.approved()
    newest = with_verified_purchase(approved).select_related("user")
    return {
        "count": approved.count(),
        "newest": list(newest.order_by("-date_created")[:REVIEWS_ON_PRODUCT_PAGE]),
    }


@register.simple_tag
def why_no_review(product, user) -> str:
    """The reason ``user`` may not review ``product``; empty if they may."""
    return review_refusal(user, product) or ""
