"""Which of the site's two languages a stored text is written in, for its ``lang``.

Some texts are kept as they were written, with no record of their language: the
subjects of the e-mails in a buyer's history (Oscar's ``Email`` has no language
field) are in the language of the order or request that sent them. The site
writes only Vietnamese and English, and Vietnamese is written with its marks, so
a text holding a Vietnamese letter is Vietnamese; any other is English.
"""

from __future__ import annotations

import re

from django import template

register = template.Library()

VIETNAMESE_LETTER = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
    re.IGNORECASE,
)


@register.filter
def written_in(text: str) -> str:
    """``"vi"`` or ``"en"``: the language code for ``text``'s ``lang`` attribute."""
    return "vi" if VIETNAMESE_LETTER.search(str(text or "")) else "en"
