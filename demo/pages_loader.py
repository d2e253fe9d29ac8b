"""Load the bilingual Wagtail page tree and point the default site at it.

Vietnamese first: home, the villages index, the centres index and one
storefront per centre; then an English translation of each, in tree order, so
every page exists in both languages (an untranslated page 404s in the other).
Pages are found again by their type, parent and locale (storefronts by their
centre) and translations by their translation key, so a second run creates
nothing and leaves editors' changes alone.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from wagtail.models import Locale, Page, Site

from centres.models import DesignCentre
from centres.pages import CentreIndexPage, CentreStorefrontPage
from demo.tally import Tally
from stories.models import HomePage, VillageIndexPage

HOME = {
    "vi": ("Làng Nghề Hà Nội", "trang-chu"),
    "en": ("Hanoi Craft Villages", "home-en"),
}
HOME_INTRO = {
    "vi": "<p>Sản phẩm và câu chuyện của mười trung tâm thiết kế sáng tạo ở các "
    "làng nghề Hà Nội, được Sở Công Thương Hà Nội công nhận cuối năm 2023.</p>",
    "en": "<p>Products and stories from ten creative design centres in Hanoi's craft "
    "villages, recognised by the Hanoi Department of Industry and Trade at the end "
    "of 2023.</p>",
}
VILLAGES = {"vi": ("Làng nghề", "lang-nghe"), "en": ("Craft villages", "villages")}
VILLAGES_INTRO = {
    "vi": "<p>Mười làng nghề, mỗi làng một nghề riêng, và nơi mua sản phẩm của họ.</p>",
    "en": "<p>Ten craft villages, each with its own craft, and where to buy their "
    "work.</p>",
}
CENTRES = {
    "vi": ("Trung tâm thiết kế sáng tạo", "trung-tam"),
    "en": ("Creative design centres", "centres"),
}
CENTRES_INTRO = {
    "vi": "<p>Quyết định 717/QĐ-SCT ngày 28/12/2023 công nhận mười trung tâm: bốn "
    "trung tâm 4 sao và sáu trung tâm 3 sao. Với phần lớn trung tâm, chúng tôi chưa "
    "có nguồn cho biết hạng sao cụ thể, nên để trống.</p>",
    "en": "<p>Decision 717/QĐ-SCT of 28 December 2023 recognised ten centres: four "
    "at 4 stars and six at 3 stars. For most centres we have no source yet for "
    "which level they hold, so it is shown as unknown.</p>",
}


def paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


class PageLoader:
    def __init__(self) -> None:
        self.locales = Tally("locales")
        self.pages = Tally("pages (vi + en)")
        self.sites = Tally("wagtail sites")
        self.removed_welcome_pages = 0

    @property
    def tallies(self) -> list[Tally]:
        return [self.locales, self.pages, self.sites]

    def load(self, centres: list[DesignCentre]) -> None:
        vi = self._locale("vi")
        en = self._locale("en")
        root = Page.get_first_root_node()
        home = self._child(root, HomePage, vi, *HOME["vi"], intro=HOME_INTRO["vi"])
        self._point_default_site(home)
        self._remove_welcome_page(root)
        villages = self._child(
            home, VillageIndexPage, vi, *VILLAGES["vi"], intro=VILLAGES_INTRO["vi"]
        )
        index = self._child(
            home, CentreIndexPage, vi, *CENTRES["vi"], intro=CENTRES_INTRO["vi"]
        )
        storefronts = [self._storefront(index, vi, centre) for centre in centres]

        self._translate(home, en, *HOME["en"], intro=HOME_INTRO["en"])
        self._translate(villages, en, *VILLAGES["en"], intro=VILLAGES_INTRO["en"])
        self._translate(index, en, *CENTRES["en"], intro=CENTRES_INTRO["en"])
        for page, centre in zip(storefronts, centres, strict=True):
            intro = paragraph(centre.description_en)
            self._translate(page, en, centre.name_en, centre.slug, intro=intro)

    def _locale(self, code: str) -> Locale:
        locale, created = Locale.objects.get_or_create(language_code=code)
        self.locales.count(created)
        return locale

    def _child(self, parent: Page, page_class, locale, title, slug, **fields) -> Page:
        existing = page_class.objects.child_of(parent).filter(locale=locale).first()
        self.pages.count(existing is None)
        if existing is not None:
            return existing
        page = page_class(title=title, slug=slug, locale=locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _storefront(self, index: Page, locale: Locale, centre: DesignCentre) -> Page:
        existing = (
            CentreStorefrontPage.objects.child_of(index)
            .filter(locale=locale, centre=centre)
            .first()
        )
        self.pages.count(existing is None)
        if existing is not None:
            return existing
        page = CentreStorefrontPage(
            title=centre.name,
            slug=centre.slug,
            locale=locale,
            centre=centre,
            intro=paragraph(centre.description),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _translate(self, page: Page, locale: Locale, title, slug, **fields) -> Page:
        existing = page.get_translation_or_none(locale)
        self.pages.count(existing is None)
        if existing is not None:
            return existing
        translation = page.specific.copy_for_translation(locale, copy_parents=False)
        translation.title = title
        translation.draft_title = title
        translation.slug = slug
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        return translation

    def _point_default_site(self, home: Page) -> None:
        """Make ``home`` the default site's root, unless it already has a home page."""
        site = Site.objects.filter(is_default_site=True).first()
        self.sites.count(site is None)
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        elif not isinstance(site.root_page.specific, HomePage):
            site.root_page = home
            site.save()

    def _remove_welcome_page(self, root: Page) -> None:
        """Delete Wagtail's default "Welcome" page, if it is still there and unused."""
        plain_page = ContentType.objects.get_for_model(Page)
        for page in Page.objects.child_of(root).filter(
            slug="home", content_type=plain_page
        ):
            if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
                page.delete()
                self.removed_welcome_pages += 1
