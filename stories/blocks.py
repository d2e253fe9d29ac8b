"""The blocks editors compose stories with; each renders with its own template.

``ShopThisStoryBlock`` stores only product ids and renders the products'
current price, stock and an add-to-basket button, loading all of them in a
fixed number of queries whatever their number.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from stories.product_chooser import ProductChooserViewSet

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{6,12}$")


product_chooser_viewset = ProductChooserViewSet("product_chooser")
ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="stories.blocks"
)


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "stories/blocks/image_block.html"
        description = _("One image with an optional caption and credit")


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    images = blocks.ListBlock(ImageWithCaptionBlock(), min_num=2, label=_("Images"))

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "stories/blocks/gallery_block.html"
        description = _("Two or more images shown as a grid")


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=400)
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, max_length=120
    )

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "stories/blocks/pull_quote_block.html"


class TimelineEventBlock(blocks.StructBlock):
    year = blocks.CharBlock(
        label=_("Year or period"),
        max_length=40,
        help_text=_("For example 1712, or “11th century”"),
    )
    event = blocks.TextBlock(label=_("Event"), max_length=400)


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    events = blocks.ListBlock(TimelineEventBlock(), min_num=1, label=_("Events"))

    class Meta:
        icon = "history"
        label = _("Timeline")
        template = "stories/blocks/timeline_block.html"


class ProcessStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=120)
    text = blocks.TextBlock(label=_("What happens"), required=False)
    image = ImageChooserBlock(label=_("Image"), required=False)


class ProcessStepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    steps = blocks.ListBlock(ProcessStepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Process steps")
        template = "stories/blocks/process_steps_block.html"


def video_embed_url(url: str) -> str | None:
    """The privacy-enhanced embed URL of a YouTube or Vimeo video, or None.

    Built from the URL itself: rendering a story never calls an oEmbed service.
    """
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        if YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/")
        if YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        video_id = parsed.path.rstrip("/").split("/")[-1]
        if VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}"
    return None


class VideoURLBlock(blocks.URLBlock):
    def clean(self, value):
        value = super().clean(value)
        if value and video_embed_url(value) is None:
            raise ValidationError(_("Enter a YouTube or Vimeo video address."))
        return value


class VideoEmbedBlock(blocks.StructBlock):
    url = VideoURLBlock(label=_("Video address (YouTube or Vimeo)"))
    title = blocks.CharBlock(
        label=_("Video title"),
        max_length=200,
        help_text=_("Read out by screen readers"),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "stories/blocks/video_embed_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context


class MapPositionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Place"), max_length=120)
    latitude = blocks.DecimalBlock(
        label=_("Latitude"), min_value=-90, max_value=90, decimal_places=6
    )
    longitude = blocks.DecimalBlock(
        label=_("Longitude"), min_value=-180, max_value=180, decimal_places=6
    )

    class Meta:
        icon = "site"
        label = _("Map position")
        template = "stories/blocks/map_position_block.html"


class ShopThisStoryValue(blocks.StructValue):
    @cached_property
    def live_products(self) -> list:
        """The chosen products as they are now, in the editor's order."""
        ids = [product.pk for product in self.get("products") or [] if product]
        if not ids:
            return []
        Product = get_model("catalogue", "Product")
        cards = Product.objects.browsable_cards().filter(pk__in=ids)
        by_id = {product.pk: product for product in cards}
        return [by_id[pk] for pk in ids if pk in by_id]


class ShopThisStoryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    products = blocks.ListBlock(ProductChooserBlock(), min_num=1, label=_("Products"))

    class Meta:
        icon = "tag"
        label = _("Shop this story")
        template = "stories/blocks/shop_this_story_block.html"
        value_class = ShopThisStoryValue
        form_classname = "struct-block shop-this-story"


class StoryStreamBlock(blocks.StreamBlock):
    """Every block a story can hold."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        template="stories/blocks/paragraph_block.html",
    )
    image = ImageWithCaptionBlock()
    gallery = GalleryBlock()
    pull_quote = PullQuoteBlock()
    timeline = TimelineBlock()
    process_steps = ProcessStepsBlock()
    video = VideoEmbedBlock()
    map_position = MapPositionBlock()
    shop_this_story = ShopThisStoryBlock()
