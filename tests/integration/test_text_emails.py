"""Plain-text e-mails are not HTML: names and titles appear in them as typed
(``A & <B> "C"``, never ``A &amp; &lt;B&gt;``); the HTML part still escapes them."""

from __future__ import annotations

from pathlib import Path

import oscar
import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import get_template

from tests.factories import ProductFactory, UserFactory
from tests.shopping import HANOI_ADDRESS, Buyer
from users import invitations, roles

pytestmark = pytest.mark.django_db

NAME = 'A & <B> "C"'
ESCAPED = ("&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#34;")


def html_part(message) -> str:
    return {mimetype: body for body, mimetype in message.alternatives}["text/html"]


def assert_verbatim(text: str) -> None:
    assert NAME in text
    assert not [entity for entity in ESCAPED if entity in text], text


def test_the_order_e_mail_names_the_buyer_and_the_product_as_typed(centres):
    product = ProductFactory(centre=centres["four"], title=f"Bình {NAME}")
    buyer = Buyer()
    buyer.add(product)

    buyer.checkout(
        {centres["four"]: "domestic"},
        "cod",
        address={**HANOI_ADDRESS, "first_name": NAME},
    )

    message = mail.outbox[-1]
    assert_verbatim(message.body)
    assert f"Bình {NAME}" in message.body
    assert "A &amp; &lt;B&gt;" in html_part(message)


def test_the_staff_invitation_greets_the_person_as_typed(centres):
    person = UserFactory(email="moi@langnghe.example", first_name=NAME, last_name="")
    roles.add_centre_staff(person, centres["four"])

    messages = invitations.invitation_messages(person, centres["four"], "en")

    assert_verbatim(messages["body"])
    assert "A &amp; &lt;B&gt;" in messages["html"]


def test_the_stock_alert_confirmation_names_the_product_as_typed(client):
    product = ProductFactory(title=NAME, title_en=NAME)

    client.post(
        f"/en/shop/accounts/alerts/create/{product.pk}/", {"email": "lan@example.com"}
    )

    assert_verbatim(mail.outbox[-1].body)


def text_email_templates() -> list[str]:
    """Every plain-text e-mail template the site can render, ours and Oscar's."""
    ours = Path(settings.BASE_DIR) / "templates"
    oscars = Path(oscar.__file__).parent / "templates"
    names = {
        str(path.relative_to(folder))
        for folder in (ours, oscars)
        for pattern in ("oscar/communication/emails/*.txt", "users/emails/*.txt")
        for path in folder.glob(pattern)
    }
    return sorted({*names, "wagtailadmin/account/password_reset/email.txt"})


@pytest.mark.parametrize("name", text_email_templates())
def test_every_text_e_mail_template_turns_html_escaping_off(name):
    source = get_template(name).template.source

    assert "{{" not in source or "{% autoescape off %}" in source
