"""Editors maintain the centres' facts (star levels, addresses, hours) in Wagtail."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from centres.models import DesignCentre, Maker


class DesignCentreViewSet(SnippetViewSet):
    model = DesignCentre
    icon = "site"
    menu_label = _("Centres")
    list_display = ["name", "village", "star_level", "star_level_source"]
    list_filter = ["star_level", "craft_code"]
    search_fields = ["name", "name_en", "village"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("name_en"),
                FieldPanel("official_name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("village"), FieldPanel("craft_code")]),
                FieldRowPanel([FieldPanel("craft"), FieldPanel("craft_en")]),
            ],
            heading=_("Names and craft"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("recognition_decision"),
                FieldPanel("recognition_date"),
                FieldPanel("star_level"),
                FieldRowPanel(
                    [
                        FieldPanel("star_level_source"),
                        FieldPanel("star_level_source_en"),
                    ]
                ),
            ],
            heading=_("Recognition"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("historical_commune"),
                        FieldPanel("historical_district"),
                    ]
                ),
                FieldPanel("historical_address_detail"),
                FieldPanel("current_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Addresses"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description"),
                FieldPanel("description_en"),
                FieldRowPanel(
                    [FieldPanel("visiting_hours"), FieldPanel("visiting_hours_en")]
                ),
                FieldPanel("phone"),
            ],
            heading=_("Visiting"),
        ),
        FieldPanel("partner", read_only=True),
    ]


class MakerViewSet(SnippetViewSet):
    model = Maker
    icon = "user"
    menu_label = _("Makers")
    list_display = ["name", "centre", "is_fictional"]
    list_filter = ["centre"]
    search_fields = ["name"]


class CentresGroup(SnippetViewSetGroup):
    items = (DesignCentreViewSet, MakerViewSet)
    menu_icon = "site"
    menu_label = _("Centres")
    menu_name = "centres"


register_snippet(CentresGroup)
