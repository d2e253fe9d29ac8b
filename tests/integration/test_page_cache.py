"""Whole pages cached for visitors who carry nothing personal (craftsite.page_cache).

A visitor with no session, basket or messages is served the page rendered for
the last such visitor, with their own CSRF token and this response's script
nonce put back; any change to what public pages show is on the next request;
anything personal is never served to anyone else, and signed-in visitors and
staff always get a freshly rendered page.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.utils import translation

from craftsite import page_cache
from sitewide import content_version
from tests.factories import ProductFactory, centre_staff
from tests.shopping import Buyer

pytestmark = pytest.mark.django_db

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE_VALUE = re.compile(r'<script nonce="([^"]+)"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def vase(centres, page_tree):
    return ProductFactory(
        centre=centres["four"],
        title="Bình gốm men rạn",
        title_en="Crackle-glaze vase",
        price=Decimal("480000"),
        num_in_stock=5,
    )


def url_of(product, language="vi") -> str:
    with translation.override(language):
        return product.get_absolute_url()


def catalogue_url(language="vi") -> str:
    return Buyer(language).url("catalogue:index")


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_second_visitor_without_a_session_is_served_the_stored_page(vase):
    first = fetch(Client(), url_of(vase))
    second = fetch(Client(), url_of(vase))

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "Bình gốm men rạn" in second.content.decode()


def test_each_visitor_gets_their_own_csrf_token_and_it_is_accepted(vase):
    fetch(Client(), url_of(vase))
    visitor = Client(enforce_csrf_checks=True)
    page = fetch(visitor, url_of(vase))
    assert page["X-Page-Cache"] == "hit"
    tokens = set(CSRF_VALUE.findall(page.content.decode()))

    assert tokens and "\x00" not in "".join(tokens)
    added = visitor.post(
        Buyer().url("basket:add", pk=vase.pk),
        {"quantity": 1, "csrfmiddlewaretoken": tokens.pop()},
    )
    assert added.status_code == 302


def test_the_scripts_carry_the_nonce_of_the_policy_sent_with_them(vase):
    fetch(Client(), url_of(vase))
    hit = fetch(Client(), url_of(vase))

    nonces = set(NONCE_VALUE.findall(hit.content.decode()))
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in hit["Content-Security-Policy"]


def test_a_new_price_shows_on_the_next_request(vase):
    fetch(Client(), url_of(vase))
    record = vase.stockrecords.get()
    record.price = Decimal("520000")
    record.save()

    page = fetch(Client(), url_of(vase))

    assert page["X-Page-Cache"] == "miss"
    assert "520.000" in page.content.decode()


def test_stock_held_by_an_order_shows_on_the_next_request(vase):
    fetch(Client(), catalogue_url())
    vase.stockrecords.get().allocate(5)

    assert fetch(Client(), catalogue_url())["X-Page-Cache"] == "miss"


def test_a_published_change_to_a_storefront_shows_on_the_next_request(
    centres, page_tree
):
    storefront = page_tree.storefront(centres["four"], "vi")
    url = storefront.get_url()
    fetch(Client(), url)
    storefront.title = "Gian hàng mới"
    storefront.save_revision().publish()

    assert "Gian hàng mới" in fetch(Client(), url).content.decode()


def test_the_two_languages_are_stored_apart(vase):
    fetch(Client(), url_of(vase, "vi"))

    english = fetch(Client(), url_of(vase, "en"))

    assert english["X-Page-Cache"] == "miss"
    assert "Crackle-glaze vase" in english.content.decode()


def basket_count(response) -> str:
    return re.search(r'data-basket-count="(\d+)"', response.content.decode()).group(1)


def test_a_visitor_with_a_basket_sees_their_own_basket_in_the_stored_page(vase):
    fetch(Client(), catalogue_url())
    shopper = Buyer()
    shopper.add(vase, quantity=2)
    fetch(shopper.client, url_of(vase))  # the page that shows the "added" message

    own = fetch(shopper.client, catalogue_url())
    stranger = fetch(Client(), catalogue_url())

    assert own["X-Page-Cache"] == "hit"
    assert basket_count(own) == "2"
    assert "960.000" in own.content.decode()
    assert stranger["X-Page-Cache"] == "hit"
    assert basket_count(stranger) == "0"


def test_a_page_first_rendered_for_a_basket_is_stored_without_it(vase):
    shopper = Buyer()
    shopper.add(vase)
    fetch(shopper.client, url_of(vase))
    first = fetch(shopper.client, catalogue_url())

    stranger = fetch(Client(), catalogue_url())

    assert (first["X-Page-Cache"], basket_count(first)) == ("miss", "1")
    assert (stranger["X-Page-Cache"], basket_count(stranger)) == ("hit", "0")


def test_a_visitor_with_messages_waiting_gets_a_page_of_their_own(vase):
    fetch(Client(), url_of(vase))
    shopper = Buyer()
    shopper.add(vase)

    page = fetch(shopper.client, url_of(vase))

    assert "X-Page-Cache" not in page
    assert "Crackle" in page.content.decode() or "Bình gốm men rạn" in (
        page.content.decode()
    )


def test_signed_in_staff_always_get_a_fresh_page(vase, centres):
    fetch(Client(), url_of(vase))
    staff = Client()
    staff.force_login(centre_staff(centres["four"]))

    page = fetch(staff, url_of(vase))

    assert "X-Page-Cache" not in page
    assert page.context["user"].is_authenticated


def test_pages_of_the_shop_that_are_personal_are_never_stored(vase):
    basket_url = Buyer().url("basket:summary")
    fetch(Client(), basket_url)

    assert "X-Page-Cache" not in fetch(Client(), basket_url)


def test_a_change_rolled_back_still_leaves_no_stale_page(vase):
    before = content_version.current()
    with transaction.atomic():
        vase.stockrecords.update(price=Decimal("1"))
        content_version.changed()
        transaction.set_rollback(True)

    assert content_version.current() != before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_change_renews_the_token_again_once_committed(centres):
    with transaction.atomic():
        ProductFactory(centre=centres["three"])
        during = content_version.current()

    assert content_version.current() != during


def test_every_app_with_content_is_named_so_a_new_one_is_never_forgotten():
    content_apps = {
        model._meta.app_label
        for model in apps.get_models()
        if page_cache.shown_on_public_pages(model)
        and not model.__module__.startswith("oscar.test")
    }

    assert content_apps == {
        "address",
        "catalogue",
        "centres",
        "flatpages",
        "offer",
        "partner",
        "reviews",
        "shipping",
        "simple_translation",
        "sites",
        "stories",
        "taggit",
        "wagtailcore",
        "wagtaildocs",
        "wagtailembeds",
        "wagtailimages",
        "wagtailredirects",
    }
    labels = {model._meta.label for model in apps.get_models()}
    assert not {
        "sessions.Session",
        "basket.Basket",
        "analytics.ProductRecord",
        "wagtailimages.Rendition",
        "users.User",
    } & {label for label in labels if label not in page_cache.NOT_SHOWN_ON_PUBLIC_PAGES}
