"""What search engines are told to crawl: ``/sitemap.xml`` is an index of sections
(pages, the catalogue, categories, products) that list every public page in
Vietnamese and English, at absolute URLs on the host the crawler asked, each with
its last change and its hreflang alternates; ``/robots.txt`` names the index and
keeps crawlers out of the admin, the dashboard, baskets, checkout and accounts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model
from wagtail.models import PageViewRestriction

from sitewide.sitemaps.shop import ProductSitemap
from tests.crawler import fetch, sitemap_entries, sitemap_index, sitemap_section
from tests.factories import (
    ParentProductFactory,
    ProductFactory,
    StoryPageFactory,
    translate_story,
)

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

HOST = "shop.example:8443"
ORIGIN = f"https://{HOST}"
LANGUAGES = ("vi", "en")


def absolute(path: str) -> str:
    return f"{ORIGIN}{path}"


def in_languages(build) -> dict[str, str]:
    """``build()``'s URL in each language, absolute on the crawler's host."""
    urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            urls[language] = absolute(build())
    return urls


def crawl(client) -> dict:
    return sitemap_entries(client, host=HOST, secure=True)


@pytest.fixture
def story(story_index, centres):
    vietnamese = StoryPageFactory(
        parent=story_index["vi"], centre=centres["four"], slug="gom-co"
    )
    english = translate_story(vietnamese, "Old ceramics", "old-ceramics")
    return {"vi": vietnamese, "en": english}


@pytest.fixture
def categories():
    """Ceramics with its Vases subcategory, and a hidden category with a child."""
    ceramics = Category.add_root(name="Gốm", slug="gom")
    vases = ceramics.add_child(name="Bình", slug="binh")
    hidden = Category.add_root(name="Ẩn", slug="an", is_public=False)
    hidden.add_child(name="Con của mục ẩn", slug="con-an")
    hidden.set_ancestors_are_public()
    return {"ceramics": ceramics, "vases": vases, "hidden": hidden}


def test_the_index_lists_every_section_on_the_host_the_crawler_asked(
    client, page_tree, story, centres, categories
):
    product = ProductFactory(centre=centres["four"])
    ProductCategory.objects.create(product=product, category=categories["vases"])

    sitemaps = sitemap_index(client, host=HOST, secure=True)

    assert {sitemap.location for sitemap in sitemaps} == {
        absolute(reverse("sitemap-section", kwargs={"section": name}))
        for name in ("pages", "catalogue", "categories", "products")
    }
    assert all(sitemap.lastmod for sitemap in sitemaps)


def publish_all(page_tree) -> None:
    """Publish the tree's pages as editors do (the factories only add them)."""
    trees = [page_tree.home, page_tree.villages, page_tree.centre_index]
    trees += [page_tree.stories, *page_tree.storefronts.values()]
    for pages in trees:
        for page in pages.values():
            page.save_revision().publish()


def test_every_url_and_alternate_is_on_the_host_the_crawler_asked(
    client, page_tree, story, centres, categories
):
    ProductFactory(centre=centres["four"])

    entries = crawl(client).values()

    urls = [entry.location for entry in entries]
    urls += [url for entry in entries for url in entry.alternates.values()]
    assert urls
    assert all(url.startswith(f"{ORIGIN}/") for url in urls), urls
    assert not [url for url in urls if "localhost" in url or "127.0.0.1" in url]


def test_every_page_is_listed_in_both_languages_with_its_translation_as_alternate(
    client, page_tree, story_index, story, centres
):
    pages = [
        page_tree.home,
        page_tree.villages,
        page_tree.centre_index,
        story_index,
        story,
        *page_tree.storefronts.values(),
    ]

    entries = crawl(client)

    for page in pages:
        urls = {language: absolute(page[language].get_url()) for language in LANGUAGES}
        for language in LANGUAGES:
            entry = entries[urls[language]]
            assert entry.alternates == {**urls, "x-default": urls["vi"]}


def test_a_page_not_yet_translated_is_listed_in_vietnamese_only(
    client, story_index, centres
):
    story = StoryPageFactory(parent=story_index["vi"], centre=centres["three"])
    url = absolute(story.get_url())

    entries = crawl(client)

    assert entries[url].alternates == {"vi": url, "x-default": url}
    assert [location for location in entries if f"/{story.slug}/" in location] == [url]


def test_drafts_and_private_pages_are_not_listed(client, story_index, centres):
    draft = StoryPageFactory(
        parent=story_index["vi"], centre=centres["four"], live=False, slug="ban-nhap"
    )
    private = StoryPageFactory(
        parent=story_index["vi"], centre=centres["four"], slug="rieng-tu"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )

    listed = " ".join(crawl(client))

    assert draft.slug not in listed
    assert private.slug not in listed


def test_every_browsable_product_is_listed_in_both_languages(
    client, page_tree, centres
):
    vase = ProductFactory(centre=centres["four"])
    garment = ParentProductFactory(centre=centres["three"])

    entries = crawl(client)

    for product in (vase, garment):
        urls = in_languages(product.get_absolute_url)
        for language in LANGUAGES:
            assert entries[urls[language]].alternates == {
                **urls,
                "x-default": urls["vi"],
            }


def test_unpublished_products_and_sizes_of_a_product_are_not_listed(
    client, page_tree, centres
):
    unpublished = ProductFactory(centre=centres["four"], is_public=False)
    garment = ParentProductFactory(centre=centres["three"])

    listed = set(crawl(client))

    hidden = [unpublished, *garment.children.all()]
    for product in hidden:
        assert not set(in_languages(product.get_absolute_url).values()) & listed


def test_the_catalogue_and_every_public_category_are_listed_in_both_languages(
    client, page_tree, categories
):
    entries = crawl(client)

    shown = [
        lambda: reverse("catalogue:index"),
        categories["ceramics"].get_absolute_url,
        categories["vases"].get_absolute_url,
    ]
    for build in shown:
        urls = in_languages(build)
        for language in LANGUAGES:
            assert entries[urls[language]].alternates == {
                **urls,
                "x-default": urls["vi"],
            }
    assert not [url for url in entries if "/category/an/" in url]
    assert not [url for url in entries if "con-an" in url]


def test_every_listed_url_answers_without_a_redirect(
    client, page_tree, story, centres, categories
):
    ProductFactory(centre=centres["four"])
    ParentProductFactory(centre=centres["three"])

    entries = crawl(client).values()

    urls = {entry.location for entry in entries}
    urls |= {url for entry in entries for url in entry.alternates.values()}
    for url in urls:
        fetch(client, url)


def test_each_url_has_the_date_of_its_last_change(
    client, page_tree, story, centres, categories
):
    publish_all(page_tree)
    product = ProductFactory(centre=centres["four"])
    ProductCategory.objects.create(product=product, category=categories["vases"])
    newest = timezone.localdate(product.date_updated).isoformat()

    entries = crawl(client)

    assert all(entry.lastmod for entry in entries.values())
    for page in (*story.values(), *page_tree.home.values()):
        page.refresh_from_db()
        published = timezone.localdate(page.last_published_at).isoformat()
        assert entries[absolute(page.get_url())].lastmod == published
    for url in in_languages(product.get_absolute_url).values():
        assert entries[url].lastmod == newest
    for category in ("ceramics", "vases"):
        for url in in_languages(categories[category].get_absolute_url).values():
            assert entries[url].lastmod == newest
    for url in in_languages(lambda: reverse("catalogue:index")).values():
        assert entries[url].lastmod == newest


def test_a_category_without_products_claims_no_date(client, page_tree, categories):
    entries = crawl(client)

    for url in in_languages(categories["vases"].get_absolute_url).values():
        assert entries[url].lastmod is None


def test_a_large_section_is_split_into_pages_the_index_lists(
    client, page_tree, centres, monkeypatch
):
    monkeypatch.setattr(ProductSitemap, "limit", 4)
    products = [ProductFactory(centre=centres["four"]) for _n in range(3)]
    section = absolute(reverse("sitemap-section", kwargs={"section": "products"}))

    locations = [
        sitemap.location for sitemap in sitemap_index(client, HOST, secure=True)
    ]

    assert f"{section}?p=2" in locations
    listed = {
        entry.location
        for url in (section, f"{section}?p=2")
        for entry in sitemap_section(client, url)
    }
    for product in products:
        assert set(in_languages(product.get_absolute_url).values()) <= listed


def queries_of(client, url: str) -> int:
    client.get(url, HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return len(queries)


def test_the_sitemap_costs_the_same_queries_for_2_or_12_products(
    client, page_tree, centres, categories, record_query_counts
):
    def add_products(count: int) -> None:
        for n in range(count):
            product = ProductFactory(centre=centres["four"])
            ProductCategory.objects.create(
                product=product, category=categories[("ceramics", "vases")[n % 2]]
            )
        ParentProductFactory(centre=centres["three"])

    urls = {
        "sitemap index": reverse("sitemap"),
        "sitemap products": reverse("sitemap-section", kwargs={"section": "products"}),
        "sitemap categories": reverse(
            "sitemap-section", kwargs={"section": "categories"}
        ),
    }
    add_products(1)
    small = {name: queries_of(client, url) for name, url in urls.items()}

    add_products(10)
    large = {name: queries_of(client, url) for name, url in urls.items()}

    for name in urls:
        record_query_counts(name, small[name], large[name])
    assert large == small


def test_robots_txt_names_the_sitemap_on_the_host_asked_and_keeps_out_private_pages(
    client,
):
    response = client.get("/robots.txt", HTTP_HOST=HOST, secure=True)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    disallowed = {
        line.removeprefix("Disallow: ") for line in lines if "Disallow" in line
    }
    private = [
        "dashboard:index",
        "basket:summary",
        "checkout:index",
        "customer:summary",
    ]
    for language in LANGUAGES:
        with translation.override(language):
            assert {reverse(name) for name in private} <= disallowed
    assert {"/cms/", "/django-admin/"} <= disallowed
    assert "User-agent: *" in lines
