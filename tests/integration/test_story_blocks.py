"""Every block an editor composes a story with renders with its own template, with
and without its optional fields; a block left without its optional fields leaves no
empty caption, credit or heading behind. A video is embedded from its privacy-
enhanced address, and an address that is not a YouTube or Vimeo video is refused."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from stories.blocks import StoryStreamBlock, VideoEmbedBlock
from tests.factories import WagtailImageFactory
from tests.markup import elements

pytestmark = pytest.mark.django_db

BLOCKS = StoryStreamBlock().child_blocks
CAPTION_LIKE = ("figcaption", "cite", "footer", "h2", "h3", "p", "small", "span")


def render(block_name: str, raw: dict | str) -> str:
    """The block's HTML for ``raw``, the value as the database stores it."""
    block = BLOCKS[block_name]
    return block.render(block.to_python(raw)).replace("\xa0", " ")


def empty_elements(html: str) -> list[str]:
    """Caption-like elements with nothing inside them (no text, no child element)."""
    pattern = rf"<({'|'.join(CAPTION_LIKE)})\b[^>]*>\s*</\1>"
    return [match.group(0) for match in re.finditer(pattern, html)]


def image_sources(html: str) -> list[str]:
    return [img.get("src", "") for img in elements(html, "img")]


@pytest.fixture
def image():
    return WagtailImageFactory(description="Bàn xoay của thợ gốm")


@pytest.fixture
def another_image():
    return WagtailImageFactory(description="Lò nung bằng củi")


def test_paragraph_renders_its_rich_text():
    html = render("paragraph", "<h2>Đất sét trắng</h2><p>Làng gốm <b>bên sông</b>.</p>")

    assert "Đất sét trắng" in html
    assert "<b>bên sông</b>" in html


def test_image_renders_with_its_alt_text_caption_and_credit(image):
    html = render(
        "image",
        {"image": image.pk, "caption": "Thợ gốm chuốt bình", "credit": "Ảnh: Minh"},
    )

    assert [img["alt"] for img in elements(html, "img")] == [image.description]
    assert "Thợ gốm chuốt bình" in html
    assert "Ảnh: Minh" in html


def test_image_without_caption_and_credit_leaves_no_empty_caption(image):
    html = render("image", {"image": image.pk, "caption": "", "credit": ""})

    assert [img["alt"] for img in elements(html, "img")] == [image.description]
    assert "<figcaption" not in html
    assert empty_elements(html) == []


def test_gallery_renders_every_image_with_its_caption(image, another_image):
    html = render(
        "gallery",
        {
            "heading": "Một ngày ở lò",
            "images": [
                {"image": image.pk, "caption": "Buổi sáng", "credit": ""},
                {"image": another_image.pk, "caption": "", "credit": "Ảnh: Lan"},
            ],
        },
    )

    assert "Một ngày ở lò" in html
    assert {img["alt"] for img in elements(html, "img")} == {
        image.description,
        another_image.description,
    }
    assert "Buổi sáng" in html
    assert "Ảnh: Lan" in html


def test_gallery_without_heading_or_captions_renders_only_its_images(
    image, another_image
):
    html = render(
        "gallery",
        {
            "heading": "",
            "images": [
                {"image": image.pk, "caption": "", "credit": ""},
                {"image": another_image.pk, "caption": "", "credit": ""},
            ],
        },
    )

    assert len(elements(html, "img")) == 2
    assert "<figcaption" not in html
    assert empty_elements(html) == []


def test_pull_quote_renders_its_quote_and_attribution():
    html = render(
        "pull_quote",
        {"quote": "Đất có hồn thì gốm mới đẹp.", "attribution": "Một thợ gốm"},
    )

    assert "Đất có hồn thì gốm mới đẹp." in html
    assert "Một thợ gốm" in html
    assert "<blockquote" in html


def test_pull_quote_without_attribution_leaves_no_empty_attribution():
    html = render("pull_quote", {"quote": "Đất có hồn thì gốm mới đẹp."})

    assert "Đất có hồn thì gốm mới đẹp." in html
    assert empty_elements(html) == []


def test_timeline_renders_each_year_with_its_event_in_order():
    html = render(
        "timeline",
        {
            "heading": "Những mốc chính",
            "events": [
                {"year": "Thế kỷ 14", "event": "Thợ gốm về lập làng."},
                {"year": "2023", "event": "Trung tâm được công nhận."},
            ],
        },
    )

    assert "Những mốc chính" in html
    assert html.index("Thế kỷ 14") < html.index("Thợ gốm về lập làng.")
    assert html.index("Thợ gốm về lập làng.") < html.index("2023")
    assert html.index("2023") < html.index("Trung tâm được công nhận.")


def test_timeline_without_heading_leaves_no_empty_heading():
    html = render(
        "timeline",
        {"heading": "", "events": [{"year": "2023", "event": "Được công nhận."}]},
    )

    assert "Được công nhận." in html
    assert empty_elements(html) == []


def test_process_steps_render_in_order_with_and_without_an_image(image):
    html = render(
        "process_steps",
        {
            "heading": "Làm một chiếc bình",
            "steps": [
                {"title": "Nhào đất", "text": "Đất được nhào kỹ.", "image": image.pk},
                {"title": "Chuốt bình", "text": "", "image": None},
                {"title": "Nung", "text": "Nung trong lò.", "image": None},
            ],
        },
    )

    assert "Làm một chiếc bình" in html
    positions = [html.index(step) for step in ("Nhào đất", "Chuốt bình", "Nung ")]
    assert positions == sorted(positions)
    assert [img["alt"] for img in elements(html, "img")] == [image.description]
    assert empty_elements(html) == []


def test_process_steps_without_heading_or_images_render_their_steps():
    html = render(
        "process_steps",
        {"heading": "", "steps": [{"title": "Nhào đất", "text": "", "image": None}]},
    )

    assert "Nhào đất" in html
    assert elements(html, "img") == []
    assert empty_elements(html) == []


@pytest.mark.parametrize(
    ("url", "embed_url"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_video_is_embedded_from_its_privacy_enhanced_address(url, embed_url):
    html = render(
        "video",
        {"url": url, "title": "Làm gốm ở Bát Tràng", "caption": "Một buổi ở lò"},
    )

    frames = elements(html, "iframe")
    assert [frame["src"].split("?")[0] for frame in frames] == [embed_url]
    assert frames[0].get("title") == "Làm gốm ở Bát Tràng"
    assert "Một buổi ở lò" in html


def test_video_without_caption_renders_its_player_alone():
    html = render(
        "video",
        {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Làm gốm", "caption": ""},
    )

    assert len(elements(html, "iframe")) == 1
    assert "None" not in html
    assert empty_elements(html) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://vimeo.com/channels/staffpicks",
    ],
)
def test_an_address_that_is_not_a_youtube_or_vimeo_video_is_refused(url):
    block = VideoEmbedBlock()
    value = block.to_python({"url": url, "title": "Làm gốm", "caption": ""})

    with pytest.raises(ValidationError) as refused:
        block.clean(value)

    errors = refused.value.as_json_data()["blockErrors"]
    assert errors["url"]["messages"] == [
        gettext("Enter a YouTube or Vimeo video address.")
    ]


def test_map_position_renders_its_place_and_machine_readable_coordinates():
    html = render(
        "map_position",
        {"label": "Bến Bát Tràng", "latitude": "20.975123", "longitude": "105.913456"},
    )

    assert "Bến Bát Tràng" in html
    assert "20.975123" in html
    assert "105.913456" in html


def test_map_position_keeps_its_coordinates_as_decimals():
    block = BLOCKS["map_position"]
    value = block.clean(
        block.to_python(
            {"label": "Bến", "latitude": "20.975123", "longitude": "105.913456"}
        )
    )

    assert value["latitude"] == Decimal("20.975123")
    assert value["longitude"] == Decimal("105.913456")
