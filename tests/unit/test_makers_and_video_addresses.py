"""A maker's state title is a fact that needs its source, and the demo's fictional
makers hold none; a video is embedded from its privacy-enhanced address, built from
the address itself without asking the video's site."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from centres.models import Maker
from stories.blocks import video_embed_url


def test_a_maker_without_state_title_is_valid():
    Maker(name="Đào Văn Hư Cấu", is_fictional=True).clean()


def test_a_real_maker_with_a_sourced_state_title_is_valid():
    Maker(
        name="Nghệ nhân có thật",
        state_title="Nghệ nhân Ưu tú",
        state_title_source="Quyết định số 123/QĐ-CTN",
        is_fictional=False,
    ).clean()


def test_a_state_title_without_its_source_is_refused():
    maker = Maker(name="Nghệ nhân", state_title="Nghệ nhân Nhân dân")

    with pytest.raises(ValidationError) as refused:
        maker.clean()

    assert "state_title_source" in refused.value.message_dict


def test_a_fictional_maker_cannot_hold_a_state_title():
    maker = Maker(
        name="Đào Văn Hư Cấu",
        is_fictional=True,
        state_title="Nghệ nhân Nhân dân",
        state_title_source="Quyết định số 123/QĐ-CTN",
    )

    with pytest.raises(ValidationError) as refused:
        maker.clean()

    assert "state_title" in refused.value.message_dict


@pytest.mark.parametrize(
    ("url", "embed_url"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ?t=10",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871",
        ),
    ],
)
def test_a_video_address_gives_its_privacy_enhanced_embed_address(url, embed_url):
    assert video_embed_url(url) == embed_url


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "https://example.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=too-short",
        "https://youtu.be/",
        "https://vimeo.com/about",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
    ],
)
def test_an_address_that_is_not_a_video_gives_no_embed(url):
    assert video_embed_url(url) is None
