"""The demo-content command: the ten centres with their known star levels, products,
bilingual storefronts and accounts; and a second run that changes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from centres.models import DesignCentre, Maker
from centres.pages import CentreStorefrontPage
from stories.models import (
    MakerProfilePage,
    ProcessStoryPage,
    StoryPage,
    VillageStoryPage,
)
from tests.markup import main_of, star_levels

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

COUNTED = {
    "products": Product,
    "stock records": StockRecord,
    "product images": ProductImage,
    "pages": Page,
    "users": get_user_model(),
    "centres": DesignCentre,
    "partners": Partner,
}
KNOWN_STAR_LEVELS = {"bat-trang": 4, "phu-vinh": 3}
PRODUCT_LINK = re.compile(r'href="/(?:vi|en)/shop/catalogue/[\w-]+_(\d+)/"')


def snapshot() -> dict:
    """Row counts, and the rows a careless second run would touch."""
    return {
        "counts": {name: model.objects.count() for name, model in COUNTED.items()},
        "stock": sorted(StockRecord.objects.values_list("pk", "price", "num_in_stock")),
        "pages": sorted(
            Page.objects.values_list("pk", "slug", "live", "latest_revision_id")
        ),
        "passwords": sorted(get_user_model().objects.values_list("pk", "password")),
        "star levels": sorted(DesignCentre.objects.values_list("slug", "star_level")),
    }


@dataclass
class DemoRuns:
    first_output: str
    second_output: str
    after_first: dict
    after_second: dict
    media: Path


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded twice, in a transaction rolled back after this module."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            first = load_demo()
            after_first = snapshot()
            second = load_demo()
            yield DemoRuns(first, second, after_first, snapshot(), media)
            transaction.set_rollback(True)


def test_second_run_creates_and_changes_nothing(demo):
    assert demo.after_second == demo.after_first
    assert "no changes" in demo.second_output
    assert "(created 0)" in demo.second_output
    for line in demo.second_output.splitlines():
        assert "(created " not in line or line.endswith("(created 0)"), line


def test_first_run_reports_its_progress(demo):
    assert "(created 10)" in demo.first_output
    assert "rows created" in demo.first_output


def test_if_empty_leaves_a_loaded_site_alone(demo):
    before = snapshot()

    output = load_demo("--if-empty")

    assert snapshot() == before
    assert "nothing to do" in output


def test_ten_centres_each_with_its_partner(demo):
    centres = DesignCentre.objects.select_related("partner")
    assert centres.count() == 10
    assert all(centre.partner_id for centre in centres)


def test_star_levels_are_only_the_known_ones(demo):
    levels = dict(DesignCentre.objects.values_list("slug", "star_level"))
    assert {slug: levels[slug] for slug in KNOWN_STAR_LEVELS} == KNOWN_STAR_LEVELS
    unknown = {slug for slug, level in levels.items() if slug not in KNOWN_STAR_LEVELS}
    assert len(unknown) == 8
    assert all(levels[slug] is None for slug in unknown)


def test_every_centre_sells_at_least_six_products_with_image_stock_and_dong_price(demo):
    for centre in DesignCentre.objects.all():
        records = StockRecord.objects.filter(partner=centre.partner)
        products = (
            Product.objects.browsable()
            .filter(
                Q(stockrecords__partner=centre.partner)
                | Q(children__stockrecords__partner=centre.partner)
            )
            .distinct()
        )
        assert products.count() >= 6, centre.slug
        assert not products.annotate(n=Count("images")).filter(n=0).exists(), (
            centre.slug
        )
        assert records.filter(num_in_stock__gt=0).exists(), centre.slug
        assert set(records.values_list("price_currency", flat=True)) == {"VND"}
        for price in records.values_list("price", flat=True):
            assert price == price.to_integral_value(), (centre.slug, price)


def test_every_centre_has_a_storefront_in_vietnamese_and_english(demo):
    languages = {
        centre.slug: set(
            CentreStorefrontPage.objects.live()
            .filter(centre=centre)
            .values_list("locale__language_code", flat=True)
        )
        for centre in DesignCentre.objects.all()
    }
    assert languages == {slug: {"vi", "en"} for slug in languages}


def test_default_site_starts_at_the_vietnamese_home_page(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.locale.language_code == "vi"
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert not Page.objects.filter(
        depth=2, slug="home", content_type__model="page"
    ).exists()


def test_demo_accounts_sign_in(demo, client):
    assert client.login(email="admin@langnghe.example", password="demo-admin-2026")
    admin = get_user_model().objects.get(email="admin@langnghe.example")
    assert admin.is_superuser
    for slug in ("bat-trang", "phu-vinh", "kim-lan"):
        email = f"{slug}@langnghe.example"
        assert client.login(email=email, password=f"demo-{slug}-2026"), email
        staff = get_user_model().objects.get(email=email)
        assert not staff.is_staff
        assert staff.partners.filter(centre__slug=slug).exists()
        assert staff.groups.filter(name="Centre staff").exists()


def test_demo_site_manager_runs_the_shop_without_being_a_superuser(demo, client):
    assert client.login(email="manager@langnghe.example", password="demo-manager-2026")
    manager = get_user_model().objects.get(email="manager@langnghe.example")
    assert manager.is_staff and not manager.is_superuser
    assert manager.groups.filter(name="Site managers").exists()
    assert client.get("/vi/shop/dashboard/orders/").status_code == 200
    assert client.get("/cms/").status_code == 200


def test_every_demo_storefront_shows_its_badge_and_only_its_products(demo, client):
    expected = {slug: str(level) for slug, level in KNOWN_STAR_LEVELS.items()}
    storefronts = CentreStorefrontPage.objects.live().select_related("centre")
    for page in storefronts:
        response = client.get(page.get_url())
        assert response.status_code == 200, page.get_url()
        main = main_of(response)
        assert star_levels(main) == {expected.get(page.centre.slug, "unknown")}, (
            page.url
        )
        shown = {int(pk) for pk in PRODUCT_LINK.findall(main)}
        assert len(shown) >= 6, page.url
        sellers = {
            product.selling_centre
            for product in Product.objects.filter(pk__in=shown).cards()
        }
        assert sellers == {page.centre}, page.url


def shop_products(story) -> list[int]:
    """Ids of the products a story's "shop this story" blocks chose."""
    return [
        product.pk
        for block in story.body
        if block.block_type == "shop_this_story"
        for product in block.value["products"]
        if product
    ]


def test_every_village_has_its_heritage_story_in_both_languages(demo):
    stories = VillageStoryPage.objects.live().select_related("locale", "centre")
    languages: dict[tuple[str, str], set[str]] = {}
    for story in stories:
        key = (story.centre.slug, str(story.translation_key))
        languages.setdefault(key, set()).add(story.locale.language_code)

    assert {slug for slug, _key in languages} == set(
        DesignCentre.objects.values_list("slug", flat=True)
    )
    assert all(found == {"vi", "en"} for found in languages.values()), languages


def test_every_heritage_story_sells_its_own_villages_products(demo, client, settings):
    settings.MEDIA_ROOT = demo.media
    for story in VillageStoryPage.objects.live().select_related("centre"):
        chosen = shop_products(story)
        assert chosen, story.url
        sellers = {
            product.selling_centre
            for product in Product.objects.filter(pk__in=chosen).cards()
        }
        assert sellers == {story.centre}, story.url
        response = client.get(story.get_url())
        assert response.status_code == 200, story.get_url()
        shown = {
            int(pk) for pk in re.findall(r'data-product-id="(\d+)"', main_of(response))
        }
        assert shown == set(chosen), story.get_url()


def test_demo_has_maker_profiles_and_process_stories_in_both_languages(demo):
    for model in (MakerProfilePage, ProcessStoryPage):
        codes = list(
            model.objects.live().values_list("locale__language_code", flat=True)
        )
        assert codes.count("vi") >= 2, model.__name__
        assert codes.count("en") == codes.count("vi"), model.__name__


def test_demo_makers_are_fictional_and_hold_no_state_title(demo):
    makers = Maker.objects.all()
    assert makers.exists()
    assert not makers.filter(is_fictional=False).exists()
    assert not makers.exclude(state_title="").exists()
    for maker in makers:
        maker.clean()


def test_every_demo_image_of_a_story_says_what_it_shows(demo):
    used = set(StoryPage.objects.values_list("hero_image", flat=True)) - {None}
    images = get_image_model().objects.filter(pk__in=used)
    assert images.exists()
    assert not images.filter(description="").exists()


def test_demo_editor_writes_and_demo_moderator_publishes(demo, client):
    story = VillageStoryPage.objects.live().filter(locale__language_code="vi").first()
    roles = {
        "editor@langnghe.example": ("demo-editor-2026", "Editors", False),
        "moderator@langnghe.example": ("demo-moderator-2026", "Moderators", True),
    }
    for email, (password, group, publishes) in roles.items():
        assert client.login(email=email, password=password), email
        user = get_user_model().objects.get(email=email)
        assert user.groups.filter(name=group).exists(), email
        permissions = story.permissions_for_user(user)
        assert permissions.can_edit(), email
        assert permissions.can_publish() == publishes, email
        assert client.get("/cms/").status_code == 200, email


def test_demo_search_finds_bat_trang_whatever_the_accents(demo, client):
    """Every Bát Tràng product and its heritage story; folding also lets "bát"
    (bowl) and "trắng" (white) match, so a white bowl of elsewhere may join them."""
    sold = {
        product.pk
        for product in Product.objects.browsable_cards()
        if product.selling_centre and product.selling_centre.slug == "bat-trang"
    }
    results = {}
    for query in ("bat trang", "Bát Tràng", "BAT TRANG"):
        response = client.get("/vi/search/", {"q": query})
        results[query] = (
            [story.title for story in response.context["stories"]],
            [product.title for product in response.context["products"]],
        )
        found = {product.pk for product in response.context["products"]}
        assert sold <= found, query
        assert any(
            story.specific_class is VillageStoryPage
            and story.centre.slug == "bat-trang"
            for story in response.context["stories"]
        ), query

    print(f"\n'bat trang' finds {results['bat trang']}")  # noqa: T201
    assert results["Bát Tràng"] == results["bat trang"] == results["BAT TRANG"]


def test_demo_search_finds_van_phuc_silk(demo, client):
    response = client.get("/vi/search/", {"q": "lua van phuc"})

    products = response.context["products"]
    titles = [product.title for product in products]
    print(f"\n'lua van phuc' finds {titles}")  # noqa: T201
    assert products
    assert {product.selling_centre.slug for product in products} == {"van-phuc"}
