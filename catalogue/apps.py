import oscar.apps.catalogue.apps as oscar_catalogue_apps


class CatalogueConfig(oscar_catalogue_apps.CatalogueConfig):
    """Oscar's catalogue, forked to add what a craft product needs (OCOP, maker)."""

    name = "catalogue"

    def ready(self):
        super().ready()
        from catalogue import receivers  # noqa: F401
        from catalogue.avif_speed import use_faster_avif_encoding

        use_faster_avif_encoding()
