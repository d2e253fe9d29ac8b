from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from stories import receivers  # noqa: F401
        from stories.admin_input import (
            read_only_real_ids,
            search_despite_annotations,
            use_stream_data_fields,
        )
        from stories.slug_input import use_vietnamese_slugs

        use_stream_data_fields()
        read_only_real_ids()
        search_despite_annotations()
        use_vietnamese_slugs()
