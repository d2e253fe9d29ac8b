"""The recognised creative design centres: the sellers of the shop.

A centre is one-to-one with an Oscar ``Partner``; its products are the ones
with a stock record of that partner. Its staff are the partner's users. Facts
about a centre carry their source, so an editor can check them, and a fact we
do not have (most star levels, the current addresses) stays empty and is shown
as unknown.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from sitewide.language import is_english


class StarLevel(models.IntegerChoices):
    """The star level given to a centre by decision 717/QĐ-SCT (3 or 4)."""

    THREE = 3, _("3 stars")
    FOUR = 4, _("4 stars")


UNKNOWN_STAR_LEVEL = "unknown"


def star_level_filter_choices() -> list[tuple[str, str]]:
    """The choices of a star-level filter, unknown included, never guessed."""
    return [(str(value), label) for value, label in StarLevel.choices] + [
        (UNKNOWN_STAR_LEVEL, _("Star level unknown"))
    ]


def localized(obj, field: str) -> str:
    """``field_en`` when the page is in English and it is filled, else ``field``."""
    if is_english():
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)


class DesignCentreQuerySet(models.QuerySet):
    def with_star_level(self, level: str) -> DesignCentreQuerySet:
        """Filter by a star-level key: "3", "4" or "unknown"."""
        if level == UNKNOWN_STAR_LEVEL:
            return self.filter(star_level__isnull=True)
        if level in {str(choice) for choice in StarLevel.values}:
            return self.filter(star_level=int(level))
        return self

    def of_staff(self, user) -> DesignCentreQuerySet:
        """The centres whose staff ``user`` is (usually none or one; none when
        signed out): those whose partner lists the user."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(partner__users=user)


class DesignCentre(models.Model):
    """A village creative design, display and sales centre recognised in 2023."""

    slug = models.SlugField(unique=True)
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="centre",
        help_text=_("The Oscar partner that sells this centre's products."),
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    official_name = models.CharField(
        _("official full name"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty while the full name is not known from a source."),
    )
    village = models.CharField(_("village"), max_length=100)
    craft = models.CharField(_("craft (Vietnamese)"), max_length=200)
    craft_en = models.CharField(_("craft (English)"), max_length=200)
    craft_code = models.SlugField(
        _("craft code"), max_length=40, help_text=_("Groups centres of the same craft.")
    )

    historical_commune = models.CharField(_("commune or ward in 2023"), max_length=100)
    historical_district = models.CharField(_("district in 2023"), max_length=100)
    historical_address_detail = models.CharField(
        _("address detail in 2023"), max_length=200, blank=True
    )
    current_address = models.CharField(
        _("current address"),
        max_length=300,
        blank=True,
        help_text=_(
            "Two-level address since 1 July 2025 (hamlet or street, commune or ward, "
            "Hà Nội). Entered by the centre's staff; empty means not yet known."
        ),
    )

    recognition_decision = models.CharField(
        _("recognition decision"), max_length=50, default="717/QĐ-SCT"
    )
    recognition_date = models.DateField(_("recognition date"), null=True, blank=True)
    star_level = models.PositiveSmallIntegerField(
        _("star level"),
        choices=StarLevel.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty while the level is not known from a source."),
    )
    star_level_source = models.CharField(
        _("source of the star level"), max_length=300, blank=True
    )
    star_level_source_en = models.CharField(
        _("source of the star level (English)"), max_length=300, blank=True
    )

    description = models.TextField(_("short description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("short description (English)"), blank=True)
    visiting_hours = models.CharField(
        _("visiting hours (Vietnamese)"), max_length=200, blank=True
    )
    visiting_hours_en = models.CharField(
        _("visiting hours (English)"), max_length=200, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = DesignCentreQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("design centre")
        verbose_name_plural = _("design centres")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(star_level__isnull=True)
                | models.Q(star_level__in=[3, 4]),
                name="centre_star_level_3_or_4",
            )
        ]

    def save(self, *args, **kwargs):
        """A centre added in the CMS gets its own Oscar partner to sell through
        (the field is read-only there: the partner is never another centre's)."""
        if self.partner_id is None:
            from oscar.core.loading import get_model

            with transaction.atomic():
                self.partner = get_model("partner", "Partner").objects.create(
                    name=self.name
                )
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name

    @property
    def star_level_key(self) -> str:
        """ "3", "4" or "unknown": the value of ``data-star-level`` on its badge."""
        return str(self.star_level) if self.star_level else UNKNOWN_STAR_LEVEL

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def display_craft(self) -> str:
        return localized(self, "craft")

    @property
    def display_star_level_source(self) -> str:
        """The source as a reader names it ("a news report of the recognition"),
        in the page's language; an address in it becomes a link on the page."""
        return localized(self, "star_level_source")

    @property
    def display_description(self) -> str:
        return localized(self, "description")

    @property
    def display_visiting_hours(self) -> str:
        return localized(self, "visiting_hours")

    @property
    def historical_address(self) -> str:
        parts = [
            self.historical_address_detail,
            self.historical_commune,
            self.historical_district,
        ]
        return ", ".join(part for part in parts if part)

    @property
    def has_map_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class MakerQuerySet(models.QuerySet):
    def live(self) -> MakerQuerySet:
        return self.filter(live=True)


class Maker(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """An artisan of a centre. Demo makers are fictional and carry no state title.

    Edited like a page: an editor's change is a draft (a revision) submitted to
    the "Moderators approval" workflow, and the row, which the storefronts,
    stories, catalogue and dashboard read, changes only when a moderator
    publishes it. The row is the live maker only while ``live`` is true: a
    maker never published, or unpublished, holds whatever was last saved, so
    every reader keeps to ``Maker.objects.live()`` (or ``maker__live=True``).
    """

    centre = models.ForeignKey(
        DesignCentre, on_delete=models.CASCADE, related_name="makers"
    )
    name = models.CharField(_("name"), max_length=150)
    craft = models.CharField(_("craft (Vietnamese)"), max_length=200, blank=True)
    craft_en = models.CharField(_("craft (English)"), max_length=200, blank=True)
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state_title = models.CharField(
        _("state title"),
        max_length=200,
        blank=True,
        help_text=_("For example Nghệ nhân Nhân dân; only with a source below."),
    )
    state_title_source = models.CharField(
        _("source of the state title"), max_length=300, blank=True
    )
    biography = models.TextField(_("short biography (Vietnamese)"), blank=True)
    biography_en = models.TextField(_("short biography (English)"), blank=True)
    is_fictional = models.BooleanField(
        _("fictional demo maker"),
        default=False,
        help_text=_("Demo content: a made-up person, shown as such."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="maker")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="maker",
        for_concrete_model=False,
    )

    objects = MakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("maker")
        verbose_name_plural = _("makers")

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def display_biography(self) -> str:
        return localized(self, "biography")

    @property
    def display_craft(self) -> str:
        return localized(self, "craft") or self.centre.display_craft

    @property
    def village(self) -> str:
        return self.centre.village

    def clean(self):
        if self.state_title and not self.state_title_source:
            raise ValidationError(
                {"state_title_source": _("A state title needs its source.")}
            )
        if self.is_fictional and self.state_title:
            raise ValidationError(
                {"state_title": _("A fictional demo maker cannot hold a state title.")}
            )
