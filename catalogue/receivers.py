"""Keep a product's search text in step with the centre that sells it.

A product learns its centre from its stock records (its children's, for a
parent), which are saved after the product; re-folding on stock-record changes
lets "bat trang" find Bát Tràng's products.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def refresh_search_text(product) -> None:
    Product.objects.filter(pk=product.pk).update(
        search_text=product.build_search_text()
    )


@receiver(post_save, sender=StockRecord)
@receiver(post_delete, sender=StockRecord)
def refold_product_of_stockrecord(sender, instance, created=True, **kwargs):
    """Only a new or removed stock record can change the selling centre.

    Oscar saves stock records on every allocation at checkout; those saves
    must not rewrite the product row.
    """
    if not created:
        return
    product = Product.objects.filter(pk=instance.product_id).first()
    if product is None:
        return
    refresh_search_text(product)
    if product.parent_id:
        refresh_search_text(product.parent)
