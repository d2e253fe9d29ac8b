"""Images at the size they are shown: a product photo or a Wagtail image gets its
renditions (AVIF and WebP at the widths pages use, never wider than itself, and a
JPEG for browsers that read neither) when its upload is committed; pages show them
in a ``<picture>`` with ``srcset``, ``sizes``, ``width`` and ``height``, never the
upload; a page view writes no file and reads no rendition row once they exist."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from catalogue.renditions import FALLBACK_WIDTH, WIDTHS
from sitewide.templatetags.seo_tags import OPEN_GRAPH_FILTER
from stories.renditions import all_filters
from tests.factories import (
    ProductImageFactory,
    StoryPageFactory,
    WagtailImageFactory,
    blue_glaze_vase,
)
from tests.markup import html_of

pytestmark = pytest.mark.django_db

MODERN = {"AVIF", "WEBP"}
FORMATS = {*MODERN, "JPEG"}
EXIF_ORIENTATION = 0x0112


def jpeg(width: int, height: int, orientation: int | None = None) -> ContentFile:
    photo = Image.new("RGB", (width, height), (150, 90, 40))
    exif = Image.Exif()
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90, exif=exif)
    return ContentFile(buffer.getvalue(), name="anh-lon.jpg")


def uploaded_photo(capture, product, width: int, height: int, **kwargs):
    """A product photo saved the way the dashboard saves one, its commit run."""
    with capture(execute=True):
        return ProductImageFactory(
            product=product, original=jpeg(width, height, **kwargs)
        )


def renditions_on_disk(media_root: Path) -> dict[str, list[tuple[int, int]]]:
    """Every rendition sorl wrote, by format, as sorted (width, height)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for path in (media_root / "cache").rglob("*.*"):
        with Image.open(path) as rendition:
            found.setdefault(rendition.format, []).append(rendition.size)
    return {fmt: sorted(sizes) for fmt, sizes in found.items()}


def files_under(media_root: Path) -> set[Path]:
    return {path for path in media_root.rglob("*") if path.is_file()}


class _Pictures(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []
        self.types: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = {name: value or "" for name, value in attrs}
        if tag == "source":
            self.types.append(found["type"])
            self.sources.append(found["srcset"])
        elif tag == "img":
            self.images.append(
                {
                    **found,
                    "source-types": " ".join(self.types),
                    "source-srcsets": " ".join(self.sources),
                }
            )
            self.types, self.sources = [], []


def pictures(html: str) -> list[dict[str, str]]:
    """Each ``img`` with the types of the ``source`` elements before it."""
    parser = _Pictures()
    parser.feed(html)
    return parser.images


@pytest.fixture
def vase(centres):
    return blue_glaze_vase(centres["four"])


def test_an_uploaded_photo_gets_every_width_in_avif_webp_and_jpeg(
    vase, settings, django_capture_on_commit_callbacks
):
    uploaded_photo(django_capture_on_commit_callbacks, vase, 2000, 1500)

    made = renditions_on_disk(Path(settings.MEDIA_ROOT))
    expected = sorted((width, width * 3 // 4) for width in WIDTHS)
    assert made == {
        **dict.fromkeys(MODERN, expected),
        "JPEG": [(FALLBACK_WIDTH, FALLBACK_WIDTH * 3 // 4)],
    }


def test_a_very_large_photo_is_decoded_once_into_an_intermediate_copy(
    vase, settings, django_capture_on_commit_callbacks
):
    uploaded_photo(django_capture_on_commit_callbacks, vase, 3200, 2400)

    made = renditions_on_disk(Path(settings.MEDIA_ROOT))
    widest = (WIDTHS[-1], WIDTHS[-1] * 3 // 4)
    assert made["AVIF"] == sorted((width, width * 3 // 4) for width in WIDTHS)
    assert made["JPEG"] == [(FALLBACK_WIDTH, FALLBACK_WIDTH * 3 // 4), widest]


def test_a_small_photo_is_never_enlarged(
    vase, settings, django_capture_on_commit_callbacks
):
    uploaded_photo(django_capture_on_commit_callbacks, vase, 300, 200)

    made = renditions_on_disk(Path(settings.MEDIA_ROOT))
    assert made == {
        **dict.fromkeys(MODERN, [(240, 160), (300, 200)]),
        "JPEG": [(300, 200)],
    }


def test_a_photo_taken_sideways_is_sized_as_it_is_shown(
    vase, settings, django_capture_on_commit_callbacks
):
    uploaded_photo(django_capture_on_commit_callbacks, vase, 1600, 1200, orientation=6)

    made = renditions_on_disk(Path(settings.MEDIA_ROOT))
    assert made["AVIF"][-1] == (1200, 1600)
    assert all(width <= 1200 for width, _height in made["WEBP"])


def test_an_upload_rolled_back_makes_no_rendition(vase, settings):
    ProductImageFactory(product=vase, original=jpeg(800, 600))

    assert not (Path(settings.MEDIA_ROOT) / "cache").exists()


def test_the_catalogue_and_the_product_page_show_renditions_never_the_upload(
    client, vase, centres, page_tree, django_capture_on_commit_callbacks
):
    first = uploaded_photo(django_capture_on_commit_callbacks, vase, 2000, 1500)
    second = uploaded_photo(django_capture_on_commit_callbacks, vase, 1200, 1600)
    other = blue_glaze_vase(centres["three"], title="Bình men rạn")
    uploaded_photo(django_capture_on_commit_callbacks, other, 1000, 750)

    catalogue = html_of(client.get(reverse("catalogue:index")))
    product = html_of(client.get(vase.get_absolute_url()))

    for html in (catalogue, product):
        fetched = " ".join(
            img.get(name, "")
            for img in pictures(html)
            for name in ("src", "srcset", "source-srcsets")
        )
        assert first.original.url not in fetched
        assert second.original.url not in fetched
        photos = [img for img in pictures(html) if "/media/" in img["src"]]
        assert photos
        for img in photos:
            assert img["width"] and img["height"], img
            assert img["source-types"] == "image/avif image/webp", img
            assert img["src"].endswith(".jpg")
            assert " 240w" in img["source-srcsets"]
    cards = [img for img in pictures(catalogue) if "/media/" in img["src"]]
    assert cards[0].get("fetchpriority") == "high"
    assert "loading" not in cards[0]
    assert all(img["loading"] == "lazy" for img in cards[1:])
    gallery = [img for img in pictures(product) if "/media/" in img["src"]]
    assert [img.get("fetchpriority") for img in gallery] == ["high", None]
    assert gallery[1]["loading"] == "lazy"


def test_a_page_view_writes_no_file_and_reads_no_rendition_row(
    client, vase, page_tree, settings, django_capture_on_commit_callbacks
):
    uploaded_photo(django_capture_on_commit_callbacks, vase, 1600, 1200)
    media = Path(settings.MEDIA_ROOT)
    made = files_under(media)
    caches["renditions"].clear()  # another app server, whose cache never saw them

    client.get(reverse("catalogue:index"))
    with CaptureQueriesContext(connection) as warm:
        client.get(reverse("catalogue:index"))
        client.get(vase.get_absolute_url())

    assert files_under(media) == made
    assert not [q["sql"] for q in warm if "thumbnail_kvstore" in q["sql"]]


def test_an_uploaded_wagtail_image_gets_every_rendition_pages_use(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = WagtailImageFactory(file__width=1800, file__height=1200)

    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(
        all_filters()
    )
    formats = {
        Image.open(rendition.file.path).format for rendition in image.renditions.all()
    }
    assert formats == FORMATS


def test_a_story_shows_its_hero_as_renditions_and_reads_no_rendition_row(
    client, story_index, centres, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hero = WagtailImageFactory(file__width=1800, file__height=1200)
    story = StoryPageFactory(
        parent=story_index["vi"], centre=centres["four"], hero_image=hero
    )
    client.get(story.get_url())

    with CaptureQueriesContext(connection) as warm:
        html = html_of(client.get(story.get_url()))

    assert hero.file.url not in " ".join(
        img[name] for img in pictures(html) for name in ("src", "source-srcsets")
    )
    [img] = [p for p in pictures(html) if p.get("class") == "story-hero__image"]
    assert img["fetchpriority"] == "high"
    assert img["width"] and img["height"]
    assert "1600w" in img["source-srcsets"]
    assert img["src"].endswith(".jpg")
    assert img["source-types"] == "image/avif image/webp"
    assert not [q["sql"] for q in warm if "wagtailimages_rendition" in q["sql"]]


def test_make_renditions_makes_what_is_missing_and_then_nothing(vase, settings):
    image = WagtailImageFactory(file__width=900, file__height=600)
    ProductImageFactory(product=vase, original=jpeg(900, 600))
    media = Path(settings.MEDIA_ROOT)
    before = files_under(media)

    call_command("make_renditions", stdout=io.StringIO())
    made = files_under(media)
    call_command("make_renditions", stdout=io.StringIO())

    assert image.renditions.count() == len(all_filters())
    assert len(made - before) > len(all_filters())
    assert files_under(media) == made


def test_a_photo_lost_from_storage_shows_the_no_photo_drawing(client, vase, page_tree):
    photo = ProductImageFactory(product=vase, original=jpeg(800, 600))
    photo.original.storage.delete(photo.original.name)

    response = client.get(vase.get_absolute_url())

    assert response.status_code == 200
    [img] = [p for p in pictures(html_of(response)) if "no-photo" in p["src"]]
    assert img["width"] and img["height"]


def test_a_story_link_preview_is_among_the_renditions_made_at_upload():
    assert OPEN_GRAPH_FILTER in all_filters()
