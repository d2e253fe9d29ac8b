"""Centre staff list their products in Oscar's dashboard, and only theirs.

Bát Tràng's staff create a product with two described photos and sizes, change
its price, stock and low-stock threshold, publish and unpublish it; the stock
record is always their centre's, whatever partner is posted. Kim Lan's
products, parents and makers are out of their reach (404, or not a choice); a
site manager sees every centre's products with Oscar's full forms.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import (
    DesignCentreFactory,
    MakerFactory,
    ParentProductFactory,
    ProductClassFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)
from tests.markup import html_of, main_of

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductAttribute = get_model("catalogue", "ProductAttribute")
StockRecord = get_model("partner", "StockRecord")

PRODUCT_FORM = "create_update_product_form"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _english_dashboard():
    """Dashboard pages in English: messages read as their source text."""
    with translation.override("en"):
        yield


class _FormReader(HTMLParser):
    """The fields a browser would submit from one form, files aside."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self.select: dict | None = None
        self.textarea: list[str] | None = None

    def _add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and found.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = found.get("name")
        kind = found.get("type", "text")
        if tag == "input" and name and kind not in {"file", "submit", "button"}:
            if kind not in {"checkbox", "radio"}:
                self._add(name, found.get("value", ""))
            elif "checked" in found:
                self._add(name, found.get("value", "on"))
        elif tag == "select" and name:
            self.select = {"name": name, "first": None, "chosen": []}
        elif tag == "option" and self.select is not None:
            if self.select["first"] is None:
                self.select["first"] = found.get("value", "")
            if "selected" in found:
                self.select["chosen"].append(found.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"] or [self.select["first"] or ""]
            for value in chosen:
                self._add(self.select["name"], value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self._add(self.textarea[0], self.textarea[1].strip("\n"))
            self.textarea = None


def submit(client, url: str, changes: dict, action: str = "save"):
    """Open ``url``, change fields as a person would (None clears a checkbox or a
    field), attach files given as ``UploadedFile``, and press ``action``."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    reader = _FormReader(PRODUCT_FORM)
    reader.feed(page.content.decode())
    data: dict = dict(reader.fields)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    data["action"] = action
    return client.post(url, data)


def photo(name: str = "binh.png", colour: str = "navy") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def errors_of(response) -> str:
    """The error messages of a form page, to explain a failed submission."""
    html = html_of(response)
    found = re.findall(
        r'class="[^"]*error[^"]*"[^>]*>(.*?)</(?:span|ul|li)', html, re.S
    )
    return " | ".join(" ".join(re.sub(r"<[^>]+>", " ", f).split()) for f in found)


def make_centre_staff(centre):
    user = UserFactory()
    group, _created = Group.objects.get_or_create(name="Centre staff")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="partner", codename="dashboard_access"
        )
    )
    user.groups.add(group)
    centre.partner.users.add(user)
    return user


@pytest.fixture
def bat_trang():
    return DesignCentreFactory(slug="bat-trang", village="Bát Tràng")


@pytest.fixture
def kim_lan():
    return DesignCentreFactory(slug="kim-lan", village="Kim Lan")


@pytest.fixture
def ceramics():
    return ProductClassFactory(name="Gốm sứ", name_en="Ceramics")


@pytest.fixture
def category():
    return Category.add_root(name="Gốm", slug="gom")


@pytest.fixture
def staff_client(client, bat_trang):
    """Signed in as a member of Bát Tràng's staff (not ``is_staff``)."""
    client.force_login(make_centre_staff(bat_trang), backend=MODEL_BACKEND)
    return client


def create_url(product_class) -> str:
    return reverse(
        "dashboard:catalogue-product-create",
        kwargs={"product_class_slug": product_class.slug},
    )


def edit_url(product) -> str:
    return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


def new_product_fields(category, **changes) -> dict:
    return {
        "title": "Bình hút lộc men lam",
        "title_en": "Blue-glaze lucky jar",
        "description": "Bình gốm vẽ tay.",
        "description_en": "A hand-painted jar.",
        "productcategory_set-0-category": str(category.pk),
        "stockrecords-0-partner_sku": "BT-BINH-01",
        "stockrecords-0-price": "1.250.000",
        "stockrecords-0-num_in_stock": "5",
        "stockrecords-0-low_stock_threshold": "2",
        **changes,
    }


def test_centre_staff_create_a_product_with_two_described_photos_and_their_stock(
    staff_client, bat_trang, kim_lan, ceramics, category
):
    fields = new_product_fields(
        category,
        **{
            "is_public": "on",
            "images-0-original": photo("mat-truoc.png"),
            "images-0-alt_text": "Bình men lam nhìn từ phía trước",
            "images-0-alt_text_en": "The blue jar from the front",
            "images-1-original": photo("nap.png", "teal"),
            "images-1-alt_text": "Nắp bình vẽ hoa sen",
            "images-1-alt_text_en": "The lid, painted with lotus flowers",
            # Posted by hand: a partner field the page does not even show.
            "stockrecords-0-partner": str(kim_lan.partner.pk),
        },
    )

    response = submit(staff_client, create_url(ceramics), fields)

    assert response.status_code == 302, errors_of(response)
    product = Product.objects.get(title="Bình hút lộc men lam")
    assert product.is_public
    assert product.title_en == "Blue-glaze lucky jar"
    record = product.stockrecords.get()
    assert record.partner == bat_trang.partner
    assert record.price == Decimal("1250000")
    assert record.price_currency == "VND"
    assert (record.partner_sku, record.num_in_stock) == ("BT-BINH-01", 5)
    assert record.low_stock_threshold == 2
    photos = list(product.images.order_by("display_order"))
    assert [(p.display_order, p.alt_text, p.alt_text_en) for p in photos] == [
        (0, "Bình men lam nhìn từ phía trước", "The blue jar from the front"),
        (1, "Nắp bình vẽ hoa sen", "The lid, painted with lotus flowers"),
    ]


def test_the_stock_form_of_centre_staff_has_no_partner_to_choose(
    staff_client, ceramics
):
    html = html_of(staff_client.get(create_url(ceramics)))

    assert 'name="stockrecords-0-partner_sku"' in html
    assert 'name="stockrecords-0-partner"' not in html
    assert 'name="stockrecords-0-price_currency"' not in html
    assert 'name="stockrecords-0-low_stock_threshold"' in html


@pytest.mark.parametrize("price", ["250000.50", "250000,5", "12.5"])
def test_a_price_with_decimals_is_refused_with_a_message(
    staff_client, ceramics, category, price
):
    fields = new_product_fields(category, **{"stockrecords-0-price": price})

    response = submit(staff_client, create_url(ceramics), fields)

    assert response.status_code == 200
    assert "Enter the price in whole đồng, without decimals" in html_of(response)
    assert not Product.objects.filter(title="Bình hút lộc men lam").exists()


def test_a_new_photo_must_say_what_it_shows_in_both_languages(
    staff_client, ceramics, category
):
    fields = new_product_fields(
        category,
        **{"images-0-original": photo(), "images-0-alt_text": "Bình men lam"},
    )

    response = submit(staff_client, create_url(ceramics), fields)

    assert response.status_code == 200
    assert "Describe the photo for people who cannot see it." in html_of(response)
    assert not Product.objects.exists()


def filed_under(category, product):
    ProductCategory.objects.create(product=product, category=category)
    return product


def test_centre_staff_change_price_stock_and_threshold_of_their_product(
    staff_client, bat_trang, kim_lan, category
):
    product = filed_under(category, ProductFactory(centre=bat_trang, price=300000))
    record = product.stockrecords.get()

    response = submit(
        staff_client,
        edit_url(product),
        {
            "stockrecords-0-price": "320000",
            "stockrecords-0-num_in_stock": "7",
            "stockrecords-0-low_stock_threshold": "3",
            "stockrecords-0-partner": str(kim_lan.partner.pk),
        },
    )

    assert response.status_code == 302, errors_of(response)
    record.refresh_from_db()
    assert (record.price, record.num_in_stock, record.low_stock_threshold) == (
        Decimal("320000"),
        7,
        3,
    )
    assert record.partner == bat_trang.partner
    assert product.stockrecords.count() == 1


def test_centre_staff_unpublish_and_publish_their_product(
    staff_client, bat_trang, category
):
    product = filed_under(category, ProductFactory(centre=bat_trang, is_public=True))

    response = submit(staff_client, edit_url(product), {"is_public": None})
    assert response.status_code == 302, errors_of(response)
    product.refresh_from_db()
    assert not product.is_public

    response = submit(staff_client, edit_url(product), {"is_public": "on"})
    assert response.status_code == 302, errors_of(response)
    product.refresh_from_db()
    assert product.is_public


def test_bulk_unpublishing_changes_only_the_centres_own_products(
    staff_client, bat_trang, kim_lan
):
    own = ProductFactory(centre=bat_trang, is_public=True)
    other = ProductFactory(centre=kim_lan, is_public=True)
    list_url = reverse("dashboard:catalogue-product-list")

    step = staff_client.post(
        list_url,
        {"action": "make_products_non_public", "selected_product": [own.pk, other.pk]},
    )
    assert step.status_code == 302
    confirm_url = step.url
    confirm = html_of(staff_client.get(confirm_url))
    assert f'name="selected_products" value="{own.pk}"' in confirm
    assert f'value="{other.pk}"' not in confirm

    refused = staff_client.post(confirm_url, {"selected_products": [other.pk]})
    assert refused.status_code == 200
    staff_client.post(confirm_url, {"selected_products": [own.pk]})

    own.refresh_from_db()
    other.refresh_from_db()
    assert not own.is_public
    assert other.is_public


def test_a_bulk_price_rise_by_percentage_stays_in_whole_dong_and_in_the_centre(
    staff_client, bat_trang, kim_lan
):
    own = ProductFactory(centre=bat_trang, price=Decimal("12345"))
    other = ProductFactory(centre=kim_lan, price=Decimal("12345"))
    step = staff_client.post(
        reverse("dashboard:catalogue-product-list"),
        {"action": "set_product_price", "selected_product": [own.pk, other.pk]},
    )

    staff_client.post(
        step.url,
        {
            "selected_products": [own.pk],
            "increase_by_percentage": "7",
            "partners": [bat_trang.partner.pk],
        },
    )

    assert own.stockrecords.get().price == Decimal("13209")
    assert other.stockrecords.get().price == Decimal("12345")


def test_centre_staff_add_sizes_to_a_new_product_of_theirs(
    staff_client, bat_trang, category
):
    ao_dai = ProductClassFactory(name="Áo dài", name_en="Áo dài (garments)")
    ProductAttribute.objects.create(
        product_class=ao_dai, name="Cỡ", name_en="Size", code="size", type="text"
    )
    maker = MakerFactory(centre=bat_trang)
    fields = new_product_fields(
        category, title="Áo dài lụa hoa sen", maker=str(maker.pk)
    )

    response = submit(staff_client, create_url(ao_dai), fields, action="create-child")

    assert response.status_code == 302, errors_of(response)
    parent = Product.objects.get(title="Áo dài lụa hoa sen")
    assert not parent.stockrecords.exists()
    variant_url = reverse(
        "dashboard:catalogue-product-create-child", kwargs={"parent_pk": parent.pk}
    )
    assert response.url == variant_url
    for size, sku in (("M", "BT-AO-M"), ("L", "BT-AO-L")):
        response = submit(
            staff_client,
            variant_url,
            {
                "attr_size": size,
                "stockrecords-0-partner_sku": sku,
                "stockrecords-0-price": "1450000",
                "stockrecords-0-num_in_stock": "2",
            },
            action="create-another-child",
        )
        assert response.status_code == 302, errors_of(response)

    parent.refresh_from_db()
    assert parent.is_parent
    sizes = {
        child.attr.size: child.stockrecords.get() for child in parent.children.all()
    }
    assert sorted(sizes) == ["L", "M"]
    assert {record.partner for record in sizes.values()} == {bat_trang.partner}

    response = submit(
        staff_client, edit_url(sizes["M"].product), {"stockrecords-0-num_in_stock": "4"}
    )
    assert response.status_code == 302, errors_of(response)
    sizes["M"].refresh_from_db()
    assert sizes["M"].num_in_stock == 4


def test_a_product_to_have_sizes_must_name_its_maker(staff_client, category):
    ao_dai = ProductClassFactory(name="Áo dài", name_en="Áo dài (garments)")

    response = submit(
        staff_client,
        create_url(ao_dai),
        new_product_fields(category, title="Áo dài không rõ thợ"),
        action="create-child",
    )

    assert response.status_code == 200
    assert "Choose the maker" in html_of(response)
    assert not Product.objects.filter(title="Áo dài không rõ thợ").exists()


def test_another_centres_maker_cannot_be_chosen(
    staff_client, bat_trang, kim_lan, ceramics, category
):
    own_maker = MakerFactory(centre=bat_trang, name="Nghệ nhân Bát Tràng")
    other_maker = MakerFactory(centre=kim_lan, name="Nghệ nhân Kim Lan")

    page = html_of(staff_client.get(create_url(ceramics)))
    assert own_maker.name in page
    assert other_maker.name not in page

    response = submit(
        staff_client,
        create_url(ceramics),
        new_product_fields(category, maker=str(other_maker.pk)),
    )

    assert response.status_code == 200
    assert not Product.objects.exists()


def test_another_centres_products_are_not_found(staff_client, kim_lan):
    product = ProductFactory(centre=kim_lan)
    parent = ParentProductFactory(centre=kim_lan)
    unstocked = ProductFactory(
        centre=kim_lan, maker=MakerFactory(centre=kim_lan), stockrecord=None
    )
    variant = parent.children.first()
    titles_before = {p.pk: p.title for p in Product.objects.all()}

    for target in (product, parent, variant, unstocked):
        assert staff_client.get(edit_url(target)).status_code == 404
        assert staff_client.post(edit_url(target), {"title": "x"}).status_code == 404
        delete_url = reverse(
            "dashboard:catalogue-product-delete", kwargs={"pk": target.pk}
        )
        assert staff_client.get(delete_url).status_code == 404
        assert staff_client.post(delete_url).status_code == 404
    for target in (parent, unstocked):
        url = reverse(
            "dashboard:catalogue-product-create-child", kwargs={"parent_pk": target.pk}
        )
        assert staff_client.get(url).status_code == 404
        assert staff_client.post(url, {"title": "x"}).status_code == 404

    assert {p.pk: p.title for p in Product.objects.all()} == titles_before


def test_centre_staff_list_only_their_own_products(staff_client, bat_trang, kim_lan):
    own = ProductFactory(centre=bat_trang)
    other = ProductFactory(centre=kim_lan)

    html = html_of(staff_client.get(reverse("dashboard:catalogue-product-list")))

    assert edit_url(own) in html
    assert edit_url(other) not in html


def test_a_site_manager_sees_and_edits_every_centres_products(
    client, bat_trang, kim_lan
):
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalogue",
            codename__in=["view_product", "add_product", "change_product"],
        )
    )
    client.force_login(manager, backend=MODEL_BACKEND)
    products = [ProductFactory(centre=bat_trang), ProductFactory(centre=kim_lan)]

    listing = html_of(client.get(reverse("dashboard:catalogue-product-list")))
    page = html_of(client.get(edit_url(products[1])))

    assert all(edit_url(product) in listing for product in products)
    assert 'name="stockrecords-0-partner"' in page
    assert 'name="stockrecords-0-price_currency"' in page


@pytest.mark.parametrize(
    ("language", "alt"),
    [("vi", "Bình men lam nhìn từ trên xuống"), ("en", "The blue jar from above")],
)
def test_photos_are_described_in_the_pages_language(client, bat_trang, language, alt):
    product = ProductFactory(centre=bat_trang)
    ProductImageFactory(
        product=product,
        alt_text="Bình men lam nhìn từ trên xuống",
        alt_text_en="The blue jar from above",
    )
    with translation.override(language):
        url = product.get_absolute_url()

    main = main_of(client.get(url))

    assert f'alt="{alt}"' in main


def test_a_photo_without_english_words_falls_back_to_vietnamese_then_the_title(
    client, bat_trang
):
    described = ProductFactory(centre=bat_trang)
    ProductImageFactory(product=described, alt_text="Bình men lam", alt_text_en="")
    bare = ProductFactory(centre=bat_trang, title_en="Plain jar")
    ProductImageFactory(product=bare, alt_text="", alt_text_en="")

    assert 'alt="Bình men lam"' in main_of(client.get(described.get_absolute_url()))
    assert 'alt="Plain jar"' in main_of(client.get(bare.get_absolute_url()))
