"""Text of the other language on a page: a small detector for the common slips.

It reads what a visitor meets, not the HTML: visible text nodes, the options of
visible ``<select>`` boxes, the ``placeholder``, ``aria-label``, ``title`` and
``alt`` of visible elements, the labels of input buttons and the page's
``<title>``. A text counts in the language of its nearest ``lang`` attribute;
text marked as the other language (a centre's Vietnamese name in
``<span lang="vi">``, the language switch's "English") is left alone. The
``<title>`` cannot carry a ``lang`` of its own part, so a text the page marks as
the other language elsewhere (a product's Vietnamese title in its heading) is
taken out of the ``<title>``. URLs, e-mail addresses and file names are taken out
of a text before it is read.

On a Vietnamese page a text is a slip when it holds

- one of the English labels of a shop that Oscar, Wagtail or Django bring
  (``ENGLISH_UI``: "Add to basket", "Checkout", "Sign in", "Quantity"…), as a
  whole word or phrase; or
- an English sentence: three words or more, no Vietnamese letter, and at least
  two of the commonest English words (``ENGLISH_GLUE``: "the", "of", "your"…).
  Vietnamese written without marks is rare on a page and seldom holds two of
  them ("to" and "the" are Vietnamese words too, so they need a second one).

On an English page a text is a slip when it holds

- one of the Vietnamese labels of a shop (``VIETNAMESE_UI``: "Giỏ hàng",
  "Thanh toán", "Đăng nhập"…); or
- Vietnamese prose: two lowercase words or more with Vietnamese letters in
  one phrase, between punctuation marks ("Bình gốm men rạn", "khách vãng
  lai"); a list of Vietnamese terms in an English sentence ("gấm, vóc, lĩnh
  and đũi") or in a search example ("bat trang, lụa, gốm…") passes. Names of
  people, places, villages and centres are written with capitals ("Bát
  Tràng", "Nguyễn Thị Lan", "Phường Hoàn Kiếm") and carry at most one
  lowercase word ("Trung tâm Bát Tràng", "Thành phố Hà Nội"), so they pass in
  both languages without being marked. Vietnamese words English writing keeps
  (``VIETNAMESE_IN_ENGLISH``: "áo dài", "bánh chưng", "xã", "huyện"…) are not
  counted.

Single-word labels ("Save", "Lưu", "Tìm") count only when they are the whole
text, as on a button: inside a sentence they may be part of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ENGLISH_UI = (
    "Add to basket",
    "Add to wishlist",
    "Your basket",
    "Basket total",
    "Proceed to checkout",
    "Checkout",
    "Continue",
    "Place order",
    "Sign in",
    "Sign out",
    "Log in",
    "Log out",
    "Register",
    "Email address",
    "Password",
    "Forgotten your password",
    "Search",
    "Quantity",
    "Remove",
    "Subtotal",
    "Total",
    "Shipping",
    "Delivery",
    "Payment",
    "Preview",
    "Confirm",
    "Choose",
    "Select",
    "Update",
    "Delete",
    "Cancel",
    "Submit",
    "Back to",
    "View",
    "Edit",
    "Next",
    "Previous",
    "Order number",
    "Order history",
    "Your account",
    "Profile",
    "Address book",
    "Wish list",
    "Dashboard",
    "Products",
    "Orders",
    "Stock",
    "Price",
    "Actions",
    "Filter",
    "Page not found",
    "No products",
    "required",
    "This field",
)
ENGLISH_LABELS = ("Save", "Home", "Go", "Add", "Yes", "No", "Close", "Menu", "Order")
ENGLISH_GLUE = frozenset(
    "the of and to your you is are for with this that from by on in or an be"
    " not will has have was our it".split()
)
VIETNAMESE_UI = (
    "Giỏ hàng",
    "giỏ hàng",
    "Thêm vào giỏ",
    "Thanh toán",
    "thanh toán",
    "Đăng nhập",
    "Đăng xuất",
    "Đăng ký",
    "Tìm kiếm",
    "Tiếp tục",
    "Số lượng",
    "Tạm tính",
    "Tổng cộng",
    "Tổng tiền",
    "Mật khẩu",
    "Địa chỉ",
    "Giao hàng",
    "Vận chuyển",
    "Đặt hàng",
    "Đơn hàng",
    "Sản phẩm",
    "Xem thêm",
    "Quay lại",
    "Trang chủ",
    "Tài khoản",
    "Cửa hàng",
    "Câu chuyện",
    "Làng nghề",
    "Không tìm thấy",
    "Bắt buộc",
)
VIETNAMESE_LABELS = ("Lưu", "Xóa", "Xoá", "Chọn", "Gửi", "Tìm", "Sửa", "Hủy", "Huỷ")
VIETNAMESE_IN_ENGLISH = frozenset(
    "áo dài bánh chưng dày giầy phở đồng xã huyện quận phường thôn thị trấn"
    " làng nghề".split()
)
VIETNAMESE_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
_VIETNAMESE_LETTER = re.compile(f"[{VIETNAMESE_LETTERS}]", re.IGNORECASE)
_NOT_WORDS = re.compile(r"\S*(?:@|://|/|\.(?:png|jpe?g|webp|svg|pdf)\b)\S*")
_PHRASE_BREAK = re.compile(r"[,;:()\[\]…“”\"«»|·–—]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Slip:
    """A text of the other language: what it is, and where (a CSS-like path)."""

    text: str
    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.why}: {self.text!r} at {self.where}"


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(phrase) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


_ENGLISH_UI = _phrase_pattern(ENGLISH_UI)
_VIETNAMESE_UI = _phrase_pattern(VIETNAMESE_UI)


def _readable(text: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", text).split())


def english_slip(text: str) -> str | None:
    """Why ``text`` on a Vietnamese page is English, or None."""
    text = _readable(text)
    if not text:
        return None
    if text.rstrip(" :.?!…»›→").strip() in ENGLISH_LABELS:
        return "English label"
    found = _ENGLISH_UI.search(text)
    if found:
        return f"English {found.group(0)!r}"
    if _VIETNAMESE_LETTER.search(text):
        return None
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) >= 3 and sum(word in ENGLISH_GLUE for word in words) >= 2:
        return "English sentence"
    return None


def vietnamese_slip(text: str) -> str | None:
    """Why ``text`` on an English page is Vietnamese, or None."""
    text = _readable(text)
    if not text:
        return None
    if text.rstrip(" :.?!…»›→").strip() in VIETNAMESE_LABELS:
        return "Vietnamese label"
    found = _VIETNAMESE_UI.search(text)
    if found:
        return f"Vietnamese {found.group(0)!r}"
    for phrase in _PHRASE_BREAK.split(text):
        lowercase_vietnamese = [
            word
            for word in _WORD.findall(phrase)
            if word.islower()
            and _VIETNAMESE_LETTER.search(word)
            and word not in VIETNAMESE_IN_ENGLISH
        ]
        if len(lowercase_vietnamese) >= 2:
            return "Vietnamese text"
    return None


SLIP_FINDERS = {"vi": english_slip, "en": vietnamese_slip}

VISIBLE_TEXTS = """
(pageLanguage) => {
    const out = [];
    const langOf = (el) => (el.closest('[lang]')?.getAttribute('lang') || pageLanguage)
        .slice(0, 2).toLowerCase();
    const path = (el) => {
        const parts = [];
        for (let node = el; node && node.nodeType === 1 && parts.length < 4;
             node = node.parentElement) {
            let part = node.tagName.toLowerCase();
            if (node.id) { parts.unshift(`${part}#${node.id}`); break; }
            const cls = [...node.classList].slice(0, 2).join('.');
            if (cls) part += `.${cls}`;
            parts.unshift(part);
        }
        return parts.join(' > ');
    };
    const seen = (el) => el.checkVisibility({checkVisibilityCSS: true});
    const add = (text, el) => {
        text = text.replace(/\\s+/g, ' ').trim();
        if (text && langOf(el) === pageLanguage) out.push([text, path(el)]);
    };
    const markedOther = [...document.body.querySelectorAll('[lang]')]
        .filter((el) => langOf(el) !== pageLanguage)
        .map((el) => el.textContent.replace(/\\s+/g, ' ').trim())
        .filter((text) => text.length > 1)
        .sort((a, b) => b.length - a.length);
    let title = document.title.replace(/\\s+/g, ' ');
    for (const text of markedOther) title = title.split(text).join(' ');
    add(title, document.documentElement);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest('script, style, noscript, template, code, pre')) continue;
        const holder = el.closest('select') || el;
        if (seen(holder)) add(node.textContent, el);
    }
    for (const el of document.body.querySelectorAll(
            '[placeholder], [aria-label], [title], img[alt], input[type=submit][value],'
            + ' input[type=button][value]')) {
        if (!seen(el)) continue;
        for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
            if (el.hasAttribute(name)) add(el.getAttribute(name), el);
        }
        if (el.matches('input[type=submit], input[type=button]')) add(el.value, el);
    }
    return out;
}
"""


async def slips_on(page, language: str) -> list[Slip]:
    """Texts of the other language on ``page`` (a Playwright async page), which
    is in ``language``."""
    finder = SLIP_FINDERS[language]
    slips: dict[tuple[str, str], Slip] = {}
    for text, where in await page.evaluate(VISIBLE_TEXTS, language):
        why = finder(text)
        if why:
            slips.setdefault((text, why), Slip(text[:120], where, why))
    return list(slips.values())
