"""Story pages: every kind renders; each story exists in Vietnamese and English as one
page translated (same translation key), names both as hreflang alternates and
switches language without leaving the story; the sitemap lists both; link previews
and search engines get a title, an image and schema.org ``Article`` markup; and a
story shows on its centre's storefront and in the stories index."""

from __future__ import annotations

import json
import re

import pytest

from tests.crawler import sitemap_entries
from tests.factories import (
    MakerFactory,
    MakerProfilePageFactory,
    ProcessStoryPageFactory,
    StoryPageFactory,
    WagtailImageFactory,
    translate_story,
)
from tests.markup import (
    alternates,
    elements,
    html_lang,
    html_of,
    language_switch_links,
    main_of,
    path_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(story_index, centres):
    """Bát Tràng's heritage story, with its hero image, in Vietnamese and English."""
    vietnamese = StoryPageFactory(
        parent=story_index["vi"],
        centre=centres["four"],
        title="Gốm Bát Tràng qua sáu thế kỷ",
        slug="gom-bat-trang",
        lead="Làng gốm bên sông Hồng.",
        hero_image=WagtailImageFactory(description="Lò bầu ở Bát Tràng"),
    )
    english = translate_story(
        vietnamese,
        "Six centuries of Bát Tràng ceramics",
        "bat-trang-ceramics",
        lead="A pottery village on the Red River.",
    )
    return {"vi": vietnamese, "en": english}


def meta_content(html: str, prop: str) -> list[str]:
    return [meta.get("content", "") for meta in elements(html, "meta", property=prop)]


def json_ld_things(html: str) -> list[dict]:
    """Every object of every JSON-LD script of the page (``@graph`` unrolled)."""
    scripts = re.findall(
        r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>',
        html,
        flags=re.DOTALL,
    )
    things = []
    for script in scripts:
        data = json.loads(script)
        for thing in data if isinstance(data, list) else [data]:
            things.extend(thing.get("@graph", [thing]))
    return things


@pytest.mark.parametrize(
    "factory", [StoryPageFactory, MakerProfilePageFactory, ProcessStoryPageFactory]
)
def test_every_kind_of_story_renders_its_title_lead_and_centre(
    client, story_index, centres, factory
):
    page = factory(
        parent=story_index["vi"],
        centre=centres["three"],
        title="Mây tre Phú Vinh",
        lead="Những sợi mây mảnh.",
    )

    response = client.get(page.url)

    assert response.status_code == 200
    main = main_of(response)
    assert "Mây tre Phú Vinh" in main
    assert "Những sợi mây mảnh." in main
    assert "Phú Vinh" in main


def test_a_maker_profile_shows_its_fictional_maker(client, story_index, centres):
    maker = MakerFactory(
        centre=centres["four"],
        name="Đào Văn Hư Cấu",
        biography="Một người thợ tưởng tượng.",
    )
    page = MakerProfilePageFactory(
        parent=story_index["vi"], centre=centres["four"], maker=maker
    )

    main = main_of(client.get(page.url))

    assert "Đào Văn Hư Cấu" in main
    assert "Một người thợ tưởng tượng." in main


def test_the_english_story_is_the_vietnamese_one_translated(story):
    assert story["en"].translation_key == story["vi"].translation_key
    assert story["vi"].locale.language_code == "vi"
    assert story["en"].locale.language_code == "en"
    assert story["en"].live
    assert story["vi"].url.startswith("/vi/")
    assert story["en"].url.startswith("/en/")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_story_names_both_languages_as_hreflang_alternates(client, story, language):
    response = client.get(story[language].url)

    assert html_lang(response) == language
    links = alternates(response)
    assert links["vi"] == story["vi"].url
    assert links["en"] == story["en"].url
    assert links["x-default"] == story["vi"].url


@pytest.mark.parametrize(("language", "other"), [("vi", "en"), ("en", "vi")])
def test_the_language_switch_stays_on_the_story(client, story, language, other):
    response = client.get(story[language].url)

    assert set(language_switch_links(response, other)) == {story[other].url}


def test_the_sitemap_lists_a_story_in_both_languages(client, story):
    paths = {path_of(location) for location in sitemap_entries(client)}

    assert {story["vi"].url, story["en"].url} <= paths


def test_a_draft_story_is_not_in_the_sitemap(client, story_index, centres):
    draft = StoryPageFactory(
        parent=story_index["vi"], centre=centres["four"], live=False
    )

    listed = " ".join(sitemap_entries(client))

    assert draft.slug not in listed


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_story_has_open_graph_title_description_and_image(client, story, language):
    html = html_of(client.get(story[language].url))

    assert meta_content(html, "og:title")
    assert story[language].title in meta_content(html, "og:title")[0]
    assert meta_content(html, "og:description")[0] == story[language].lead
    images = meta_content(html, "og:image")
    assert len(images) == 1
    assert images[0].startswith(("http://", "https://"))
    assert meta_content(html, "og:type") == ["article"]


def test_a_story_without_hero_image_has_no_open_graph_image_of_its_own(
    client, story_index, centres
):
    page = StoryPageFactory(parent=story_index["vi"], centre=centres["four"])

    html = html_of(client.get(page.url))

    assert meta_content(html, "og:title")
    assert all("/images/" not in url for url in meta_content(html, "og:image"))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_story_is_described_as_a_schema_org_article(client, story, language):
    html = html_of(client.get(story[language].url))

    articles = [
        thing for thing in json_ld_things(html) if thing.get("@type") == "Article"
    ]
    assert len(articles) == 1
    article = articles[0]
    assert article["headline"] == story[language].title
    assert article.get("inLanguage", language).startswith(language)
    assert article.get("image")


def test_a_story_shows_on_its_centres_storefront(client, story, page_tree, centres):
    main = main_of(client.get(page_tree.storefront(centres["four"]).url))
    other = main_of(client.get(page_tree.storefront(centres["three"]).url))

    assert story["vi"].title in main
    assert elements(main, "a", href=story["vi"].url)
    assert story["vi"].title not in other


def test_the_english_storefront_shows_the_english_story(
    client, story, page_tree, centres
):
    main = main_of(client.get(page_tree.storefront(centres["four"], "en").url))

    assert story["en"].title in main
    assert story["vi"].title not in main


def test_the_stories_index_lists_stories_and_filters_them_by_village(
    client, story, story_index, centres
):
    other = StoryPageFactory(
        parent=story_index["vi"], centre=centres["three"], title="Mây tre Phú Vinh"
    )
    url = story_index["vi"].url

    everything = main_of(client.get(url))
    filtered = main_of(client.get(url, {"village": "Phú Vinh"}))

    assert story["vi"].title in everything
    assert other.title in everything
    assert other.title in filtered
    assert story["vi"].title not in filtered


def test_the_stories_index_pages_through_stories_keeping_its_filter(
    client, story_index, centres, settings
):
    import stories.models

    settings.DEBUG = False
    original = stories.models.STORIES_PER_PAGE
    stories.models.STORIES_PER_PAGE = 2
    try:
        for number in range(3):
            StoryPageFactory(
                parent=story_index["vi"],
                centre=centres["three"],
                title=f"Phú Vinh kể chuyện {number}",
            )
        url = story_index["vi"].url

        first = client.get(url, {"village": "Phú Vinh"})
        second = client.get(url, {"village": "Phú Vinh", "page": 2})
        beyond = client.get(url, {"village": "Phú Vinh", "page": "abc"})
    finally:
        stories.models.STORIES_PER_PAGE = original

    assert first.context["story_count"] == 3
    assert len(first.context["stories"]) == 2
    assert len(second.context["stories"]) == 1
    assert 'href="?village=Ph%C3%BA+Vinh&page=2"' in main_of(first)
    assert beyond.status_code == 200


def test_renaming_a_centre_refolds_its_products_and_stories(
    story_index, centres, django_capture_on_commit_callbacks
):
    from stories.models import StoryPage
    from tests.factories import ProductFactory

    centre = centres["three"]
    product = ProductFactory(centre=centre, title="Giỏ đan")
    story = StoryPageFactory(parent=story_index["vi"], centre=centre, title="Giỏ")

    with django_capture_on_commit_callbacks(execute=True):  # tasks, once committed
        centre.village = "Làng Mới Đặt Tên"
        centre.save()

    product.refresh_from_db()
    assert "lang moi dat ten" in product.search_text
    assert "lang moi dat ten" in StoryPage.objects.get(pk=story.pk).search_text
