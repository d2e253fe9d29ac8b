"""An editor of the demo site in Wagtail's admin, in Chromium at 1280 px.

The sign-in page speaks Vietnamese; typing a Vietnamese title in the page editor
fills the slug with its transliteration (Wagtail's own JavaScript, given the
site's formatters: ``sitewide.slug_input``), and a slug pasted with accents is
transliterated when the field is left; a saved story offers "Dịch"; the
product chooser of "shop this story" finds "Bình gốm" from "binh gom" and shows
each product's photo, centre and price.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import psycopg
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EDITOR = ("editor@langnghe.example", "demo-editor-2026")
STORY_INDEX_AND_A_STORY = """
    SELECT parent.id, MIN(story.id), (SELECT MIN(id) FROM centres_designcentre)
    FROM wagtailcore_page parent
    JOIN django_content_type kind ON kind.id = parent.content_type_id
    JOIN wagtailcore_locale locale ON locale.id = parent.locale_id
    JOIN wagtailcore_page story
        ON story.path LIKE parent.path || '%' AND story.depth = parent.depth + 1
    WHERE kind.app_label = 'stories' AND kind.model = 'storyindexpage'
        AND locale.language_code = 'vi' AND story.live
    GROUP BY parent.id
"""


def story_index_and_story(database_url: str) -> tuple[int, int, int]:
    """Ids of the Vietnamese stories index, one of its live stories, a centre."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(STORY_INDEX_AND_A_STORY).fetchone()
    with psycopg.connect(database_url) as db:
        return db.execute(STORY_INDEX_AND_A_STORY).fetchone()


@pytest.fixture(scope="module")
def pages(demo_server) -> tuple[int, int, int]:
    return story_index_and_story(demo_server.database_url)


@pytest.fixture(scope="module")
def editor_page(browser, demo_server) -> Iterator[Page]:
    """One signed-in editor's tab for the whole module."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{demo_server.url}/cms/login/")
    page.fill("input[name=username]", EDITOR[0])
    page.fill("input[name=password]", EDITOR[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{demo_server.url}/cms/")
    try:
        yield page
    finally:
        context.close()


def test_the_sign_in_page_is_vietnamese(browser, demo_server):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{demo_server.url}/cms/login/")

        expect(page.locator("h1")).to_have_text("Đăng nhập vào trang quản trị")
        expect(page.locator("label[for=id_password]")).to_contain_text("Mật khẩu")
        assert "Sign in" not in page.inner_text("body")
    finally:
        context.close()


def new_story_form(page: Page, base: str, index_id: int) -> None:
    page.goto(f"{base}/cms/pages/add/stories/villagestorypage/{index_id}/")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Gốm men lam Bát Tràng", "gom-men-lam-bat-trang"),
        ("Đông Hồ: ố, ầ, ữ, ự và đ", "dong-ho-o-a-u-u-va-d"),
    ],
)
def test_typing_a_title_fills_its_transliterated_slug(
    editor_page, demo_server, pages, title, slug
):
    new_story_form(editor_page, demo_server.url, pages[0])

    editor_page.locator("#id_title").press_sequentially(title)

    expect(editor_page.locator("#id_slug")).to_have_value(slug)


def test_a_pasted_slug_is_transliterated_and_the_saved_draft_offers_translate(
    editor_page, demo_server, pages
):
    new_story_form(editor_page, demo_server.url, pages[0])
    editor_page.locator("#id_title").fill("Lụa Vạn Phúc qua mười thế kỷ")
    editor_page.locator("#id_centre").evaluate(
        "(chooser, centre) => { chooser.value = centre; }", str(pages[2])
    )
    editor_page.locator("#id_lead").fill("Lụa dệt tay bên sông Nhuệ.")
    editor_page.get_by_role("tab", name="Quảng bá").click()
    slug = editor_page.locator("#id_slug")
    # The title's own slug first, so that it cannot land after the pasted one.
    expect(slug).to_have_value("lua-van-phuc-qua-muoi-the-ky")

    slug.fill("Lụa-Vạn-Phúc")
    slug.blur()

    expect(slug).to_have_value("lua-van-phuc")
    editor_page.get_by_role("button", name="Lưu bản nháp").click()
    editor_page.wait_for_url("**/edit/")
    page_id = editor_page.url.rstrip("/").split("/")[-2]
    editor_page.locator("header").get_by_role("button", name="Thao tác").click()
    translate = editor_page.get_by_role("link", name="Dịch")
    expect(translate).to_have_attribute(
        "href", f"/cms/translation/submit/page/{page_id}/"
    )


def test_the_product_chooser_searches_without_accents(editor_page, demo_server, pages):
    new_story_form(editor_page, demo_server.url, pages[0])
    editor_page.locator("button.c-sf-add-button").first.click()
    editor_page.get_by_role("option", name="Mua sản phẩm trong câu chuyện").click()
    editor_page.get_by_role("button", name="Chọn một sản phẩm").first.click()
    search = editor_page.locator(".modal input[name=q]")
    expect(search).to_be_visible()

    rows = editor_page.locator(".modal #search-results tbody tr")
    expect(rows.first).to_be_visible()
    unfiltered_first = rows.first.element_handle()
    search.fill("binh gom")
    # The results are replaced, not edited: the old rows leave the page.
    unfiltered_first.wait_for_element_state("hidden")
    # Titles come first; a product whose description alone matches may follow.
    expect(rows.first).to_contain_text("Bình gốm")
    first = rows.first
    assert first.locator("img").get_attribute("src").startswith("/media/")
    expect(first).to_contain_text("Trung tâm")
    expect(first).to_contain_text("₫")
