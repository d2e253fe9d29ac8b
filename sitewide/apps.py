from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    """What every page shares, Wagtail's and Oscar's alike: the header and footer,
    the SEO tags, the sitemap, search, and the Wagtail admin's corrections.

    Its modules ``text``, ``slugs``, ``pages``, ``language``, ``request_cache``
    and ``money`` import no app of the project, so every layer may use them (the
    layer contract in ``.importlinter`` keeps it so).
    """

    name = "sitewide"
    verbose_name = _("Site-wide")

    def ready(self):
        from sitewide.admin_input import (
            read_only_real_ids,
            search_despite_annotations,
            use_stream_data_fields,
        )
        from sitewide.slug_input import use_vietnamese_slugs

        use_stream_data_fields()
        read_only_real_ids()
        search_despite_annotations()
        use_vietnamese_slugs()
