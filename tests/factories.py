"""Factories: the smallest objects a test needs, built the way the site builds them.

A centre always comes with its Oscar partner; a product is sold by a centre
through a stock record of that partner, priced in whole đồng. ``build_page_tree``
puts given centres on the site: a Vietnamese home page with its English
translation, the centre index and one storefront per centre, in both languages;
``add_story_index`` adds the stories index, under which ``StoryPageFactory``
publishes stories that ``translate_story`` translates the way editors do
(``copy_for_translation``). ``cms_member`` puts a user in one of Wagtail's
groups; ``net_stock`` reads what a product can still sell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from centres.models import DesignCentre, Maker
from centres.pages import CentreIndexPage, CentreStorefrontPage
from stories.models import (
    HomePage,
    MakerProfilePage,
    ProcessStoryPage,
    StoryIndexPage,
    VillageIndexPage,
    VillageStoryPage,
)
from users.models import User

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    """A signed-up customer (Oscar signs in by e-mail: there is no username)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"nguoi-mua-{n}@langnghe.example")
    first_name = "Lan"
    last_name = "Nguyễn"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save(update_fields=["password"])


def centre_staff(centre, email: str | None = None) -> User:
    """A member of ``centre``'s staff: in the "Centre staff" group, on its partner.

    Not ``is_staff``: Oscar's dashboard shows them only their partner's things.
    """
    from users.roles import add_centre_staff

    user = UserFactory(email=email or f"staff-{centre.slug}@langnghe.example")
    add_centre_staff(user, centre)
    return user


def site_manager(email: str = "quan-ly@langnghe.example") -> User:
    """Staff of the whole site, with the Site managers' permissions."""
    from users.roles import make_site_manager

    user = UserFactory(email=email)
    make_site_manager(user)
    return user


def cms_member(group_name: str, *, cms_language: str | None = None) -> User:
    """A member of one of Wagtail's groups ("Editors", "Moderators").

    ``cms_language``, if given, is the language the CMS speaks to them.
    """
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    if cms_language:
        speaks(user, cms_language)
    return user


def speaks(user: User, language: str) -> None:
    """The CMS speaks ``language`` to ``user`` (their profile's choice)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


class PartnerFactory(oscar_factories.PartnerFactory):
    class Meta:
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Đối tác {n}")


class DesignCentreFactory(DjangoModelFactory):
    """A recognised centre; its star level is unknown unless a test gives one."""

    class Meta:
        model = DesignCentre

    slug = factory.Sequence(lambda n: f"trung-tam-{n}")
    village = factory.Sequence(lambda n: f"Làng {n}")
    name = factory.LazyAttribute(lambda centre: f"Trung tâm {centre.village}")
    name_en = factory.LazyAttribute(lambda centre: f"{centre.village} centre")
    partner = factory.SubFactory(PartnerFactory, name=factory.SelfAttribute("..name"))
    craft = "Gốm sứ"
    craft_en = "Ceramics"
    craft_code = "ceramics"
    historical_commune = "xã Bát Tràng"
    historical_district = "huyện Gia Lâm"
    star_level = None
    sort_order = factory.Sequence(lambda n: n)


def three_centres() -> dict[str, DesignCentre]:
    """Bát Tràng (4 stars), Phú Vinh (3 stars), Hạ Thái (star level unknown)."""
    return {
        "four": DesignCentreFactory(
            slug="bat-trang",
            village="Bát Tràng",
            name="Trung tâm Bát Tràng",
            name_en="Bát Tràng Centre",
            star_level=4,
        ),
        "three": DesignCentreFactory(
            slug="phu-vinh",
            village="Phú Vinh",
            name="Trung tâm Phú Vinh",
            name_en="Phú Vinh Centre",
            star_level=3,
            craft="Mây tre đan",
            craft_en="Rattan and bamboo",
            craft_code="rattan-bamboo",
        ),
        "unknown": DesignCentreFactory(
            slug="ha-thai",
            village="Hạ Thái",
            name="Trung tâm Hạ Thái",
            name_en="Hạ Thái Centre",
            star_level=None,
            craft="Sơn mài",
            craft_en="Lacquer",
            craft_code="lacquer",
        ),
    }


def van_phuc_centre(**changes) -> DesignCentre:
    """Vạn Phúc's silk-weaving centre (star level unknown), beside ``three_centres``."""
    return DesignCentreFactory(
        **{
            "slug": "van-phuc",
            "village": "Vạn Phúc",
            "name": "Trung tâm Vạn Phúc",
            "name_en": "Vạn Phúc Centre",
            "craft": "Dệt lụa",
            "craft_en": "Silk weaving",
            "craft_code": "silk",
            **changes,
        }
    )


class MakerFactory(DjangoModelFactory):
    class Meta:
        model = Maker

    centre = factory.SubFactory(DesignCentreFactory)
    name = factory.Sequence(lambda n: f"Nghệ nhân Hư Cấu {n}")
    is_fictional = True


class ProductClassFactory(DjangoModelFactory):
    """A craft; its slug (made from its name) is what the craft filter takes."""

    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "Gốm sứ"
    name_en = "Ceramics"
    requires_shipping = True
    track_stock = True


class StockRecordFactory(oscar_factories.StockRecordFactory):
    partner = factory.SubFactory(PartnerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price_currency = "VND"
    price = Decimal("250000")
    num_in_stock = 10


def net_stock(product) -> int:
    """What the product's one stock record can still sell: in stock, less what
    orders hold (Oscar leaves ``num_allocated`` empty until something is held)."""
    record = product.stockrecords.get()
    return record.num_in_stock - (record.num_allocated or 0)


class ProductFactory(DjangoModelFactory):
    """A standalone product sold by ``centre`` at ``price`` đồng, ``num_in_stock``."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    class Params:
        centre = factory.SubFactory(DesignCentreFactory)
        price = Decimal("250000")
        num_in_stock = 10

    structure = Product.STANDALONE
    title = factory.Sequence(lambda n: f"Bình gốm men lam số {n:04d}")
    title_en = factory.Sequence(lambda n: f"Blue-glaze vase no. {n:04d}")
    product_class = factory.SubFactory(ProductClassFactory)
    is_public = True

    stockrecord = factory.RelatedFactory(
        StockRecordFactory,
        factory_related_name="product",
        partner=factory.SelfAttribute("..centre.partner"),
        price=factory.SelfAttribute("..price"),
        num_in_stock=factory.SelfAttribute("..num_in_stock"),
    )


class ChildProductFactory(ProductFactory):
    """One size of a parent product; the size, not the parent, has the stock record."""

    structure = Product.CHILD
    parent = factory.SubFactory("tests.factories.ParentProductFactory")
    product_class = None
    title = factory.Iterator(["Cỡ S", "Cỡ M", "Cỡ L"])
    # Named after ``title``, so a size given its own title keeps the two in step.
    title_en = factory.LazyAttribute(lambda size: size.title.replace("Cỡ", "Size"))


class ParentProductFactory(DjangoModelFactory):
    """A garment in three sizes (child products), sold by ``centre``."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    class Params:
        centre = factory.SubFactory(DesignCentreFactory)
        price = Decimal("1250000")
        num_in_stock = 3

    structure = Product.PARENT
    title = factory.Sequence(lambda n: f"Áo dài lụa may đo {n}")
    title_en = factory.Sequence(lambda n: f"Tailored silk áo dài {n}")
    product_class = factory.SubFactory(
        ProductClassFactory, name="Áo dài", name_en="Áo dài (garments)"
    )
    is_public = True

    children = factory.RelatedFactoryList(
        ChildProductFactory,
        factory_related_name="parent",
        size=3,
        centre=factory.SelfAttribute("..centre"),
        price=factory.SelfAttribute("..price"),
        num_in_stock=factory.SelfAttribute("..num_in_stock"),
    )


class ProductImageFactory(oscar_factories.ProductImageFactory):
    """A tiny JPEG that Pillow draws; nothing is downloaded."""

    product = factory.SubFactory(ProductFactory)
    original = factory.django.ImageField(
        width=8, height=8, color="saddlebrown", format="JPEG", filename="gom.jpg"
    )
    caption = "Ảnh sản phẩm"


def locale(language_code: str) -> Locale:
    """The Wagtail locale of a language, created if migrations did not make it."""
    found, _created = Locale.objects.get_or_create(language_code=language_code)
    return found


@dataclass
class PageTree:
    """A test's pages by language: home, villages, centre index, storefronts."""

    home: dict[str, HomePage] = field(default_factory=dict)
    villages: dict[str, VillageIndexPage] = field(default_factory=dict)
    centre_index: dict[str, CentreIndexPage] = field(default_factory=dict)
    storefronts: dict[str, dict[str, CentreStorefrontPage]] = field(
        default_factory=dict
    )
    stories: dict[str, StoryIndexPage] = field(default_factory=dict)

    def storefront(
        self, centre: DesignCentre, language: str = "vi"
    ) -> CentreStorefrontPage:
        return self.storefronts[centre.slug][language]


def _add_translated(parent_by_language, page_class, titles, slugs, **fields):
    """Add ``page_class`` under each language's parent, as one page translated."""
    pages = {}
    for language in ("vi", "en"):
        page = page_class(
            title=titles[language],
            slug=slugs[language],
            locale=locale(language),
            **fields,
        )
        if pages:
            page.translation_key = pages["vi"].translation_key
        pages[language] = parent_by_language[language].add_child(instance=page)
    return pages


def build_page_tree(centres=()) -> PageTree:
    """Home (vi, translated to en), villages, centre index, storefronts of ``centres``.

    Uses the root page made by Wagtail's migrations, points the default site at
    the Vietnamese home page and removes Wagtail's "Welcome" page.
    """
    root = Page.get_first_root_node()
    tree = PageTree()
    tree.home = _add_translated(
        {"vi": root, "en": root},
        HomePage,
        titles={"vi": "Làng Nghề Hà Nội", "en": "Hanoi Craft Villages"},
        slugs={"vi": "trang-chu-thu", "en": "home-test"},
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = tree.home["vi"]
    site.site_name = "Làng Nghề Hà Nội"
    site.save()
    Page.objects.filter(depth=2).exclude(
        pk__in=[page.pk for page in tree.home.values()]
    ).delete()

    tree.villages = _add_translated(
        tree.home,
        VillageIndexPage,
        titles={"vi": "Làng nghề", "en": "Villages"},
        slugs={"vi": "lang-nghe", "en": "villages"},
    )
    tree.centre_index = _add_translated(
        tree.home,
        CentreIndexPage,
        titles={"vi": "Trung tâm", "en": "Centres"},
        slugs={"vi": "trung-tam", "en": "centres"},
    )
    for centre in centres:
        tree.storefronts[centre.slug] = _add_translated(
            tree.centre_index,
            CentreStorefrontPage,
            titles={"vi": centre.name, "en": centre.name_en},
            slugs={"vi": centre.slug, "en": centre.slug},
            centre=centre,
        )
    return tree


class WagtailImageFactory(DjangoModelFactory):
    """A tiny JPEG in Wagtail's image library, with its alt text (description)."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Ảnh {n}")
    file = factory.django.ImageField(
        width=8, height=8, color="steelblue", format="JPEG", filename="anh.jpg"
    )
    description = factory.Sequence(lambda n: f"Lò gốm cổ số {n}")


class StoryPageFactory(factory.Factory):
    """A published story of ``centre`` under ``parent`` (a stories index page).

    ``translate_story`` gives it its English translation.
    """

    class Meta:
        model = VillageStoryPage

    parent = None
    live = True
    title = factory.Sequence(lambda n: f"Chuyện làng số {n}")
    slug = factory.Sequence(lambda n: f"chuyen-lang-{n}")
    centre = factory.SubFactory(DesignCentreFactory)
    lead = "Một câu mở đầu câu chuyện."

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **fields):
        assert parent is not None, "a story needs its stories index: parent=..."
        page = model_class(live=live, **fields)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        return model_class.objects.get(pk=page.pk)


class MakerProfilePageFactory(StoryPageFactory):
    class Meta:
        model = MakerProfilePage

    maker = factory.SubFactory(MakerFactory, centre=factory.SelfAttribute("..centre"))


class ProcessStoryPageFactory(StoryPageFactory):
    class Meta:
        model = ProcessStoryPage


def translate_story(page: Page, title: str, slug: str, **fields) -> Page:
    """The English translation of ``page`` (same translation key), published."""
    translated = page.copy_for_translation(locale("en")).specific
    translated.title = title
    translated.slug = slug
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def add_story_index(tree: PageTree) -> dict[str, StoryIndexPage]:
    """The stories index under the Vietnamese home, translated into English."""
    vietnamese = tree.home["vi"].add_child(
        instance=StoryIndexPage(title="Câu chuyện", slug="cau-chuyen")
    )
    tree.stories = {
        "vi": vietnamese,
        "en": translate_story(vietnamese, "Stories", "stories"),
    }
    return tree.stories


def blue_glaze_vase(centre, **changes) -> Product:
    """The shop's usual test product: a Bát Tràng-style ceramic vase in stock."""
    return ProductFactory(
        centre=centre,
        **{
            "title": "Bình gốm men lam",
            "title_en": "Blue-glaze vase",
            "price": Decimal("1250000"),
            "num_in_stock": 3,
            "product_class": ProductClassFactory(
                name="Gốm sứ", name_en="Ceramics", default_weight_grams=1500
            ),
            **changes,
        },
    )


def lacquer_tray(centre, **changes) -> Product:
    """A second centre's product for orders that span two centres."""
    return ProductFactory(
        centre=centre,
        **{
            "title": "Khay sơn mài",
            "title_en": "Lacquer tray",
            "price": Decimal("640000"),
            "num_in_stock": 3,
            "product_class": ProductClassFactory(
                name="Sơn mài", name_en="Lacquer", default_weight_grams=800
            ),
            **changes,
        },
    )
