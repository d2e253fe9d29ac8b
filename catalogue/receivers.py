"""Keep a product's search text in step with the centre that sells it, and make
a photo's renditions, as tasks enqueued with the change (``background.enqueue``).

A product learns its centre from its stock records (its children's, for a
parent), which are saved after the product; re-folding on stock-record changes
lets "bat trang" find Bát Tràng's products. That one product is refolded there
and then, in the transaction that gives it its centre; a renamed centre, maker
or product class may touch thousands of products, refolded by a task.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from background.enqueue import enqueue_with_change
from catalogue import tasks
from catalogue.search_text import refresh_search_text

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


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


@receiver(post_save, sender="centres.DesignCentre")
def refold_products_of_centre(sender, instance, created=False, **kwargs):
    """A renamed centre must still be found by its products' searches."""
    if not created:
        enqueue_with_change(tasks.refold_products_of_centre, instance.partner_id)


@receiver(post_save, sender="centres.Maker")
def refold_products_of_maker(sender, instance, created=False, **kwargs):
    if not created:
        enqueue_with_change(tasks.refold_products_of_maker, instance.pk)


@receiver(post_save, sender="catalogue.ProductClass")
def refold_products_of_class(sender, instance, created=False, **kwargs):
    if not created:
        enqueue_with_change(tasks.refold_products_of_class, instance.pk)


@receiver(post_save, sender=ProductImage)
def make_renditions_of_photo(sender, instance, update_fields=None, **kwargs):
    """A new or replaced photo gets its renditions before any page shows it."""
    if not instance.original:
        return
    if update_fields is not None and "original" not in update_fields:
        return
    enqueue_with_change(tasks.make_product_image_renditions, instance.pk)
