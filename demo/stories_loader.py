"""Load the stories: the index, a heritage story per village, process stories, makers.

The stories index goes under each language's home page; every story is written
in Vietnamese under the Vietnamese index, then translated to English with
``copy_for_translation`` (one translation key per pair), and both are published.
Bodies are built from ``demo.stories_data`` (facts only), illustrated with images
drawn by ``demo.story_images``, and sell the village's own products: the
products with a stock record of the centre's partner (for áo dài, the parent
product whose sizes carry them). Blocks of a story and of its translation share
their ids. Pages are found again by parent, locale and centre (or maker), images
by title, so a second run creates nothing and leaves editors' changes alone.
"""

from __future__ import annotations

import html
import io
import uuid

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils.text import slugify
from oscar.core.loading import get_model
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.utils.file import hash_filelike

from centres.models import DesignCentre, Maker
from demo import stories_data as data
from demo.centres_data import CENTRES
from demo.images import ascii_fold
from demo.story_images import MOTIF_ALT, render_portrait, render_story_image
from demo.tally import Tally
from demo.village_stories_data import VILLAGE_STORIES
from stories.models import (
    HomePage,
    MakerProfilePage,
    ProcessStoryPage,
    StoryIndexPage,
    VillageStoryPage,
)

Product = get_model("catalogue", "Product")
LANGUAGES = ("vi", "en")
VILLAGE_PRODUCTS = 4
OTHER_PRODUCTS = 3
BLOCK_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://langnghe.example/demo")

ALT = {
    "hero": "Hình minh hoạ trừu tượng do dự án vẽ, không phải ảnh chụp: {motif} "
    "cho câu chuyện về {village}.",
    "detail": "Hình minh hoạ trừu tượng do dự án vẽ, không phải ảnh chụp: {motif} "
    "lặp lại thành hai hàng, cho câu chuyện về {village}.",
    "process": "Hình minh hoạ trừu tượng do dự án vẽ: ba vòng tròn đánh số 1, 2, 3 "
    "bên cạnh {motif}, cho bài về cách làm ở {village}.",
}
IMAGE_TITLE = {
    "hero": "{village}: minh hoạ câu chuyện (demo)",
    "detail": "{village}: minh hoạ họa tiết (demo)",
    "process": "{village}: minh hoạ cách làm (demo)",
}
CAPTION = data.T(
    "Hình minh hoạ do dự án vẽ cho câu chuyện về {village}, không phải ảnh chụp.",
    "An illustration drawn by the project for the story of {village}; not a "
    "photograph.",
)
PORTRAIT_CAPTION = data.T(
    "Hình minh hoạ trừu tượng thay cho chân dung; không phải ảnh người thật.",
    "An abstract illustration in place of a portrait; not a photograph of anyone.",
)
PORTRAIT_ALT = (
    "Hình minh hoạ trừu tượng thay cho chân dung của {name}, một người thợ hư cấu: "
    "các vòng tròn đồng tâm và chữ cái đầu của tên, không có khuôn mặt."
)


def _rich(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


class Body:
    """A story body in one language, as StreamField raw data with stable block ids."""

    def __init__(self, key: str, lang: str) -> None:
        self.key = key
        self.lang = lang
        self.blocks: list[dict] = []

    def add(self, block_type: str, value) -> None:
        name = f"{self.key}:{len(self.blocks)}"
        block_id = str(uuid.uuid5(BLOCK_ID_NAMESPACE, name))
        self.blocks.append({"type": block_type, "value": value, "id": block_id})

    def paragraph(self, text: data.T) -> None:
        self.add("paragraph", _rich(getattr(text, self.lang)))

    def image(self, image, caption: data.T) -> None:
        value = {
            "image": image.pk,
            "caption": getattr(caption, self.lang),
            "credit": getattr(data.CREDIT, self.lang),
        }
        self.add("image", value)

    def timeline(self, events: tuple[data.Event, ...]) -> None:
        rows = [
            {"year": getattr(e.year, self.lang), "event": getattr(e.event, self.lang)}
            for e in events
        ]
        heading = getattr(data.TIMELINE_HEADING, self.lang)
        self.add("timeline", {"heading": heading, "events": rows})

    def steps(self, steps: tuple[data.Step, ...]) -> None:
        rows = [
            {
                "title": getattr(s.title, self.lang),
                "text": getattr(s.text, self.lang),
                "image": None,
            }
            for s in steps
        ]
        heading = getattr(data.PROCESS_HEADING, self.lang)
        self.add("process_steps", {"heading": heading, "steps": rows})

    def shop(self, heading: str, product_ids: list[int]) -> None:
        if product_ids:
            self.add("shop_this_story", {"heading": heading, "products": product_ids})


def centre_product_ids(centre: DesignCentre) -> list[int]:
    """The centre's products a buyer can browse to, by UPC (hand-written first)."""
    partner = centre.partner_id
    return list(
        Product.objects.browsable()
        .filter(
            Q(stockrecords__partner_id=partner)
            | Q(children__stockrecords__partner_id=partner)
        )
        .distinct()
        .order_by("upc")
        .values_list("pk", flat=True)
    )


class StoryLoader:
    def __init__(self) -> None:
        self.index_pages = Tally("story index pages (vi + en)")
        self.stories = Tally("stories (vi + en)")
        self.images = Tally("story images")
        self.makers = Tally("makers given craft and portrait")
        self.image_model = get_image_model()
        self.found_images: dict[str, object] = {}

    @property
    def tallies(self) -> list[Tally]:
        return [self.index_pages, self.stories, self.images, self.makers]

    def load(self, centres: list[DesignCentre], makers: dict[str, Maker]) -> None:
        self.locales = {
            code: Locale.objects.get(language_code=code) for code in LANGUAGES
        }
        self.craft_of = {c.slug: c.product_class for c in CENTRES}
        self.description_of = {
            c.slug: data.T(c.description, c.description_en) for c in CENTRES
        }
        index = self._index()
        by_slug = {centre.slug: centre for centre in centres}
        for story in VILLAGE_STORIES:
            self._village_story(index, by_slug[story.centre], story)
        for story in data.PROCESS_STORIES:
            self._process_story(index, by_slug[story.centre], story)
        for slug in data.PROFILED_MAKERS:
            self._maker_profile(index, by_slug[slug], makers[slug])

    def _index(self) -> Page:
        vi, en = self.locales["vi"], self.locales["en"]
        home = HomePage.objects.filter(locale=vi).first()
        index = StoryIndexPage.objects.child_of(home).filter(locale=vi).first()
        self.index_pages.count(index is None)
        if index is None:
            title, slug = data.STORY_INDEX["vi"]
            index = StoryIndexPage(
                title=title, slug=slug, locale=vi, intro=data.STORY_INDEX_INTRO.vi
            )
            home.add_child(instance=index)
            index.save_revision().publish()
        title, slug = data.STORY_INDEX["en"]
        self._translate(
            index,
            en,
            self.index_pages,
            title=title,
            slug=slug,
            intro=data.STORY_INDEX_INTRO.en,
        )
        return index

    def _translate(self, page: Page, locale: Locale, tally: Tally, **fields) -> Page:
        existing = page.get_translation_or_none(locale)
        tally.count(existing is None)
        if existing is not None:
            return existing
        translation = page.specific.copy_for_translation(locale, copy_parents=False)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.draft_title = translation.title
        translation.save_revision().publish()
        return translation

    def _story(self, index: Page, model, lookup: dict, build) -> None:
        """Create the Vietnamese story and its English translation, if missing.

        ``build()`` returns the fields of both languages; it runs only when
        one of the two pages is missing.
        """
        vi, en = self.locales["vi"], self.locales["en"]
        page = model.objects.child_of(index).filter(locale=vi, **lookup).first()
        self.stories.count(page is None)
        fields = None
        if page is None:
            fields = build()
            page = model(locale=vi, **lookup, **fields["vi"])
            index.add_child(instance=page)
            page.save_revision().publish()
        if page.get_translation_or_none(en) is None:
            fields = fields or build()
        self._translate(page, en, self.stories, **(fields["en"] if fields else {}))

    def _image(self, variant: str, village: str, craft: str):
        title = IMAGE_TITLE[variant].format(village=village)
        motif = MOTIF_ALT.get(craft, "")
        alt = ALT[variant].format(motif=motif, village=village)
        filename = f"story-{slugify(ascii_fold(village))}-{variant}.jpg"
        return self._find_or_draw(
            title, alt, filename, lambda: render_story_image(craft, village, variant)
        )

    def _find_or_draw(self, title: str, alt: str, filename: str, draw):
        if title in self.found_images:
            return self.found_images[title]
        image = self.image_model.objects.filter(title=title).first()
        self.images.count(image is None)
        if image is None:
            image = self._draw(title, alt, filename, draw)
        self.found_images[title] = image
        return image

    def _draw(self, title: str, alt: str, filename: str, draw):
        content = draw()
        with PILImage.open(io.BytesIO(content)) as drawn:
            width, height = drawn.size
        image = self.image_model(title=title, description=alt)
        image.file.save(filename, ContentFile(content), save=False)
        # Saving the file resets the dimension fields; they are set afterwards.
        image.width, image.height = width, height
        image.file_size = len(content)
        image.file_hash = hash_filelike(io.BytesIO(content))
        image.save()
        return image

    def _village_story(
        self, index: Page, centre: DesignCentre, story: data.VillageStory
    ) -> None:
        craft = self.craft_of[centre.slug]
        hero = self._image("hero", centre.village, craft)
        detail = self._image("detail", centre.village, craft)

        def build() -> dict[str, dict]:
            products = centre_product_ids(centre)[:VILLAGE_PRODUCTS]
            fields = {}
            for lang in LANGUAGES:
                body = Body(f"village:{centre.slug}", lang)
                first, *rest = story.paragraphs
                body.paragraph(first)
                caption = getattr(CAPTION, lang).format(village=centre.village)
                body.image(detail, data.T(caption, caption))
                for text in rest:
                    body.paragraph(text)
                if story.timeline:
                    body.timeline(story.timeline)
                heading = getattr(data.SHOP_HEADING, lang).format(
                    village=centre.village
                )
                body.shop(heading, products)
                fields[lang] = {
                    "title": getattr(story.title, lang),
                    "slug": centre.slug,
                    "lead": getattr(story.lead, lang),
                    "hero_image": hero,
                    "body": body.blocks,
                }
            return fields

        self._story(index, VillageStoryPage, {"centre": centre}, build)

    def _process_story(
        self, index: Page, centre: DesignCentre, story: data.ProcessStory
    ) -> None:
        hero = self._image("process", centre.village, self.craft_of[centre.slug])

        def build() -> dict[str, dict]:
            products = centre_product_ids(centre)[:OTHER_PRODUCTS]
            fields = {}
            for lang in LANGUAGES:
                body = Body(f"process:{centre.slug}", lang)
                body.steps(story.steps)
                body.paragraph(story.closing)
                heading = getattr(data.SHOP_HEADING, lang).format(
                    village=centre.village
                )
                body.shop(heading, products)
                fields[lang] = {
                    "title": getattr(story.title, lang),
                    "slug": getattr(story.slug, lang),
                    "lead": getattr(story.lead, lang),
                    "hero_image": hero,
                    "body": body.blocks,
                }
            return fields

        self._story(index, ProcessStoryPage, {"centre": centre}, build)

    def _maker_profile(self, index: Page, centre: DesignCentre, maker: Maker) -> None:
        portrait = self._portrait(centre, maker)
        self._complete_maker(centre, maker, portrait)

        hero = self._image("hero", centre.village, self.craft_of[centre.slug])

        def build() -> dict[str, dict]:
            ids = list(
                Product.objects.browsable()
                .filter(maker=maker)
                .order_by("upc")
                .values_list("pk", flat=True)
            )
            products = ids[3:6] if len(ids) >= 6 else ids[:OTHER_PRODUCTS]
            slug = slugify(ascii_fold(maker.name))
            fields = {}
            for lang in LANGUAGES:
                body = Body(f"maker:{centre.slug}", lang)
                body.paragraph(data.MAKER_NOTICE)
                body.image(portrait, PORTRAIT_CAPTION)
                description = getattr(self.description_of[centre.slug], lang)
                body.paragraph(
                    data.T(
                        *(t.format(description=description) for t in data.MAKER_CRAFT)
                    )
                )
                body.shop(getattr(data.MAKER_SHOP_HEADING, lang), products)
                lead = getattr(data.MAKER_LEAD, lang)
                fields[lang] = {
                    "title": maker.name,
                    "slug": getattr(data.MAKER_SLUG, lang).format(slug=slug),
                    "lead": lead.format(name=maker.name, village=centre.village),
                    "hero_image": hero,
                    "body": body.blocks,
                }
            return fields

        self._story(index, MakerProfilePage, {"centre": centre, "maker": maker}, build)

    def _portrait(self, centre: DesignCentre, maker: Maker):
        title = f"{maker.name}: minh hoạ thay chân dung"
        alt = PORTRAIT_ALT.format(name=maker.name)
        filename = f"maker-{slugify(ascii_fold(maker.name))}.jpg"
        craft = self.craft_of[centre.slug]
        return self._find_or_draw(
            title, alt, filename, lambda: render_portrait(craft, maker.name)
        )

    def _complete_maker(self, centre: DesignCentre, maker: Maker, portrait) -> None:
        """Fill in a profiled maker's craft and portrait where they are empty."""
        changed = []
        if not maker.craft and not maker.craft_en:
            maker.craft, maker.craft_en = centre.craft, centre.craft_en
            changed += ["craft", "craft_en"]
        if maker.portrait_id is None:
            maker.portrait = portrait
            changed.append("portrait")
        if changed:
            maker.save(update_fields=changed)
        self.makers.count(bool(changed))
