"""Every page in Vietnamese (default) and English: prefixed URLs, ``lang``, hreflang
alternates, and a language switch that leads to the same page in the other language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ProductFactory
from tests.markup import alternates, html_lang, language_switch_links

pytestmark = pytest.mark.django_db

OTHER = {"vi": "en", "en": "vi"}


def page_urls(page_tree, centres, product) -> dict[str, dict[str, str]]:
    """Each page of the site in both languages: name → language → path."""
    urls = {
        "home": {lang: page.get_url() for lang, page in page_tree.home.items()},
        "villages": {lang: page.get_url() for lang, page in page_tree.villages.items()},
        "centre index": {
            lang: page.get_url() for lang, page in page_tree.centre_index.items()
        },
        "storefront": {
            lang: page_tree.storefront(centres["four"], lang).get_url()
            for lang in OTHER
        },
    }
    for name, build in (
        ("catalogue", lambda: reverse("catalogue:index")),
        ("product", product.get_absolute_url),
    ):
        urls[name] = {}
        for lang in OTHER:
            with translation.override(lang):
                urls[name][lang] = build()
    return urls


@pytest.fixture
def site_urls(page_tree, centres):
    return page_urls(page_tree, centres, ProductFactory(centre=centres["four"]))


PAGES = ["home", "villages", "centre index", "storefront", "catalogue", "product"]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_answers_in_its_language_under_its_prefix(
    client, site_urls, page, language
):
    url = site_urls[page][language]

    response = client.get(url)

    assert url.startswith(f"/{language}/")
    assert response.status_code == 200
    assert html_lang(response) == language


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_names_its_translation_as_hreflang_alternate(
    client, site_urls, page, language
):
    response = client.get(site_urls[page][language])

    links = alternates(response)
    assert links.get("vi") == site_urls[page]["vi"]
    assert links.get("en") == site_urls[page]["en"]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_language_switch_leads_to_the_same_page_in_the_other_language(
    client, site_urls, page, language
):
    other = OTHER[language]

    response = client.get(site_urls[page][language])

    assert site_urls[page][other] in language_switch_links(response, other)
    assert client.get(site_urls[page][other]).status_code == 200


def test_storefront_slugs_may_differ_between_languages_and_the_switch_follows(
    client, centres, page_tree
):
    english = page_tree.storefront(centres["three"], "en")
    english.slug = "phu-vinh-rattan"
    english.save_revision().publish()
    vietnamese = page_tree.storefront(centres["three"], "vi")

    response = client.get(vietnamese.get_url())

    assert "/en/centres/phu-vinh-rattan/" in language_switch_links(response, "en")


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [("", "/vi/"), ("en-GB,en;q=0.9", "/en/"), ("fr", "/vi/")],
)
def test_root_redirects_to_a_language_prefix(
    client, page_tree, accept_language, prefix
):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code in {301, 302}
    assert response["Location"] == prefix


def test_english_pages_use_english_words_and_vietnamese_pages_vietnamese(
    client, centres, page_tree
):
    vietnamese = client.get(page_tree.storefront(centres["unknown"], "vi").get_url())
    english = client.get(page_tree.storefront(centres["unknown"], "en").get_url())

    assert "Star level not yet known" in english.content.decode()
    assert "Star level not yet known" not in vietnamese.content.decode()
    assert centres["unknown"].name_en in english.content.decode()
