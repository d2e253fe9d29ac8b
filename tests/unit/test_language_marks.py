"""A stored text with no recorded language is marked with the one it is written in."""

from __future__ import annotations

import pytest

from sitewide.templatetags.language_marks import written_in


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Đơn hàng 100002 đã được đặt", "vi"),
        ("Chào mừng bạn đến với Làng Nghề Hà Nội", "vi"),
        ("Order 100002 is placed", "en"),
        ("Welcome to Lang Nghe Ha Noi", "en"),
        ("", "en"),
    ],
)
def test_a_text_with_a_vietnamese_letter_is_vietnamese(text, language):
    assert written_in(text) == language
