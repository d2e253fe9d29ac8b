"""What the catalogue lists products by, stored with each product: its lowest
price (``Product.lowest_price``) and the partners that sell it (``ProductSeller``).

Both follow from stock records. Worked out per row at each request they cost
subqueries per product and a scan of every size of every garment: at 100,000
products, sorting by price took 1.5 s and listing one centre's products 0.4 s.
Stored, each is read through an index.

- The lowest price is that of the product's own stock records, else the lowest
  of its public children's (what a card shows as "from …").
- A product's sellers are the partners of its own stock records and of its
  public children's, so a garment is sold by the centre that stocks its sizes.

Stock levels count for neither: allocating stock at checkout (``update()``, no
signals) changes nothing here. Both are kept current wherever they can change:

- a product's ``save()`` works its own price out again (so a copy loaded before
  a price changed never writes the old one back), and a child's refreshes its
  parent's listing (the child's ``is_public`` counts there);
- saving a stock record with a new product, partner or price, or deleting
  one, refreshes its product and that product's parent; deleting a child
  refreshes its parent;
- writes that bypass ``save()`` store it themselves: the dashboard's bulk
  price change calls ``refresh_listing``; the bench catalogue's bulk inserts
  give each row its lowest price and call ``refresh_sellers``.

Imported by ``catalogue.models``, so the receivers name their senders lazily.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model


def lowest_price() -> Coalesce:
    """A product's lowest price, else its public children's, as subqueries
    (each served by the ``(product, price)`` index of stock records)."""
    StockRecord = get_model("partner", "StockRecord")
    priced = StockRecord.objects.filter(price__isnull=False).order_by("price")
    own = priced.filter(product=OuterRef("pk")).values("price")[:1]
    of_children = priced.filter(
        product__parent=OuterRef("pk"), product__is_public=True
    ).values("price")[:1]
    return Coalesce(Subquery(own), Subquery(of_children))


def lowest_price_of(product_id: int) -> Decimal | None:
    """The lowest price of one product as its stock records give it now."""
    Product = get_model("catalogue", "Product")
    return (
        Product.objects.filter(pk=product_id)
        .annotate(current_lowest_price=lowest_price())
        .values_list("current_lowest_price", flat=True)
        .first()
    )


def sellers_of(product_ids) -> set[tuple[int, int]]:
    """(product, partner) for each partner selling one of these products: through
    the product's own stock records, or those of its public children."""
    StockRecord = get_model("partner", "StockRecord")
    own = StockRecord.objects.filter(product__in=product_ids).values_list(
        "product_id", "partner_id"
    )
    of_children = StockRecord.objects.filter(
        product__parent__in=product_ids, product__is_public=True
    ).values_list("product__parent_id", "partner_id")
    return set(own) | set(of_children)


def refresh_listing(product_ids) -> None:
    """Store the lowest price and the sellers of these products and of their
    parents; ``product_ids`` is a list of ids. Six queries, however many."""
    Product = get_model("catalogue", "Product")
    product_ids = list(product_ids)
    parents = Product.objects.filter(
        pk__in=product_ids, parent__isnull=False
    ).values_list("parent_id", flat=True)
    ids = set(product_ids) | set(parents)
    Product.objects.filter(pk__in=ids).update(lowest_price=lowest_price())
    refresh_sellers(ids)


def refresh_sellers(product_ids) -> None:
    """Store the sellers of these products (not of their parents).

    Conflicts are ignored: two changes to one product at once store the same
    sellers."""
    ProductSeller = get_model("catalogue", "ProductSeller")
    ProductSeller.objects.filter(product__in=product_ids).delete()
    ProductSeller.objects.bulk_create(
        [
            ProductSeller(product_id=product, partner_id=partner)
            for product, partner in sellers_of(product_ids)
        ],
        ignore_conflicts=True,
    )


#: What of a stock record the listing depends on.
LISTED_FIELDS = ("product_id", "partner_id", "price")


def _listed_fields(record) -> tuple:
    """Read from the instance's own values: a deferred field is never loaded."""
    values = record.__dict__
    return tuple(values.get(name) for name in LISTED_FIELDS)


@receiver(post_init, sender="partner.StockRecord")
def remember_listed_fields(sender, instance, **kwargs) -> None:
    instance._listed_fields = _listed_fields(instance)


@receiver(post_save, sender="partner.StockRecord")
def refresh_listing_of_saved_stockrecord(
    sender, instance, created=False, **kwargs
) -> None:
    """A new record, or one whose product, partner or price changed.

    Oscar sends ``post_save`` on every allocation at checkout too (stock levels
    only): those must not rewrite the product row."""
    now = _listed_fields(instance)
    if created or now != getattr(instance, "_listed_fields", None):
        refresh_listing([instance.product_id])
        previous_product = getattr(instance, "_listed_fields", now)[0]
        if previous_product not in (None, instance.product_id):
            refresh_listing([previous_product])
    instance._listed_fields = now


@receiver(post_delete, sender="partner.StockRecord")
def refresh_listing_of_deleted_stockrecord(sender, instance, **kwargs) -> None:
    refresh_listing([instance.product_id])


@receiver(post_delete, sender="catalogue.Product")
def refresh_listing_of_parent(sender, instance, **kwargs) -> None:
    if instance.parent_id:
        refresh_listing([instance.parent_id])
