"""A sitemap of every public page, in both languages."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualPageSitemap(Sitemap):
    """Wagtail's sitemap lists one locale's tree; this lists every locale's."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for tree_root in trees:
            pages |= Page.objects.descendant_of(tree_root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
