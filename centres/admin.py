from django.contrib import admin

from centres.models import DesignCentre, Maker


@admin.register(DesignCentre)
class DesignCentreAdmin(admin.ModelAdmin):
    list_display = ("name", "village", "star_level", "star_level_source")
    list_filter = ("star_level", "craft_code")
    search_fields = ("name", "name_en", "village")


@admin.register(Maker)
class MakerAdmin(admin.ModelAdmin):
    list_display = ("name", "centre", "is_fictional")
    list_filter = ("centre",)
