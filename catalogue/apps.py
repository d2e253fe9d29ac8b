import oscar.apps.catalogue.apps as oscar_catalogue_apps


class CatalogueConfig(oscar_catalogue_apps.CatalogueConfig):
    """Oscar's catalogue, forked to add what a craft product needs (OCOP, maker)."""

    name = "catalogue"

    def ready(self):
        super().ready()
        from catalogue import receivers  # noqa: F401
        from catalogue.avif_speed import use_faster_avif_encoding

        use_faster_avif_encoding()
        self.forget_viewed_products_unless_shown()

    @staticmethod
    def forget_viewed_products_unless_shown() -> None:
        """Oscar writes a "recently viewed" cookie on every product page, also
        when no page lists them (``OSCAR_RECENTLY_VIEWED_PRODUCTS = 0``): a
        cookie for nothing, which would also make every product page personal."""
        from django.conf import settings
        from oscar.apps.catalogue.signals import product_viewed
        from oscar.apps.customer import receivers as customer_receivers

        if not settings.OSCAR_RECENTLY_VIEWED_PRODUCTS:
            product_viewed.disconnect(customer_receivers.receive_product_view)
