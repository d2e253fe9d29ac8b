"""Who may review a product, and which reviews come from a verified purchase.

A buyer has received a product when one of their orders holds a line of it
(or of one of its sizes) that was shipped or collected, or when the order is
completed.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from order.statuses import LineStatus, OrderStatus

RECEIVED_LINE_STATUSES = (LineStatus.SHIPPED, LineStatus.COLLECTED)


def received_lines(user, product) -> QuerySet:
    """Order lines of ``product`` (or its sizes) that reached ``user``.

    ``user`` and ``product`` may be ``OuterRef`` expressions, so the same rule
    marks a whole list of reviews in one query.
    """
    Line = get_model("order", "Line")
    return Line.objects.filter(
        Q(product=product) | Q(product__parent=product),
        Q(status__in=RECEIVED_LINE_STATUSES) | Q(order__status=OrderStatus.COMPLETED),
        order__user=user,
    )


def has_received(user, product) -> bool:
    return user.is_authenticated and received_lines(user, product).exists()


def with_verified_purchase(reviews: QuerySet) -> QuerySet:
    """Reviews annotated ``verified_purchase``: written by a buyer who received it."""
    return reviews.annotate(
        verified_purchase=Exists(
            received_lines(OuterRef("user_id"), OuterRef("product_id"))
        )
    )


def review_refusal(user, product) -> str | None:
    """Why ``user`` may not review ``product``, in their language; None if they may."""
    if not user.is_authenticated:
        return _(
            "Sign in to review this product. Reviews are written by buyers "
            "who have received it."
        )
    if product.has_review_by(user):
        return _("You have already reviewed this product.")
    if not has_received(user, product):
        return _(
            "Only buyers who have received this product can review it. You can "
            "write a review once your order has been delivered or collected."
        )
    return None
